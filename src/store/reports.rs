//! Reads for reports and the supervisor: slim rows with durations computed by SQLite.

use crate::error::Result;
use rusqlite::{Connection, params};

/// A turn as reports see it (one per customer: transfer originals are left out), borrowed
/// from the row being read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TurnFact<'a> {
    pub service: &'a str,
    pub advisor: Option<&'a str>,
    pub status: &'a str,
    pub preferential: bool,
    pub manual: bool,
    /// Seconds since the epoch when it was issued.
    pub issued_s: i64,
    /// Seconds from issue to call; none if never called.
    pub wait_s: Option<i64>,
    /// Seconds from start to finish; none if not finished.
    pub service_s: Option<i64>,
}

/// Calls `each` with every turn of the local days `from` ..= `to` (YYYY-MM-DD).
pub fn scan_turns(
    conn: &Connection,
    from: &str,
    to: &str,
    mut each: impl FnMut(TurnFact<'_>),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT service, advisor, status, preferential IS NOT NULL, manual, issued_s, wait_s,
             service_s
         FROM turns WHERE day BETWEEN ?1 AND ?2 AND status <> 'transferred'",
    )?;
    let mut rows = stmt.query(params![from, to])?;
    while let Some(r) = rows.next()? {
        let text = |i: usize| {
            r.get_ref(i)
                .ok()
                .and_then(|v| v.as_str_or_null().ok().flatten())
        };
        let status = text(2).unwrap_or("");
        each(TurnFact {
            service: text(0).unwrap_or(""),
            advisor: text(1),
            status,
            preferential: r.get(3)?,
            manual: r.get(4)?,
            issued_s: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
            wait_s: r.get(6)?,
            service_s: if status == "finished" {
                r.get(7)?
            } else {
                None
            },
        });
    }
    Ok(())
}

/// PQRS filed in `[from, to)` (RFC 3339 UTC): (kind, channel, area, status, in_favor,
/// due_on, the local day it was answered — notified, or closed at the window — if it was).
pub type PqrsFact = (
    crate::domain::request::Kind,
    crate::domain::request::Channel,
    String,
    crate::domain::request::Status,
    Option<bool>,
    Option<String>,
    Option<String>,
);

