//! Staff users.

use crate::domain::user::Role;
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

/// A staff user as stored (the PIN hash stays in the store layer's callers only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub username: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    #[serde(skip)]
    pub pin_hash: String,
    #[serde(skip)]
    pub failed_attempts: u32,
    #[serde(skip)]
    pub locked_until: Option<String>,
    pub created_at: String,
}

const COLUMNS: &str =
    "username, name, role, active, pin_hash, failed_attempts, locked_until, created_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<User> {
    let role: String = r.get(2)?;
    Ok(User {
        username: r.get(0)?,
        name: r.get(1)?,
        role: Role::parse(&role).unwrap_or(Role::Asesor),
        active: r.get(3)?,
        pin_hash: r.get(4)?,
        failed_attempts: r.get(5)?,
        locked_until: r.get(6)?,
        created_at: r.get(7)?,
    })
}

/// Number of users (active or not).
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?)
}

/// Finds a user by username.
pub fn find(conn: &Connection, username: &str) -> Result<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE username = ?1");
    Ok(conn.query_row(&sql, [username], from_row).optional()?)
}

/// All users, by username.
pub fn list(conn: &Connection) -> Result<Vec<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users ORDER BY username");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Fields of a new user.
#[derive(Debug, Clone, Copy)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub pin_hash: &'a str,
    pub at: &'a str,
    pub by: &'a str,
}

/// Inserts a user.
pub fn insert(conn: &Connection, u: &NewUser<'_>) -> Result<()> {
    conn.execute(
        "INSERT INTO users (username, name, role, pin_hash, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![u.username, u.name, u.role.as_str(), u.pin_hash, u.at, u.by],
    )?;
    Ok(())
}

/// Marks a user inactive.
pub fn set_active(conn: &Connection, username: &str, active: bool) -> Result<()> {
    conn.execute(
        "UPDATE users SET active = ?2 WHERE username = ?1",
        params![username, active],
    )?;
    Ok(())
}

/// Replaces a user's PIN hash and clears the failure count.
pub fn set_pin_hash(conn: &Connection, username: &str, hash: &str) -> Result<()> {
    conn.execute(
        "UPDATE users SET pin_hash = ?2, failed_attempts = 0, locked_until = NULL
         WHERE username = ?1",
        params![username, hash],
    )?;
    Ok(())
}

/// Records the outcome of a login attempt: the new failure count and wait.
pub fn set_attempts(
    conn: &Connection,
    username: &str,
    failed: u32,
    locked_until: Option<&str>,
) -> Result<()> {
    conn.execute(
        "UPDATE users SET failed_attempts = ?2, locked_until = ?3 WHERE username = ?1",
        params![username, failed, locked_until],
    )?;
    Ok(())
}
