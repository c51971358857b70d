//! The management report across branches, computed by PostgreSQL over the records the
//! branches sent: one line per branch, one per seccional and the total, with the indicator
//! "PQRSD a favor ≤ 0.5 % del total de usuarios" per seccional.
//!
//! Each figure is counted as the branch's own report counts it (same turns, same ratings, same
//! PQRS), so a branch's line equals that branch's report. Seccional and total lines add the
//! branches up, except persons attended: a person with a document attended at two branches of
//! a seccional is one user of that seccional.

use super::explain;
use crate::error::Result;
use chrono::NaiveDate;
use postgres::GenericClient;
use postgres::types::ToSql;
use serde::Serialize;
use std::collections::BTreeMap;

/// One line of the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Line {
    /// "sede", "seccional" or "total".
    pub level: &'static str,
    pub seccional: Option<String>,
    pub branch: Option<String>,
    pub issued: i64,
    pub served: i64,
    pub no_shows: i64,
    pub cancelled: i64,
    pub wait_median_min: Option<f64>,
    pub wait_p90_min: Option<f64>,
    pub ratings: i64,
    pub scored: i64,
    pub good: i64,
    pub satisfaction_percent: Option<f64>,
    pub pqrs_filed: i64,
    pub in_favor: i64,
    pub persons: i64,
    /// PQRSD decided in the user's favour ÷ persons attended × 100.
    pub in_favor_percent: Option<f64>,
    pub in_favor_met: Option<bool>,
    pub overdue: i64,
}

/// The report of the local days `from` ..= `to`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CentralReport {
    pub from: String,
    pub to: String,
    /// The in-favour target, in percent (a maximum).
    pub in_favor_max_percent: f64,
    pub lines: Vec<Line>,
}

/// Which branches the report covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub branch: Option<String>,
    pub seccional: Option<String>,
}

/// The period in the forms the queries need.
struct Period {
    from: NaiveDate,
    to: NaiveDate,
    /// UTC bounds of the local days, RFC 3339 as the branches store instants.
    start: String,
    end: String,
    /// The day after `to` (for "still overdue" on the last day).
    after: String,
}

