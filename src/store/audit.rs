//! The audit log: append-only rows, written inside the transaction of the write they record.

use crate::error::Result;
use rusqlite::{Connection, params};
use serde::Serialize;

/// One audit record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub on_behalf: Option<String>,
    pub action: String,
    pub object: String,
    pub detail: String,
}

/// A record to append (the id is assigned by the database).
#[derive(Debug, Clone, Copy)]
pub struct NewEntry<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub on_behalf: Option<&'a str>,
    pub action: &'a str,
    pub object: &'a str,
    pub detail: &'a str,
}

/// Appends a record.
pub fn append(conn: &Connection, e: &NewEntry<'_>) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, actor, on_behalf, action, object, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![e.at, e.actor, e.on_behalf, e.action, e.object, e.detail],
    )?;
    Ok(())
}

/// Records at or after `since` (RFC 3339 UTC), oldest first.
pub fn list(conn: &Connection, since: &str) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, on_behalf, action, object, detail FROM audit_log
         WHERE at >= ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([since], |r| {
        Ok(Entry {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            on_behalf: r.get(3)?,
            action: r.get(4)?,
            object: r.get(5)?,
            detail: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
