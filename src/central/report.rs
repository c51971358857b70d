//! The management report across branches, computed by PostgreSQL over the records the
//! branches sent: one line per branch, one per seccional and the total, with the indicator
//! "PQRSD a favor ≤ 0.5 % del total de usuarios" per seccional.
//!
//! Each figure is counted as the branch's own report counts it (same turns, same ratings, same
//! PQRS, waits by nearest rank over whole seconds), so a branch's line equals that branch's
//! report. PostgreSQL aggregates per branch (waits as a histogram: how many turns waited each
//! number of seconds); seccional and total lines add the branches up, except persons attended,
//! which PostgreSQL counts distinct at each level: a person with a document attended at two
//! branches of a seccional is one user of that seccional. The persons query runs on a second
//! connection while the others run, so the report takes about as long as its longest query.

use super::{Target, explain};
use crate::domain::stats::Histogram;
use crate::error::Result;
use chrono::NaiveDate;
use postgres::Client;
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
    /// In-person ratings: scored, and of them 4 or 5.
    pub scored_in_person: i64,
    pub good_in_person: i64,
    pub satisfaction_in_person_percent: Option<f64>,
    pub satisfaction_in_person_met: Option<bool>,
    /// Virtual ratings (phone, chat, web): scored, and of them 4 or 5.
    pub scored_virtual: i64,
    pub good_virtual: i64,
    pub satisfaction_virtual_percent: Option<f64>,
    pub satisfaction_virtual_met: Option<bool>,
    /// PQRS filed in the period and answered (notified, or closed at the window), and of them
    /// within their term.
    pub answered: i64,
    pub answered_on_time: i64,
    /// Answered on time ÷ (answered + overdue unanswered).
    pub on_time_percent: Option<f64>,
    pub on_time_met: Option<bool>,
}

/// A service's turns across the branches in scope.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ServiceLine {
    pub service: String,
    pub issued: i64,
    pub served: i64,
    pub wait_median_min: Option<f64>,
    pub wait_p90_min: Option<f64>,
}

/// The targets the indicators are measured against (the configuration's).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Targets {
    /// PQRSD in the user's favour ÷ persons attended, at most (percent).
    pub in_favor_max_percent: f64,
    /// Ratings of 4 and 5, at least (percent).
    pub satisfaction_percent: f64,
    /// PQRS answered on time, at least (percent).
    pub on_time_min_percent: f64,
}

impl Targets {
    /// The targets of `config`.
    pub fn of(config: &crate::config::Config) -> Targets {
        Targets {
            in_favor_max_percent: config.indicators.in_favor_max_percent,
            satisfaction_percent: f64::from(config.rating.satisfaction_target),
            on_time_min_percent: config.indicators.on_time_min_percent,
        }
    }
}

/// The report of the local days `from` ..= `to`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CentralReport {
    pub from: String,
    pub to: String,
    /// The in-favour target, in percent (a maximum).
    pub in_favor_max_percent: f64,
    pub targets: Targets,
    pub lines: Vec<Line>,
    /// Turns per service across the branches in scope.
    pub by_service: Vec<ServiceLine>,
    /// PQRS filed, by type (its Spanish label).
    pub pqrs_by_type: BTreeMap<String, i64>,
    /// Attentions started, by channel (its Spanish label).
    pub attentions_by_channel: BTreeMap<String, i64>,
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
    /// The last day as text: a PQRS due before it and unanswered is overdue (one due that day
    /// may still be answered), as the branch counts it.
    last: String,
    /// The organisation's offset from UTC, in minutes (the local day a PQRS was answered).
    offset_minutes: i32,
}

/// The branches in scope, as a subquery on parameters $1 (branch) and $2 (seccional).
const SCOPE: &str = "(SELECT code, seccional FROM branches
                      WHERE ($1::text IS NULL OR code = $1) AND ($2::text IS NULL OR seccional = $2))";

/// A connection set for reports: aggregates over narrow columns, whose compilation costs more
/// than it saves, with room to sort in memory.
fn report_connection(target: &Target, shown: &str) -> Result<Client> {
    let mut client = target.connect()?;
    client
        .batch_execute("SET jit = off; SET work_mem = '256MB'")
        .map_err(|e| explain(&e, shown))?;
    Ok(client)
}

