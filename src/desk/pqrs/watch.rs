//! The deadline watch: open PQRS by due date, coloured a tiempo / por vencer / vencida, and the
//! monthly reminder of requests still without an answer.

use crate::config::Config;
use crate::domain::pqrs::{self as rules, Standing, Status};
use crate::domain::service::fold_key;
use crate::error::Result;
use crate::store::Store;
use crate::store::pqrs::{self, WatchRow};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// Which PQRS to list. The default: every open one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// One state (any, open or not); none: the open states.
    pub status: Option<Status>,
    pub area: Option<String>,
    /// Assigned to this user, or unassigned in their area (`area` then names it).
    pub mine: Option<String>,
    pub overdue: bool,
    /// At most this many business days left (overdue included).
    pub due_within: Option<i64>,
}

/// A line of the watch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    #[serde(flatten)]
    pub row: WatchRow,
    pub days_left: Option<i64>,
    pub standing: Option<Standing>,
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
    let statuses: Vec<&str> = match filter.status {
        Some(s) => vec![s.name()],
        None => Status::names()
            .into_iter()
            .filter(|n| Status::parse(n).is_some_and(Status::is_open))
            .collect(),
    };
    let warn = i64::from(config.pqrs.due_soon_days);
    let area = filter.area.as_deref().map(fold_key);
    // many PQRS share a due date: count business days once per date
    let mut left: HashMap<String, i64> = HashMap::new();
    let mut lines = Vec::new();
    for r in pqrs::watch_rows(store.conn(), &statuses)? {
        let in_area = area.as_ref().is_none_or(|a| fold_key(&r.area) == *a);
        let mine = match &filter.mine {
            Some(user) => {
                r.assignee.as_deref() == Some(user.as_str()) || (r.assignee.is_none() && in_area)
            }
            None => in_area,
        };
        if !mine {
            continue;
        }
        let open = Status::parse(&r.status).is_some_and(Status::is_open);
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
        let standing = open.then(|| rules::standing(days_left, r.paused, warn));
        let live = !r.paused;
        if filter.overdue && !(live && days_left.is_some_and(|d| d < 0)) {
            continue;
        }
        if let Some(n) = filter.due_within
            && !(live && days_left.is_some_and(|d| d <= n))
        {
            continue;
        }
        lines.push(Line {
            row: r,
            days_left,
            standing,
        });
    }
    Ok(lines)
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
