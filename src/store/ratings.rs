//! Satisfaction ratings.

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

/// A stored rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rating {
    pub id: i64,
    pub turn: Option<String>,
    pub attention: Option<i64>,
    pub kind: String,
    pub window: Option<u32>,
    pub advisor: String,
    pub service: Option<String>,
    /// 1–5; none: the customer did not rate.
    pub score: Option<u8>,
    pub comment: String,
    pub at: String,
    pub by: String,
}

/// A rating to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRating<'a> {
    pub turn: Option<i64>,
    pub attention: Option<i64>,
    pub kind: &'a str,
    pub window: Option<u32>,
    pub advisor: &'a str,
    pub service: Option<&'a str>,
    pub score: Option<u8>,
    pub comment: &'a str,
    pub at: &'a str,
    pub by: &'a str,
}

const SELECT: &str = "SELECT r.id, t.label, r.attention, r.kind, r.window, r.advisor, r.service,
    r.score, r.comment, r.at, r.by FROM ratings r LEFT JOIN turns t ON t.id = r.turn";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Rating> {
    Ok(Rating {
        id: r.get(0)?,
        turn: r.get(1)?,
        attention: r.get(2)?,
        kind: r.get(3)?,
        window: r.get(4)?,
        advisor: r.get(5)?,
        service: r.get(6)?,
        score: r.get(7)?,
        comment: r.get(8)?,
        at: r.get(9)?,
        by: r.get(10)?,
    })
}

/// Stores a rating; returns its id.
pub fn insert(conn: &Connection, n: &NewRating<'_>) -> Result<i64> {
    conn.execute(
        "INSERT INTO ratings (turn, attention, kind, window, advisor, service, score, comment, at, by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            n.turn,
            n.attention,
            n.kind,
            n.window,
            n.advisor,
            n.service,
            n.score,
            n.comment,
            n.at,
            n.by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The rating of a turn, if any.
pub fn of_turn(conn: &Connection, turn: i64) -> Result<Option<Rating>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE r.turn = ?1"), [turn], from_row)
        .optional()?)
}

/// The rating of an attention, if any.
pub fn of_attention(conn: &Connection, attention: i64) -> Result<Option<Rating>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE r.attention = ?1"),
            [attention],
            from_row,
        )
        .optional()?)
}

/// A rating by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Rating>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE r.id = ?1"), [id], from_row)
        .optional()?)
}

/// Ratings recorded in `[from, to)` (RFC 3339 UTC), oldest first.
pub fn between(conn: &Connection, from: &str, to: &str) -> Result<Vec<Rating>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE r.at >= ?1 AND r.at < ?2 ORDER BY r.at, r.id"
    ))?;
    let rows = stmt.query_map([from, to], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The latest turn finished at `window` on `day` at or after `since` with no rating yet:
/// (turn id, label, finished_at, advisor).
pub fn awaiting(
    conn: &Connection,
    day: &str,
    window: u32,
    since: &str,
) -> Result<Option<(i64, String, String, String)>> {
    Ok(conn
        .query_row(
            "SELECT t.id, t.label, t.finished_at, t.advisor FROM turns t
             WHERE t.day = ?1 AND t.window = ?2 AND t.status = 'finished'
               AND t.finished_at >= ?3
               AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.turn = t.id)
               -- once the window calls someone else, the customer who left is not asked
               AND NOT EXISTS (SELECT 1 FROM turns n WHERE n.day = ?1 AND n.window = ?2
                                 AND n.id <> t.id AND n.called_at > t.finished_at)
             ORDER BY t.finished_at DESC, t.id DESC LIMIT 1",
            params![day, window, since],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?)
}

/// The ratings of a customer's turns (by document) and attentions, newest first.
pub fn of_customer(
    conn: &Connection,
    customer: i64,
    doc_type: &str,
    doc_number: &str,
    limit: u32,
) -> Result<Vec<Rating>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} LEFT JOIN attentions a ON a.id = r.attention
         WHERE (t.doc_type = ?2 AND t.doc_number = ?3) OR a.customer = ?1
         ORDER BY r.at DESC LIMIT ?4"
    ))?;
    let rows = stmt.query_map(params![customer, doc_type, doc_number, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
