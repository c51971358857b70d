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

/// Records a denied action (an [`Error::Denied`]) in the audit log, in a transaction of its
/// own; other errors are ignored. Never fails the caller: a denial must be reported even if
/// recording it fails.
pub fn denied(
    store: &mut crate::store::Store,
    clock: &dyn crate::clock::Clock,
    err: &crate::error::Error,
) {
    let crate::error::Error::Denied {
        message,
        principal,
        on_behalf,
        what,
    } = err
    else {
        return;
    };
    let mut record = || -> crate::error::Result<()> {
        let tx = store.write()?;
        audit::append(
            &tx,
            &NewEntry {
                at: &stamp(clock.now()),
                actor: principal,
                on_behalf: on_behalf.as_deref(),
                action: "denied",
                object: what,
                detail: message,
            },
        )?;
        tx.commit()
    };
    let _ = record();
}
