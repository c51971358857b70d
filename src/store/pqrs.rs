//! PQRS rows, their events and work orders.

mod work_orders;
pub use work_orders::{WorkOrder, add_work_order, close_work_order, work_order, work_orders};

mod answers;
pub use answers::{Answer, add_answer, answers, latest_answer};

mod deliveries;
pub use deliveries::{Delivery, add_delivery, deliveries};

mod watch;
#[cfg(test)]
use watch::WATCH_COLUMNS;
pub use watch::{OPEN_SQL, WatchQuery, WatchRow, watch_count, watch_rows};

use crate::domain::request::{Channel, DataRequest, Kind, NotifyWay, Status};
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

/// A stored PQRS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pqrs {
    #[serde(skip)]
    pub id: i64,
    pub radicado: String,
    #[serde(rename = "type")]
    pub kind: Kind,
    pub channel: Channel,
    #[serde(skip)]
    pub customer: Option<i64>,
    pub subject: String,
    pub description: String,
    pub area: String,
    pub assignee: Option<String>,
    pub priority: bool,
    pub notify_via: NotifyWay,
    pub notify_address: String,
    pub data_request: Option<DataRequest>,
    pub data_changes: Option<String>,
    pub status: Status,
    pub received_at: String,
    pub filed_on: String,
    pub due_date: Option<String>,
    pub max_extension_on: Option<String>,
    pub completion_request_by: String,
    pub in_process_mark_by: Option<String>,
    pub in_process_marked_at: Option<String>,
    pub extended: bool,
    pub paused_on: Option<String>,
    #[serde(skip)]
    pub pause_remaining: Option<i64>,
    pub withdrawal_on: Option<String>,
    pub needs_conversation: bool,
    pub in_favor: Option<bool>,
    pub forwarded_to: Option<String>,
    pub requester_told_on: Option<String>,
    pub notified_via: Option<NotifyWay>,
    pub notified_evidence: Option<String>,
    /// The local day the decision was notified.
    pub notified_on: Option<String>,
    /// The requester asked in time for the one extension of the completion period.
    pub completion_extended: bool,
    /// A recurso: the radicado of the decision it contests.
    pub appeal_of: Option<String>,
    /// A recurso filed outside its window: who authorised it and why.
    pub window_override: Option<String>,
    /// Forwarded after the legal limit.
    pub forwarded_late: bool,
    /// Unanswered at its due date it is granted (silencio administrativo positivo).
    pub positive_silence: bool,
    /// Why it goes first (Ley 1437 art. 20), when it has priority.
    pub priority_reason: Option<String>,
    /// The answer version the signing role approved (none: not approved, or returned).
    pub answer_approved: Option<i64>,
    /// A requester without a customer record: their name and contact.
    pub requester_name: Option<String>,
    pub requester_contact: Option<String>,
    /// The sender's address of a web form or an e-mail.
    pub sender: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
}

const COLUMNS: &str = "id, radicado, kind, channel, customer, subject, description, area,
    assignee, priority, notify_via, notify_address, data_request, data_changes, status,
    received_at, filed_on, due_on, max_extension_on, completion_request_by, in_process_mark_by,
    in_process_marked_at, extended, paused_on, pause_remaining, withdrawal_on,
    needs_conversation, in_favor, forwarded_to, requester_told_on, notified_via,
    notified_evidence, created_at, created_by, updated_at, notified_on, completion_extended,
    appeal_of, window_override, forwarded_late, positive_silence, priority_reason,
    answer_approved, requester_name, requester_contact, sender";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Pqrs> {
    Ok(Pqrs {
        id: r.get(0)?,
        radicado: r.get(1)?,
        kind: r.get(2)?,
        channel: r.get(3)?,
        customer: r.get(4)?,
        subject: r.get(5)?,
        description: r.get(6)?,
        area: r.get(7)?,
        assignee: r.get(8)?,
        priority: r.get(9)?,
        notify_via: r.get(10)?,
        notify_address: r.get(11)?,
        data_request: r.get(12)?,
        data_changes: r.get(13)?,
        status: r.get(14)?,
        received_at: r.get(15)?,
        filed_on: r.get(16)?,
        due_date: r.get(17)?,
        max_extension_on: r.get(18)?,
        completion_request_by: r.get(19)?,
        in_process_mark_by: r.get(20)?,
        in_process_marked_at: r.get(21)?,
        extended: r.get(22)?,
        paused_on: r.get(23)?,
        pause_remaining: r.get(24)?,
        withdrawal_on: r.get(25)?,
        needs_conversation: r.get(26)?,
        in_favor: r.get(27)?,
        forwarded_to: r.get(28)?,
        requester_told_on: r.get(29)?,
        notified_via: r.get(30)?,
        notified_evidence: r.get(31)?,
        created_at: r.get(32)?,
        created_by: r.get(33)?,
        updated_at: r.get(34)?,
        notified_on: r.get(35)?,
        completion_extended: r.get(36)?,
        appeal_of: r.get(37)?,
        window_override: r.get(38)?,
        forwarded_late: r.get(39)?,
        positive_silence: r.get(40)?,
        priority_reason: r.get(41)?,
        answer_approved: r.get(42)?,
        requester_name: r.get(43)?,
        requester_contact: r.get(44)?,
        sender: r.get(45)?,
    })
}

/// Takes the next consecutive of `year` (the caller owns the write transaction).
pub fn next_seq(conn: &Connection, year: i32) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO pqrs_counters (year, last) VALUES (?1, 1)
         ON CONFLICT (year) DO UPDATE SET last = last + 1
         RETURNING last",
        [year],
        |r| r.get(0),
    )?)
}

