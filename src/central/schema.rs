//! The central schema's migrations (`ventanilla central migrate`) and the version check every
//! other central command makes first.

use super::explain;
use crate::error::{Error, Result};
use postgres::{Client, GenericClient};

/// The central migrations, in order; version N is the N-th.
const MIGRATIONS: &[&str] = &[include_str!("../../assets/central/0001_central.sql")];

/// The central schema version this build uses.
pub fn latest() -> i32 {
    MIGRATIONS.len() as i32
}

/// The schema version of the central database (0: none yet).
pub fn version(client: &mut impl GenericClient, shown: &str) -> Result<i32> {
    let exists: bool = client
        .query_one("SELECT to_regclass('central_schema') IS NOT NULL", &[])
        .map_err(|e| explain(&e, shown))?
        .get(0);
    if !exists {
        return Ok(0);
    }
    Ok(client
        .query_one("SELECT max(version) FROM central_schema", &[])
        .map_err(|e| explain(&e, shown))?
        .get::<_, Option<i32>>(0)
        .unwrap_or(0))
}

/// Applies the missing migrations, each in its own transaction; returns (from, to). Two
/// migrators at once take turns: the second finds the work done.
pub fn migrate(client: &mut Client, shown: &str) -> Result<(i32, i32)> {
    let from = version(client, shown)?;
    if from > latest() {
        return Err(newer(from));
    }
    loop {
        let mut tx = client.transaction().map_err(|e| explain(&e, shown))?;
        tx.execute("SELECT pg_advisory_xact_lock(20261201)", &[])
            .map_err(|e| explain(&e, shown))?;
        let done = version(&mut tx, shown)?;
        let Some(sql) = MIGRATIONS.get(done as usize) else {
            return Ok((from, latest()));
        };
        tx.batch_execute(sql).map_err(|e| explain(&e, shown))?;
        tx.execute("UPDATE central_schema SET version = $1", &[&(done + 1)])
            .map_err(|e| explain(&e, shown))?;
        tx.commit().map_err(|e| explain(&e, shown))?;
    }
}

/// Refuses a central database whose schema is not this build's.
pub fn check(client: &mut Client, shown: &str) -> Result<()> {
    match version(client, shown)? {
        0 => Err(Error::refused(format!(
            "la base central {shown} no tiene el esquema de ventanilla: ejecute \
             `ventanilla central migrate`"
        ))),
        v if v == latest() => Ok(()),
        v if v > latest() => Err(newer(v)),
        v => Err(Error::refused(format!(
            "el esquema de la base central es la versión {v} y esta versión de ventanilla usa \
             la {}: ejecute `ventanilla central migrate`",
            latest()
        ))),
    }
}

fn newer(v: i32) -> Error {
    Error::refused(format!(
        "el esquema de la base central es la versión {v}, más nueva que la {} de esta versión \
         de ventanilla: actualice ventanilla en esta sede; no se envió nada",
        latest()
    ))
}
