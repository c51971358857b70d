//! Work orders of a PQRS.

use super::*;

/// A work order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkOrder {
    pub id: i64,
    pub radicado: String,
    pub area: String,
    pub description: String,
    pub status: String,
    pub created_at: String,
    pub created_by: String,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    pub result: Option<String>,
}

const WO_SELECT: &str = "SELECT w.id, p.radicado, w.area, w.description, w.status, w.created_at,
    w.created_by, w.closed_at, w.closed_by, w.result FROM work_orders w JOIN pqrs p ON p.id = w.pqrs";

fn wo_from_row(r: &Row<'_>) -> rusqlite::Result<WorkOrder> {
    Ok(WorkOrder {
        id: r.get(0)?,
        radicado: r.get(1)?,
        area: r.get(2)?,
        description: r.get(3)?,
        status: r.get(4)?,
        created_at: r.get(5)?,
        created_by: r.get(6)?,
        closed_at: r.get(7)?,
        closed_by: r.get(8)?,
        result: r.get(9)?,
    })
}

/// Opens a work order; returns its id.
pub fn add_work_order(
    conn: &Connection,
    pqrs: i64,
    area: &str,
    description: &str,
    at: &str,
    by: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO work_orders (pqrs, area, description, status, created_at, created_by)
         VALUES (?1, ?2, ?3, 'abierta', ?4, ?5)",
        params![pqrs, area, description, at, by],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A work order by id.
pub fn work_order(conn: &Connection, id: i64) -> Result<Option<WorkOrder>> {
    Ok(conn
        .query_row(&format!("{WO_SELECT} WHERE w.id = ?1"), [id], wo_from_row)
        .optional()?)
}

/// Closes a work order.
pub fn close_work_order(
    conn: &Connection,
    id: i64,
    result: &str,
    at: &str,
    by: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE work_orders SET status = 'cerrada', closed_at = ?2, closed_by = ?3, result = ?4
         WHERE id = ?1",
        params![id, at, by, result],
    )?;
    Ok(())
}

/// The work orders of a PQRS, oldest first.
pub fn work_orders(conn: &Connection, pqrs: i64) -> Result<Vec<WorkOrder>> {
    let mut stmt = conn.prepare_cached(&format!("{WO_SELECT} WHERE w.pqrs = ?1 ORDER BY w.id"))?;
    let rows = stmt.query_map([pqrs], wo_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
