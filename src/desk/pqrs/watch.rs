//! The deadline watch: open PQRS by due date, coloured a tiempo / por vencer / vencida, and the
//! monthly reminder of requests still without an answer.

use crate::config::Config;
use crate::domain::calendar::Calendar;
use crate::domain::pqrs::{self as rules, Standing, Status};
use crate::domain::service::fold_key;
use crate::error::Result;
use crate::store::Store;
use crate::store::pqrs::{self, WatchQuery, WatchRow};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// Which PQRS to list. The default: every open one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// One state (any, open or not); none: the open states.
    pub status: Option<Status>,
    pub area: Option<String>,
    /// Assigned to this user, or to nobody yet.
    pub mine: Option<String>,
    pub overdue: bool,
    /// At most this many business days left (overdue included); paused ones are left out.
    pub due_within: Option<i64>,
    /// At most this many lines (the earliest due).
    pub limit: Option<u32>,
}

/// A line of the watch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    #[serde(flatten)]
    pub row: WatchRow,
    pub days_left: Option<i64>,
    pub standing: Option<Standing>,
}

/// The store query of a filter on `today`: business-day limits become due dates.
fn query<'a>(
    cal: &Calendar,
    today: NaiveDate,
    filter: &'a Filter,
    area: Option<&'a str>,
) -> WatchQuery<'a> {
    // overdue: due before today; n days left at most: due before the (n+1)th business day
    let overdue_by = today.pred_opt().unwrap_or(today);
    let within_by = filter.due_within.map(|n| match u32::try_from(n + 1) {
        Ok(k) if n >= 0 => cal.add(today, k).pred_opt().unwrap_or(today),
        _ => overdue_by,
    });
    let due_by = match (filter.overdue, within_by) {
        (true, Some(w)) => Some(w.min(overdue_by)),
        (true, None) => Some(overdue_by),
        (false, w) => w,
    };
    WatchQuery {
        status: filter.status.map(Status::code),
        area,
        mine: filter.mine.as_deref(),
        due_by: due_by.map(|d| d.to_string()),
        limit: filter.limit,
    }
}

/// The configured name of an area typed any way ("juridica" → "Jurídica").
fn canonical_area(config: &Config, asked: &str) -> Result<String> {
    config
        .pqrs
        .areas
        .iter()
        .find(|a| fold_key(a) == fold_key(asked))
        .cloned()
        .ok_or_else(|| {
            crate::error::Error::Usage(format!(
                "área «{}» no existe; use {}",
                asked.trim(),
                config.pqrs.areas.join(", ")
            ))
        })
}

/// The PQRS `filter` selects, earliest due date first, with their business days left on
/// `today`.
pub fn watch(
    store: &Store,
    config: &Config,
    today: NaiveDate,
    filter: &Filter,
) -> Result<Vec<Line>> {
    let cal = crate::desk::calendar::load(store, config)?;
    let warn = i64::from(config.pqrs.due_soon_days);
    let area = filter
        .area
        .as_deref()
        .map(|a| canonical_area(config, a))
        .transpose()?;
    let q = query(&cal, today, filter, area.as_deref());
    // many PQRS share a due date: count business days once per date
    let mut left: HashMap<String, i64> = HashMap::new();
    let rows = pqrs::watch_rows(store.conn(), &q)?;
    let mut lines = Vec::with_capacity(rows.len());
    for r in rows {
        let open = r.status.is_open();
        let days_left = match (&r.due_on, open) {
            (Some(due), true) => Some(match left.get(due) {
                Some(d) => *d,
                None => {
                    let d = due
                        .parse::<NaiveDate>()
                        .map(|due| rules::days_left(&cal, today, due))
                        .unwrap_or(0);
                    left.insert(due.clone(), d);
                    d
                }
            }),
            _ => None,
        };
        let standing =
            open.then(|| rules::standing_of(days_left, r.paused, warn, r.positive_silence));
        lines.push(Line {
            row: r,
            days_left,
            standing,
        });
    }
    Ok(lines)
}

/// How many PQRS `filter` selects (its limit aside).
pub fn count(store: &Store, config: &Config, today: NaiveDate, filter: &Filter) -> Result<usize> {
    let cal = crate::desk::calendar::load(store, config)?;
    let area = filter
        .area
        .as_deref()
        .map(|a| canonical_area(config, a))
        .transpose()?;
    pqrs::watch_count(store.conn(), &query(&cal, today, filter, area.as_deref()))
}

/// The monthly reminder (procedure 4): open PQRS still without an answer notified, by area.
pub fn pending_by_area(
    store: &Store,
    config: &Config,
    today: NaiveDate,
) -> Result<Vec<(String, Vec<Line>)>> {
    let mut by_area: Vec<(String, Vec<Line>)> = Vec::new();
    for l in watch(store, config, today, &Filter::default())? {
        match by_area.iter_mut().find(|(a, _)| *a == l.row.area) {
            Some((_, v)) => v.push(l),
            None => by_area.push((l.row.area.clone(), vec![l])),
        }
    }
    by_area.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(by_area)
}
