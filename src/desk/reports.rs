//! The management report of a range of days: turns and times per service and advisor,
//! arrivals and waits by hour, ratings, PQRS, telecom attentions and the process indicators
//! (procedure 5) against their targets.

use crate::config::Config;
use crate::domain::stats::{Histogram, share};
use crate::error::Result;
use crate::store::Store;
use crate::store::reports::{self, TurnFact};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

mod pqrs;
use pqrs::pqrs_section;
pub use pqrs::{PqrsSection, WorkOrders};

/// Turn figures of a group (a service, an advisor, or all).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Group {
    pub key: String,
    pub issued: usize,
    pub served: usize,
    pub no_shows: usize,
    pub cancelled: usize,
    pub wait_median_min: Option<f64>,
    pub wait_p90_min: Option<f64>,
    pub service_median_min: Option<f64>,
    pub preferential_percent: Option<f64>,
    pub manual: usize,
}

/// Turns of a group being counted.
#[derive(Debug, Default)]
struct Acc {
    issued: usize,
    served: usize,
    no_shows: usize,
    cancelled: usize,
    preferential: usize,
    manual: usize,
    waits: Histogram,
    service: Histogram,
}

impl Acc {
    fn add(&mut self, f: &TurnFact<'_>) {
        self.issued += 1;
        match f.status {
            "finished" => self.served += 1,
            "no_show" => self.no_shows += 1,
            "cancelled" => self.cancelled += 1,
            _ => {}
        }
        self.preferential += usize::from(f.preferential);
        self.manual += usize::from(f.manual);
        if let Some(w) = f.wait_s {
            self.waits.add(w);
        }
        if let Some(s) = f.service_s {
            self.service.add(s);
        }
    }

    fn group(&mut self, key: &str) -> Group {
        Group {
            key: key.to_string(),
            issued: self.issued,
            served: self.served,
            no_shows: self.no_shows,
            cancelled: self.cancelled,
            wait_median_min: minutes(self.waits.percentile(50.0)),
            wait_p90_min: minutes(self.waits.percentile(90.0)),
            service_median_min: minutes(self.service.percentile(50.0)),
            preferential_percent: share(self.preferential, self.issued),
            manual: self.manual,
        }
    }
}

fn minutes(seconds: Option<u32>) -> Option<f64> {
    seconds.map(|s| f64::from(s) / 60.0)
}

/// Adds `f` to the group named `key`, creating it on first sight.
fn add_to(map: &mut BTreeMap<String, Acc>, key: &str, f: &TurnFact<'_>) {
    match map.get_mut(key) {
        Some(acc) => acc.add(f),
        None => {
            let mut acc = Acc::default();
            acc.add(f);
            map.insert(key.to_string(), acc);
        }
    }
}

/// One indicator against its target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    pub name: String,
    /// A short name for narrow screens.
    pub short: String,
    pub value: Option<f64>,
    /// "≥ 80" or "≤ 0.5".
    pub target: String,
    pub met: Option<bool>,
    /// What is counted over what: the value is numerator ÷ denominator × 100.
    pub numerator: usize,
    pub denominator: usize,
    /// What the numerator and denominator count, in words.
    pub formula: String,
}

impl Indicator {
    /// An indicator from its counts; `at_least`: the target is a minimum (else a maximum).
    fn of(
        name: &str,
        short: &str,
        (numerator, denominator): (usize, usize),
        formula: &str,
        target: f64,
        at_least: bool,
    ) -> Indicator {
        let value = share(numerator, denominator);
        Indicator {
            name: name.into(),
            short: short.into(),
            value,
            target: format!("{} {target}", if at_least { "≥" } else { "≤" }),
            met: value.map(|v| if at_least { v >= target } else { v <= target }),
            numerator,
            denominator,
            formula: formula.into(),
        }
    }
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub from: String,
    pub to: String,
    pub totals: Group,
    pub by_service: Vec<Group>,
    pub by_advisor: Vec<Group>,
    /// Turns issued per local hour, 0–23.
    pub arrivals_per_hour: Vec<usize>,
    /// Median wait (minutes) of the turns issued in each hour.
    pub wait_by_hour: Vec<Option<f64>>,
    pub ratings: usize,
    pub rated: usize,
    pub satisfaction_percent: Option<f64>,
    pub pqrs: PqrsSection,
    /// Phone, chat, e-mail, WhatsApp and web attentions (and window ones) by channel.
    pub attentions_by_channel: BTreeMap<String, usize>,
    /// Attentions by information level (its Spanish label, e.g. "1 · información básica").
    pub attentions_by_level: BTreeMap<String, usize>,
    /// Opportunities recorded (a service taken), by the service taken.
    pub opportunities: BTreeMap<String, usize>,
    /// Minutes per state of each advisor (filled by [`with_advisor_times`]).
    pub advisor_times: Vec<super::advisors::Times>,
    pub indicators: Vec<Indicator>,
}

