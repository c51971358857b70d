//! Writing and reading the audit log.

use super::{Actor, stamp};
use crate::error::Result;
use crate::store::audit::{self, Entry, NewEntry};
use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// Appends one record for `actor` (inside the caller's transaction).
pub fn record(
    conn: &Connection,
    at: DateTime<Utc>,
    actor: &Actor,
    action: &str,
    object: &str,
    detail: &str,
) -> Result<()> {
    audit::append(
        conn,
        &NewEntry {
            at: &stamp(at),
            actor: &actor.principal,
            on_behalf: actor.on_behalf.as_deref(),
            action,
            object,
            detail,
        },
    )
}

/// Records since `since` (any instant; the whole log when `None`).
pub fn list(conn: &Connection, since: Option<DateTime<Utc>>) -> Result<Vec<Entry>> {
    let since = since.map(stamp).unwrap_or_default();
    audit::list(conn, &since)
}