fn query(
    client: &mut Client,
    shown: &str,
    scope: &Scope,
    sql: &str,
    extra: &[&(dyn ToSql + Sync)],
) -> Result<Vec<postgres::Row>> {
    let mut params: Vec<&(dyn ToSql + Sync)> = vec![&scope.branch, &scope.seccional];
    params.extend_from_slice(extra);
    client.query(sql, &params).map_err(|e| explain(&e, shown))
}

/// A branch's figures while they are being added up.
#[derive(Default)]
struct Acc {
    line: Line,
    waits: Histogram,
}

impl Acc {
    fn add(&mut self, other: &Acc) {
        let (a, b) = (&mut self.line, &other.line);
        a.issued += b.issued;
        a.served += b.served;
        a.no_shows += b.no_shows;
        a.cancelled += b.cancelled;
        a.ratings += b.ratings;
        a.scored += b.scored;
        a.good += b.good;
        a.pqrs_filed += b.pqrs_filed;
        a.in_favor += b.in_favor;
        a.overdue += b.overdue;
        a.scored_in_person += b.scored_in_person;
        a.good_in_person += b.good_in_person;
        a.scored_virtual += b.scored_virtual;
        a.good_virtual += b.good_virtual;
        a.answered += b.answered;
        a.answered_on_time += b.answered_on_time;
        self.waits.merge(&other.waits);
    }
}

/// Builds the report. `bounds` are the UTC instants where the first day starts and the day
/// after the last one starts.
pub fn build(
    target: &Target,
    (from, to): (NaiveDate, NaiveDate),
    bounds: (String, String),
    scope: &Scope,
    targets: Targets,
    offset_minutes: i32,
) -> Result<CentralReport> {
    let shown = target.shown();
    let p = Period {
        from,
        to,
        start: bounds.0,
        end: bounds.1,
        last: to.to_string(),
        offset_minutes,
    };
    let mut main = report_connection(target, &shown)?;
    let mut side = report_connection(target, &shown)?;
    let (branches, persons, sections) = std::thread::scope(|s| {
        let persons = s.spawn(|| persons(&mut side, &shown, scope, &p));
        let branches = per_branch(&mut main, &shown, scope, &p);
        let sections = sections(&mut main, &shown, scope, &p);
        (
            branches,
            persons.join().unwrap_or_else(|_| Err(interrupted())),
            sections,
        )
    });
    let branches = branches?;
    let persons = persons?;
    let Sections {
        services,
        pqrs_by_type,
        attentions_by_channel,
    } = sections?;
    let mut lines = Vec::new();
    let mut total = Acc::default();
    let mut by_seccional: BTreeMap<String, Vec<(String, Acc)>> = BTreeMap::new();
    for (code, (seccional, acc)) in branches {
        by_seccional.entry(seccional).or_default().push((code, acc));
    }
    for (seccional, list) in by_seccional {
        let mut sum = Acc::default();
        for (code, mut acc) in list {
            sum.add(&acc);
            acc.line.level = "sede";
            acc.line.seccional = Some(seccional.clone());
            acc.line.branch = Some(code.clone());
            lines.push(finish(acc, persons.get(&(1, code)), &targets));
        }
        total.add(&sum);
        sum.line.level = "seccional";
        sum.line.seccional = Some(seccional.clone());
        lines.push(finish(sum, persons.get(&(2, seccional)), &targets));
    }
    total.line.level = "total";
    lines.push(finish(total, persons.get(&(3, String::new())), &targets));
    let minutes = |s: Option<u32>| s.map(|s| f64::from(s) / 60.0);
    let by_service = services
        .into_iter()
        .map(|(service, mut acc)| ServiceLine {
            service,
            issued: acc.line.issued,
            served: acc.line.served,
            wait_median_min: minutes(acc.waits.percentile(50.0)),
            wait_p90_min: minutes(acc.waits.percentile(90.0)),
        })
        .collect();
    Ok(CentralReport {
        from: from.to_string(),
        to: to.to_string(),
        in_favor_max_percent: targets.in_favor_max_percent,
        targets,
        lines,
        by_service,
        pqrs_by_type,
        attentions_by_channel,
    })
}

