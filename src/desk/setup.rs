//! First-run setup: the branch identity, the seeded catalogue and the first administrator.

use super::users::{NewStaff, insert};
use super::{Actor, audit};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::{branch, user::Role};
use crate::error::{Error, Result};
use crate::store::{Store, catalog, settings, users};
use rusqlite::Connection;

/// What the person gives at first run (`ventanilla init` or the setup screen).
#[derive(Debug, Clone)]
pub struct Init<'a> {
    pub branch_name: &'a str,
    pub branch_code: &'a str,
    pub admin: NewStaff<'a>,
}

/// The branch identity stored in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchInfo {
    pub name: String,
    pub code: String,
    pub demo: bool,
}

/// Validates the branch fields, naming the field.
pub fn validate_branch(name: &str, code: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Error::refused("el nombre de la sede no puede estar vacío"));
    }
    if !branch::valid_code(code) {
        return Err(Error::refused(format!(
            "código de sede «{code}» inválido: use de 2 a 8 letras mayúsculas o dígitos"
        )));
    }
    Ok(())
}

/// Initialises an empty database: refuses if any user exists already.
pub fn init(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    cfg: &Config,
    req: &Init<'_>,
) -> Result<()> {
    validate_branch(req.branch_name, req.branch_code)?;
    if req.admin.role != Role::Administrador {
        return Err(Error::refused("el primer usuario debe ser administrador"));
    }
    let now = clock.now();
    let tx = store.write()?;
    if users::count(&tx)? > 0 {
        return Err(Error::refused(
            "la base de datos ya está inicializada (ya tiene usuarios)",
        ));
    }
    settings::set(&tx, "branch_name", req.branch_name.trim())?;
    settings::set(&tx, "branch_code", req.branch_code)?;
    settings::set(&tx, "created_at", &super::stamp(now))?;
    seed_catalog(&tx, cfg)?;
    let detail = format!("sede {} ({})", req.branch_name.trim(), req.branch_code);
    audit::record(&tx, now, actor, "branch.init", "branch", &detail)?;
    insert(&tx, now, actor, cfg, &req.admin)?;
    tx.commit()?;
    Ok(())
}

/// Seeds services and windows from the configuration when the catalogue is empty.
pub fn seed_catalog(conn: &Connection, cfg: &Config) -> Result<()> {
    if !catalog::services(conn)?.is_empty() {
        return Ok(());
    }
    for s in &cfg.services {
        catalog::insert_service(conn, &s.code, &s.name)?;
    }
    for w in &cfg.windows {
        catalog::insert_window(conn, w.number)?;
        catalog::set_window_services(conn, w.number, &w.services)?;
    }
    Ok(())
}

/// The branch identity; `None` before first-run setup.
pub fn branch_info(store: &Store) -> Result<Option<BranchInfo>> {
    let conn = store.conn();
    let (Some(name), Some(code)) = (
        settings::get(conn, "branch_name")?,
        settings::get(conn, "branch_code")?,
    ) else {
        return Ok(None);
    };
    let demo = settings::get(conn, "demo")?.as_deref() == Some("1");
    Ok(Some(BranchInfo { name, code, demo }))
}

/// Whether the database still needs first-run setup (no users yet).
pub fn needs_setup(store: &Store) -> Result<bool> {
    Ok(users::count(store.conn())? == 0)
}
