//! Customers: insert/upsert, exact lookup, accent-insensitive name search (FTS5), history.

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

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
    pub affiliation: crate::domain::customer::Affiliation,
    pub category: Option<String>,
}

/// A stored customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Customer {
    pub id: i64,
    pub doc_type: String,
    pub doc_number: String,
    pub names: String,
    pub surnames: String,
    pub birth_date: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub affiliation: crate::domain::customer::Affiliation,
    pub category: Option<String>,
    pub sensitive_notes: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    /// The person opted out of mass communications.
    pub mass_opt_out: bool,
    /// When the personal data were removed at the person's request (the record stays,
    /// pseudonymised, for the filed PQRS that refer to it).
    pub suppressed_at: Option<String>,
}

const COLUMNS: &str =
    "id, doc_type, doc_number, names, surnames, birth_date, phone, email, address,
    affiliation, category, sensitive_notes, created_at, created_by, updated_at, updated_by,
    mass_opt_out, suppressed_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: r.get(0)?,
        doc_type: r.get(1)?,
        doc_number: r.get(2)?,
        names: r.get(3)?,
        surnames: r.get(4)?,
        birth_date: r.get(5)?,
        phone: r.get(6)?,
        email: r.get(7)?,
        address: r.get(8)?,
        affiliation: r.get(9)?,
        category: r.get(10)?,
        sensitive_notes: r.get(11)?,
        created_at: r.get(12)?,
        created_by: r.get(13)?,
        updated_at: r.get(14)?,
        updated_by: r.get(15)?,
        mass_opt_out: r.get(16)?,
        suppressed_at: r.get(17)?,
    })
}

const INSERT: &str =
    "INSERT INTO customers (doc_type, doc_number, names, surnames, birth_date, phone, email,
        address, affiliation, category, created_at, created_by, updated_at, updated_by)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?11, ?12)";

fn insert_params<'a>(
    c: &'a NewCustomer,
    at: &'a &'a str,
    by: &'a &'a str,
) -> [&'a dyn rusqlite::ToSql; 12] {
    [
        &c.doc_type,
        &c.doc_number,
        &c.names,
        &c.surnames,
        &c.birth_date,
        &c.phone,
        &c.email,
        &c.address,
        &c.affiliation,
        &c.category,
        at,
        by,
    ]
}

/// Inserts customers (the caller owns the transaction).
pub fn insert_many(conn: &Connection, rows: &[NewCustomer], at: &str, by: &str) -> Result<()> {
    let mut stmt = conn.prepare_cached(INSERT)?;
    for c in rows {
        stmt.execute(insert_params(c, &at, &by).as_slice())?;
    }
    Ok(())
}

/// Inserts one customer and returns its id.
pub fn insert(conn: &Connection, c: &NewCustomer, at: &str, by: &str) -> Result<i64> {
    conn.prepare_cached(INSERT)?
        .execute(insert_params(c, &at, &by).as_slice())?;
    Ok(conn.last_insert_rowid())
}

/// Prepared statements for many upserts in one transaction.
pub struct Upserter<'c> {
    insert: rusqlite::Statement<'c>,
    update: rusqlite::Statement<'c>,
}

impl<'c> Upserter<'c> {
    /// Prepares the statements once.
    pub fn new(conn: &'c Connection) -> Result<Upserter<'c>> {
        Ok(Upserter {
            insert: conn.prepare(&format!("{INSERT} ON CONFLICT (doc_type, doc_number) DO NOTHING"))?,
            update: conn.prepare(
                "UPDATE customers SET names = ?3, surnames = ?4, birth_date = coalesce(?5, birth_date),
                    phone = coalesce(?6, phone), email = coalesce(?7, email), address = coalesce(?8, address),
                    affiliation = ?9, category = ?10, updated_at = ?11, updated_by = ?12
                 WHERE doc_type = ?1 AND doc_number = ?2",
            )?,
        })
    }

    /// Inserts, or updates the one with the same document; true when it was new.
    pub fn upsert(&mut self, c: &NewCustomer, at: &str, by: &str) -> Result<bool> {
        if self.insert.execute(insert_params(c, &at, &by).as_slice())? == 1 {
            return Ok(true);
        }
        self.update.execute(insert_params(c, &at, &by).as_slice())?;
        Ok(false)
    }
}

/// The search-index triggers, as created by migration 0005 (bulk imports drop and recreate
/// them around a single index rebuild).
pub fn fts_triggers_sql() -> String {
    let sql = crate::store::migrate::MIGRATIONS
        .iter()
        .find(|(name, _)| *name == "0005_customer_records")
        .map(|(_, sql)| *sql)
        .unwrap_or_default();
    sql.split("CREATE TRIGGER")
        .skip(1)
        .map(|t| {
            format!(
                "CREATE TRIGGER{}END;\n",
                t.split("END;").next().unwrap_or("")
            )
        })
        .collect()
}

/// Number of customers.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?)
}

/// One customer by document.
pub fn by_document(conn: &Connection, doc_type: &str, number: &str) -> Result<Option<Customer>> {
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE doc_type = ?1 AND doc_number = ?2");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![doc_type, number], from_row)
        .optional()?)
}

/// Customers whose document number is exactly `number`, any type.
pub fn by_number(conn: &Connection, number: &str) -> Result<Vec<Customer>> {
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE doc_number = ?1 ORDER BY doc_type");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([number], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Full-text prefix search (an FTS5 MATCH expression), best matches (bm25) first.
pub fn search(conn: &Connection, fts_query: &str, limit: u32) -> Result<Vec<Customer>> {
    let cols = COLUMNS
        .split(',')
        .map(|c| format!("c.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {cols} FROM customers_fts f JOIN customers c ON c.id = f.rowid
         WHERE customers_fts MATCH ?1 ORDER BY f.rank LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![fts_query, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many customers a full-text search matches in all (for "20 primeros de 1.234").
pub fn count_matches(conn: &Connection, fts_query: &str) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM customers_fts WHERE customers_fts MATCH ?1")?
        .query_row([fts_query], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Updates one column of a customer (the caller checked the name) and stamps who and when.
pub fn set_field(
    conn: &Connection,
    id: i64,
    column: &str,
    value: Option<&str>,
    at: &str,
    by: &str,
) -> Result<()> {
    let sql = format!(
        "UPDATE customers SET {column} = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1"
    );
    conn.execute(&sql, params![id, value, at, by])?;
    Ok(())
}

/// Appends a history row.
pub fn add_change(
    conn: &Connection,
    id: i64,
    at: &str,
    by: &str,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO customer_changes (customer, at, by, field, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id, at, by, field, old, new])?;
    Ok(())
}

/// One history row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub at: String,
    pub by: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A customer by id.
pub fn by_id(conn: &Connection, id: i64) -> Result<Option<Customer>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM customers WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// A customer's history, oldest first.
pub fn changes(conn: &Connection, id: i64) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare(
        "SELECT at, by, field, old, new FROM customer_changes WHERE customer = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Change {
            at: r.get(0)?,
            by: r.get(1)?,
            field: r.get(2)?,
            old: r.get(3)?,
            new: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// All customers in document order (export).
pub fn all(conn: &Connection, mut each: impl FnMut(&Customer) -> Result<()>) -> Result<()> {
    let sql = format!("SELECT {COLUMNS} FROM customers ORDER BY doc_type, doc_number");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        each(&from_row(row)?)?;
    }
    Ok(())
}