/// Builds the report. `bounds` are the UTC instants where the first day starts and the day
/// after the last one starts.
pub fn build(
    client: &mut impl GenericClient,
    shown: &str,
    (from, to): (NaiveDate, NaiveDate),
    bounds: (String, String),
    scope: &Scope,
    in_favor_max_percent: f64,
) -> Result<CentralReport> {
    let p = Period {
        from,
        to,
        start: bounds.0,
        end: bounds.1,
        after: to.succ_opt().unwrap_or(to).to_string(),
    };
    // the queries are aggregates over narrow columns: compiling them costs more than it saves
    client
        .batch_execute("SET jit = off")
        .map_err(|e| explain(&e, shown))?;
    let mut lines: BTreeMap<(String, String), Line> = BTreeMap::new();
    let mut q = |sql: String, extra: &[&(dyn ToSql + Sync)]| -> Result<Vec<postgres::Row>> {
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![&scope.branch, &scope.seccional];
        params.extend_from_slice(extra);
        client.query(&sql, &params).map_err(|e| explain(&e, shown))
    };
    let scope_sql = "(SELECT code, seccional FROM branches
                      WHERE ($1::text IS NULL OR code = $1) AND ($2::text IS NULL OR seccional = $2))";
    let grouped = "GROUP BY GROUPING SETS ((b.seccional, b.code), (b.seccional), ())";
    // Turns: as the branch counts them (transfer originals left out).
    for r in q(
        format!(
            "SELECT b.seccional, b.code, count(*),
                 count(*) FILTER (WHERE t.status = 'finished'),
                 count(*) FILTER (WHERE t.status = 'no_show'),
                 count(*) FILTER (WHERE t.status = 'cancelled'),
                 percentile_disc(0.5) WITHIN GROUP (ORDER BY t.wait_s),
                 percentile_disc(0.9) WITHIN GROUP (ORDER BY t.wait_s)
             FROM turns t JOIN {scope_sql} b ON b.code = t.branch
             WHERE t.day BETWEEN $3 AND $4 AND t.status <> 'transferred'
             {grouped}"
        ),
        &[&p.from, &p.to],
    )? {
        let line = entry(&mut lines, &r);
        line.issued = r.get(2);
        line.served = r.get(3);
        line.no_shows = r.get(4);
        line.cancelled = r.get(5);
        line.wait_median_min = r.get::<_, Option<i64>>(6).map(|s| s as f64 / 60.0);
        line.wait_p90_min = r.get::<_, Option<i64>>(7).map(|s| s as f64 / 60.0);
    }
    // Ratings given in the period.
    for r in q(
        format!(
            "SELECT b.seccional, b.code, count(*), count(r.score),
                 count(*) FILTER (WHERE r.score >= 4)
             FROM ratings r JOIN {scope_sql} b ON b.code = r.branch
             WHERE r.day BETWEEN $3::date - 1 AND $4::date + 1
               AND r.at >= $5 AND r.at < $6
             {grouped}"
        ),
        &[&p.from, &p.to, &p.start, &p.end],
    )? {
        let line = entry(&mut lines, &r);
        line.ratings = r.get(2);
        line.scored = r.get(3);
        line.good = r.get(4);
    }
    // PQRS filed, decided in favour, and overdue unanswered.
    for r in q(
        format!(
            "SELECT b.seccional, b.code,
                 count(*) FILTER (WHERE p.row->>'created_at' >= $3 AND p.row->>'created_at' < $4),
                 count(*) FILTER (WHERE (p.row->>'in_favor')::int = 1 AND EXISTS (
                     SELECT 1 FROM pqrs_events e WHERE e.branch = p.branch
                       AND (e.row->>'pqrs')::bigint = p.id AND e.row->>'step' = 'cerrada'
                       AND e.row->>'at' >= $3 AND e.row->>'at' < $4)),
                 count(*) FILTER (WHERE p.row->>'created_at' >= $3 AND p.row->>'created_at' < $4
                     AND p.row->>'due_on' < $5 AND p.row->>'paused_on' IS NULL
                     AND p.row->>'status' IN ('radicada', 'asignada', 'en-tramite',
                                              'proyectada', 'aprobada'))
             FROM pqrs p JOIN {scope_sql} b ON b.code = p.branch
             {grouped}"
        ),
        &[&p.start, &p.end, &p.after],
    )? {
        let line = entry(&mut lines, &r);
        line.pqrs_filed = r.get(2);
        line.in_favor = r.get(3);
        line.overdue = r.get(4);
    }
    // Distinct persons attended through every channel.
    for r in q(
        format!(
            "SELECT b.seccional, b.code, count(DISTINCT w.who)
             FROM (
                 SELECT t.branch, coalesce(t.person, t.branch || ':turno:' || t.id) AS who
                 FROM turns t
                 WHERE t.day BETWEEN $3 AND $4 AND t.status = 'finished'
                 UNION ALL
                 SELECT a.branch,
                     CASE WHEN c.id IS NOT NULL
                          THEN (c.row->>'doc_type') || ':' || (c.row->>'doc_number')
                          WHEN a.turn IS NOT NULL THEN a.branch || ':turno:' || a.turn
                          ELSE a.branch || ':atencion:' || a.id END
                 FROM attentions a
                 LEFT JOIN customers c ON c.branch = a.branch AND c.id = a.customer
                 WHERE a.day BETWEEN $3::date - 1 AND $4::date + 1
                   AND a.started_at >= $5 AND a.started_at < $6
             ) w JOIN {scope_sql} b ON b.code = w.branch
             {grouped}"
        ),
        &[&p.from, &p.to, &p.start, &p.end],
    )? {
        entry(&mut lines, &r).persons = r.get(2);
    }
    let mut out: Vec<Line> = lines.into_values().collect();
    for l in &mut out {
        l.satisfaction_percent = share(l.good, l.scored);
        l.in_favor_percent = share(l.in_favor, l.persons);
        l.in_favor_met = l.in_favor_percent.map(|v| v <= in_favor_max_percent);
    }
    Ok(CentralReport {
        from: from.to_string(),
        to: to.to_string(),
        in_favor_max_percent,
        lines: out,
    })
}

fn share(n: i64, d: i64) -> Option<f64> {
    (d > 0).then(|| n as f64 * 100.0 / d as f64)
}

/// The line a grouped row belongs to: within a seccional its branches, then its own line;
/// the total last.
fn entry<'a>(lines: &'a mut BTreeMap<(String, String), Line>, r: &postgres::Row) -> &'a mut Line {
    const LAST: &str = "\u{10FFFF}";
    let seccional: Option<String> = r.get(0);
    let branch: Option<String> = r.get(1);
    let (level, key) = match (&seccional, &branch) {
        (Some(s), Some(b)) => ("sede", (s.clone(), b.clone())),
        (Some(s), None) => ("seccional", (s.clone(), LAST.to_string())),
        _ => ("total", (LAST.to_string(), LAST.to_string())),
    };
    lines.entry(key).or_insert_with(|| Line {
        level,
        seccional,
        branch,
        ..Line::default()
    })
}