fn interrupted() -> crate::error::Error {
    crate::error::Error::refused("el informe se interrumpió; vuelva a pedirlo")
}

/// The line with its waits, persons and shares worked out.
fn finish(mut acc: Acc, persons: Option<&i64>, t: &Targets) -> Line {
    let minutes = |s: Option<u32>| s.map(|s| f64::from(s) / 60.0);
    let mut l = acc.line;
    l.wait_median_min = minutes(acc.waits.percentile(50.0));
    l.wait_p90_min = minutes(acc.waits.percentile(90.0));
    l.persons = persons.copied().unwrap_or(0);
    l.satisfaction_percent = share(l.good, l.scored);
    l.in_favor_percent = share(l.in_favor, l.persons);
    l.in_favor_met = l.in_favor_percent.map(|v| v <= t.in_favor_max_percent);
    l.satisfaction_in_person_percent = share(l.good_in_person, l.scored_in_person);
    l.satisfaction_in_person_met = l
        .satisfaction_in_person_percent
        .map(|v| v >= t.satisfaction_percent);
    l.satisfaction_virtual_percent = share(l.good_virtual, l.scored_virtual);
    l.satisfaction_virtual_met = l
        .satisfaction_virtual_percent
        .map(|v| v >= t.satisfaction_percent);
    l.on_time_percent = share(l.answered_on_time, l.answered + l.overdue);
    l.on_time_met = l.on_time_percent.map(|v| v >= t.on_time_min_percent);
    l
}

fn share(n: i64, d: i64) -> Option<f64> {
    (d > 0).then(|| n as f64 * 100.0 / d as f64)
}

/// Every branch in scope (code → seccional and figures), each figure counted by PostgreSQL per
/// branch.
/// Adds `n` turns of `status` that waited `wait` seconds.
fn count_turns(acc: &mut Acc, status: Option<&str>, wait: Option<i64>, n: i64) {
    let l = &mut acc.line;
    l.issued += n;
    match status {
        Some("finished") => l.served += n,
        Some("no_show") => l.no_shows += n,
        Some("cancelled") => l.cancelled += n,
        _ => {}
    }
    if let Some(w) = wait {
        acc.waits.add_many(w, usize::try_from(n).unwrap_or(0));
    }
}

