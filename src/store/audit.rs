//! The audit log: append-only rows, written inside the transaction of the write they record.

use crate::error::Result;
use rusqlite::{Connection, params};
use serde::Serialize;

/// One audit record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub on_behalf: Option<String>,
    pub action: String,
    pub object: String,
    pub detail: String,
}

/// A record to append (the id is assigned by the database).
#[derive(Debug, Clone, Copy)]
pub struct NewEntry<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub on_behalf: Option<&'a str>,
    pub action: &'a str,
    pub object: &'a str,
    pub detail: &'a str,
}

/// The chain's value before the first record.
const GENESIS: &str = "ventanilla-audit-v1";

/// A record's hash: SHA-256 over the previous hash and the record's canonical content (a JSON
/// array of its id and fields, so no two records can be confused).
pub fn digest(prev: &str, id: i64, e: &NewEntry<'_>) -> String {
    use sha2::{Digest, Sha256};
    let content = serde_json::json!([id, e.at, e.actor, e.on_behalf, e.action, e.object, e.detail]);
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(content.to_string().as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn previous_hash(conn: &Connection, id: i64) -> Result<Option<Option<String>>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT hash FROM audit_log WHERE id < ?1 ORDER BY id DESC LIMIT 1",
            [id],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?)
}

/// Appends a record, chained to the one before it (inside the caller's write transaction, so
/// the chain has one order).
pub fn append(conn: &Connection, e: &NewEntry<'_>) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, actor, on_behalf, action, object, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![e.at, e.actor, e.on_behalf, e.action, e.object, e.detail],
    )?;
    let id = conn.last_insert_rowid();
    let prev = match previous_hash(conn, id)? {
        None => GENESIS.to_string(),
        Some(Some(h)) => h,
        // records from before the chain existed: seal them (and this one) in order
        Some(None) => return seal(conn),
    };
    conn.execute(
        "UPDATE audit_log SET hash = ?2 WHERE id = ?1",
        params![id, digest(&prev, id, e)],
    )?;
    Ok(())
}

/// Computes the hash of every record from the first one without a hash (or from `from`), in
/// order: seals records written before the chain existed, or re-seals after a lawful rewrite
/// (the deletion of a person's data), which the caller records in the audit log.
pub fn reseal_from(conn: &Connection, from: i64) -> Result<()> {
    let mut prev = match previous_hash(conn, from)? {
        None => GENESIS.to_string(),
        Some(h) => h.unwrap_or_default(),
    };
    let rows: Vec<Entry> = {
        let mut stmt = conn.prepare(
            "SELECT id, at, actor, on_behalf, action, object, detail FROM audit_log
             WHERE id >= ?1 ORDER BY id",
        )?;
        stmt.query_map([from], entry)?.collect::<Result<_, _>>()?
    };
    let mut update = conn.prepare("UPDATE audit_log SET hash = ?2 WHERE id = ?1")?;
    for r in rows {
        let h = digest(&prev, r.id, &r.as_new());
        update.execute(params![r.id, h])?;
        prev = h;
    }
    Ok(())
}

/// Seals the records that have no hash yet (those from before the chain existed).
pub fn seal(conn: &Connection) -> Result<()> {
    let first: Option<i64> = conn.query_row(
        "SELECT min(id) FROM audit_log WHERE hash IS NULL",
        [],
        |r| r.get(0),
    )?;
    match first {
        Some(id) => reseal_from(conn, id),
        None => Ok(()),
    }
}

fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        on_behalf: r.get(3)?,
        action: r.get(4)?,
        object: r.get(5)?,
        detail: r.get(6)?,
    })
}

impl Entry {
    fn as_new(&self) -> NewEntry<'_> {
        NewEntry {
            at: &self.at,
            actor: &self.actor,
            on_behalf: self.on_behalf.as_deref(),
            action: &self.action,
            object: &self.object,
            detail: &self.detail,
        }
    }
}

/// What walking the chain found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Records checked.
    pub records: usize,
    /// The first record whose content or place does not match the chain, with why.
    pub broken_at: Option<(i64, String)>,
}

/// Walks the whole chain.
pub fn verify(conn: &Connection) -> Result<Verdict> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, on_behalf, action, object, detail, hash FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut last_id = 0i64;
    let mut records = 0usize;
    while let Some(r) = rows.next()? {
        let e = entry(r)?;
        let stored: Option<String> = r.get(7)?;
        records += 1;
        if e.id != last_id + 1 {
            return Ok(Verdict {
                records,
                broken_at: Some((
                    last_id + 1,
                    if e.id == last_id + 2 {
                        format!("falta el registro {}", last_id + 1)
                    } else {
                        format!("faltan los registros {} a {}", last_id + 1, e.id - 1)
                    },
                )),
            });
        }
        let expected = digest(&prev, e.id, &e.as_new());
        if stored.as_deref() != Some(expected.as_str()) {
            let why = if stored.is_none() {
                "no tiene sello".to_string()
            } else {
                "su contenido o su sello fueron modificados".to_string()
            };
            return Ok(Verdict {
                records,
                broken_at: Some((e.id, why)),
            });
        }
        prev = expected;
        last_id = e.id;
    }
    Ok(Verdict {
        records,
        broken_at: None,
    })
}

/// Records at or after `since` (RFC 3339 UTC), oldest first.
pub fn list(conn: &Connection, since: &str) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, on_behalf, action, object, detail FROM audit_log
         WHERE at >= ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([since], entry)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
