//! Attached files: metadata and contents (a BLOB) in one table.

use crate::domain::attachment::Owner;
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

/// An attachment's metadata (its bytes are read only to export it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub id: i64,
    pub owner: Owner,
    #[serde(skip)]
    pub owner_id: i64,
    pub name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub at: String,
    pub by: String,
}

/// A new attachment.
pub struct New<'a> {
    pub owner: Owner,
    pub owner_id: i64,
    pub name: &'a str,
    pub media_type: &'a str,
    pub sha256: &'a str,
    pub data: &'a [u8],
    pub at: &'a str,
    pub by: &'a str,
}

const SELECT: &str =
    "SELECT id, owner_kind, owner_id, name, media_type, size, sha256, at, by FROM attachments";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: r.get(0)?,
        owner: r.get(1)?,
        owner_id: r.get(2)?,
        name: r.get(3)?,
        media_type: r.get(4)?,
        size: r.get(5)?,
        sha256: r.get(6)?,
        at: r.get(7)?,
        by: r.get(8)?,
    })
}

/// Stores a file; returns its id.
pub fn insert(conn: &Connection, a: &New<'_>) -> Result<i64> {
    conn.execute(
        "INSERT INTO attachments (owner_kind, owner_id, name, media_type, size, sha256, data,
             at, by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            a.owner,
            a.owner_id,
            a.name,
            a.media_type,
            a.data.len() as i64,
            a.sha256,
            a.data,
            a.at,
            a.by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The attachments of one record, oldest first.
pub fn of(conn: &Connection, owner: Owner, owner_id: i64) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![owner, owner_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One attachment with its bytes.
pub fn with_data(conn: &Connection, id: i64) -> Result<Option<(Attachment, Vec<u8>)>> {
    let data: Option<Vec<u8>> = conn
        .query_row("SELECT data FROM attachments WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(data) = data else {
        return Ok(None);
    };
    let meta = conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)?;
    Ok(Some((meta, data)))
}
