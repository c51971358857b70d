//! The deletion ledger: who was deleted, without saying who (a salted hash of the document),
//! when, and by which radicado; read by `restore` and `check`.

use crate::error::Result;
use rusqlite::{Connection, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// One deletion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deletion {
    pub doc_hash: String,
    pub salt: String,
    pub deleted_at: String,
    pub radicado: String,
}

/// The salted hash of a document as the ledger keeps it.
pub fn doc_hash(salt: &str, doc_type: &str, doc_number: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(b"\0");
    h.update(doc_type.as_bytes());
    h.update(b":");
    h.update(doc_number.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The setting holding the branch's ledger salt (random, made at the first deletion): one
/// salt for the branch lets `check` hash each customer of a copy once, not once per entry.
const SALT: &str = "deletion_salt";

/// Adds a deletion of `doc_type:doc_number` to the ledger.
pub fn record(
    conn: &Connection,
    doc_type: &str,
    doc_number: &str,
    at: &str,
    radicado: &str,
) -> Result<()> {
    let salt = match super::settings::get(conn, SALT)? {
        Some(s) => s,
        None => {
            let s = format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
            super::settings::set(conn, SALT, &s)?;
            s
        }
    };
    add(
        conn,
        &Deletion {
            doc_hash: doc_hash(&salt, doc_type, doc_number),
            salt,
            deleted_at: at.to_string(),
            radicado: radicado.to_string(),
        },
    )
}

/// Adds an entry as it is (a restore carries the ledger over); an entry already present is
/// not repeated.
pub fn add(conn: &Connection, d: &Deletion) -> Result<()> {
    conn.execute(
        "INSERT INTO deletions (doc_hash, salt, deleted_at, radicado)
         SELECT ?1, ?2, ?3, ?4
         WHERE NOT EXISTS (SELECT 1 FROM deletions WHERE doc_hash = ?1 AND salt = ?2)",
        params![d.doc_hash, d.salt, d.deleted_at, d.radicado],
    )?;
    Ok(())
}

/// The whole ledger, oldest first (empty on a database older than the ledger).
pub fn all(conn: &Connection) -> Result<Vec<Deletion>> {
    let exists: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'deletions'",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(Vec::new());
    }
    let mut stmt =
        conn.prepare("SELECT doc_hash, salt, deleted_at, radicado FROM deletions ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Deletion {
                doc_hash: r.get(0)?,
                salt: r.get(1)?,
                deleted_at: r.get(2)?,
                radicado: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The customers of `conn` not yet deleted whose document is in `ledger`, with the entry.
pub fn still_present(conn: &Connection, ledger: &[Deletion]) -> Result<Vec<(i64, Deletion)>> {
    if ledger.is_empty() {
        return Ok(Vec::new());
    }
    let by_hash: std::collections::HashMap<&str, &Deletion> =
        ledger.iter().map(|d| (d.doc_hash.as_str(), d)).collect();
    let mut salts: Vec<&str> = ledger.iter().map(|d| d.salt.as_str()).collect();
    salts.sort_unstable();
    salts.dedup();
    let mut stmt =
        conn.prepare("SELECT id, doc_type, doc_number FROM customers WHERE suppressed_at IS NULL")?;
    let mut rows = stmt.query([])?;
    let mut found = Vec::new();
    while let Some(r) = rows.next()? {
        let (id, kind, number): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        if let Some(d) = salts
            .iter()
            .find_map(|salt| by_hash.get(doc_hash(salt, &kind, &number).as_str()))
        {
            found.push((id, (*d).clone()));
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_depends_on_salt_type_and_number() {
        let a = doc_hash("s", "CC", "52123456");
        assert_eq!(a.len(), 64);
        assert_ne!(a, doc_hash("t", "CC", "52123456"));
        assert_ne!(a, doc_hash("s", "CE", "52123456"));
        assert_ne!(a, doc_hash("s", "CC", "52123457"));
        assert!(!a.contains("52123456"));
    }
}
