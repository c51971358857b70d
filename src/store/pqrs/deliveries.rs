//! Deliveries of a PQRS's letters.

use super::*;
use crate::domain::request::{DeliveryWay, Letter};

/// A recorded delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delivery {
    pub id: i64,
    pub letter: Letter,
    pub to_whom: String,
    /// The local day it was delivered (or came back).
    pub delivered_on: String,
    pub how: DeliveryWay,
    pub returned: bool,
    pub note: String,
    pub at: String,
    pub by: String,
}

/// Appends a delivery of a letter of `pqrs`; returns its id.
pub fn add_delivery(conn: &Connection, pqrs: i64, d: &Delivery) -> Result<i64> {
    conn.execute(
        "INSERT INTO pqrs_deliveries (pqrs, letter, to_whom, delivered_on, how, returned, note,
             at, by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            pqrs,
            d.letter,
            d.to_whom,
            d.delivered_on,
            d.how,
            d.returned,
            d.note,
            d.at,
            d.by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The deliveries of `pqrs`, oldest first.
pub fn deliveries(conn: &Connection, pqrs: i64) -> Result<Vec<Delivery>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, letter, to_whom, delivered_on, how, returned, note, at, by
         FROM pqrs_deliveries WHERE pqrs = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([pqrs], |r| {
        Ok(Delivery {
            id: r.get(0)?,
            letter: r.get(1)?,
            to_whom: r.get(2)?,
            delivered_on: r.get(3)?,
            how: r.get(4)?,
            returned: r.get(5)?,
            note: r.get(6)?,
            at: r.get(7)?,
            by: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
