//! The report's queries: each aggregates in PostgreSQL, over the generated columns beside the
//! records, what the branch report counts row by row.

use super::{Acc, Period, Scope};
use crate::central::{Target, explain};
use crate::error::Result;
use postgres::Client;
use postgres::types::ToSql;
use std::collections::BTreeMap;

/// The branches in scope, as a subquery on parameters $1 (branch) and $2 (seccional).
const SCOPE: &str = "(SELECT code, seccional FROM branches
                      WHERE ($1::text IS NULL OR code = $1) AND ($2::text IS NULL OR seccional = $2))";

/// A connection set for reports: aggregates over narrow columns, whose compilation costs more
/// than it saves, with room to sort in memory.
pub(super) fn report_connection(target: &Target, shown: &str) -> Result<Client> {
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

/// Every branch in scope (code → seccional and figures), each figure counted by PostgreSQL per
/// branch.
pub(super) fn per_branch(
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
pub(super) struct Sections {
    pub services: BTreeMap<String, Acc>,
    pub pqrs_by_type: BTreeMap<String, i64>,
    pub attentions_by_channel: BTreeMap<String, i64>,
}

/// Turns by service, PQRS filed by type and attentions by channel, across the branches in
/// scope.
pub(super) fn sections(
    client: &mut Client,
    shown: &str,
    scope: &Scope,
    p: &Period,
) -> Result<Sections> {
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
pub(super) fn persons(
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