fn per_branch(
    client: &mut Client,
    shown: &str,
    scope: &Scope,
    p: &Period,
) -> Result<BTreeMap<String, (String, Acc)>> {
    let mut out: BTreeMap<String, (String, Acc)> = BTreeMap::new();
    for r in query(
        client,
        shown,
        scope,
        &format!("SELECT code, seccional FROM {SCOPE} s"),
        &[],
    )? {
        out.insert(r.get(0), (r.get(1), Acc::default()));
    }
    // turns, as the branch counts them (transfer originals left out); waits as a histogram
    let sql = format!(
        "SELECT t.branch, t.status, t.wait_s, count(*)
         FROM turns t JOIN {SCOPE} b ON b.code = t.branch
         WHERE t.day BETWEEN $3 AND $4 AND t.status <> 'transferred'
         GROUP BY t.branch, t.status, t.wait_s"
    );
    for r in query(client, shown, scope, &sql, &[&p.from, &p.to])? {
        let Some((_, acc)) = out.get_mut(&r.get::<_, String>(0)) else {
            continue;
        };
        let (status, wait, n): (Option<String>, Option<i64>, i64) = (r.get(1), r.get(2), r.get(3));
        count_turns(acc, status.as_deref(), wait, n);
    }
    // ratings given in the period
    let sql = format!(
        "SELECT r.branch, r.score, r.kind, count(*)
         FROM ratings r JOIN {SCOPE} b ON b.code = r.branch
         WHERE r.day BETWEEN $3::date - 1 AND $4::date + 1 AND r.at >= $5 AND r.at < $6
         GROUP BY r.branch, r.score, r.kind"
    );
    for r in query(
        client,
        shown,
        scope,
        &sql,
        &[&p.from, &p.to, &p.start, &p.end],
    )? {
        let Some((_, acc)) = out.get_mut(&r.get::<_, String>(0)) else {
            continue;
        };
        let (score, kind, n): (Option<i32>, Option<String>, i64) = (r.get(1), r.get(2), r.get(3));
        let l = &mut acc.line;
        l.ratings += n;
        if let Some(s) = score {
            let good = if s >= 4 { n } else { 0 };
            l.scored += n;
            l.good += good;
            match kind.as_deref() {
                Some("presencial") => {
                    l.scored_in_person += n;
                    l.good_in_person += good;
                }
                Some("virtual") => {
                    l.scored_virtual += n;
                    l.good_virtual += good;
                }
                _ => {}
            }
        }
    }
    // PQRS filed, decided in favour, overdue unanswered, answered and answered on time (the
    // local day of the first notification or closing, against the due day)
    let sql = format!(
        "SELECT p.branch,
             count(*) FILTER (WHERE p.row->>'created_at' >= $3 AND p.row->>'created_at' < $4),
             count(*) FILTER (WHERE (p.row->>'in_favor')::int = 1 AND EXISTS (
                 SELECT 1 FROM pqrs_events e WHERE e.branch = p.branch
                   AND (e.row->>'pqrs')::bigint = p.id AND e.row->>'step' = 'cerrada'
                   AND e.row->>'at' >= $3 AND e.row->>'at' < $4)),
             count(*) FILTER (WHERE p.row->>'created_at' >= $3 AND p.row->>'created_at' < $4
                 AND p.row->>'due_on' < $5 AND p.row->>'paused_on' IS NULL
                 AND p.row->>'status' IN ('radicada', 'asignada', 'en-tramite',
                                          'proyectada', 'aprobada')),
             count(*) FILTER (WHERE p.row->>'created_at' >= $3 AND p.row->>'created_at' < $4
                 AND x.answered IS NOT NULL),
             count(*) FILTER (WHERE p.row->>'created_at' >= $3 AND p.row->>'created_at' < $4
                 AND x.answered IS NOT NULL
                 AND (p.row->>'due_on' IS NULL OR x.answered <= p.row->>'due_on'))
         FROM pqrs p JOIN {SCOPE} b ON b.code = p.branch
         LEFT JOIN (
             SELECT e.branch, (e.row->>'pqrs')::bigint AS pqrs,
                 to_char(min(e.row->>'at')::timestamptz AT TIME ZONE 'UTC'
                         + make_interval(mins => $6), 'YYYY-MM-DD') AS answered
             FROM pqrs_events e WHERE e.row->>'step' IN ('notificada', 'cerrada')
             GROUP BY e.branch, (e.row->>'pqrs')::bigint
         ) x ON x.branch = p.branch AND x.pqrs = p.id
         GROUP BY p.branch"
    );
    let params: [&(dyn ToSql + Sync); 4] = [&p.start, &p.end, &p.last, &p.offset_minutes];
    for r in query(client, shown, scope, &sql, &params)? {
        let Some((_, acc)) = out.get_mut(&r.get::<_, String>(0)) else {
            continue;
        };
        acc.line.pqrs_filed = r.get(1);
        acc.line.in_favor = r.get(2);
        acc.line.overdue = r.get(3);
        acc.line.answered = r.get(4);
        acc.line.answered_on_time = r.get(5);
    }
    Ok(out)
}

/// What the report shows for the branches in scope as a whole.
struct Sections {
    services: BTreeMap<String, Acc>,
    pqrs_by_type: BTreeMap<String, i64>,
    attentions_by_channel: BTreeMap<String, i64>,
}

