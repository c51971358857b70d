//! Consistent copies of the database and checks of a database file.

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::Path;

/// Writes a consistent copy of the database behind `conn` to `dest` (a new file, owner-only),
/// while other processes keep writing: `VACUUM INTO` reads one snapshot.
pub fn copy_to(conn: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(Error::refused(format!(
            "{} ya existe: no se sobrescribe una copia",
            dest.display()
        )));
    }
    super::create_private_file(dest)?;
    let target = dest
        .to_str()
        .ok_or_else(|| Error::Usage(format!("ruta no válida: {}", dest.display())))?;
    if let Err(e) = conn.execute("VACUUM INTO ?1", [target]) {
        let _ = std::fs::remove_file(dest);
        return Err(e.into());
    }
    Ok(())
}

/// What checking a database file found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Health {
    /// `PRAGMA integrity_check` lines ("ok" when sound).
    pub integrity: Vec<String>,
    /// Rows whose foreign keys point nowhere.
    pub foreign_key_problems: usize,
    pub schema_version: i64,
    /// Audit records checked, and the first broken one with why.
    pub audit_records: usize,
    pub audit_broken_at: Option<(i64, String)>,
    /// Everything found wrong with the audit log, one Spanish sentence each: its shape (missing
    /// table or seals), the broken record, and (for the live database) the schema version and
    /// the anchors outside the file.
    pub audit_problems: Vec<String>,
    /// The audit log's last record id (0 when empty).
    #[serde(skip)]
    pub audit_last: i64,
    /// The branch the file belongs to, if it has one.
    pub branch: Option<String>,
    /// That branch's code.
    pub branch_code: Option<String>,
    /// Copies beside the live database that still hold people deleted since (filled by
    /// `desk::backup::check_all`; not a fault of this file).
    pub copies_with_deleted: Vec<(String, usize)>,
    /// A deletion's cleanup still waits for a reader to finish (live database only).
    pub cleanup_pending: bool,
}

impl Health {
    /// Whether nothing is wrong.
    pub fn sound(&self) -> bool {
        self.integrity == ["ok"]
            && self.foreign_key_problems == 0
            && self.audit_broken_at.is_none()
            && self.audit_problems.is_empty()
    }
}

/// The schema version that added the audit chain (`0009_audit_chain`).
pub const CHAIN_SCHEMA: i64 = 9;

/// Checks the database behind `conn`.
pub fn health(conn: &Connection) -> Result<Health> {
    let integrity: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    let foreign_key_problems = {
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        stmt.query_map([], |_| Ok(()))?.count()
    };
    let schema_version = super::migrate::version(conn)?;
    let (has_audit, has_seals) = super::audit::shape(conn)?;
    // a copy from before the chain (schema 8 or older) has no seals yet: its upgrade seals it
    let v = if has_seals || schema_version >= CHAIN_SCHEMA || !has_audit {
        super::audit::verify(conn)?
    } else {
        super::audit::Verdict {
            records: 0,
            broken_at: None,
            structure: None,
            last: 0,
        }
    };
    let branch = super::settings::get(conn, "branch_name").unwrap_or(None);
    let branch_code = super::settings::get(conn, "branch_code").unwrap_or(None);
    Ok(Health {
        integrity,
        foreign_key_problems,
        schema_version,
        audit_records: v.records,
        audit_problems: v.problem().into_iter().collect(),
        audit_broken_at: v.broken_at,
        audit_last: v.last,
        branch,
        branch_code,
        copies_with_deleted: Vec::new(),
        cleanup_pending: false,
    })
}

/// Opens a database file read-only (refusing what is not SQLite) and checks it.
pub fn health_of_file(path: &Path) -> Result<(Connection, Health)> {
    super::check_header(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Error::Database(format!("{}: {e}", path.display())))?;
    let h = health(&conn).map_err(|e| {
        Error::Database(format!(
            "{} no es una base de datos válida: {e}",
            path.display()
        ))
    })?;
    Ok((conn, h))
}
