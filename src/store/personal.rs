//! Where a customer's personal data can be: every text column of the schema is declared here,
//! personal or not (a schema test fails on a text column nobody declared), with the rows of
//! each table that belong to one person. A deletion (`desk::pqrs::treatment`) rewrites every
//! free-text column through this registry, so a new table or column cannot be forgotten.

use crate::error::Result;
use rusqlite::{Connection, params};

/// What a text column holds, as far as a customer's deletion is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Codes, dates, hashes, staff usernames and the like: nothing about a customer.
    NotPersonal,
    /// The customer's identifiers and contact data in a structured column: cleared or
    /// pseudonymised by the deletion itself (customer record, documents on turns, evidence).
    Identity,
    /// Text people type, which may name anyone: rewritten with the person's data redacted.
    FreeText,
}

mod columns;

pub use columns::COLUMNS;

use Kind::FreeText;

/// Which rows of a table belong to one person: `?1` is the customer id, `?2` the document
/// type and `?3` the document number (as stored before the deletion).
const OWN_ROWS: &[(&str, &str)] = &[
    (
        "attachments",
        "(owner_kind = 'pqrs' AND owner_id IN (SELECT id FROM pqrs WHERE customer = ?1))
         OR (owner_kind = 'autorizacion'
             AND owner_id IN (SELECT id FROM consents WHERE customer = ?1))
         OR (owner_kind = 'atencion'
             AND owner_id IN (SELECT id FROM attentions WHERE customer = ?1))",
    ),
    ("attentions", "customer = ?1"),
    (
        "audit_log",
        "instr(object, ?3) > 0 OR object IN (SELECT radicado FROM pqrs WHERE customer = ?1)",
    ),
    ("calendar_changes", "0"),
    ("consents", "customer = ?1"),
    ("customer_changes", "customer = ?1"),
    ("pqrs", "customer = ?1"),
    (
        "pqrs_answers",
        "pqrs IN (SELECT id FROM pqrs WHERE customer = ?1)",
    ),
    (
        "pqrs_deliveries",
        "pqrs IN (SELECT id FROM pqrs WHERE customer = ?1)",
    ),
    (
        "pqrs_events",
        "pqrs IN (SELECT id FROM pqrs WHERE customer = ?1)",
    ),
    (
        "ratings",
        "turn IN (SELECT id FROM turns WHERE doc_type = ?2 AND doc_number = ?3)
         OR attention IN (SELECT id FROM attentions WHERE customer = ?1)",
    ),
    (
        "turn_events",
        "turn IN (SELECT id FROM turns WHERE doc_type = ?2 AND doc_number = ?3)",
    ),
    ("turns", "doc_type = ?2 AND doc_number = ?3"),
    (
        "work_orders",
        "pqrs IN (SELECT id FROM pqrs WHERE customer = ?1)",
    ),
];

/// The kind of `table.column`, if declared.
pub fn declared(table: &str, column: &str) -> Option<Kind> {
    COLUMNS
        .iter()
        .find(|(t, c, _)| *t == table && *c == column)
        .map(|(_, _, k)| *k)
}

/// The text columns of the database that the registry does not declare, as `table.column`
/// (the schema test keeps this empty).
pub fn undeclared(conn: &Connection) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (table, column) in text_columns(conn)? {
        if declared(&table, &column).is_none() {
            out.push(format!("{table}.{column}"));
        }
    }
    Ok(out)
}

fn text_columns(conn: &Connection) -> Result<Vec<(String, String)>> {
    let tables: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customers_fts%' ORDER BY name",
        )?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare("SELECT name, type FROM pragma_table_info(?1)")?;
        let cols: Vec<(String, String)> = stmt
            .query_map([&table], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (column, ty) in cols {
            if ty.eq_ignore_ascii_case("TEXT") || ty.is_empty() {
                out.push((table.clone(), column));
            }
        }
    }
    Ok(out)
}

/// The person a deletion is about, as stored before it.
pub struct Person<'a> {
    pub customer: i64,
    pub doc_type: &'a str,
    pub doc_number: &'a str,
}

