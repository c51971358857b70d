//! Whether the audit log can be trusted: its chain and shape, the schema version, and the
//! anchors kept outside the database (`<db>.anclas` and each backup's side file). Used by
//! `audit verify` and `check`; nothing here seals or repairs anything.

use crate::config::Config;
use crate::error::Result;
use crate::store::Store;
use crate::store::anchors::{self, Line};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::Path;

/// What verifying the audit log found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Audit {
    /// Records walked.
    pub records: usize,
    /// The first broken record with why (as `audit verify --json` always said).
    pub broken_at: Option<(i64, String)>,
    /// Anchors compared (lines of `<db>.anclas` and backups' side files).
    pub anchors_checked: usize,
    /// Everything wrong, one Spanish sentence each, the most telling first.
    pub problems: Vec<String>,
}

impl Audit {
    /// Whether nothing is wrong.
    pub fn sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Verifies the audit log of `store` as it is: the chain, the schema version and the anchors.
pub fn audit(store: &Store, config: &Config) -> Result<Audit> {
    let v = crate::store::audit::verify(store.conn())?;
    let mut problems: Vec<String> = v.problem().into_iter().collect();
    let (more, anchors_checked) = outside(store, config)?;
    problems.extend(more);
    Ok(Audit {
        records: v.records,
        broken_at: v.broken_at,
        anchors_checked,
        problems,
    })
}

/// What the file alone cannot tell: whether its schema version is the one this program
/// writes, and whether the chain still matches the anchors kept outside it. Returns the
/// problems and how many anchors were compared.
pub fn outside(store: &Store, config: &Config) -> Result<(Vec<String>, usize)> {
    let conn = store.conn();
    let mut problems = Vec::new();
    let version = crate::store::migrate::version(conn)?;
    let latest = crate::store::migrate::latest();
    if version != latest {
        problems.push(format!(
            "la versión del esquema es {version} y este programa escribe la {latest}: la versión \
             fue alterada, o la base aún no se ha actualizado (cualquier otra orden la actualiza)"
        ));
    }
    let (has_table, has_seals) = crate::store::audit::shape(conn)?;
    let Some(db) = store.path() else {
        return Ok((problems, 0));
    };
    if !(has_table && has_seals) {
        return Ok((problems, 0)); // the chain's own verdict already says why
    }
    let last: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| {
        r.get(0)
    })?;
    let file = anchors::file_of(db);
    let name = file.display().to_string();
    let mut checked = 0;
    let mut restored_at = None;
    let mut reseals = Vec::new();
    match anchors::read(&file)? {
        None => problems.push(format!(
            "falta el archivo de anclas {name}: se borró, o la base se copió aquí sin él"
        )),
        Some((lines, bad)) => {
            for n in bad {
                problems.push(format!(
                    "la línea {n} de {name} fue alterada (no es un ancla)"
                ));
            }
            let heads = lines
                .iter()
                .filter(|(_, l)| matches!(l, Line::Head { .. }))
                .count();
            if heads == 0 && last > 0 {
                problems.push(format!(
                    "{name} no tiene anclas y la cadena tiene {last} registros: se borraron \
                     sus líneas"
                ));
            }
            restored_at = lines.iter().rev().find_map(|(_, l)| match l {
                Line::Head { kind, at, .. } if kind == "restaurada" => Some(at.clone()),
                _ => None,
            });
            checked += heads;
            problems.extend(anchors::compare(conn, last, &name, &lines, None)?);
            reseals = lines
                .into_iter()
                .filter(|(_, l)| matches!(l, Line::Reseal { .. }))
                .collect();
        }
    }
    let (side, n) = side_files(store, config, last, restored_at.as_deref(), &reseals)?;
    problems.extend(side);
    Ok((problems, checked + n))
}

/// Compares the chain with the side files of this branch's backups in the backup folder made
/// after the last restore. `reseals`: the lawful re-seals noted beside the database, which
/// supersede the backups' anchors taken before them.
fn side_files(
    store: &Store,
    config: &Config,
    last: i64,
    since: Option<&str>,
    reseals: &[(usize, Line)],
) -> Result<(Vec<String>, usize)> {
    let Some(folder) = crate::paths::backup_dir(&config.backup.dir, store.path()) else {
        return Ok((Vec::new(), 0));
    };
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok((Vec::new(), 0));
    };
    let code = super::setup::branch_info(store)?.map(|b| b.code);
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ancla"))
        .collect();
    paths.sort();
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in paths {
        let Some((lines, _)) = anchors::read(&path)? else {
            continue;
        };
        let mut ours: Vec<_> = lines
            .into_iter()
            .filter(|(_, l)| matches!(l, Line::Head { branch, .. } if *branch == code))
            .collect();
        checked += ours.len();
        ours.extend(reseals.iter().cloned());
        ours.sort_by(|(_, a), (_, b)| line_at(a).cmp(line_at(b)));
        let name = path.display().to_string();
        problems.extend(anchors::compare(store.conn(), last, &name, &ours, since)?);
    }
    Ok((problems, checked))
}

fn line_at(l: &Line) -> &str {
    match l {
        Line::Head { at, .. } | Line::Reseal { at, .. } => at,
    }
}

/// Anchors the chain's head now (after a verification that found it whole).
pub fn anchor(store: &Store, now: DateTime<Utc>) -> Result<()> {
    anchors::anchor_head(store.conn(), now)
}

/// Writes a backup's side file (`<backup>.ancla`: its chain head and the branch code) and
/// anchors the same head in the database's own file. `copy` is the backup as checked.
pub fn anchor_backup(
    store: &Store,
    copy: &rusqlite::Connection,
    side_of: &Path,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(head) = anchors::head(copy)? else {
        return Ok(());
    };
    let code = super::setup::branch_info(store)?
        .map(|b| b.code)
        .unwrap_or_else(|| "-".into());
    let mut line = anchors::head_line("copia", now, &head);
    line.pop();
    line.push_str(&format!(" {code}\n"));
    crate::files::write_private(&anchors::side_file_of(side_of), line.as_bytes())?;
    if let Some(db) = store.path() {
        match anchors::append(db, &anchors::head_line("ancla", now, &head), false) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}
