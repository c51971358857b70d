//! All SQL lives here. [`Store`] owns one connection to the branch's SQLite file.

pub mod audit;
pub mod calendar;
pub mod catalog;
pub mod customers;
pub mod migrate;
pub mod settings;
pub mod turns;
pub mod users;

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another process's lock before giving up with a message.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// One open database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens an existing database, refusing missing files, non-SQLite files and databases made
    /// by a newer version. The file is not modified unless migrations are pending.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::Database(format!(
                "no existe la base de datos {}; créela con `ventanilla init`",
                path.display()
            )));
        }
        check_header(path)?;
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(|e| open_error(path, e))?;
        Self::prepare(conn, Some(path.to_path_buf()))
    }

    /// Opens the database, creating it (owner-only permissions) when it does not exist.
    /// Returns the store and whether it was created now.
    pub fn open_or_create(path: &Path) -> Result<(Store, bool)> {
        if path.exists() {
            return Ok((Self::open(path)?, false));
        }
        create_private_file(path)?;
        let conn = Connection::open(path).map_err(|e| open_error(path, e))?;
        Ok((Self::prepare(conn, Some(path.to_path_buf()))?, true))
    }

    /// A private in-memory database, fully migrated (tests and benchmarks).
    pub fn in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if path.is_some() && conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(Error::Database(
                "la base de datos es de solo lectura (permisos del archivo o de su carpeta); \
                 no se modificó"
                    .into(),
            ));
        }
        migrate::check_version(&conn)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if path.is_some() {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::Database(format!(
                    "no se pudo activar el modo WAL ({mode})"
                )));
            }
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrate::run(&mut conn)?;
        Ok(Store { conn, path })
    }

    /// The file behind this store, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The connection, for read-only queries in `store` submodules.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Starts a write transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so
    /// decisions made inside it cannot be raced by another process.
    pub fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// A counter that changes whenever another connection commits (cheap to poll).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

/// Refuses files that exist but are not SQLite databases, without touching them.
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let mut file = std::fs::File::open(path)
        .map_err(|e| Error::Database(format!("no se puede leer {}: {e}", path.display())))?;
    let n = file.read(&mut head)?;
    if n == 0 {
        return Ok(()); // an empty file is a valid, empty SQLite database
    }
    if n < 16 || &head != SQLITE_MAGIC {
        return Err(Error::Database(format!(
            "{} no es una base de datos de ventanilla (no es un archivo SQLite); no se modificó",
            path.display()
        )));
    }
    Ok(())
}

fn open_error(path: &Path, err: rusqlite::Error) -> Error {
    let base: Error = err.into();
    Error::Database(format!("{}: {base}", path.display()))
}

/// Creates `path` (and its directory) readable and writable by its owner only.
fn create_private_file(path: &Path) -> Result<()> {
    let cannot = |e: std::io::Error| {
        Error::Database(format!(
            "no se puede crear la base de datos {}: {e}",
            path.display()
        ))
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(cannot)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(cannot)?;
    Ok(())
}
