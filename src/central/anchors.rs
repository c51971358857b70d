//! The audit chain's anchors kept at central: a second copy, outside the branch, of the lines
//! of the branch's anchor file (`<db>.anclas`: the chain's head at each sync, lawful re-seals
//! after a deletion, restores). Central only appends: a line it has is never replaced, so a
//! branch whose anchor file was deleted or edited cannot rewrite what central saw.
//! `ventanilla central check` compares the branch's chain with them, as `check` does with the
//! local file.

use super::explain;
use super::push::ensure_month;
use crate::error::Result;
use crate::store::anchors::{self, Line};
use crate::store::{Store, settings, sync};
use postgres::Client;
use std::collections::HashSet;

/// Anchors the chain's current head in the branch's anchor file, then sends the file's lines
/// central does not have yet.
pub fn push(
    store: &mut Store,
    client: &mut Client,
    shown: &str,
    branch: &str,
    months: &mut HashSet<String>,
) -> Result<()> {
    let conn = store.conn();
    let Some(db) = anchors::db_of(conn) else {
        return Ok(()); // a database in memory has no anchor file
    };
    anchors::anchor_head(conn, chrono::Utc::now())?;
    let text = match std::fs::read(anchors::file_of(&db)) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let sent = sync::position(conn, sync::AUDIT_PUSHED)?;
    let mut last = sent;
    // complete lines only: a line being written is sent next time
    let complete = text.rfind('\n').map_or("", |end| &text[..end]);
    for (i, raw) in complete.split('\n').enumerate() {
        let n = i as i64 + 1;
        let raw = raw.trim_matches(|c: char| c == '\0' || c.is_whitespace());
        if n <= sent || anchors::parse(raw).is_none() {
            continue;
        }
        let at = raw.split_whitespace().nth(1).unwrap_or("");
        let day = chrono::NaiveDate::parse_from_str(at.get(..10).unwrap_or(""), "%Y-%m-%d")
            .unwrap_or_default();
        ensure_month(client, shown, "audit_heads", day, months)?;
        let row = serde_json::json!({ "id": n, "at": at, "line": raw });
        client
            .execute(
                "INSERT INTO audit_heads (branch, id, day, row) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (branch, day, id) DO NOTHING",
                &[&branch, &n, &day, &row],
            )
            .map_err(|e| explain(&e, shown))?;
        last = n;
    }
    if last != sent {
        let tx = store.write()?;
        settings::set(&tx, sync::AUDIT_PUSHED, &last.to_string())?;
        tx.commit()?;
    }
    Ok(())
}

/// What comparing the branch's chain with central's anchors found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Verdict {
    /// Anchor lines central holds for the branch.
    pub anchors: usize,
    /// One Spanish sentence per anchor the chain no longer matches.
    pub problems: Vec<String>,
}

/// Compares the chain of `store` with the anchors central keeps for `branch`.
pub fn verify(store: &Store, client: &mut Client, shown: &str, branch: &str) -> Result<Verdict> {
    let rows = client
        .query(
            "SELECT id, row->>'line' FROM audit_heads WHERE branch = $1 ORDER BY id, day",
            &[&branch],
        )
        .map_err(|e| explain(&e, shown))?;
    let lines: Vec<(usize, Line)> = rows
        .iter()
        .filter_map(|r| {
            let n: i64 = r.get(0);
            let text: Option<String> = r.get(1);
            Some((usize::try_from(n).ok()?, anchors::parse(&text?)?))
        })
        .collect();
    let conn = store.conn();
    let last = anchors::head(conn)?.map_or(0, |h| h.last);
    let problems = anchors::compare(conn, last, "servidor central", &lines, None)?;
    Ok(Verdict {
        anchors: lines.len(),
        problems,
    })
}