/// Inserts a filing (every column of `p` but the id); returns its id.
pub fn insert(conn: &Connection, p: &Pqrs, year: i32, seq: i64) -> Result<i64> {
    conn.execute(
        "INSERT INTO pqrs (radicado, year, seq, kind, channel, customer, subject, description,
             area, assignee, priority, notify_via, notify_address, data_request, data_changes,
             status, received_at, filed_on, due_on, max_extension_on, completion_request_by,
             in_process_mark_by, in_process_marked_at, needs_conversation, created_at,
             created_by, updated_at, appeal_of, window_override, positive_silence,
             priority_reason, requester_name, requester_contact, sender)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?25, ?27, ?28, ?29, ?30, ?31, ?32,
             ?33)",
        params![
            p.radicado,
            year,
            seq,
            p.kind,
            p.channel,
            p.customer,
            p.subject,
            p.description,
            p.area,
            p.assignee,
            p.priority,
            p.notify_via,
            p.notify_address,
            p.data_request,
            p.data_changes,
            p.status,
            p.received_at,
            p.filed_on,
            p.due_date,
            p.max_extension_on,
            p.completion_request_by,
            p.in_process_mark_by,
            p.in_process_marked_at,
            p.needs_conversation,
            p.created_at,
            p.created_by,
            p.appeal_of,
            p.window_override,
            p.positive_silence,
            p.priority_reason,
            p.requester_name,
            p.requester_contact,
            p.sender,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Writes back the mutable columns of `p` after a step.
pub fn save(conn: &Connection, p: &Pqrs) -> Result<()> {
    conn.execute(
        "UPDATE pqrs SET area = ?2, assignee = ?3, status = ?4, due_on = ?5,
             max_extension_on = ?6, extended = ?7, paused_on = ?8, pause_remaining = ?9,
             withdrawal_on = ?10, needs_conversation = ?11, in_favor = ?12, forwarded_to = ?13,
             requester_told_on = ?14, notified_via = ?15, notified_evidence = ?16,
             updated_at = ?17, subject = ?18, description = ?19, notify_address = ?20,
             in_process_marked_at = ?21, notified_on = ?22, completion_extended = ?23,
             forwarded_late = ?24, answer_approved = ?25
         WHERE id = ?1",
        params![
            p.id,
            p.area,
            p.assignee,
            p.status,
            p.due_date,
            p.max_extension_on,
            p.extended,
            p.paused_on,
            p.pause_remaining,
            p.withdrawal_on,
            p.needs_conversation,
            p.in_favor,
            p.forwarded_to,
            p.requester_told_on,
            p.notified_via,
            p.notified_evidence,
            p.updated_at,
            p.subject,
            p.description,
            p.notify_address,
            p.in_process_marked_at,
            p.notified_on,
            p.completion_extended,
            p.forwarded_late,
            p.answer_approved,
        ],
    )?;
    Ok(())
}

/// A PQRS by its radicado.
pub fn by_radicado(conn: &Connection, radicado: &str) -> Result<Option<Pqrs>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM pqrs WHERE radicado = ?1"),
            [radicado],
            from_row,
        )
        .optional()?)
}

/// The PQRS of the latest year with consecutive `seq` (a short radicado: the branch implied).
pub fn by_seq(conn: &Connection, seq: i64) -> Result<Option<Pqrs>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM pqrs WHERE seq = ?1 ORDER BY year DESC LIMIT 1"),
            [seq],
            from_row,
        )
        .optional()?)
}

/// A customer's PQRS, newest first.
pub fn of_customer(conn: &Connection, customer: i64) -> Result<Vec<Pqrs>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM pqrs WHERE customer = ?1 ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map([customer], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The customers with a habeas data reclamo still open ("reclamo en trámite").
pub fn open_habeas_reclamos(conn: &Connection) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT customer FROM pqrs WHERE kind = 'habeas-reclamo'
         AND customer IS NOT NULL AND {OPEN_SQL}"
    ))?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The recursos filed against the decision `radicado`, oldest first.
pub fn appeals_of(conn: &Connection, radicado: &str) -> Result<Vec<Pqrs>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM pqrs WHERE appeal_of = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([radicado], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One lifecycle event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub at: String,
    pub by: String,
    pub step: String,
    pub note: String,
}

/// Appends an event.
pub fn add_event(
    conn: &Connection,
    pqrs: i64,
    at: &str,
    by: &str,
    step: &str,
    note: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO pqrs_events (pqrs, at, by, step, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![pqrs, at, by, step, note],
    )?;
    Ok(())
}

/// The events of a PQRS, oldest first.
pub fn events(conn: &Connection, pqrs: i64) -> Result<Vec<Event>> {
    let mut stmt = conn
        .prepare_cached("SELECT at, by, step, note FROM pqrs_events WHERE pqrs = ?1 ORDER BY id")?;
    let rows = stmt.query_map([pqrs], |r| {
        Ok(Event {
            at: r.get(0)?,
            by: r.get(1)?,
            step: r.get(2)?,
            note: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_watch_reads_the_partial_covering_index_without_sorting() {
        let store = crate::store::Store::in_memory().unwrap();
        let plan: Vec<String> = store
            .conn()
            .prepare(&format!(
                "EXPLAIN QUERY PLAN SELECT {WATCH_COLUMNS} {}
                 AND due_on IS NOT NULL ORDER BY priority DESC, due_on, radicado LIMIT 100",
                WatchQuery {
                    mine: Some("asesor1"),
                    ..WatchQuery::default()
                }
                .sql_filter()
                .0
            ))
            .unwrap()
            .query_map(["asesor1"], |r| r.get::<_, String>(3))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let plan = plan.join(" | ");
        assert!(plan.contains("COVERING INDEX pqrs_watch"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }
}
