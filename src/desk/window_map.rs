//! The map of windows the supervisor watches: for each window, who holds it and what they are
//! doing now (in attention with which turn, paused and why, available, or nobody there), and
//! since when.

use crate::config::Config;
use crate::domain::advisor::State;
use crate::error::Result;
use crate::store::{Store, advisors, catalog, claims, turns};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One window of the map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WindowState {
    pub window: u32,
    pub active: bool,
    /// Service letters in call order.
    pub services: Vec<String>,
    /// Who holds the window (their console is open on it); none: nobody.
    pub advisor: Option<String>,
    /// What the advisor is doing; `logged_out` when nobody holds the window.
    pub state: State,
    /// The pause reason, or the turn in attention.
    pub detail: String,
    /// Since when (RFC 3339, UTC instant; shown in local time).
    pub since: Option<String>,
}

/// The map of every window now.
pub fn window_map(store: &Store, config: &Config, now: DateTime<Utc>) -> Result<Vec<WindowState>> {
    let conn = store.conn();
    let (day_start, _) = super::turns::day_bounds(config, super::turns::day_of(config, now));
    let mut out = Vec::new();
    for w in catalog::windows(conn)? {
        let claim = claims::of_window(conn, w.number)?;
        let busy = turns::busy_at_window(conn, w.number)?;
        // the turn's advisor serves it even when their console is closed (CLI, restart)
        let serving = busy.as_ref().and_then(|t| t.advisor.clone());
        let (state, detail, since) = match (&claim, busy) {
            (_, Some(t)) => (State::InAttention, t.label, t.called_at),
            (None, None) => (State::LoggedOut, String::new(), None),
            (Some(c), None) => match advisors::latest_at(conn, &c.username, &day_start)? {
                Some((code, reason, at)) if code == State::Paused.code() => {
                    (State::Paused, reason, Some(at))
                }
                Some((_, _, at)) => (State::Available, String::new(), Some(at)),
                None => (State::Available, String::new(), Some(c.since.clone())),
            },
        };
        // available since the later of that and the window's last turn's end
        let since = match state {
            State::Available => {
                let day = super::turns::day_of(config, now)
                    .format("%Y-%m-%d")
                    .to_string();
                since.max(turns::last_end_at(conn, w.number, &day)?)
            }
            _ => since,
        };
        out.push(WindowState {
            window: w.number,
            active: w.active,
            services: w.services,
            advisor: claim.map(|c| c.username).or(serving),
            state,
            detail,
            since,
        });
    }
    Ok(out)
}
