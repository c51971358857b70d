//! Anchors of the audit chain outside the database.
//!
//! `<db>.anclas` is an append-only text file beside the database (owner-only), one line per
//! anchor: what the chain looked like at an instant.
//!
//! ```text
//! ancla 2026-11-30T19:07:16Z 42 9f86d0…   the last record's id and seal
//! resellado 2026-11-30T19:08:00Z 17       a lawful re-seal from record 17 (data deletion)
//! restaurada 2026-11-30T19:09:00Z 40 ab…  a backup was restored: older lines no longer apply
//! ```
//!
//! Each backup carries a side file `<backup>.ancla` with one `copia` line (plus the branch
//! code). `audit verify` and `check` compare the chain with every anchor that still applies,
//! so deleting the newest records, or rewriting the chain and recomputing every seal, no longer
//! passes unnoticed (see SECURITY.md for what it cannot catch).

use crate::error::Result;
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The chain's head: the last record's id and seal (0 and empty for an empty log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub last: i64,
    pub hash: String,
}

/// One line of an anchor file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// The chain's head at an instant (`ancla`, `restaurada` after a restore, `copia` in a
    /// backup's side file).
    Head {
        kind: String,
        at: String,
        head: Head,
        /// The branch code, in a backup's side file.
        branch: Option<String>,
    },
    /// A lawful re-seal from this record on: older anchors past it keep their count only.
    Reseal { at: String, from: i64 },
}

/// `<db>.anclas`.
pub fn file_of(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".anclas");
    PathBuf::from(name)
}

/// A backup's side file, `<backup>.ancla`.
pub fn side_file_of(backup: &Path) -> PathBuf {
    let mut name = backup.as_os_str().to_owned();
    name.push(".ancla");
    PathBuf::from(name)
}

/// The database file behind `conn`, if it is a file.
pub fn db_of(conn: &Connection) -> Option<PathBuf> {
    conn.path().filter(|p| !p.is_empty()).map(PathBuf::from)
}

