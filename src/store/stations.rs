//! Stations (devices reaching the branch server over OpenSSH).

use crate::domain::station::Mode;
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// A registered station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Station {
    pub name: String,
    pub mode: Mode,
    pub window: Option<u32>,
    pub public_key: String,
    pub added_at: String,
    pub added_by: String,
}

const COLUMNS: &str = "name, mode, window, public_key, added_at, added_by";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Station> {
    let mode: String = r.get(1)?;
    Ok(Station {
        name: r.get(0)?,
        mode: Mode::from_code(&mode).unwrap_or(Mode::Display),
        window: r.get(2)?,
        public_key: r.get(3)?,
        added_at: r.get(4)?,
        added_by: r.get(5)?,
    })
}

/// Every station, by name.
pub fn all(conn: &Connection) -> Result<Vec<Station>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM stations ORDER BY name"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A station by name.
pub fn get(conn: &Connection, name: &str) -> Result<Option<Station>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM stations WHERE name = ?1"),
            [name],
            from_row,
        )
        .optional()?)
}

/// The station holding `key` (compared on its type and data, not its comment).
pub fn by_key(conn: &Connection, key: &str) -> Result<Option<Station>> {
    let wanted = key_material(key);
    Ok(all(conn)?
        .into_iter()
        .find(|s| key_material(&s.public_key) == wanted))
}

/// "ssh-ed25519 AAAA…" without the comment.
pub fn key_material(key: &str) -> String {
    key.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
}

/// Adds a station.
pub fn insert(conn: &Connection, s: &Station) -> Result<()> {
    conn.execute(
        "INSERT INTO stations (name, mode, window, public_key, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            s.name,
            s.mode.code(),
            s.window,
            s.public_key,
            s.added_at,
            s.added_by
        ],
    )?;
    Ok(())
}

/// Replaces a station's key; how many rows changed.
pub fn set_key(conn: &Connection, name: &str, key: &str) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE stations SET public_key = ?2 WHERE name = ?1",
        params![name, key],
    )?)
}

/// Removes a station; how many rows went.
pub fn remove(conn: &Connection, name: &str) -> Result<usize> {
    Ok(conn.execute("DELETE FROM stations WHERE name = ?1", [name])?)
}