/// Adds each advisor's minutes per state over `from` ..= `to` (a day still going counts up to
/// `now`).
pub fn with_advisor_times(
    mut report: Report,
    store: &Store,
    config: &Config,
    from: NaiveDate,
    to: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Report> {
    let mut all: BTreeMap<String, super::advisors::Times> = BTreeMap::new();
    let mut day = from;
    while day <= to {
        for t in super::advisors::day_times(store, config, day, now)? {
            let acc = all
                .entry(t.advisor.clone())
                .or_insert(super::advisors::Times {
                    advisor: t.advisor.clone(),
                    available_minutes: 0.0,
                    attention_minutes: 0.0,
                    paused_minutes: Vec::new(),
                });
            acc.available_minutes += t.available_minutes;
            acc.attention_minutes += t.attention_minutes;
            for (reason, m) in t.paused_minutes {
                match acc.paused_minutes.iter_mut().find(|(r, _)| *r == reason) {
                    Some((_, total)) => *total += m,
                    None => acc.paused_minutes.push((reason, m)),
                }
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    report.advisor_times = all.into_values().collect();
    Ok(report)
}

/// SQLite's modifier for local time.
fn offset_modifier(config: &Config) -> String {
    format!("{:+} minutes", config.utc_offset().local_minus_utc() / 60)
}

/// Builds the report of the local days `from` ..= `to`.
pub fn build(store: &Store, config: &Config, from: NaiveDate, to: NaiveDate) -> Result<Report> {
    let conn = store.conn();
    let offset = offset_modifier(config);
    let offset_s = i64::from(config.utc_offset().local_minus_utc());
    let mut total = Acc::default();
    let mut services: BTreeMap<String, Acc> = BTreeMap::new();
    let mut advisors: BTreeMap<String, Acc> = BTreeMap::new();
    let mut arrivals = vec![0usize; 24];
    let mut waits: Vec<Histogram> = vec![Histogram::default(); 24];
    reports::scan_turns(conn, &from.to_string(), &to.to_string(), |f| {
        total.add(&f);
        add_to(&mut services, f.service, &f);
        if let Some(a) = f.advisor {
            add_to(&mut advisors, a, &f);
        }
        let h = ((f.issued_s + offset_s).rem_euclid(86_400) / 3600) as usize;
        arrivals[h.min(23)] += 1;
        if let Some(w) = f.wait_s {
            waits[h.min(23)].add(w);
        }
    })?;
    let (start, _) = super::turns::day_bounds(config, from);
    let (_, end) = super::turns::day_bounds(config, to);
    let ratings = crate::store::ratings::between(conn, &start, &end)?;
    let rated = ratings.iter().filter(|r| r.score.is_some()).count();
    let satisfaction = super::ratings::satisfaction(&ratings);
    let pqrs = pqrs_section(store, &start, &end, &offset, from, to)?;
    let totals = total.group("total");
    let days = (from.to_string(), to.to_string());
    let persons = reports::persons_attended(conn, (&days.0, &days.1), &start, &end)?;
    let target = config.rating.satisfaction_target as f64;
    let ind = &config.indicators;
    // satisfaction in person and virtual apart: 4 and 5 over the scored ratings of each kind
    let good = |kind: &str| {
        let scored: Vec<u8> = ratings
            .iter()
            .filter(|r| r.kind == kind)
            .filter_map(|r| r.score)
            .collect();
        (scored.iter().filter(|s| **s >= 4).count(), scored.len())
    };
    let indicators = vec![
        Indicator::of(
            "Satisfacción presencial (calificaciones 4 y 5)",
            "Satisf. presencial",
            good("presencial"),
            "calificaciones 4 y 5 ÷ calificaciones presenciales",
            target,
            true,
        ),
        Indicator::of(
            "PQRSD decididas a favor del usuario / personas atendidas",
            "PQRSD a favor",
            (pqrs.closed_in_favor, persons),
            "PQRSD decididas a favor ÷ personas distintas atendidas en la sede (todos los canales)",
            ind.in_favor_max_percent,
            false,
        ),
        Indicator::of(
            "PQRS respondidas dentro del término",
            "PQRS a tiempo",
            (
                pqrs.answered_on_time,
                pqrs.answered + pqrs.overdue_unanswered,
            ),
            "respondidas a tiempo ÷ (respondidas + vencidas sin respuesta)",
            ind.on_time_min_percent,
            true,
        ),
        Indicator::of(
            "Satisfacción virtual (teléfono, chat, web)",
            "Satisf. virtual",
            good("virtual"),
            "calificaciones 4 y 5 ÷ calificaciones virtuales",
            target,
            true,
        ),
    ];
    Ok(Report {
        from: from.to_string(),
        to: to.to_string(),
        by_service: services.iter_mut().map(|(k, v)| v.group(k)).collect(),
        by_advisor: advisors.iter_mut().map(|(k, v)| v.group(k)).collect(),
        totals,
        arrivals_per_hour: arrivals,
        wait_by_hour: waits
            .iter_mut()
            .map(|w| minutes(w.percentile(50.0)))
            .collect(),
        ratings: ratings.len(),
        rated,
        satisfaction_percent: satisfaction,
        pqrs,
        attentions_by_channel: reports::attentions_by_channel(conn, &start, &end)?
            .into_iter()
            .map(|(channel, n)| (channel.label().to_string(), n))
            .collect(),
        attentions_by_level: reports::attentions_by_level(conn, &start, &end)?
            .into_iter()
            .map(|(level, n)| {
                let label = crate::domain::attention::Level::from_number(level)
                    .map_or_else(|| level.to_string(), |l| l.label().to_string());
                (label, n)
            })
            .collect(),
        opportunities: reports::opportunities_by_service(conn, &start, &end)?
            .into_iter()
            .collect(),
        advisor_times: Vec::new(),
        indicators,
    })
}

/// PQRS of an area still owed an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaPqrs {
    pub area: String,
    pub open: usize,
    pub due_soon: usize,
    pub overdue: usize,
}

/// Everything the supervisor's screen shows, read at once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Live {
    pub turns: Vec<crate::store::reports::LiveTurn>,
    pub today: Report,
    pub pqrs_by_area: Vec<AreaPqrs>,
    /// Services whose longest current wait passed the alert threshold: (service, label, minutes).
    pub alerts: Vec<(String, String, f64)>,
    pub contingency: bool,
}

/// Reads the supervisor's live day at `now`.
pub fn live(store: &Store, config: &Config, now: chrono::DateTime<chrono::Utc>) -> Result<Live> {
    use super::pqrs::{Filter, count};
    let day = super::turns::day_of(config, now);
    let offset = offset_modifier(config);
    let turns = reports::live_turns(store.conn(), &day.to_string(), &super::stamp(now), &offset)?;
    let threshold = f64::from(config.indicators.wait_alert_minutes);
    let mut alerts: Vec<(String, String, f64)> = Vec::new();
    for t in turns
        .iter()
        .filter(|t| t.status == "waiting" && t.waited > threshold)
    {
        match alerts.iter_mut().find(|(s, _, _)| *s == t.service) {
            Some(a) if a.2 < t.waited => *a = (t.service.clone(), t.label.clone(), t.waited),
            Some(_) => {}
            None => alerts.push((t.service.clone(), t.label.clone(), t.waited)),
        }
    }
    let mut pqrs_by_area = Vec::new();
    for area in &config.pqrs.areas {
        let of = |f: Filter| count(store, config, day, &f);
        let base = Filter {
            area: Some(area.clone()),
            ..Filter::default()
        };
        let open = of(base.clone())?;
        if open == 0 {
            continue;
        }
        pqrs_by_area.push(AreaPqrs {
            area: area.clone(),
            open,
            due_soon: of(Filter {
                due_within: Some(i64::from(config.pqrs.due_soon_days)),
                ..base.clone()
            })? - of(Filter {
                overdue: true,
                ..base.clone()
            })?,
            overdue: of(Filter {
                overdue: true,
                ..base
            })?,
        });
    }
    Ok(Live {
        turns,
        today: build(store, config, day, day)?,
        pqrs_by_area,
        alerts,
        contingency: super::turns::contingency(store)?,
    })
}
