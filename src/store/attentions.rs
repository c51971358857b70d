//! Attention records (case history).

use crate::domain::attention::Channel;
use crate::error::Result;
use rusqlite::{Connection, Row, params};
use serde::Serialize;

/// A stored attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attention {
    pub id: i64,
    pub customer: Option<i64>,
    pub turn: Option<i64>,
    pub channel: Channel,
    pub service: Option<String>,
    pub level: u8,
    pub opportunity: bool,
    pub opportunity_service: Option<String>,
    pub topic: String,
    pub subtopic: String,
    pub notes: String,
    pub advisor: String,
    pub assigned_to: Option<String>,
    pub started_at: String,
    pub ended_at: Option<String>,
    /// Who called or wrote (phone, chat) when no customer record is bound, or as they said it.
    pub caller: String,
    /// How to reach them back (phone number, e-mail, chat handle).
    pub contact: String,
    /// What the person who closed it did.
    pub result: String,
}

/// Fields of a new attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttention {
    pub customer: Option<i64>,
    pub turn: Option<i64>,
    pub channel: Channel,
    pub service: Option<String>,
    pub level: u8,
    pub opportunity_service: Option<String>,
    pub topic: String,
    pub subtopic: String,
    pub notes: String,
    pub advisor: String,
    pub assigned_to: Option<String>,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub caller: String,
    pub contact: String,
}

const COLUMNS: &str =
    "id, customer, turn, channel, service, level, opportunity, opportunity_service, topic,
    notes, advisor, assigned_to, started_at, ended_at, subtopic, caller, contact, result";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Attention> {
    Ok(Attention {
        id: r.get(0)?,
        customer: r.get(1)?,
        turn: r.get(2)?,
        channel: r.get(3)?,
        service: r.get(4)?,
        level: r.get(5)?,
        opportunity: r.get(6)?,
        opportunity_service: r.get(7)?,
        topic: r.get(8)?,
        notes: r.get(9)?,
        advisor: r.get(10)?,
        assigned_to: r.get(11)?,
        started_at: r.get(12)?,
        ended_at: r.get(13)?,
        subtopic: r.get(14)?,
        caller: r.get(15)?,
        contact: r.get(16)?,
        result: r.get(17)?,
    })
}

/// An attention by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Attention>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM attentions WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// Inserts an attention and returns its id.
pub fn insert(conn: &Connection, a: &NewAttention) -> Result<i64> {
    conn.execute(
        "INSERT INTO attentions (customer, turn, channel, service, level, opportunity, opportunity_service,
             topic, notes, advisor, assigned_to, started_at, ended_at, subtopic, caller, contact)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            a.customer,
            a.turn,
            a.channel,
            a.service,
            a.level,
            a.opportunity_service.is_some(),
            a.opportunity_service,
            a.topic,
            a.notes,
            a.advisor,
            a.assigned_to,
            a.started_at,
            a.ended_at,
            a.subtopic,
            a.caller,
            a.contact
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Attentions open right now per staff member among `staff`.
pub fn open_count(conn: &Connection, staff: &str) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM attentions WHERE assigned_to = ?1 AND ended_at IS NULL",
        [staff],
        |r| r.get(0),
    )?)
}

/// Closes an open attention with what was done.
pub fn close(conn: &Connection, id: i64, at: &str, result: &str) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE attentions SET ended_at = ?2, result = ?3 WHERE id = ?1 AND ended_at IS NULL",
        params![id, at, result],
    )?)
}

/// The open attentions assigned to `staff` (routed to them), oldest first.
pub fn open_assigned(conn: &Connection, staff: &str) -> Result<Vec<Attention>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM attentions WHERE assigned_to = ?1 AND ended_at IS NULL
         ORDER BY started_at, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([staff], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A customer's attentions, newest first.
pub fn of_customer(conn: &Connection, customer: i64, limit: u32) -> Result<Vec<Attention>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM attentions WHERE customer = ?1 ORDER BY started_at DESC, id DESC LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![customer, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Attentions started in [from, to) (RFC 3339 UTC bounds), oldest first.
pub fn between(conn: &Connection, from: &str, to: &str) -> Result<Vec<Attention>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM attentions WHERE started_at >= ?1 AND started_at < ?2 ORDER BY started_at, id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![from, to], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The latest turn `advisor` finished at `window` on `day` that has no attention record yet:
/// (turn id, label).
pub fn pending_record(
    conn: &Connection,
    window: u32,
    advisor: &str,
    day: &str,
) -> Result<Option<(i64, String)>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT t.id, t.label FROM turns t
             WHERE t.day = ?1 AND t.window = ?2 AND t.advisor = ?3 AND t.status = 'finished'
               AND NOT EXISTS (SELECT 1 FROM attentions a WHERE a.turn = t.id)
             ORDER BY t.finished_at DESC, t.id DESC LIMIT 1",
            params![day, window, advisor],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// How many attention records a turn has (one per procedure of the visit).
pub fn count_of_turn(conn: &Connection, turn: i64) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM attentions WHERE turn = ?1",
        [turn],
        |r| r.get(0),
    )?)
}
