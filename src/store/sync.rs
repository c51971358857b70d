//! The branch side of the sync with the central PostgreSQL: the outbox the triggers of
//! migration 0016 fill, the records as JSON objects, and the sync's own state (positions, last
//! success, last error) in the settings.

use crate::error::Result;
use rusqlite::{Connection, params, types::ValueRef};
use serde_json::{Map, Value};

/// One line of the outbox: a record of `kind` with `row_id` changed (inserted, updated or
/// deleted) at position `seq`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub seq: i64,
    pub kind: String,
    pub row_id: i64,
}

/// The next lines after `after`, oldest first, at most `limit`.
pub fn pending(conn: &Connection, after: i64, limit: u32) -> Result<Vec<Pending>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, kind, row_id FROM sync_outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![after, limit], |r| {
        Ok(Pending {
            seq: r.get(0)?,
            kind: r.get(1)?,
            row_id: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many lines wait to be sent: the lines after the acknowledged position, which are
/// contiguous (lines are only ever removed up to that position, and a rolled-back insert gives
/// its number back). Two lookups, however long the outbox grew.
pub fn pending_count(conn: &Connection) -> Result<i64> {
    Ok((newest(conn)? - position(conn, ACKED)?).max(0))
}

/// The newest position written to the outbox (0 when it never had a line).
fn newest(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'), 0)",
        [],
        |r| r.get(0),
    )?)
}

/// Forgets the lines up to `seq` (PostgreSQL committed them) and records the position.
pub fn acknowledge(conn: &Connection, seq: i64) -> Result<()> {
    conn.execute("DELETE FROM sync_outbox WHERE seq <= ?1", [seq])?;
    super::settings::set(conn, ACKED, &seq.to_string())
}

/// Queues again every record of `kind` that goes up (`only`: the condition, when not all do),
/// for a central that lost this branch's records.
pub fn requeue(conn: &Connection, kind: &str, only: Option<&str>) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO sync_outbox (kind, row_id) SELECT ?1, id FROM \"{kind}\" WHERE {}
             ORDER BY id",
            only.unwrap_or("1")
        ),
        [kind],
    )?;
    Ok(())
}

/// The records of `kind` with the given ids as JSON objects (column name → value), leaving out
/// the columns in `omit`. Blobs travel as lowercase hex. Ids with no record are absent.
pub fn rows(conn: &Connection, kind: &str, ids: &[i64], omit: &[&str]) -> Result<Vec<Value>> {
    let list = Value::from(ids.to_vec()).to_string();
    let mut stmt = conn.prepare(&format!(
        "SELECT * FROM \"{kind}\" WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id"
    ))?;
    let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
    let mut rows = stmt.query([list])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut obj = Map::new();
        for (i, name) in names.iter().enumerate() {
            if omit.contains(&name.as_str()) {
                continue;
            }
            obj.insert(name.clone(), json_of(r.get_ref(i)?));
        }
        out.push(Value::Object(obj));
    }
    Ok(out)
}

/// The ids of every record of `kind` that goes up (`only`: the condition, when not all do),
/// in order.
pub fn ids(conn: &Connection, kind: &str, only: Option<&str>) -> Result<Vec<i64>> {
    Ok(conn
        .prepare(&format!(
            "SELECT id FROM \"{kind}\" WHERE {} ORDER BY id",
            only.unwrap_or("1")
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Every record of `kind` that goes up, as [`rows`] gives them (for checks and tests).
pub fn all_rows(
    conn: &Connection,
    kind: &str,
    only: Option<&str>,
    omit: &[&str],
) -> Result<Vec<Value>> {
    rows(conn, kind, &ids(conn, kind, only)?, omit)
}

fn json_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::from(b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
    }
}

/// Settings the sync keeps.
pub const ACKED: &str = "sync_acked";
pub const IDENTITY: &str = "sync_identity";
pub const LAST_OK: &str = "sync_last_ok";
pub const LAST_ERROR: &str = "sync_last_error";
pub const LAST_ERROR_AT: &str = "sync_last_error_at";
pub const PULL_MASTER: &str = "sync_pull_master";
pub const PULL_CALENDAR: &str = "sync_pull_calendar";
pub const PULL_DELETIONS: &str = "sync_pull_deletions";
pub const PULL_TERMS: &str = "sync_pull_terms";
pub const AUDIT_PUSHED: &str = "sync_audit_pushed";

/// A numeric setting, 0 when absent or unreadable.
pub fn position(conn: &Connection, key: &str) -> Result<i64> {
    Ok(super::settings::get(conn, key)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

/// What the supervisor and `sync --status` show.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Status {
    /// RFC 3339 UTC of the last round that ended without error.
    pub last_ok: Option<String>,
    /// Records waiting to be sent.
    pub pending: i64,
    /// The last round's error, in Spanish, when the last round failed.
    pub last_error: Option<String>,
    pub last_error_at: Option<String>,
}

/// The sync's state as the branch knows it (no network).
pub fn status(conn: &Connection) -> Result<Status> {
    Ok(Status {
        last_ok: super::settings::get(conn, LAST_OK)?,
        pending: pending_count(conn)?,
        last_error: super::settings::get(conn, LAST_ERROR)?,
        last_error_at: super::settings::get(conn, LAST_ERROR_AT)?,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn pending_is_what_follows_the_acknowledged_position() {
        let store = crate::store::Store::in_memory().unwrap();
        let conn = store.conn();
        let count = |c: &Connection| -> i64 {
            c.query_row("SELECT count(*) FROM sync_outbox", [], |r| r.get(0))
                .unwrap()
        };
        conn.execute_batch(
            "INSERT INTO sync_outbox (kind, row_id) VALUES ('turns', 1), ('turns', 2), ('turns', 3);
             BEGIN; INSERT INTO sync_outbox (kind, row_id) VALUES ('turns', 4); ROLLBACK;",
        )
        .unwrap();
        assert_eq!(pending_count(conn).unwrap(), count(conn));
        acknowledge(conn, 2).unwrap();
        assert_eq!((pending_count(conn).unwrap(), count(conn)), (1, 1));
        conn.execute(
            "INSERT INTO sync_outbox (kind, row_id) VALUES ('turns', 5)",
            [],
        )
        .unwrap();
        assert_eq!((pending_count(conn).unwrap(), count(conn)), (2, 2));
    }
}
