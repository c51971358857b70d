//! The report's PQRS section: filings by type, channel, area and state, answers on time,
//! positive silences, and the work orders of the range.

use super::*;
use rusqlite::Connection;

/// PQRS figures of the range.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PqrsSection {
    pub filed: usize,
    pub by_type: BTreeMap<String, usize>,
    pub by_channel: BTreeMap<String, usize>,
    pub by_area: BTreeMap<String, usize>,
    pub by_status: BTreeMap<String, usize>,
    pub answered: usize,
    pub answered_on_time: usize,
    /// Filed in the range, term expired unanswered before its last day.
    pub overdue_unanswered: usize,
    /// answered on time ÷ (answered + overdue unanswered).
    pub on_time_percent: Option<f64>,
    pub closed_in_favor: usize,
    /// Unanswered at a due date in the range where silence grants the request.
    pub positive_silence: Vec<crate::store::reports::Silence>,
    /// Work orders of the range (GCO Df01's daily report of PQR and work orders).
    pub work_orders: WorkOrders,
}

/// Work orders opened and closed in the range, and those still open by area.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WorkOrders {
    pub opened: usize,
    pub closed: usize,
    /// Open now, by the area that does the work.
    pub open_by_area: BTreeMap<String, usize>,
}

pub(super) fn pqrs_section(
    store: &Store,
    start: &str,
    end: &str,
    offset: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<PqrsSection> {
    let conn = store.conn();
    let mut s = PqrsSection::default();
    for (kind, channel, area, status, _, due, answered) in
        reports::pqrs_facts(conn, start, end, offset)?
    {
        s.filed += 1;
        *s.by_type.entry(kind.label().to_string()).or_default() += 1;
        *s.by_channel.entry(channel.label().to_string()).or_default() += 1;
        *s.by_area.entry(area).or_default() += 1;
        *s.by_status.entry(status.label().to_string()).or_default() += 1;
        if let Some(day) = answered {
            s.answered += 1;
            if due.is_none_or(|d| day <= d) {
                s.answered_on_time += 1;
            }
        }
    }
    // overdue: due before the range's last day (a term due that day may still be answered)
    s.overdue_unanswered = reports::overdue_unanswered(conn, start, end, &to.to_string())?;
    s.on_time_percent = share(s.answered_on_time, s.answered + s.overdue_unanswered);
    s.closed_in_favor = reports::closed_in_favor(conn, start, end)?;
    s.positive_silence =
        reports::positive_silences(conn, &from.to_string(), &to.to_string(), offset)?;
    s.work_orders = work_orders(conn, start, end)?;
    Ok(s)
}

/// Work orders opened and closed between the instants `start` and `end` (UTC, RFC 3339),
/// and those open now by area.
fn work_orders(conn: &Connection, start: &str, end: &str) -> Result<WorkOrders> {
    let (opened, closed) = reports::work_order_counts(conn, start, end)?;
    Ok(WorkOrders {
        opened,
        closed,
        open_by_area: reports::open_work_orders_by_area(conn)?
            .into_iter()
            .collect(),
    })
}
