//! The organisation's calendar changes (append-only events).

use crate::domain::calendar::Change;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use std::collections::BTreeMap;

/// The current change per date: the latest event for each date.
pub fn current(conn: &Connection) -> Result<BTreeMap<NaiveDate, Change>> {
    let mut stmt = conn.prepare(
        "SELECT c.date, c.kind, c.reason FROM calendar_changes c
         WHERE c.id = (SELECT max(id) FROM calendar_changes WHERE date = c.date)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (date, kind, reason) = row?;
        if let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
            let change = if kind == "cerrado" {
                Change::Closed(reason)
            } else {
                Change::Open(reason)
            };
            out.insert(date, change);
        }
    }
    Ok(out)
}

/// Appends a change event.
pub fn append(
    conn: &Connection,
    date: NaiveDate,
    closed: bool,
    reason: &str,
    at: &str,
    by: &str,
) -> Result<()> {
    let kind = if closed { "cerrado" } else { "abierto" };
    conn.execute(
        "INSERT INTO calendar_changes (date, kind, reason, at, by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![date.format("%Y-%m-%d").to_string(), kind, reason, at, by],
    )?;
    Ok(())
}
