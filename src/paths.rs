//! Where files live, per the platform's conventions (via `directories`).

use std::path::{Path, PathBuf};

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("co", "ventanilla", "ventanilla")
}

/// The user's configuration file (it may not exist).
pub fn config_file() -> Option<PathBuf> {
    project().map(|p| p.config_dir().join("config.toml"))
}

/// The directory holding databases and backups.
pub fn data_dir() -> Option<PathBuf> {
    project().map(|p| p.data_dir().to_path_buf())
}

/// The default database of a real branch.
pub fn default_db() -> Option<PathBuf> {
    data_dir().map(|d| d.join("ventanilla.sqlite3"))
}

/// The demo database, kept apart from the real one.
pub fn demo_db() -> Option<PathBuf> {
    data_dir().map(|d| d.join("ventanilla-demo.sqlite3"))
}

/// The folder backups of the database at `db` go to: the configured one, else `copias/` beside
/// the database. None for a database without a file.
pub fn backup_dir(configured: &str, db: Option<&Path>) -> Option<PathBuf> {
    if !configured.trim().is_empty() {
        return Some(PathBuf::from(configured.trim()));
    }
    db.map(|db| db.parent().unwrap_or(Path::new(".")).join("copias"))
}
