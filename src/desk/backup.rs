//! Backups while the branch keeps working, the daily one, restore, and the database check.

use super::{Actor, audit};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::backup::{self, Health};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The folder backups go to.
pub fn dir(store: &Store, config: &Config) -> Result<PathBuf> {
    crate::paths::backup_dir(&config.backup.dir, store.path())
        .ok_or_else(|| Error::Usage("esta base de datos no tiene archivo".into()))
}

/// A backup made and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Made {
    pub path: String,
    pub bytes: u64,
    pub health: Health,
}

/// Copies the database to `dest` (default: the backup folder, named by the instant, with a
/// suffix when that name is taken) and checks the copy. The copy is written under a temporary
/// name (`.NAME.PID.parcial`) and given its final name only once verified, without ever
/// replacing a file: a backup killed halfway leaves no file that looks like a good backup, and
/// two backups in the same second get two names. A copy that does not check out is removed and
/// the error says why. The copy's chain head goes to its side file and to `<db>.anclas`.
pub fn backup(
    store: &Store,
    config: &Config,
    now: DateTime<Utc>,
    dest: Option<&Path>,
) -> Result<Made> {
    let (dest, numbered) = match dest {
        Some(d) => (d.to_path_buf(), false),
        None => {
            let local = now.with_timezone(&config.utc_offset());
            let folder = dir(store, config)?;
            std::fs::create_dir_all(&folder)?;
            let name = format!("ventanilla-{}.sqlite3", local.format("%Y%m%d-%H%M%S"));
            (folder.join(name), true)
        }
    };
    if dest.exists() && !numbered {
        return Err(Error::refused(format!(
            "{} ya existe: no se sobrescribe una copia",
            dest.display()
        )));
    }
    let folder = dest.parent().unwrap_or(Path::new(".")).to_path_buf();
    clean_leftovers(&folder);
    let partial = partial_name(&dest);
    backup::copy_to(store.conn(), &partial)?;
    let checked = backup::health_of_file(&partial);
    let (conn, h) = match checked {
        Ok((conn, h)) if h.sound() => (conn, h),
        Ok((_, h)) => {
            discard(&partial);
            let mut why = h.integrity.clone();
            why.extend(h.audit_problems.iter().cloned());
            return Err(Error::Database(format!(
                "la copia no pasó la verificación ({}); se descartó",
                why.join("; ")
            )));
        }
        Err(e) => {
            discard(&partial);
            return Err(e);
        }
    };
    let result = settle(store, &conn, &partial, &dest, numbered, now);
    drop(conn);
    discard(&partial);
    let dest = result?;
    Ok(Made {
        bytes: std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0),
        path: dest.display().to_string(),
        health: h,
    })
}

/// Gives a verified copy its final name (`dest`, or `dest-2`, `-3`… when `numbered` and the name
/// is taken) by hard-linking it, which never replaces an existing file; writes its side file
/// first. Returns the final name.
fn settle(
    store: &Store,
    copy: &rusqlite::Connection,
    partial: &Path,
    dest: &Path,
    numbered: bool,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    for n in 1..1000 {
        let candidate = if n == 1 {
            dest.to_path_buf()
        } else {
            let stem = dest.file_stem().and_then(|s| s.to_str()).unwrap_or("copia");
            dest.with_file_name(format!("{stem}-{n}.sqlite3"))
        };
        if candidate.exists() {
            if numbered {
                continue;
            }
            break;
        }
        super::trust::anchor_backup(store, copy, &candidate, now)?;
        match std::fs::hard_link(partial, &candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && numbered => continue,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => break,
            Err(e) => {
                let _ = std::fs::remove_file(crate::store::anchors::side_file_of(&candidate));
                return Err(e.into());
            }
        }
    }
    Err(Error::refused(format!(
        "{} ya existe: no se sobrescribe una copia",
        dest.display()
    )))
}

/// The temporary name a copy is written under, beside its final name.
fn partial_name(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dest.with_file_name(format!(".{name}.{}.{PARTIAL}", std::process::id()))
}

/// The suffix of a copy being written.
pub const PARTIAL: &str = "parcial";

fn discard(partial: &Path) {
    let _ = std::fs::remove_file(partial);
    let mut journal = partial.as_os_str().to_owned();
    journal.push("-journal");
    let _ = std::fs::remove_file(journal);
}

