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

use super::Target;
use crate::domain::stats::Histogram;
use crate::error::Result;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

mod queries;
use queries::{Sections, per_branch, persons, report_connection, sections};

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
