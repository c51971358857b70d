//! The wait a new turn can expect, said honestly: the people the windows serving its service
//! will call first (those ahead in its queue, and their share of the queues those windows rank
//! before it), at the service's recent pace, plus the attentions in progress when every one of
//! those windows is busy. Shown as "aprox."; never "0 min" while the windows are all busy.

use crate::config::Config;
use crate::error::Result;
use crate::store::{catalog, turns};
use rusqlite::{Connection, params};

/// What the estimate is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    /// Turns ahead in the turn's own queue.
    pub ahead_here: u32,
    /// Turns of other queues that the serving windows will take first (their share of them).
    pub first_elsewhere: f64,
    /// Windows serving the turn's service (at least one).
    pub serving: u32,
    /// Every serving window is busy with an attention now.
    pub all_busy: bool,
    /// Minutes an attention of this service takes (today's average, or the configured one).
    pub per_attention: f64,
}

/// (people before the turn, minutes it will likely wait).
pub fn wait(load: &Load) -> (u32, u32) {
    let before = f64::from(load.ahead_here) + load.first_elsewhere;
    let windows = f64::from(load.serving.max(1));
    let in_progress = if load.all_busy {
        load.per_attention / 2.0
    } else {
        0.0
    };
    let minutes = (before / windows * load.per_attention + in_progress).ceil();
    (before.round() as u32, minutes as u32)
}

/// Gathers the load of a turn of `service` just issued (`ahead` before it in its queue).
pub fn load(
    conn: &Connection,
    config: &Config,
    day: &str,
    service: &str,
    ahead: u32,
    preferential: bool,
) -> Result<Load> {
    let per_attention = turns::average_service_minutes(conn, day, service)?
        .unwrap_or(f64::from(config.queue.default_service_minutes));
    let active: Vec<_> = catalog::windows(conn)?
        .into_iter()
        .filter(|w| w.active)
        .collect();
    let held = held_windows(conn)?;
    // windows someone's console holds serve; if none does (scripts, tests), every active one
    let open: Vec<_> = active
        .iter()
        .filter(|w| held.contains(&w.number))
        .cloned()
        .collect();
    let open = if open.iter().any(|w| w.services.iter().any(|s| s == service)) {
        open
    } else {
        active
    };
    let serving: Vec<_> = open
        .iter()
        .filter(|w| w.services.iter().any(|s| s == service))
        .collect();
    let mut first_elsewhere = 0.0;
    for w in &serving {
        let before = w.services.iter().take_while(|s| *s != service);
        for other in before {
            let sharing = open
                .iter()
                .filter(|v| v.services.iter().any(|s| s == other))
                .count()
                .max(1);
            let waiting = waiting_of(conn, day, other, preferential)?;
            first_elsewhere += f64::from(waiting) / sharing as f64;
        }
    }
    let mut all_busy = !serving.is_empty();
    for w in &serving {
        all_busy &= turns::busy_at_window(conn, w.number)?.is_some();
    }
    Ok(Load {
        ahead_here: ahead,
        first_elsewhere,
        serving: serving.len() as u32,
        all_busy,
        per_attention,
    })
}

/// Windows someone's console holds now.
fn held_windows(conn: &Connection) -> Result<Vec<u32>> {
    let mut stmt = conn.prepare_cached("SELECT window FROM window_claims")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Waiting turns of `service` (only preferential ones when the new turn is preferential: they
/// alone go before it).
fn waiting_of(conn: &Connection, day: &str, service: &str, preferential: bool) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM turns WHERE day = ?1 AND service = ?2 AND status = 'waiting'
           AND for_window IS NULL AND (?3 = 0 OR preferential IS NOT NULL)",
        params![day, service, preferential],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(ahead_here: u32, first_elsewhere: f64, serving: u32, all_busy: bool) -> Load {
        Load {
            ahead_here,
            first_elsewhere,
            serving,
            all_busy,
            per_attention: 10.0,
        }
    }

    #[test]
    fn nobody_ahead_and_a_free_window_is_next() {
        assert_eq!(wait(&load(0, 0.0, 2, false)), (0, 0));
    }

    #[test]
    fn never_zero_while_every_serving_window_is_busy() {
        assert_eq!(wait(&load(0, 0.0, 2, true)), (0, 5));
    }

    #[test]
    fn other_queues_a_window_calls_first_count() {
        // one window serving R after A; four A turns wait: they go first
        assert_eq!(wait(&load(0, 4.0, 1, false)), (4, 40));
        // split between two windows
        assert_eq!(wait(&load(2, 2.0, 2, true)), (4, 25));
    }
}
