//! Turns and their events.

use crate::domain::turn::Status;
use crate::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

mod past;
mod queue;

pub use past::{PastTurn, insert_past};
pub use queue::{
    ahead_of, preferential_streak, queue_heads, reserve_for, reserved_for, waiting_counts,
    waiting_for_window, waiting_in,
};

/// A turn as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Turn {
    pub id: i64,
    pub day: String,
    pub service: String,
    pub label: String,
    pub manual: bool,
    pub preferential: Option<crate::domain::turn::PreferentialReason>,
    pub granted_by: Option<String>,
    pub doc_type: Option<String>,
    pub doc_number: Option<String>,
    pub status: Status,
    pub issued_at: String,
    pub queued_at: String,
    pub called_at: Option<String>,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub window: Option<u32>,
    pub advisor: Option<String>,
    pub recalls: u32,
    pub note: Option<String>,
    /// Transferred to this window alone (it calls the turn first; no other window does).
    pub for_window: Option<u32>,
}

const COLUMNS: &str = "id, day, service, label, manual, preferential, granted_by, doc_type, doc_number,
    status, issued_at, queued_at, called_at, started_at, finished_at, window, advisor, recalls, note,
    for_window";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Turn> {
    let status: String = r.get(9)?;
    Ok(Turn {
        id: r.get(0)?,
        day: r.get(1)?,
        service: r.get(2)?,
        label: r.get(3)?,
        manual: r.get(4)?,
        preferential: r.get(5)?,
        granted_by: r.get(6)?,
        doc_type: r.get(7)?,
        doc_number: r.get(8)?,
        status: Status::parse(&status).unwrap_or(Status::Waiting),
        issued_at: r.get(10)?,
        queued_at: r.get(11)?,
        called_at: r.get(12)?,
        started_at: r.get(13)?,
        finished_at: r.get(14)?,
        window: r.get(15)?,
        advisor: r.get(16)?,
        recalls: r.get(17)?,
        note: r.get(18)?,
        for_window: r.get(19)?,
    })
}

/// Fields of a new turn.
#[derive(Debug, Clone)]
pub struct NewTurn<'a> {
    pub day: &'a str,
    pub service: &'a str,
    pub label: &'a str,
    pub issuing_service: &'a str,
    pub seq: Option<u32>,
    pub manual: bool,
    pub preferential: Option<crate::domain::turn::PreferentialReason>,
    pub granted_by: Option<&'a str>,
    pub doc_type: Option<&'a str>,
    pub doc_number: Option<&'a str>,
    pub status: Status,
    pub issued_at: &'a str,
    pub queued_at: &'a str,
    pub note: Option<&'a str>,
    pub origin: Option<i64>,
}

/// The next number of `service` on `day` (digital or manual namespace).
pub fn next_seq(conn: &Connection, day: &str, service: &str, manual: bool) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM turns WHERE day = ?1 AND issuing_service = ?2 AND manual = ?3",
        params![day, service, manual],
        |r| r.get(0),
    )?)
}

/// Whether a manual number was already used for `service` on `day`.
pub fn manual_exists(conn: &Connection, day: &str, service: &str, number: u32) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM turns WHERE day = ?1 AND issuing_service = ?2 AND manual = 1 AND seq = ?3",
            params![day, service, number],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Inserts a turn and returns its id.
pub fn insert(conn: &Connection, t: &NewTurn<'_>) -> Result<i64> {
    conn.execute(
        "INSERT INTO turns (day, service, label, issuing_service, seq, manual, preferential, granted_by,
             doc_type, doc_number, status, issued_at, queued_at, note, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            t.day,
            t.service,
            t.label,
            t.issuing_service,
            t.seq,
            t.manual,
            t.preferential,
            t.granted_by,
            t.doc_type,
            t.doc_number,
            t.status.as_str(),
            t.issued_at,
            t.queued_at,
            t.note,
            t.origin
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Appends an event.
pub fn add_event(
    conn: &Connection,
    turn: i64,
    at: &str,
    kind: &str,
    window: Option<u32>,
    actor: &str,
    detail: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO turn_events (turn, at, kind, window, actor, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![turn, at, kind, window, actor, detail],
    )?;
    Ok(())
}

/// One turn by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Turn>> {
    let sql = format!("SELECT {COLUMNS} FROM turns WHERE id = ?1");
    Ok(conn.query_row(&sql, [id], from_row).optional()?)
}

/// The live turn with `label` on `day` (the latest, when a transfer copied the label).
pub fn by_label(conn: &Connection, day: &str, label: &str) -> Result<Option<Turn>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM turns WHERE day = ?1 AND label = ?2 ORDER BY id DESC LIMIT 1"
    );
    Ok(conn
        .query_row(&sql, params![day, label], from_row)
        .optional()?)
}

/// The turn a window is busy with (called or in attention), if any. A parked turn leaves the
/// window free to call others.
pub fn busy_at_window(conn: &Connection, window: u32) -> Result<Option<Turn>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM turns WHERE window = ?1 AND status IN ('called', 'in_attention')
         ORDER BY id DESC LIMIT 1"
    );
    Ok(conn.query_row(&sql, [window], from_row).optional()?)
}