/// Removes what killed backups left in `folder` (`.NAME.PID.parcial` and its journal), unless
/// the process that writes it is still running.
pub fn clean_leftovers(folder: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(body) = name
            .strip_suffix(&format!(".{PARTIAL}"))
            .or_else(|| name.strip_suffix(&format!(".{PARTIAL}-journal")))
        else {
            continue;
        };
        let pid = body.rsplit('.').next().and_then(|p| p.parse::<u32>().ok());
        if name.starts_with('.') && !pid.is_some_and(running) && std::fs::remove_file(&path).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Whether process `pid` still runs (Linux's /proc; elsewhere a leftover is kept while its
/// writer might be alive, i.e. never removed here).
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if Path::new("/proc/self").exists() {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// The day's automatic backup (`diaria-YYYY-MM-DD.sqlite3`), once a day, keeping the last
/// `backup.keep`. Returns the path when it made one. Leftovers of killed backups are removed
/// first (this runs each time a mode starts).
pub fn daily(store: &Store, config: &Config, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    let folder = dir(store, config)?;
    clean_leftovers(&folder);
    let day = super::turns::day_of(config, now);
    let path = folder.join(format!("diaria-{day}.sqlite3"));
    if path.exists() {
        return Ok(None);
    }
    std::fs::create_dir_all(&folder)?;
    backup(store, config, now, Some(&path))?;
    let mut dailies: Vec<PathBuf> = std::fs::read_dir(&folder)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("diaria-") && n.ends_with(".sqlite3"))
        })
        .collect();
    dailies.sort();
    let keep = config.backup.keep.max(1) as usize;
    for old in dailies.iter().take(dailies.len().saturating_sub(keep)) {
        let _ = std::fs::remove_file(old);
        let _ = std::fs::remove_file(crate::store::anchors::side_file_of(old));
    }
    Ok(Some(path))
}

/// Starts the day's backup on a thread of its own (a console must not wait for it).
pub fn daily_in_background(db: PathBuf, config: Config, now: DateTime<Utc>) {
    std::thread::spawn(move || {
        if let Ok(store) = Store::open(&db) {
            let _ = daily(&store, &config, now);
        }
    });
}

/// Replaces the database with `src` (administrators): `src` must check out and be a branch
/// database this program knows; the current content is kept aside first. Returns where.
pub fn restore(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    src: &Path,
) -> Result<PathBuf> {
    actor.require(Role::Administrador, "restaurar una copia")?;
    let (conn, h) = backup::health_of_file(src)?;
    if !h.sound() {
        return Err(Error::refused(format!(
            "{} no pasó la verificación: no se restaura",
            src.display()
        )));
    }
    if h.schema_version > crate::store::migrate::latest() {
        return Err(Error::refused(format!(
            "{} es de una versión más nueva de ventanilla",
            src.display()
        )));
    }
    let branch = h
        .branch
        .ok_or_else(|| Error::refused(format!("{} no es la base de una sede", src.display())))?;
    let now = clock.now();
    let aside = {
        let db = store
            .path()
            .ok_or_else(|| Error::Usage("esta base de datos no tiene archivo".into()))?;
        let local = now.with_timezone(&config.utc_offset());
        let mut name = db.as_os_str().to_owned();
        name.push(format!(
            ".antes-de-restaurar-{}",
            local.format("%Y%m%d-%H%M%S")
        ));
        PathBuf::from(name)
    };
    backup::copy_to(store.conn(), &aside)?;
    let ledger = super::deletions::ledger(store)?;
    store.restore_from(&conn)?;
    // an older copy is brought up to this program's schema
    store.migrate()?;
    // deletions made after the copy was taken are made again, leaving no bytes behind
    store.conn().pragma_update(None, "secure_delete", true)?;
    let tx = store.write()?;
    let again = super::deletions::reapply(&tx, now, actor, &ledger)?;
    audit::record(
        &tx,
        now,
        actor,
        "backup.restore",
        &src.display().to_string(),
        &format!(
            "sede {branch}; la base anterior quedó en {}; {again} supresión(es) aplicada(s) de \
             nuevo",
            aside.display()
        ),
    )?;
    tx.commit()?;
    if again > 0 {
        // the restored copy's pages may hold the people deleted again: rebuild the file
        super::pqrs::scrub(store, now, None)?;
    }
    // the anchors written before describe the database just replaced
    crate::store::anchors::start(store.conn(), "restaurada", now)?;
    Ok(aside)
}

/// Checks a backup file without restoring it (to say whose it is before asking).
pub fn inspect(src: &Path) -> Result<Health> {
    backup::health_of_file(src).map(|(_, h)| h)
}

/// Checks the open database (the file and its audit chain).
pub fn check(store: &Store) -> Result<Health> {
    backup::health(store.conn())
}

/// [`check`] plus what only the live database can be compared with: its schema version and
/// the anchors of its audit chain.
pub fn check_all(store: &Store, config: &Config) -> Result<Health> {
    let mut h = backup::health(store.conn())?;
    let (more, _) = super::trust::outside(store, config)?;
    h.audit_problems.extend(more);
    h.copies_with_deleted = super::deletions::stale_copies(store, config)?
        .into_iter()
        .map(|c| (c.path, c.persons))
        .collect();
    h.cleanup_pending = super::pqrs::cleanup_pending(store)?;
    Ok(h)
}