/// Rewrites every free-text column of every table: `rewrite(text, own)` gets each non-empty
/// value (`own`: the row belongs to the person) and returns the new text, or `None` to keep
/// it. Returns the number of rows changed and the first audit record changed (the chain must
/// be sealed again from there).
pub fn rewrite_free_text(
    conn: &Connection,
    person: &Person<'_>,
    rewrite: &dyn Fn(&str, bool) -> Option<String>,
) -> Result<(usize, Option<i64>)> {
    let mut changed = 0;
    let mut first_audit: Option<i64> = None;
    for (table, own) in OWN_ROWS {
        let columns: Vec<&str> = COLUMNS
            .iter()
            .filter(|(t, _, k)| t == table && *k == FreeText)
            .map(|(_, c, _)| *c)
            .collect();
        if columns.is_empty() {
            continue;
        }
        for column in columns {
            let rows: Vec<(i64, String, bool)> = {
                let mut stmt = conn.prepare(&format!(
                    // the three parameters are bound whichever the rule uses
                    "SELECT rowid, {column}, ({own}) FROM {table}
                     WHERE {column} IS NOT NULL AND {column} <> ''
                       AND coalesce(?1, ?2, ?3) IS NOT NULL"
                ))?;
                stmt.query_map(
                    params![person.customer, person.doc_type, person.doc_number],
                    |r| {
                        Ok((
                            r.get(0)?,
                            r.get(1)?,
                            r.get::<_, Option<bool>>(2)?.unwrap_or(false),
                        ))
                    },
                )?
                .collect::<rusqlite::Result<_>>()?
            };
            for (rowid, text, is_own) in rows {
                let Some(new) = rewrite(&text, is_own) else {
                    continue;
                };
                conn.execute(
                    &format!("UPDATE {table} SET {column} = ?2 WHERE rowid = ?1"),
                    params![rowid, new],
                )?;
                changed += 1;
                if *table == "audit_log" {
                    first_audit = Some(first_audit.map_or(rowid, |f| f.min(rowid)));
                }
            }
        }
    }
    Ok((changed, first_audit))
}

/// Every value the person's change history kept (field, old or new value), so a deletion
/// also finds the names, numbers and addresses they had before.
pub fn history(conn: &Connection, customer: i64) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT field, old FROM customer_changes WHERE customer = ?1 AND old IS NOT NULL
         UNION SELECT field, new FROM customer_changes WHERE customer = ?1 AND new IS NOT NULL",
    )?;
    let rows = stmt
        .query_map([customer], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Clears the person's structured identifiers outside the customer record: their change
/// history, the paths of their consent evidence, their document on turns, and the contact
/// data and requested changes of their PQRS, the caller's name and contact on their
/// attentions, and the bytes of every file attached about them.
pub fn clear_identity(conn: &Connection, person: &Person<'_>) -> Result<()> {
    conn.execute(
        "DELETE FROM customer_changes WHERE customer = ?1",
        [person.customer],
    )?;
    conn.execute(
        "UPDATE consents SET evidence_path = NULL WHERE customer = ?1",
        [person.customer],
    )?;
    conn.execute(
        "UPDATE turns SET doc_type = NULL, doc_number = NULL
         WHERE doc_type = ?1 AND doc_number = ?2",
        params![person.doc_type, person.doc_number],
    )?;
    conn.execute(
        "UPDATE pqrs SET notify_address = '', data_changes = NULL WHERE customer = ?1",
        [person.customer],
    )?;
    conn.execute(
        "UPDATE attentions SET caller = '', contact = '' WHERE customer = ?1",
        [person.customer],
    )?;
    // the files attached about them (scans, evidence, letters): the bytes go, the row says so
    conn.execute(
        "UPDATE attachments SET data = X'', size = 0, sha256 = '', name = '(suprimido)'
         WHERE (owner_kind = 'pqrs' AND owner_id IN (SELECT id FROM pqrs WHERE customer = ?1))
            OR (owner_kind = 'autorizacion'
                AND owner_id IN (SELECT id FROM consents WHERE customer = ?1))
            OR (owner_kind = 'atencion'
                AND owner_id IN (SELECT id FROM attentions WHERE customer = ?1))",
        [person.customer],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_column_is_declared_personal_or_not() {
        let store = crate::store::Store::in_memory().unwrap();
        let missing = undeclared(store.conn()).unwrap();
        assert!(
            missing.is_empty(),
            "declare these columns in store::personal::COLUMNS: {missing:?}"
        );
        // and nothing declared is gone from the schema
        let present = text_columns(store.conn()).unwrap();
        for (t, c, _) in COLUMNS {
            assert!(
                present.iter().any(|(pt, pc)| pt == t && pc == c),
                "{t}.{c} is declared but not in the schema"
            );
        }
    }

    #[test]
    fn every_table_with_free_text_says_which_rows_are_a_persons() {
        for (t, _, k) in COLUMNS {
            if *k == FreeText {
                assert!(
                    OWN_ROWS.iter().any(|(ot, _)| ot == t),
                    "{t} has free text but no rule for a person's own rows"
                );
            }
        }
    }
}
