//! Finished days' turns written whole (the demo's history).

use crate::domain::turn::Status;
use crate::error::Result;
use rusqlite::{Connection, params};

/// A finished day's turn written whole (the demo's history).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastTurn<'a> {
    pub day: &'a str,
    pub service: &'a str,
    pub seq: u32,
    pub status: Status,
    pub preferential: Option<crate::domain::turn::PreferentialReason>,
    pub issued_at: &'a str,
    pub called_at: Option<&'a str>,
    pub started_at: Option<&'a str>,
    pub finished_at: Option<&'a str>,
    pub window: Option<u32>,
    pub advisor: Option<&'a str>,
}

/// Writes a past turn; returns its id.
pub fn insert_past(conn: &Connection, t: &PastTurn<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO turns (day, service, label, issuing_service, seq, status, preferential,
             granted_by, issued_at, queued_at, called_at, started_at, finished_at, window, advisor)
         VALUES (?1, ?2, ?3, ?2, ?4, ?5, ?6, CASE WHEN ?6 IS NULL THEN NULL ELSE 'autodeclarado' END,
             ?7, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        t.day,
        t.service,
        format!("{}-{:03}", t.service, t.seq),
        t.seq,
        t.status.as_str(),
        t.preferential,
        t.issued_at,
        t.called_at,
        t.started_at,
        t.finished_at,
        t.window,
        t.advisor,
    ])?;
    Ok(conn.last_insert_rowid())
}
