//! The consent ledger.

use crate::error::Result;
use rusqlite::{Connection, params};
use serde::Serialize;

/// One ledger event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: i64,
    pub action: String,
    pub purpose: String,
    pub channel: String,
    pub policy_version: String,
    pub evidence_path: Option<String>,
    pub evidence_sha256: Option<String>,
    pub at: String,
    pub by: String,
}

/// Appends an event.
#[allow(clippy::too_many_arguments)]
pub fn append(
    conn: &Connection,
    customer: i64,
    grant: bool,
    purpose: &str,
    channel: &str,
    policy_version: &str,
    evidence: Option<(&str, &str)>,
    at: &str,
    by: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO consents (customer, action, purpose, channel, policy_version, evidence_path,
             evidence_sha256, at, by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            customer,
            if grant { "grant" } else { "revoke" },
            purpose,
            channel,
            policy_version,
            evidence.map(|e| e.0),
            evidence.map(|e| e.1),
            at,
            by
        ],
    )?;
    Ok(())
}

/// Every consent decision in order: (customer, purpose, granted).
pub fn each(conn: &Connection, mut f: impl FnMut(i64, &str, bool)) -> Result<()> {
    let mut stmt = conn.prepare("SELECT customer, purpose, action FROM consents ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let purpose: String = r.get(1)?;
        let action: String = r.get(2)?;
        f(r.get(0)?, &purpose, action == "grant");
    }
    Ok(())
}

/// A customer's ledger, oldest first.
pub fn of(conn: &Connection, customer: i64) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, action, purpose, channel, policy_version, evidence_path, evidence_sha256, at, by
         FROM consents WHERE customer = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([customer], |r| {
        Ok(Entry {
            id: r.get(0)?,
            action: r.get(1)?,
            purpose: r.get(2)?,
            channel: r.get(3)?,
            policy_version: r.get(4)?,
            evidence_path: r.get(5)?,
            evidence_sha256: r.get(6)?,
            at: r.get(7)?,
            by: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