/// The PQRS filed in the range, with the day each was answered.
pub fn pqrs_facts(conn: &Connection, from: &str, to: &str, offset: &str) -> Result<Vec<PqrsFact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.kind, p.channel, p.area, p.status, p.in_favor, p.due_on,
             (SELECT date(min(e.at), ?3) FROM pqrs_events e
              WHERE e.pqrs = p.id AND e.step IN ('notificada', 'cerrada'))
         FROM pqrs p WHERE p.created_at >= ?1 AND p.created_at < ?2",
    )?;
    let rows = stmt.query_map(params![from, to, offset], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// PQRS closed in the user's favour in `[from, to)` (by the closing event's time).
pub fn closed_in_favor(conn: &Connection, from: &str, to: &str) -> Result<usize> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM pqrs p WHERE p.in_favor = 1 AND EXISTS (
             SELECT 1 FROM pqrs_events e WHERE e.pqrs = p.id AND e.step = 'cerrada'
             AND e.at >= ?1 AND e.at < ?2)",
        [from, to],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Work orders opened, and closed, in `[from, to)`.
pub fn work_order_counts(conn: &Connection, from: &str, to: &str) -> Result<(usize, usize)> {
    let (opened, closed): (i64, i64) = conn.query_row(
        "SELECT
             (SELECT count(*) FROM work_orders WHERE created_at >= ?1 AND created_at < ?2),
             (SELECT count(*) FROM work_orders WHERE closed_at >= ?1 AND closed_at < ?2)",
        [from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((
        usize::try_from(opened).unwrap_or(0),
        usize::try_from(closed).unwrap_or(0),
    ))
}

/// Work orders open now, by area.
pub fn open_work_orders_by_area(conn: &Connection) -> Result<Vec<(String, usize)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT area, count(*) FROM work_orders WHERE status = 'abierta' GROUP BY area
         ORDER BY area",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get(0)?, usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Distinct persons attended through every channel: turns served on the local days
/// `days` (through the report index) and attentions started in `[from, to)`; one person per
/// document; a turn or attention without a known person counts once (an attention of a turn is
/// that turn's person).
pub fn persons_attended(
    conn: &Connection,
    days: (&str, &str),
    from: &str,
    to: &str,
) -> Result<usize> {
    let n: i64 = conn.query_row(
        "SELECT count(DISTINCT who) FROM (
             SELECT CASE WHEN t.doc_number IS NOT NULL AND t.doc_number <> ''
                         THEN t.doc_type || ':' || t.doc_number
                         ELSE 'turno:' || t.id END AS who
             FROM turns t
             WHERE t.day BETWEEN ?3 AND ?4 AND t.status = 'finished'
             UNION ALL
             SELECT CASE WHEN c.id IS NOT NULL THEN c.doc_type || ':' || c.doc_number
                         WHEN a.turn IS NOT NULL THEN 'turno:' || a.turn
                         ELSE 'atencion:' || a.id END
             FROM attentions a LEFT JOIN customers c ON c.id = a.customer
             WHERE a.started_at >= ?1 AND a.started_at < ?2)",
        [from, to, days.0, days.1],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// PQRS filed in `[from, to)` whose term expired unanswered before `day` (YYYY-MM-DD): still
/// owed an answer, clock running.
pub fn overdue_unanswered(conn: &Connection, from: &str, to: &str, day: &str) -> Result<usize> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM pqrs p
         WHERE p.created_at >= ?1 AND p.created_at < ?2 AND p.due_on IS NOT NULL
           AND p.due_on < ?3 AND p.paused_on IS NULL
           AND p.status IN ('radicada', 'asignada', 'en-tramite', 'proyectada', 'aprobada')",
        [from, to, day],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// A PQRS whose unanswered expiry granted it (silencio administrativo positivo).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Silence {
    pub radicado: String,
    #[serde(rename = "type")]
    pub kind: crate::domain::request::Kind,
    pub area: String,
    pub due_on: String,
    /// The local day it was answered, if it was (after the due date).
    pub answered_on: Option<String>,
}

/// PQRS with positive silence whose due date falls in `[from_day, to_day]` and that were not
/// answered by it (still open past it, or answered later), by due date.
pub fn positive_silences(
    conn: &Connection,
    from_day: &str,
    to_day: &str,
    offset: &str,
) -> Result<Vec<Silence>> {
    let mut stmt = conn.prepare_cached(
        "SELECT radicado, kind, area, due_on, answered FROM (
             SELECT p.radicado, p.kind, p.area, p.due_on, p.status, p.paused_on,
                 (SELECT date(min(e.at), ?3) FROM pqrs_events e
                  WHERE e.pqrs = p.id AND e.step IN ('notificada', 'cerrada')) AS answered
             FROM pqrs p
             WHERE p.positive_silence = 1 AND p.due_on >= ?1 AND p.due_on <= ?2)
         WHERE (answered IS NULL AND paused_on IS NULL
                AND status IN ('radicada', 'asignada', 'en-tramite', 'proyectada', 'aprobada'))
            OR answered > due_on
         ORDER BY due_on, radicado",
    )?;
    let rows = stmt.query_map(params![from_day, to_day, offset], |r| {
        Ok(Silence {
            radicado: r.get(0)?,
            kind: r.get(1)?,
            area: r.get(2)?,
            due_on: r.get(3)?,
            answered_on: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Attentions by channel started in `[from, to)`: (channel, count).
pub fn attentions_by_channel(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<(crate::domain::attention::Channel, usize)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT channel, count(*) FROM attentions WHERE started_at >= ?1 AND started_at < ?2
         GROUP BY channel ORDER BY channel",
    )?;
    let rows = stmt.query_map([from, to], |r| {
        Ok((r.get(0)?, usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Attentions started in [from, to) by information level (1–3).
pub fn attentions_by_level(conn: &Connection, from: &str, to: &str) -> Result<Vec<(u8, usize)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT level, count(*) FROM attentions WHERE started_at >= ?1 AND started_at < ?2
         GROUP BY level ORDER BY level",
    )?;
    let rows = stmt.query_map([from, to], |r| {
        Ok((r.get(0)?, usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Opportunities (a service taken) among the attentions started in [from, to), by the service
/// taken.
pub fn opportunities_by_service(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<(String, usize)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(opportunity_service, ''), count(*) FROM attentions
         WHERE started_at >= ?1 AND started_at < ?2 AND opportunity = 1
         GROUP BY opportunity_service ORDER BY opportunity_service",
    )?;
    let rows = stmt.query_map([from, to], |r| {
        Ok((r.get(0)?, usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A turn of the supervisor's live table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LiveTurn {
    pub label: String,
    pub service: String,
    pub status: String,
    pub window: Option<u32>,
    pub advisor: Option<String>,
    pub preferential: bool,
    /// Local `HH:MM` it was issued.
    pub issued: String,
    /// Minutes waited: until called, or until `now` if still waiting.
    pub waited: f64,
    /// Minutes of attention: until finished, or until `now` if in attention.
    pub served: Option<f64>,
}

/// Today's turns for the live table (transfer originals left out), in issue order.
pub fn live_turns(conn: &Connection, day: &str, now: &str, offset: &str) -> Result<Vec<LiveTurn>> {
    let mut stmt = conn.prepare_cached(
        "SELECT label, service, status, window, advisor, preferential IS NOT NULL,
             strftime('%H:%M', issued_at, ?3),
             (julianday(coalesce(called_at, ?2)) - julianday(issued_at)) * 1440.0,
             CASE WHEN started_at IS NULL THEN NULL
                  ELSE (julianday(coalesce(finished_at, ?2)) - julianday(started_at)) * 1440.0 END
         FROM turns WHERE day = ?1 AND status <> 'transferred' ORDER BY issued_at, id",
    )?;
    let rows = stmt.query_map(params![day, now, offset], |r| {
        Ok(LiveTurn {
            label: r.get(0)?,
            service: r.get(1)?,
            status: r.get(2)?,
            window: r.get(3)?,
            advisor: r.get(4)?,
            preferential: r.get(5)?,
            issued: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            waited: r.get::<_, Option<f64>>(7)?.unwrap_or(0.0).max(0.0),
            served: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Raw rows of `kind` (turns, attentions, tickets, ratings) in a range, for exports: the
/// column names, then `each` with every row's values as stored. Turns by local day
/// (`days`: YYYY-MM-DD ..= YYYY-MM-DD); the others by instant (`span`: RFC 3339 `[from, to)`).
pub fn raw(
    conn: &Connection,
    kind: &str,
    days: (&str, &str),
    span: (&str, &str),
    mut each: impl FnMut(&[rusqlite::types::Value]) -> Result<()>,
) -> Result<()> {
    let (sql, by_day) = raw_sql(kind);
    let (a, b) = if by_day { days } else { span };
    let mut stmt = conn.prepare(sql)?;
    let n = stmt.column_count();
    let mut rows = stmt.query(params![a, b])?;
    let mut values = Vec::with_capacity(n);
    while let Some(r) = rows.next()? {
        values.clear();
        for i in 0..n {
            values.push(r.get::<_, rusqlite::types::Value>(i)?);
        }
        each(&values)?;
    }
    Ok(())
}

/// The column names of the raw export of `kind`.
pub fn raw_columns(conn: &Connection, kind: &str) -> Result<Vec<String>> {
    let stmt = conn.prepare(raw_sql(kind).0)?;
    Ok(stmt.column_names().map(str::to_string).collect())
}

/// The query of a raw export, and whether it selects by local day (else by instant).
fn raw_sql(kind: &str) -> (&'static str, bool) {
    match kind {
        "turns" => (
            "SELECT day AS dia, label AS turno, service AS servicio, status AS estado,
                 preferential AS preferencial, manual, issued_at AS emitido, called_at AS llamado,
                 started_at AS inicio, finished_at AS fin, window AS ventanilla,
                 advisor AS asesor, round(wait_s / 60.0, 1) AS espera_min,
                 round(service_s / 60.0, 1) AS atencion_min
             FROM turns WHERE day BETWEEN ?1 AND ?2 ORDER BY day, issued_at, id",
            true,
        ),
        "attentions" => (
            "SELECT a.id, a.started_at AS inicio, a.ended_at AS fin, a.channel AS canal,
                 a.service AS servicio, a.level AS nivel, a.opportunity AS oportunidad,
                 a.opportunity_service AS servicio_oportunidad, a.topic AS tema,
                 a.advisor AS asesor, a.assigned_to AS asignada_a,
                 c.doc_type AS tipo_documento, c.doc_number AS numero_documento
             FROM attentions a LEFT JOIN customers c ON c.id = a.customer
             WHERE a.started_at >= ?1 AND a.started_at < ?2 ORDER BY a.started_at, a.id",
            false,
        ),
        "telecom" => (
            "SELECT a.id, a.started_at AS inicio, a.ended_at AS fin, a.channel AS canal,
                 a.caller AS usuario, c.doc_type AS tipo_documento,
                 c.doc_number AS numero_documento, a.contact AS contacto, a.topic AS tema,
                 a.notes AS consulta, a.advisor AS atendio, a.assigned_to AS derivada_a,
                 a.result AS resultado, r.score AS calificacion, r.comment AS comentario
             FROM attentions a LEFT JOIN customers c ON c.id = a.customer
                  LEFT JOIN ratings r ON r.attention = a.id
             WHERE a.channel IN ('telefono', 'chat')
               AND a.started_at >= ?1 AND a.started_at < ?2 ORDER BY a.started_at, a.id",
            false,
        ),
        "tickets" => (
            "SELECT p.radicado, p.kind AS tipo, p.channel AS canal, p.area, p.assignee AS asignada_a,
                 p.status AS estado, p.priority AS prioridad, p.received_at AS recibida,
                 p.filed_on AS radicacion, p.due_on AS vencimiento, p.extended AS ampliada,
                 p.in_favor AS a_favor, p.forwarded_to AS trasladada_a, p.subject AS asunto,
                 c.doc_type AS tipo_documento, c.doc_number AS numero_documento
             FROM pqrs p LEFT JOIN customers c ON c.id = p.customer
             WHERE p.created_at >= ?1 AND p.created_at < ?2 ORDER BY p.id",
            false,
        ),
        _ => (
            "SELECT r.at AS fecha, t.label AS turno, r.attention AS atencion, r.kind AS tipo,
                 r.window AS ventanilla, r.advisor AS asesor, r.service AS servicio,
                 r.score AS calificacion, r.comment AS comentario, r.by AS registrada_por
             FROM ratings r LEFT JOIN turns t ON t.id = r.turn
             WHERE r.at >= ?1 AND r.at < ?2 ORDER BY r.at, r.id",
            false,
        ),
    }
}
