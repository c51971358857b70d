//! `ventanilla central status`: each branch as central sees it — last sync, lag, open PQRS,
//! overdue ones, and today's turns and waits.

use super::explain;
use crate::domain::request::Status;
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use postgres::GenericClient;
use serde::Serialize;

/// One branch's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BranchStatus {
    pub code: String,
    pub name: String,
    pub seccional: String,
    /// When its last sync round reached central.
    pub last_sync: Option<DateTime<Utc>>,
    /// Seconds since then.
    pub lag_s: Option<i64>,
    pub open_pqrs: i64,
    /// Open PQRS whose term ended before today, clock running.
    pub overdue_pqrs: i64,
    pub turns_today: i64,
    pub served_today: i64,
    /// Median wait of today's called turns, in minutes.
    pub wait_median_min: Option<f64>,
}

/// The PQRS statuses still owed an answer, as stored.
pub fn open_codes() -> Vec<&'static str> {
    Status::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| s.code())
        .collect()
}

/// Every branch, by seccional and code; `today` is the organisation's local day.
pub fn branches(
    client: &mut impl GenericClient,
    shown: &str,
    today: NaiveDate,
) -> Result<Vec<BranchStatus>> {
    let open = open_codes();
    let today_text = today.to_string();
    let rows = client
        .query(
            "SELECT b.code, b.name, b.seccional, b.last_seen,
                 extract(epoch FROM now() - b.last_seen)::bigint,
                 (SELECT count(*) FROM pqrs p WHERE p.branch = b.code
                    AND p.row->>'status' = ANY($1)),
                 (SELECT count(*) FROM pqrs p WHERE p.branch = b.code
                    AND p.row->>'status' = ANY($1) AND p.row->>'due_on' < $3
                    AND p.row->>'paused_on' IS NULL),
                 (SELECT count(*) FROM turns t WHERE t.branch = b.code AND t.day = $2
                    AND t.status <> 'transferred'),
                 (SELECT count(*) FROM turns t WHERE t.branch = b.code AND t.day = $2
                    AND t.status = 'finished'),
                 (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY t.wait_s)
                    FROM turns t WHERE t.branch = b.code AND t.day = $2
                    AND t.status <> 'transferred' AND t.wait_s IS NOT NULL)
             FROM branches b ORDER BY b.seccional, b.code",
            &[&open, &today, &today_text],
        )
        .map_err(|e| explain(&e, shown))?;
    Ok(rows
        .iter()
        .map(|r| {
            let last_sync: Option<DateTime<Utc>> = r.get(3);
            BranchStatus {
                code: r.get(0),
                name: r.get(1),
                seccional: r.get(2),
                last_sync,
                lag_s: r.get::<_, Option<i64>>(4).map(|s| s.max(0)),
                open_pqrs: r.get(5),
                overdue_pqrs: r.get(6),
                turns_today: r.get(7),
                served_today: r.get(8),
                wait_median_min: r.get::<_, Option<i64>>(9).map(|s| s as f64 / 60.0),
            }
        })
        .collect())
}
