//! Advisor state changes (append-only).

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, params};

/// A stored change: (username, state code, reason, at).
pub type Row = (String, String, String, String);

/// Appends a change of state.
pub fn append(
    conn: &Connection,
    username: &str,
    window: Option<u32>,
    state: &str,
    reason: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO advisor_states (username, window, state, reason, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![username, window, state, reason, at],
    )?;
    Ok(())
}

/// The changes in [from, to), by user and time.
pub fn between(conn: &Connection, from: &str, to: &str) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(
        "SELECT username, state, reason, at FROM advisor_states WHERE at >= ?1 AND at < ?2
         ORDER BY username, at, id",
    )?;
    let rows = stmt.query_map([from, to], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The latest change of `username` since `from`: (state code, reason).
pub fn latest(conn: &Connection, username: &str, from: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT state, reason FROM advisor_states WHERE username = ?1 AND at >= ?2
             ORDER BY at DESC, id DESC LIMIT 1",
            params![username, from],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The latest change of `username` since `from`: (state code, reason, at).
pub fn latest_at(
    conn: &Connection,
    username: &str,
    from: &str,
) -> Result<Option<(String, String, String)>> {
    Ok(conn
        .query_row(
            "SELECT state, reason, at FROM advisor_states WHERE username = ?1 AND at >= ?2
             ORDER BY at DESC, id DESC LIMIT 1",
            params![username, from],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// Seconds each advisor spent attending turns of `day` (start to finish).
pub fn attention_seconds(conn: &Connection, day: &str) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT advisor, CAST(sum((julianday(finished_at) - julianday(started_at)) * 86400) AS INTEGER)
         FROM turns WHERE day = ?1 AND advisor IS NOT NULL AND started_at IS NOT NULL
           AND finished_at IS NOT NULL
         GROUP BY advisor",
    )?;
    let rows = stmt.query_map([day], |r| {
        Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