/// The chain's head (`None` when the log or its seals are missing, or the last seal is NULL).
pub fn head(conn: &Connection) -> Result<Option<Head>> {
    let row: Option<(i64, Option<String>)> = conn
        .query_row(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match row {
        None => Some(Head {
            last: 0,
            hash: String::new(),
        }),
        Some((last, Some(hash))) => Some(Head { last, hash }),
        Some((_, None)) => None,
    })
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The text of a head line.
pub fn head_line(kind: &str, at: DateTime<Utc>, head: &Head) -> String {
    let hash = if head.hash.is_empty() {
        "-"
    } else {
        &head.hash
    };
    format!("{kind} {} {} {hash}\n", stamp(at), head.last)
}

/// Appends `line` to the anchor file of `db`; creates the file only when `create` is set.
pub fn append(db: &Path, line: &str, create: bool) -> std::io::Result<()> {
    let mut file = crate::files::append_private(&file_of(db), create)?;
    // one write of one short line: appends from several processes do not interleave
    file.write_all(line.as_bytes())
}

/// Anchors the current head of the chain behind `conn` in its anchor file, if that file exists
/// and its last line is not already this head. Cheap: one indexed query and a look at the
/// file's last bytes.
pub fn anchor_head(conn: &Connection, at: DateTime<Utc>) -> Result<()> {
    let Some(db) = db_of(conn) else {
        return Ok(());
    };
    let Some(head) = head(conn)? else {
        return Ok(());
    };
    let path = file_of(&db);
    let Ok(mut file) = std::fs::File::open(&path) else {
        return Ok(()); // only `init`, upgrades and restores start an anchor file
    };
    let len = file.metadata()?.len();
    let tail_from = len.saturating_sub(256);
    file.seek(SeekFrom::Start(tail_from))?;
    let mut tail = String::new();
    file.read_to_string(&mut tail)?;
    let last = tail.lines().last().and_then(parse);
    if let Some(Line::Head { head: h, .. }) = last
        && h == head
    {
        return Ok(());
    }
    append(&db, &head_line("ancla", at, &head), false)?;
    Ok(())
}

/// Starts (or continues) the anchor file of the database behind `conn` with its current head:
/// for new databases, upgraded ones and restores.
pub fn start(conn: &Connection, kind: &str, at: DateTime<Utc>) -> Result<()> {
    let (Some(db), Some(head)) = (db_of(conn), head(conn)?) else {
        return Ok(());
    };
    append(&db, &head_line(kind, at, &head), true)?;
    Ok(())
}

/// Records a lawful re-seal from record `from` (inside the transaction that does it, so a
/// re-seal is never missing from the file; a rolled-back one only relaxes older anchors).
pub fn note_reseal(conn: &Connection, from: i64, at: DateTime<Utc>) -> Result<()> {
    if let Some(db) = db_of(conn) {
        let line = format!("resellado {} {from}\n", stamp(at));
        match append(&db, &line, false) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}

/// Parses one line; `None` when it is not a valid anchor line.
pub fn parse(text: &str) -> Option<Line> {
    let fields: Vec<&str> = text.split_whitespace().collect();
    let at = (*fields.get(1)?).to_string();
    DateTime::parse_from_rfc3339(&at).ok()?;
    let number: i64 = fields.get(2)?.parse().ok()?;
    if number < 0 {
        return None;
    }
    match (fields[0], fields.len()) {
        ("resellado", 3) => Some(Line::Reseal { at, from: number }),
        ("ancla" | "restaurada", 4) | ("copia", 4 | 5) => {
            let hash = fields[3];
            let hash = match hash {
                "-" if number == 0 => String::new(),
                h if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) => h.to_string(),
                _ => return None,
            };
            Some(Line::Head {
                kind: fields[0].to_string(),
                at,
                head: Head { last: number, hash },
                branch: fields.get(4).map(|b| b.to_string()),
            })
        }
        _ => None,
    }
}

/// The lines of an anchor file with their numbers (from 1), or the numbers of the lines that
/// are not anchors. An unfinished last line (a write cut by a crash) is ignored.
pub type Parsed = (Vec<(usize, Line)>, Vec<usize>);

/// Reads an anchor file (`None` when it does not exist).
pub fn read(path: &Path) -> Result<Option<Parsed>> {
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let complete = match text.rfind('\n') {
        Some(end) => &text[..end],
        None => "",
    };
    let mut lines = Vec::new();
    let mut bad = Vec::new();
    for (i, raw) in complete.split('\n').enumerate() {
        let raw = raw.trim_matches(|c: char| c == '\0' || c.is_whitespace());
        if raw.is_empty() {
            continue;
        }
        match parse(raw) {
            Some(l) => lines.push((i + 1, l)),
            None => bad.push(i + 1),
        }
    }
    Ok(Some((lines, bad)))
}

/// Compares the chain behind `conn` (already walked: `last` is its last record's id) with the
/// lines of one anchor file (`name` as shown to people). Lines before the last restore are
/// skipped (they describe the database that was replaced), and so are those earlier than
/// `since` (for backups' side files). Returns one Spanish sentence per anchor that no longer
/// matches.
pub fn compare(
    conn: &Connection,
    last: i64,
    name: &str,
    lines: &[(usize, Line)],
    since: Option<&str>,
) -> Result<Vec<String>> {
    let start = lines
        .iter()
        .rposition(|(_, l)| matches!(l, Line::Head { kind, .. } if kind == "restaurada"))
        .unwrap_or(0);
    let mut problems = Vec::new();
    let seals = seal_records(conn)?;
    for (pos, (n, line)) in lines.iter().enumerate().skip(start) {
        let Line::Head { at, head, .. } = line else {
            continue;
        };
        if since.is_some_and(|s| at.as_str() < s) {
            continue;
        }
        if head.last > last {
            problems.push(format!(
                "el ancla del {at} ({name}, línea {n}) registra {} registros y la cadena tiene \
                 {last}: se borraron registros del final",
                head.last
            ));
            continue;
        }
        if let Some(s) = seals.iter().find(|s| **s > head.last) {
            problems.push(format!(
                "el registro {s} volvió a sellar la cadena después del ancla del {at} ({name}, \
                 línea {n}): la cadena fue desarmada y sellada de nuevo"
            ));
            continue;
        }
        let relaxed = lines[pos + 1..]
            .iter()
            .any(|(_, l)| matches!(l, Line::Reseal { from, .. } if *from <= head.last));
        if head.last == 0 || relaxed {
            continue;
        }
        let stored: Option<Option<String>> = conn
            .query_row(
                "SELECT hash FROM audit_log WHERE id = ?1",
                [head.last],
                |r| r.get(0),
            )
            .optional()?;
        if stored.flatten().as_deref() != Some(head.hash.as_str()) {
            problems.push(format!(
                "el registro {} no coincide con el ancla del {at} ({name}, línea {n}): la \
                 cadena fue reescrita",
                head.last
            ));
        }
    }
    Ok(problems)
}

/// The records written by sealing an old log (the upgrade that started the chain).
fn seal_records(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare("SELECT id FROM audit_log WHERE action = 'audit.seal' ORDER BY id")?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn lines_round_trip_and_garbage_is_refused() {
        let at = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 30, 19, 7, 16).unwrap();
        let head = Head {
            last: 42,
            hash: "a".repeat(64),
        };
        let line = head_line("ancla", at, &head);
        assert_eq!(
            parse(&line),
            Some(Line::Head {
                kind: "ancla".into(),
                at: "2026-11-30T19:07:16Z".into(),
                head,
                branch: None,
            })
        );
        let empty = head_line(
            "ancla",
            at,
            &Head {
                last: 0,
                hash: String::new(),
            },
        );
        assert!(parse(&empty).is_some());
        for bad in [
            "ancla 2026-11-30T19:07:16Z 42 zz",
            "ancla ayer 42 aaaa",
            "ancla 2026-11-30T19:07:16Z -1 -",
            "ancla 2026-11-30T19:07:16Z 3 -",
            "borrar todo",
            "resellado 2026-11-30T19:07:16Z",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
