//! Customers. (Lookup, edits and history arrive with the customers issue.)

use crate::error::Result;
use rusqlite::{Connection, params};

/// Fields of a new customer, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCustomer {
    pub doc_type: String,
    pub doc_number: String,
    pub names: String,
    pub surnames: String,
    pub birth_date: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub affiliation: String,
    pub category: Option<String>,
}

/// Inserts customers in one go (the caller owns the transaction).
pub fn insert_many(conn: &Connection, rows: &[NewCustomer], at: &str, by: &str) -> Result<()> {
    let mut stmt = conn.prepare(
        "INSERT INTO customers (doc_type, doc_number, names, surnames, birth_date, phone, email,
             address, affiliation, category, created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?11, ?12)",
    )?;
    for c in rows {
        stmt.execute(params![
            c.doc_type,
            c.doc_number,
            c.names,
            c.surnames,
            c.birth_date,
            c.phone,
            c.email,
            c.address,
            c.affiliation,
            c.category,
            at,
            by
        ])?;
    }
    Ok(())
}

/// Number of customers.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?)
}
