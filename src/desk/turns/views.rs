//! What the screens read: the day's turns, a window's queue, the waiting-room board.

use super::{contingency::contingency_on, day_text};
use crate::config::Config;
use crate::domain::turn::Status;
use crate::error::Result;
use crate::store::turns::{self, Call, Turn};
use crate::store::{Store, catalog};
use chrono::{DateTime, NaiveDate, Utc};

/// Turns of `day` (default today), optionally filtered.
pub fn list(
    store: &Store,
    day: NaiveDate,
    status: Option<Status>,
    service: Option<&str>,
) -> Result<Vec<Turn>> {
    turns::list(
        store.conn(),
        &day.format("%Y-%m-%d").to_string(),
        status,
        service,
    )
}

/// What a window's advisor sees: its waiting list and the turn it is busy with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WindowQueue {
    pub waiting: Vec<Turn>,
    pub current: Option<Turn>,
    /// Turns parked here (the customer stepped away), resumable at this window.
    pub parked: Vec<Turn>,
    /// When each parked turn was parked (turn id, RFC 3339 instant), in `parked`'s order.
    pub parked_since: Vec<(i64, String)>,
    /// The latest no-show here today (it may go back to the queue for a few minutes).
    pub last_no_show: Option<Turn>,
    pub services: Vec<String>,
    pub contingency: bool,
}

/// Reads a window's queue for today.
pub fn window_queue(
    store: &Store,
    config: &Config,
    now: DateTime<Utc>,
    window: u32,
) -> Result<WindowQueue> {
    let conn = store.conn();
    let services = catalog::window(conn, window)?
        .map(|w| w.services)
        .unwrap_or_default();
    let day = day_text(config, now);
    let mut waiting = turns::waiting_in(conn, &day, &services)?;
    // turns transferred to another window are not this one's; those sent here are, first
    waiting.retain(|t| t.for_window.is_none_or(|w| w == window));
    let sent_here = turns::waiting_for_window(conn, &day, window)?
        .into_iter()
        .filter(|t| !services.contains(&t.service));
    waiting.extend(sent_here);
    // In the order the window will call them (ignoring the anti-starvation exception).
    let rank = |t: &Turn| services.iter().position(|s| *s == t.service);
    waiting.sort_by_cached_key(|t| {
        (
            t.for_window.is_none(),
            t.preferential.is_none(),
            rank(t),
            t.queued_at.clone(),
            t.id,
        )
    });
    let parked = turns::parked_at_window(conn, window)?;
    Ok(WindowQueue {
        waiting,
        current: turns::busy_at_window(conn, window)?,
        parked_since: parked
            .iter()
            .map(|t| Ok((t.id, turns::parked_since(conn, t.id)?.unwrap_or_default())))
            .collect::<Result<_>>()?,
        parked,
        last_no_show: turns::last_no_show(conn, window, &day_text(config, now))?,
        services,
        contingency: contingency_on(conn)?,
    })
}

/// What the waiting-room display shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Board {
    pub calls: Vec<Call>,
    pub waiting: Vec<(String, String, u32)>,
}

/// Reads the latest calls and the waiting counts per service.
pub fn board(store: &Store, config: &Config, now: DateTime<Utc>, recent: u32) -> Result<Board> {
    let conn = store.conn();
    let counts = turns::waiting_counts(conn, &day_text(config, now))?;
    let waiting = catalog::services(conn)?
        .into_iter()
        .filter(|s| s.active)
        .map(|s| {
            let n = counts
                .iter()
                .find(|(c, _)| *c == s.code)
                .map_or(0, |(_, n)| *n);
            (s.code, s.name, n)
        })
        .collect();
    Ok(Board {
        calls: turns::recent_calls(conn, recent + 1)?,
        waiting,
    })
}
