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
    if !config.backup.dir.trim().is_empty() {
        return Ok(PathBuf::from(config.backup.dir.trim()));
    }
    let db = store
        .path()
        .ok_or_else(|| Error::Usage("esta base de datos no tiene archivo".into()))?;
    Ok(db.parent().unwrap_or(Path::new(".")).join("copias"))
}

/// A backup made and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Made {
    pub path: String,
    pub bytes: u64,
    pub health: Health,
}

/// Copies the database to `dest` (default: the backup folder, named by the instant) and checks
/// the copy; a copy that does not check out is removed and the error says why.
pub fn backup(
    store: &Store,
    config: &Config,
    now: DateTime<Utc>,
    dest: Option<&Path>,
) -> Result<Made> {
    let dest = match dest {
        Some(d) => d.to_path_buf(),
        None => {
            let local = now.with_timezone(&config.utc_offset());
            dir(store, config)?.join(format!(
                "ventanilla-{}.sqlite3",
                local.format("%Y%m%d-%H%M%S")
            ))
        }
    };
    backup::copy_to(store.conn(), &dest)?;
    let checked = backup::health_of_file(&dest).map(|(_, h)| h);
    match checked {
        Ok(h) if h.sound() => Ok(Made {
            bytes: std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0),
            path: dest.display().to_string(),
            health: h,
        }),
        Ok(h) => {
            let _ = std::fs::remove_file(&dest);
            Err(Error::Database(format!(
                "la copia no pasó la verificación ({}); se descartó",
                h.integrity.join("; ")
            )))
        }
        Err(e) => {
            let _ = std::fs::remove_file(&dest);
            Err(e)
        }
    }
}

/// The day's automatic backup (`diaria-YYYY-MM-DD.sqlite3`), once a day, keeping the last
/// `backup.keep`. Returns the path when it made one.
pub fn daily(store: &Store, config: &Config, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    let folder = dir(store, config)?;
    let day = super::turns::day_of(config, now);
    let path = folder.join(format!("diaria-{day}.sqlite3"));
    if path.exists() {
        return Ok(None);
    }
    std::fs::create_dir_all(&folder)?;
    // written under a temporary name and renamed once verified: a process that dies halfway
    // leaves no file that looks like a good backup
    let partial = folder.join(format!(".diaria-{day}.{}.parcial", std::process::id()));
    backup(store, config, now, Some(&partial))?;
    std::fs::rename(&partial, &path)?;
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
    store.restore_from(&conn)?;
    // an older copy is brought up to this program's schema
    store.migrate()?;
    let tx = store.write()?;
    audit::record(
        &tx,
        now,
        actor,
        "backup.restore",
        &src.display().to_string(),
        &format!(
            "sede {branch}; la base anterior quedó en {}",
            aside.display()
        ),
    )?;
    tx.commit()?;
    Ok(aside)
}

/// Checks the open database.
pub fn check(store: &Store) -> Result<Health> {
    backup::health(store.conn())
}
