//! The deadline watch's rows and query.

use super::*;

/// A line of the deadline watch (the columns it needs, nothing more).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchRow {
    pub radicado: String,
    #[serde(rename = "type")]
    pub kind: Kind,
    pub status: Status,
    pub area: String,
    pub assignee: Option<String>,
    pub priority: bool,
    pub subject: String,
    pub filed_on: String,
    #[serde(rename = "due_date")]
    pub due_on: Option<String>,
    pub paused: bool,
}

/// The open states, as the partial index `pqrs_watch` names them (a query must repeat them
/// literally for SQLite to use it).
pub const OPEN_SQL: &str = "status IN ('radicada', 'asignada', 'en-tramite', \
    'espera-informacion', 'proyectada', 'aprobada')";

pub(super) const WATCH_COLUMNS: &str =
    "radicado, kind, status, area, assignee, priority, subject, filed_on,
    due_on, paused_on IS NOT NULL";

fn watch_row(r: &Row<'_>) -> rusqlite::Result<WatchRow> {
    Ok(WatchRow {
        radicado: r.get(0)?,
        kind: r.get(1)?,
        status: r.get(2)?,
        area: r.get(3)?,
        assignee: r.get(4)?,
        priority: r.get(5)?,
        subject: r.get(6)?,
        filed_on: r.get(7)?,
        due_on: r.get(8)?,
        paused: r.get(9)?,
    })
}

/// Which rows the watch reads; every condition is answered by SQLite.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WatchQuery<'a> {
    /// One state; none: the open states (through the partial index).
    pub status: Option<&'a str>,
    pub area: Option<&'a str>,
    /// Assigned to this user or to nobody yet.
    pub mine: Option<&'a str>,
    /// Only running clocks (not paused) due on or before this date (YYYY-MM-DD).
    pub due_by: Option<String>,
    pub limit: Option<u32>,
}

impl WatchQuery<'_> {
    /// `FROM ... WHERE ...` and its parameters.
    pub(super) fn sql_filter(&self) -> (String, Vec<String>) {
        let mut params: Vec<String> = Vec::new();
        let mut sql = match self.status {
            None => format!("FROM pqrs INDEXED BY pqrs_watch WHERE {OPEN_SQL}"),
            Some(s) => {
                params.push(s.to_string());
                "FROM pqrs WHERE status = ?1".to_string()
            }
        };
        if let Some(area) = self.area {
            params.push(area.to_string());
            sql.push_str(&format!(" AND area = ?{}", params.len()));
        }
        if let Some(user) = self.mine {
            params.push(user.to_string());
            let n = params.len();
            sql.push_str(&format!(" AND (assignee = ?{n} OR assignee IS NULL)"));
        }
        if let Some(by) = &self.due_by {
            params.push(by.clone());
            let n = params.len();
            sql.push_str(&format!(" AND paused_on IS NULL AND due_on <= ?{n}"));
        }
        (sql, params)
    }
}

/// Watch rows, earliest due date first and those without a term last.
pub fn watch_rows(conn: &Connection, q: &WatchQuery<'_>) -> Result<Vec<WatchRow>> {
    let (from_where, params) = q.sql_filter();
    let limit = q.limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
    // NULL due dates sort first in SQL; those rows are read apart and go last
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {WATCH_COLUMNS} {from_where} AND due_on IS NOT NULL
         ORDER BY due_on, radicado{limit}"
    ))?;
    let mut rows: Vec<WatchRow> = stmt
        .query_map(rusqlite::params_from_iter(&params), watch_row)?
        .collect::<Result<_, _>>()?;
    let room = q
        .limit
        .map_or(u32::MAX, |n| n.saturating_sub(rows.len() as u32));
    if room > 0 && q.due_by.is_none() {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {WATCH_COLUMNS} {from_where} AND due_on IS NULL ORDER BY radicado LIMIT {room}"
        ))?;
        let undated = stmt.query_map(rusqlite::params_from_iter(&params), watch_row)?;
        for r in undated {
            rows.push(r?);
        }
    }
    Ok(rows)
}

/// How many rows `q` selects (its limit aside).
pub fn watch_count(conn: &Connection, q: &WatchQuery<'_>) -> Result<usize> {
    let (from_where, params) = q.sql_filter();
    let mut stmt = conn.prepare_cached(&format!("SELECT count(*) {from_where}"))?;
    let n: i64 = stmt.query_row(rusqlite::params_from_iter(&params), |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}
