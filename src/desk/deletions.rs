//! Deletions that outlive copies: a restore re-applies every deletion the ledger lists, and
//! the check names the copies beside the database that still hold someone deleted since.

use super::{Actor, backup};
use crate::config::Config;
use crate::error::Result;
use crate::store::deletions::{self, Deletion};
use crate::store::{Store, customers};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The ledger of the database about to be replaced (kept in memory across a restore).
pub fn ledger(store: &Store) -> Result<Vec<Deletion>> {
    deletions::all(store.conn())
}

/// Inside a restore's transaction: carries `ledger` over and deletes again everyone it lists
/// who is back with the restored copy. Returns how many people were deleted again.
pub fn reapply(
    tx: &Connection,
    now: DateTime<Utc>,
    actor: &Actor,
    ledger: &[Deletion],
) -> Result<usize> {
    for d in ledger {
        deletions::add(tx, d)?;
    }
    let back = deletions::still_present(tx, ledger)?;
    for (id, d) in &back {
        if let Some(c) = customers::by_id(tx, *id)? {
            super::pqrs::suppress_again(tx, now, actor, &c, &d.radicado)?;
        }
    }
    Ok(back.len())
}

/// A copy of the database that still holds people deleted after it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaleCopy {
    pub path: String,
    /// How many of the people it holds the ledger lists as deleted.
    pub persons: usize,
}

/// The daily copies and the `.antes-de-restaurar-*` files beside the database that still hold
/// someone the ledger lists as deleted. Files that are not databases are skipped.
pub fn stale_copies(store: &Store, config: &Config) -> Result<Vec<StaleCopy>> {
    let ledger = deletions::all(store.conn())?;
    let Some(db) = store.path() else {
        return Ok(Vec::new());
    };
    if ledger.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for path in candidates(db, &backup::dir(store, config)?) {
        let Ok(conn) = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
            continue;
        };
        if let Ok(found) = deletions::still_present(&conn, &ledger)
            && !found.is_empty()
        {
            out.push(StaleCopy {
                path: path.display().to_string(),
                persons: found.len(),
            });
        }
    }
    Ok(out)
}

fn candidates(db: &Path, copies: &Path) -> Vec<PathBuf> {
    let aside = format!(
        "{}.antes-de-restaurar-",
        db.file_name().unwrap_or_default().to_string_lossy()
    );
    let files = |dir: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    let mut out: Vec<PathBuf> = files(copies)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            !name.ends_with(".ancla") && !name.ends_with(".parcial") && !name.starts_with('.')
        })
        .collect();
    out.extend(
        files(db.parent().unwrap_or(Path::new(".")))
            .into_iter()
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&aside))
            }),
    );
    out.sort();
    out
}
