//! Where files live, per the platform's conventions (via `directories`).

use std::path::PathBuf;

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
