//! `ventanilla user ...`.

use super::{Ctx, pin, print_json};
use crate::cli::UserCommand;
use crate::desk::{self, users::NewStaff};
use crate::domain::user::Role;
use crate::error::{Error, Result};

/// Runs a user subcommand.
pub fn run(ctx: &Ctx, cmd: UserCommand) -> Result<()> {
    let mut store = ctx.store()?;
    let clock = ctx.clock.as_ref();
    match cmd {
        UserCommand::Add {
            username,
            name,
            role,
            on_behalf,
        } => {
            let role = Role::parse(&role).ok_or_else(|| {
                Error::refused(format!(
                    "rol «{role}» desconocido: use asesor, supervisor o administrador"
                ))
            })?;
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let new = NewStaff {
                username: &username,
                name: &name,
                role,
                pin: "0000",
            };
            desk::users::validate_identity(&new)?;
            actor.require(Role::Administrador, "crear usuarios")?;
            if desk::users::get(&store, &username).is_ok() {
                return Err(Error::refused(format!("ya existe un usuario «{username}»")));
            }
            let pin = pin::read_new(&username, &ctx.loaded.config)?;
            let cfg = &ctx.loaded.config;
            desk::users::add(
                &mut store,
                clock,
                &actor,
                cfg,
                &NewStaff { pin: &pin, ..new },
            )?;
            crate::say!("Usuario «{username}» creado con rol {role}");
        }
        UserCommand::List { json } => {
            let users = desk::users::list(&store)?;
            if json {
                return print_json(&users);
            }
            crate::say!("{:<16} {:<32} {:<14} ESTADO", "USUARIO", "NOMBRE", "ROL");
            for u in users {
                let state = if u.active { "activo" } else { "desactivado" };
                crate::say!(
                    "{:<16} {:<32} {:<14} {state}",
                    u.username,
                    u.name,
                    u.role.as_str()
                );
            }
        }
        UserCommand::Disable {
            username,
            on_behalf,
        } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            desk::users::disable(&mut store, clock, &actor, &username)?;
            crate::say!("Usuario «{username}» desactivado");
        }
        UserCommand::Pin {
            username,
            on_behalf,
        } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            desk::users::get(&store, &username)?;
            let pin = pin::read_new(&username, &ctx.loaded.config)?;
            let cfg = &ctx.loaded.config;
            desk::users::set_pin(&mut store, clock, &actor, cfg, &username, &pin)?;
            crate::say!("PIN de «{username}» cambiado");
        }
    }
    Ok(())
}
