//! Who is waiting and who goes next: the queue heads the policy picks from, the preferential
//! streak, turns reserved for a window, the people ahead of a turn and the waiting counts.

use super::{COLUMNS, Turn, from_row, list, parse_instant};
use crate::domain::queue::Candidate;
use crate::domain::turn::Status;
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, params};

/// The heads of the queues of `services` on `day`: the oldest preferential and the oldest
/// regular turn of each service (the only turns the policy can pick).
pub fn queue_heads(conn: &Connection, day: &str, services: &[String]) -> Result<Vec<Candidate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, service, preferential IS NOT NULL, issued_at FROM turns
         WHERE day = ?1 AND service = ?2 AND status = 'waiting' AND (preferential IS NOT NULL) = ?3
           AND for_window IS NULL
         ORDER BY issued_at, id LIMIT 1",
    )?;
    let mut out = Vec::new();
    for service in services {
        for pref in [true, false] {
            let row = stmt
                .query_row(params![day, service, pref], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, bool>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                })
                .optional()?;
            if let Some((id, service, preferential, issued)) = row {
                let issued_at = parse_instant(&issued);
                out.push(Candidate {
                    id,
                    service,
                    preferential,
                    issued_at,
                });
            }
        }
    }
    Ok(out)
}

/// How many of the window's latest calls in a row were preferential (up to `max`).
pub fn preferential_streak(conn: &Connection, window: u32, max: u32) -> Result<u32> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.preferential IS NOT NULL FROM turn_events e JOIN turns t ON t.id = e.turn
         WHERE e.window = ?1 AND e.kind = 'call' ORDER BY e.id DESC LIMIT ?2",
    )?;
    let flags = stmt.query_map(params![window, max], |r| r.get::<_, bool>(0))?;
    let mut streak = 0;
    for flag in flags {
        if !flag? {
            break;
        }
        streak += 1;
    }
    Ok(streak)
}

/// Reserves a waiting turn for one window (a transfer to that window).
pub fn reserve_for(conn: &Connection, id: i64, window: u32) -> Result<()> {
    conn.execute(
        "UPDATE turns SET for_window = ?2 WHERE id = ?1",
        params![id, window],
    )?;
    Ok(())
}

/// The oldest turn of `day` transferred to `window` and still waiting for it.
pub fn reserved_for(conn: &Connection, day: &str, window: u32) -> Result<Option<Turn>> {
    Ok(waiting_for_window(conn, day, window)?.into_iter().next())
}

/// Waiting turns of `services` on `day`, in issue order.
pub fn waiting_in(conn: &Connection, day: &str, services: &[String]) -> Result<Vec<Turn>> {
    let mut out = Vec::new();
    for s in services {
        out.extend(list(conn, day, Some(Status::Waiting), Some(s))?);
    }
    out.sort_by(|a, b| (&a.issued_at, a.id).cmp(&(&b.issued_at, b.id)));
    Ok(out)
}

/// Waiting turns ahead of one issued at `issued_at` in `service` (preferential turns only
/// count those ahead of a preferential one).
pub fn ahead_of(
    conn: &Connection,
    day: &str,
    service: &str,
    id: i64,
    preferential: bool,
) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM turns WHERE day = ?1 AND service = ?2 AND status = 'waiting' AND id <> ?3
         AND (preferential IS NOT NULL OR ?4 = 0)
         AND (preferential IS NOT NULL OR issued_at <= (SELECT issued_at FROM turns WHERE id = ?3))",
        params![day, service, id, preferential],
        |r| r.get(0),
    )?)
}

/// Waiting turns per service on `day`.
pub fn waiting_counts(conn: &Connection, day: &str) -> Result<Vec<(String, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT service, count(*) FROM turns WHERE day = ?1 AND status = 'waiting' GROUP BY service",
    )?;
    let rows = stmt.query_map([day], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The turns of `day` transferred to `window` and waiting for it, oldest first.
pub fn waiting_for_window(conn: &Connection, day: &str, window: u32) -> Result<Vec<Turn>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM turns WHERE day = ?1 AND status = 'waiting' AND for_window = ?2
         ORDER BY queued_at, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![day, window], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