/// Turns by service, PQRS filed by type and attentions by channel, across the branches in
/// scope.
fn sections(client: &mut Client, shown: &str, scope: &Scope, p: &Period) -> Result<Sections> {
    let sql = format!(
        "SELECT t.service, t.status, t.wait_s, count(*)
         FROM turns t JOIN {SCOPE} b ON b.code = t.branch
         WHERE t.day BETWEEN $3 AND $4 AND t.status <> 'transferred'
         GROUP BY t.service, t.status, t.wait_s"
    );
    let mut services: BTreeMap<String, Acc> = BTreeMap::new();
    for r in query(client, shown, scope, &sql, &[&p.from, &p.to])? {
        let (service, status, wait, n): (Option<String>, Option<String>, Option<i64>, i64) =
            (r.get(0), r.get(1), r.get(2), r.get(3));
        let acc = services.entry(service.unwrap_or_default()).or_default();
        count_turns(acc, status.as_deref(), wait, n);
    }
    let sql = format!(
        "SELECT p.row->>'kind', count(*) FROM pqrs p JOIN {SCOPE} b ON b.code = p.branch
         WHERE p.row->>'created_at' >= $3 AND p.row->>'created_at' < $4 GROUP BY 1"
    );
    let mut by_type = BTreeMap::new();
    for r in query(client, shown, scope, &sql, &[&p.start, &p.end])? {
        let code: Option<String> = r.get(0);
        let label = code.as_deref().map_or_else(String::new, |c| {
            crate::domain::request::Kind::from_code(c).map_or(c.to_string(), |k| k.label().into())
        });
        *by_type.entry(label).or_default() += r.get::<_, i64>(1);
    }
    let sql = format!(
        "SELECT a.channel, count(*) FROM attentions a JOIN {SCOPE} b ON b.code = a.branch
         WHERE a.day BETWEEN $3::date - 1 AND $4::date + 1
           AND a.started_at >= $5 AND a.started_at < $6 GROUP BY 1"
    );
    let mut by_channel = BTreeMap::new();
    for r in query(
        client,
        shown,
        scope,
        &sql,
        &[&p.from, &p.to, &p.start, &p.end],
    )? {
        let code: Option<String> = r.get(0);
        let label = code.as_deref().map_or_else(String::new, |c| {
            crate::domain::attention::Channel::from_code(c)
                .map_or(c.to_string(), |k| k.label().into())
        });
        *by_channel.entry(label).or_default() += r.get::<_, i64>(1);
    }
    Ok(Sections {
        services,
        pqrs_by_type: by_type,
        attentions_by_channel: by_channel,
    })
}

/// Distinct persons attended through every channel, per branch (1, code), per seccional
/// (2, name) and in total (3, ""). A person is their document; a turn or attention without a
/// known person counts once (an attention of a turn is that turn's person).
fn persons(
    client: &mut Client,
    shown: &str,
    scope: &Scope,
    p: &Period,
) -> Result<BTreeMap<(u8, String), i64>> {
    let sql = format!(
        "SELECT b.seccional, b.code, count(DISTINCT w.who)
         FROM (
             SELECT t.branch, coalesce(t.person, t.branch || ':turno:' || t.id) COLLATE \"C\" AS who
             FROM turns t
             WHERE t.day BETWEEN $3 AND $4 AND t.status = 'finished'
             UNION ALL
             SELECT a.branch,
                 CASE WHEN c.id IS NOT NULL
                      THEN (c.row->>'doc_type') || ':' || (c.row->>'doc_number')
                      WHEN a.turn IS NOT NULL THEN a.branch || ':turno:' || a.turn
                      ELSE a.branch || ':atencion:' || a.id END COLLATE \"C\"
             FROM attentions a
             LEFT JOIN customers c ON c.branch = a.branch AND c.id = a.customer
             WHERE a.day BETWEEN $3::date - 1 AND $4::date + 1
               AND a.started_at >= $5 AND a.started_at < $6
         ) w JOIN {SCOPE} b ON b.code = w.branch
         GROUP BY GROUPING SETS ((b.seccional, b.code), (b.seccional), ())"
    );
    let rows = query(
        client,
        shown,
        scope,
        &sql,
        &[&p.from, &p.to, &p.start, &p.end],
    )?;
    Ok(rows
        .iter()
        .map(|r| {
            let (seccional, code): (Option<String>, Option<String>) = (r.get(0), r.get(1));
            let key = match (seccional, code) {
                (_, Some(code)) => (1, code),
                (Some(s), None) => (2, s),
                _ => (3, String::new()),
            };
            (key, r.get(2))
        })
        .collect())
}
