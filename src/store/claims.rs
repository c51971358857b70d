//! Window claims: which user's console holds each window.

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, params};

/// Who holds a window, since when (RFC 3339 UTC).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Claim {
    pub window: u32,
    pub username: String,
    pub since: String,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Claim> {
    Ok(Claim {
        window: r.get(0)?,
        username: r.get(1)?,
        since: r.get(2)?,
    })
}

/// The claim on `window`, if any.
pub fn of_window(conn: &Connection, window: u32) -> Result<Option<Claim>> {
    let sql = "SELECT window, username, since FROM window_claims WHERE window = ?1";
    Ok(conn.query_row(sql, [window], from_row).optional()?)
}

/// Every claim, by window.
pub fn all(conn: &Connection) -> Result<Vec<Claim>> {
    let sql = "SELECT window, username, since FROM window_claims ORDER BY window";
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Gives `window` to `username` from `since` (replacing any claim).
pub fn set(conn: &Connection, window: u32, username: &str, since: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO window_claims (window, username, since) VALUES (?1, ?2, ?3)
         ON CONFLICT (window) DO UPDATE SET username = excluded.username, since = excluded.since",
        params![window, username, since],
    )?;
    Ok(())
}

/// Drops `username`'s claim on `window`; returns whether there was one.
pub fn remove(conn: &Connection, window: u32, username: &str) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM window_claims WHERE window = ?1 AND username = ?2",
        params![window, username],
    )? > 0)
}