/// Puts a no-show back in the queue: waiting again at its place (issue time kept).
pub fn requeue(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "UPDATE turns SET status = 'waiting', finished_at = NULL WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// When the window last ended a turn (finished, transferred, no-show, cancelled) on a day.
pub fn last_end_at(conn: &Connection, window: u32, day: &str) -> Result<Option<String>> {
    Ok(conn.query_row(
        "SELECT max(finished_at) FROM turns WHERE window = ?1 AND day = ?2",
        params![window, day],
        |r| r.get(0),
    )?)
}

/// The latest no-show at a window on a day, if any.
pub fn last_no_show(conn: &Connection, window: u32, day: &str) -> Result<Option<Turn>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM turns WHERE window = ?1 AND day = ?2 AND status = 'no_show'
         ORDER BY finished_at DESC, id DESC LIMIT 1"
    );
    Ok(conn
        .query_row(&sql, params![window, day], from_row)
        .optional()?)
}

/// The turns parked at a window (resumable there), oldest first.
pub fn parked_at_window(conn: &Connection, window: u32) -> Result<Vec<Turn>> {
    let sql =
        format!("SELECT {COLUMNS} FROM turns WHERE window = ?1 AND status = 'parked' ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([window], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// When a parked turn was parked (its latest park event).
pub fn parked_since(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn.query_row(
        "SELECT max(at) FROM turn_events WHERE turn = ?1 AND kind = 'park'",
        [id],
        |r| r.get(0),
    )?)
}

/// Marks a turn called at `window` by `advisor`.
pub fn mark_called(conn: &Connection, id: i64, at: &str, window: u32, advisor: &str) -> Result<()> {
    conn.execute(
        "UPDATE turns SET status = 'called', called_at = ?2, window = ?3, advisor = ?4 WHERE id = ?1",
        params![id, at, window, advisor],
    )?;
    Ok(())
}

/// Which instant column a status change stamps.
#[derive(Debug, Clone, Copy)]
pub enum Stamp {
    None,
    Started,
    Finished,
}

/// Changes a turn's status, stamping the instant where it applies.
pub fn set_status(
    conn: &Connection,
    id: i64,
    status: Status,
    stamp: Stamp,
    at: &str,
) -> Result<()> {
    match stamp {
        Stamp::None => conn.execute(
            "UPDATE turns SET status = ?2 WHERE id = ?1",
            params![id, status.as_str()],
        )?,
        Stamp::Started => conn.execute(
            "UPDATE turns SET status = ?2, started_at = coalesce(started_at, ?3) WHERE id = ?1",
            params![id, status.as_str(), at],
        )?,
        Stamp::Finished => conn.execute(
            "UPDATE turns SET status = ?2, finished_at = ?3 WHERE id = ?1",
            params![id, status.as_str(), at],
        )?,
    };
    Ok(())
}

/// Adds one recall to a called turn.
pub fn add_recall(conn: &Connection, id: i64, at: &str) -> Result<u32> {
    conn.execute(
        "UPDATE turns SET recalls = recalls + 1, called_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(
        conn.query_row("SELECT recalls FROM turns WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}

/// Turns of `day`, optionally filtered, in issue order.
pub fn list(
    conn: &Connection,
    day: &str,
    status: Option<Status>,
    service: Option<&str>,
) -> Result<Vec<Turn>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM turns WHERE day = ?1 AND (?2 IS NULL OR status = ?2)
         AND (?3 IS NULL OR service = ?3) ORDER BY issued_at, id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![day, status.map(Status::as_str), service], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Writes the customer's document on a turn (identified at the window).
pub fn set_document(conn: &Connection, id: i64, kind: &str, number: &str) -> Result<()> {
    conn.execute(
        "UPDATE turns SET doc_type = ?2, doc_number = ?3 WHERE id = ?1",
        params![id, kind, number],
    )?;
    Ok(())
}

/// Average minutes of finished attentions of `service` on `day`, if any.
pub fn average_service_minutes(conn: &Connection, day: &str, service: &str) -> Result<Option<f64>> {
    Ok(conn.query_row(
        "SELECT avg((julianday(finished_at) - julianday(started_at)) * 1440.0) FROM turns
         WHERE day = ?1 AND service = ?2 AND status = 'finished' AND started_at IS NOT NULL",
        params![day, service],
        |r| r.get(0),
    )?)
}

/// Open turns of days before `day`.
pub fn open_before(conn: &Connection, day: &str) -> Result<Vec<Turn>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM turns WHERE day < ?1
         AND status IN ('waiting', 'called', 'in_attention', 'parked') ORDER BY id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([day], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Turns taken with a customer's document, newest first.
pub fn of_document(
    conn: &Connection,
    doc_type: &str,
    number: &str,
    limit: u32,
) -> Result<Vec<Turn>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM turns WHERE doc_type = ?1 AND doc_number = ?2 AND seq IS NOT NULL
         ORDER BY issued_at DESC, id DESC LIMIT ?3"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![doc_type, number, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A call shown on the waiting-room display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Call {
    pub event: i64,
    pub label: String,
    pub window: u32,
    pub at: String,
    pub service: String,
}

/// The latest calls, newest first: each turn once (at its latest call or recall), and not the
/// turns that were then cancelled or did not show up.
pub fn recent_calls(conn: &Connection, limit: u32) -> Result<Vec<Call>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, t.label, e.window, e.at, t.service FROM turn_events e JOIN turns t ON t.id = e.turn
         WHERE e.kind IN ('call', 'recall') AND e.window IS NOT NULL
           AND t.status NOT IN ('no_show', 'cancelled')
           AND e.id = (SELECT max(l.id) FROM turn_events l
                       WHERE l.turn = e.turn AND l.kind IN ('call', 'recall'))
         ORDER BY e.id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(Call {
            event: r.get(0)?,
            label: r.get(1)?,
            window: r.get(2)?,
            at: r.get(3)?,
            service: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn parse_instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default()
}
