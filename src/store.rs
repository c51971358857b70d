//! All SQL lives here. [`Store`] owns one connection to the branch's SQLite file.

pub mod advisors;
pub mod anchors;
pub mod attachments;
pub mod attentions;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod catalog;
pub mod claims;
pub mod consents;
pub mod customers;
pub mod deletions;
pub mod migrate;
pub mod personal;
pub mod pqrs;
pub mod ratings;
pub mod reports;
pub mod settings;
pub mod stations;
pub mod sync;
pub mod turns;
pub mod users;

use crate::clock::SystemClock;
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
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
    /// `<db>.lock`: serialises this program's writers across processes (see [`Store::write`]).
    writers: Option<std::fs::File>,
    commits: std::cell::Cell<u32>,
}

/// A write transaction (`BEGIN IMMEDIATE` … `COMMIT`) holding the writers' lock; rolled back
/// if dropped without [`WriteTx::commit`].
pub struct WriteTx<'a> {
    conn: &'a Connection,
    lock: Option<WriterLock<'a>>,
    commits: &'a std::cell::Cell<u32>,
    open: bool,
}

struct WriterLock<'a>(&'a std::fs::File);

impl Drop for WriterLock<'_> {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

impl std::ops::Deref for WriteTx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

/// The setting that says a deletion's cleanup waits for a checkpoint (value: since when).
pub const CLEANUP_PENDING: &str = "limpieza_pendiente";

/// Commits between this program's own WAL checkpoints.
const CHECKPOINT_EVERY: u32 = 64;

impl WriteTx<'_> {
    /// Commits, releases the writers' lock, and now and then copies the WAL back into the
    /// database (a passive checkpoint that blocks nobody), outside the lock.
    pub fn commit(mut self) -> Result<()> {
        self.conn.execute_batch("COMMIT")?;
        self.open = false;
        self.lock = None;
        let n = self.commits.get().wrapping_add(1);
        self.commits.set(n);
        if n.is_multiple_of(CHECKPOINT_EVERY) {
            self.conn
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
            // long-running modes anchor the audit chain now and then, not only on exit
            let _ = anchors::anchor_head(self.conn, crate::clock::Clock::now(&SystemClock));
        }
        Ok(())
    }
}

impl Drop for WriteTx<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

impl Drop for Store {
    /// A process that wrote anchors the audit chain's head in `<db>.anclas` as it closes the
    /// database (see [`anchors`]); a failure here only means one anchor fewer.
    fn drop(&mut self) {
        if self.commits.get() > 0 {
            let _ = anchors::anchor_head(&self.conn, crate::clock::Clock::now(&SystemClock));
        }
    }
}

impl Store {
    /// Opens an existing database as it is, without applying migrations, for checks that must
    /// not change what they check (`check`, `audit verify`).
    pub fn open_as_is(path: &Path) -> Result<Store> {
        Self::open_with(path, false)
    }

