//! `ventanilla init`.

use super::{Ctx, pin};
use crate::cli::InitArgs;
use crate::desk::{self, Actor, setup::Init, users::NewStaff};
use crate::domain::{branch, user::Role};
use crate::error::{Error, Result};
use crate::store::Store;

/// Creates the database and the first administrator.
pub fn run(ctx: &Ctx, args: &InitArgs) -> Result<()> {
    let code = args
        .code
        .clone()
        .unwrap_or_else(|| branch::suggest_code(&args.branch));
    desk::setup::validate_branch(&args.branch, &code)?;
    desk::users::validate_identity(&NewStaff {
        username: &args.admin,
        name: &args.admin_name,
        role: Role::Administrador,
        pin: "0000",
    })?;
    let path = ctx.db_path()?;
    if path.exists() {
        // an existing (empty) file keeps no wider mode, nor do the files SQLite adds beside it
        crate::files::make_private(&path)?;
        let store = Store::open(&path)?;
        if !desk::setup::needs_setup(&store)? {
            return Err(Error::refused(format!(
                "{} ya está inicializada",
                path.display()
            )));
        }
    }
    let pin = pin::read_new(&args.admin, &ctx.loaded.config)?;
    let (mut store, _) = Store::open_or_create(&path)?;
    let req = Init {
        branch_name: &args.branch,
        branch_code: &code,
        admin: NewStaff {
            username: &args.admin,
            name: &args.admin_name,
            role: Role::Administrador,
            pin: &pin,
        },
    };
    desk::setup::init(
        &mut store,
        ctx.clock.as_ref(),
        &Actor::cli(None),
        &ctx.loaded.config,
        &req,
    )?;
    crate::say!(
        "Sede «{}» ({code}) creada en {}",
        args.branch.trim(),
        path.display()
    );
    crate::say!("Administrador: {}", args.admin);
    Ok(())
}
