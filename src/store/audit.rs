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
        // a record without a seal is never sealed here: `verify` reports it as tampering
        // (only the upgrade that started the chain seals old records, once)
        Some(None) => String::new(),
    };
    conn.execute(
        "UPDATE audit_log SET hash = ?2 WHERE id = ?1",
        params![id, digest(&prev, id, e)],
    )?;
    Ok(())
}

/// Re-seals every record from `from` on, in order, after a lawful rewrite (the deletion of a
/// person's data), which the caller records in the audit log; the re-seal is also noted in the
/// anchor file, so anchors it supersedes keep only their record count.
pub fn reseal_from(conn: &Connection, from: i64) -> Result<()> {
    super::anchors::note_reseal(
        conn,
        from,
        crate::clock::Clock::now(&crate::clock::SystemClock),
    )?;
    compute_from(conn, from)
}

/// Computes the hash of every record from `from` on, in order.
fn compute_from(conn: &Connection, from: i64) -> Result<()> {
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

/// Seals the records written before the chain existed: run once, by the upgrade that adds the
/// chain, which records it (`audit.seal`). Returns how many records it sealed.
pub fn seal(conn: &Connection) -> Result<usize> {
    let (first, n): (Option<i64>, i64) = conn.query_row(
        "SELECT min(id), count(*) FROM audit_log WHERE hash IS NULL",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some(first) = first else {
        return Ok(0);
    };
    compute_from(conn, first)?;
    let at = crate::clock::Clock::now(&crate::clock::SystemClock)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let detail = format!("se sellaron {n} registros anteriores a la cadena");
    append(
        conn,
        &NewEntry {
            at: &at,
            actor: "ventanilla",
            on_behalf: None,
            action: "audit.seal",
            object: "audit_log",
            detail: &detail,
        },
    )?;
    Ok(n as usize)
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
    /// What is wrong with the log as a whole (its table or its seal column is missing).
    pub structure: Option<String>,
    /// The last record's id (0 for an empty log).
    pub last: i64,
}

impl Verdict {
    fn broken(records: usize, last: i64, at: i64, why: String) -> Self {
        Verdict {
            records,
            broken_at: Some((at, why)),
            structure: None,
            last,
        }
    }

    fn structure(why: &str) -> Self {
        Verdict {
            records: 0,
            broken_at: None,
            structure: Some(why.to_string()),
            last: 0,
        }
    }

    /// Whether the chain is whole.
    pub fn whole(&self) -> bool {
        self.broken_at.is_none() && self.structure.is_none()
    }

    /// One Spanish sentence saying what is wrong, if anything.
    pub fn problem(&self) -> Option<String> {
        match (&self.structure, &self.broken_at) {
            (Some(s), _) => Some(s.clone()),
            (None, Some((id, why))) => Some(format!("cadena rota en el registro {id}: {why}")),
            (None, None) => None,
        }
    }
}

/// Whether the log's table exists, and whether it has the seal column.
pub fn shape(conn: &Connection) -> Result<(bool, bool)> {
    let columns: Vec<String> = {
        let mut stmt = conn.prepare("SELECT name FROM pragma_table_info('audit_log')")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    Ok((!columns.is_empty(), columns.iter().any(|c| c == "hash")))
}

/// The message for a log whose table is missing.
pub const NO_TABLE: &str =
    "falta la tabla del registro de auditoría (audit_log): fue borrada o renombrada";
/// The message for a log whose seal column is missing.
pub const NO_SEALS: &str = "a la tabla de auditoría le falta la columna de sellos (hash): la \
     cadena fue desarmada";

/// Walks the whole chain. A missing table or seal column, a record without a seal, an edited
/// or missing record are all reported; nothing is ever sealed here.
pub fn verify(conn: &Connection) -> Result<Verdict> {
    match shape(conn)? {
        (false, _) => return Ok(Verdict::structure(NO_TABLE)),
        (true, false) => return Ok(Verdict::structure(NO_SEALS)),
        (true, true) => {}
    }
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
            let why = if e.id == last_id + 2 {
                format!("falta el registro {}", last_id + 1)
            } else if e.id > last_id {
                format!("faltan los registros {} a {}", last_id + 1, e.id - 1)
            } else {
                format!("el registro {} está fuera de orden", e.id)
            };
            return Ok(Verdict::broken(records, e.id, last_id + 1, why));
        }
        let expected = digest(&prev, e.id, &e.as_new());
        if stored.as_deref() != Some(expected.as_str()) {
            let why = if stored.is_none() {
                "no tiene sello".to_string()
            } else {
                "su contenido o su sello fueron modificados".to_string()
            };
            return Ok(Verdict::broken(records, e.id, e.id, why));
        }
        prev = expected;
        last_id = e.id;
    }
    Ok(Verdict {
        records,
        broken_at: None,
        structure: None,
        last: last_id,
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