    /// Opens an existing database, refusing missing files, non-SQLite files and databases made
    /// by a newer version. The file is not modified unless migrations are pending.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, true)
    }

    /// Copies the whole write-ahead log into the database file and empties it, waiting up to
    /// `patience` for readers of older snapshots to finish. `false`: a reader still holds old
    /// pages, whose bytes stay in the file until a later checkpoint completes.
    pub fn checkpoint_all(&self, patience: Duration) -> Result<bool> {
        let deadline = std::time::Instant::now() + patience;
        loop {
            let (busy, log, done): (i64, i64, i64) =
                self.conn
                    .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })?;
            if busy == 0 && log == done {
                return Ok(true);
            }
            if std::time::Instant::now() >= deadline {
                return Ok(false);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Finishes the cleanup a deletion left pending because a reader held old pages (see
    /// `desk::pqrs::treatment`): run at every open until it completes. The deletion could not
    /// look for the person's bytes in pages reorganised earlier, so the file is rebuilt. Best
    /// effort: a reader still there, or any failure, leaves it pending for the next open and
    /// never stops the open itself.
    fn finish_pending_cleanup(&mut self) {
        if !matches!(settings::get(&self.conn, CLEANUP_PENDING), Ok(Some(_))) {
            return;
        }
        let rebuilt = matches!(self.checkpoint_all(Duration::ZERO), Ok(true))
            && matches!(self.rebuild(Duration::ZERO), Ok(true));
        if !rebuilt {
            return;
        }
        let cleared = self.write().and_then(|tx| {
            settings::remove(&tx, CLEANUP_PENDING)?;
            tx.commit()
        });
        if cleared.is_ok() {
            let _ = self.checkpoint_all(Duration::ZERO);
        }
    }

    /// Rewrites the whole file (`VACUUM`), so no page keeps bytes of rows long changed, and
    /// checkpoints it (see [`Store::checkpoint_all`] for `patience` and the result).
    pub fn rebuild(&self, patience: Duration) -> Result<bool> {
        self.conn.execute_batch("VACUUM")?;
        self.checkpoint_all(patience)
    }

    fn open_with(path: &Path, migrate: bool) -> Result<Store> {
        if !path.exists() {
            return Err(Error::Database(format!(
                "no existe la base de datos {}; créela con `ventanilla init`",
                path.display()
            )));
        }
        check_header(path)?;
        warn_missing_lock(path);
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(|e| open_error(path, e))?;
        let mut store = Self::prepare(conn, Some(path.to_path_buf()), migrate)?;
        if migrate {
            store.finish_pending_cleanup();
        }
        Ok(store)
    }

    /// Opens the database, creating it (owner-only permissions) when it does not exist.
    /// Returns the store and whether it was created now.
    pub fn open_or_create(path: &Path) -> Result<(Store, bool)> {
        if path.exists() {
            return Ok((Self::open(path)?, false));
        }
        create_private_file(path)?;
        let conn = Connection::open(path).map_err(|e| open_error(path, e))?;
        Ok((Self::prepare(conn, Some(path.to_path_buf()), true)?, true))
    }

    /// A private in-memory database, fully migrated (tests and benchmarks).
    pub fn in_memory() -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, None, true)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>, migrate: bool) -> Result<Store> {
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
        // Checkpoints are run by `WriteTx::commit` outside the writers' lock (see there).
        conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        if migrate {
            migrate::run(&mut conn)?;
        }
        let writers = match &path {
            Some(p) => Some(open_lock_file(p)?),
            None => None,
        };
        Ok(Store {
            conn,
            path,
            writers,
            commits: std::cell::Cell::new(0),
        })
    }

    /// Applies pending migrations (after a restore of an older copy).
    pub fn migrate(&mut self) -> Result<()> {
        migrate::run(&mut self.conn)
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
    ///
    /// Before that, it waits on an OS lock of `<db>.lock`, so this program's writers queue in
    /// the kernel and each is woken the moment the previous one commits, instead of polling
    /// SQLite's lock with growing sleeps (which leaves unlucky windows waiting for seconds).
    /// The lock is released by the kernel if a process dies; other tools writing the database
    /// directly still meet SQLite's own lock and the busy timeout.
    pub fn write(&mut self) -> Result<WriteTx<'_>> {
        let lock = match &self.writers {
            Some(file) => {
                file.lock().map_err(|e| {
                    Error::Database(format!("no se pudo tomar el turno de escritura: {e}"))
                })?;
                Some(WriterLock(file))
            }
            None => None,
        };
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(WriteTx {
            conn: &self.conn,
            lock,
            commits: &self.commits,
            open: true,
        })
    }

    /// Replaces this database's content with `src`'s, page by page through SQLite's online
    /// backup, holding the writers' lock so no writer of this program interleaves.
    pub fn restore_from(&mut self, src: &Connection) -> Result<()> {
        let _lock = match &self.writers {
            Some(file) => {
                file.lock().map_err(|e| {
                    Error::Database(format!("no se pudo tomar el turno de escritura: {e}"))
                })?;
                Some(WriterLock(file))
            }
            None => None,
        };
        let backup = rusqlite::backup::Backup::new(src, &mut self.conn)?;
        backup.run_to_completion(4096, std::time::Duration::ZERO, None)?;
        Ok(())
    }

    /// A counter that changes whenever another connection commits (cheap to poll).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

/// Warns once that the writers' lock file of an existing database is missing (it is recreated
/// by [`open_lock_file`]; the first process that notices says so, the next ones find it).
fn warn_missing_lock(db: &Path) {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    let had_data = std::fs::metadata(db).is_ok_and(|m| m.len() > 0);
    if had_data && !Path::new(&name).exists() {
        eprintln!(
            "ventanilla: aviso: faltaba {} (el turno de escritura entre procesos); se creó de \
             nuevo. Si otro programa de ventanilla está abierto, ciérrelo y ábralo otra vez.",
            Path::new(&name).display()
        );
    }
}

/// Opens (creating it owner-only if needed) the writers' lock file beside the database.
fn open_lock_file(db: &Path) -> Result<std::fs::File> {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(&name).map_err(|e| {
        Error::Database(format!(
            "no se puede abrir {}: {e}",
            Path::new(&name).display()
        ))
    })
}

/// Refuses files that exist but are not SQLite databases, without touching them.
pub(crate) fn check_header(path: &Path) -> Result<()> {
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
pub(crate) fn create_private_file(path: &Path) -> Result<()> {
    let cannot = |e: std::io::Error| {
        Error::Database(format!(
            "no se puede crear la base de datos {}: {e}",
            path.display()
        ))
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(cannot)?;
    }
    crate::files::create_new_private(path).map_err(cannot)?;
    Ok(())
}
