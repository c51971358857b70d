//! The crate's error type. Messages are written in Spanish for the person reading them; the
//! variant decides the process exit code (see [`Error::exit_code`]).

use std::path::PathBuf;

/// Everything that can go wrong, grouped by what the caller should do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A business rule refused the action (exit 1). The message says which rule.
    #[error("{0}")]
    Refused(String),
    /// The actor's role does not allow the action (exit 1); recorded in the audit log by
    /// whoever receives it (see `desk::audit::denied`).
    #[error("{message}")]
    Denied {
        message: String,
        principal: String,
        on_behalf: Option<String>,
        what: String,
    },
    /// There was nothing to do, e.g. no turn waiting (exit 3).
    #[error("{0}")]
    NothingToDo(String),
    /// The command was used wrongly (exit 2).
    #[error("{0}")]
    Usage(String),
    /// The database cannot be used: missing, not SQLite, newer version, read-only, locked (exit 2).
    #[error("{0}")]
    Database(String),
    /// A configuration file is invalid (exit 2).
    #[error("configuración inválida en {file}, línea {line}, clave «{key}»: {message}")]
    Config {
        file: PathBuf,
        line: usize,
        key: String,
        message: String,
    },
    /// The terminal could not be driven (exit 2).
    #[error("error de la terminal: {0}")]
    Terminal(String),
    /// A file could not be read or written (exit 2).
    #[error("error de archivo: {}", describe_io(.0))]
    Io(#[from] std::io::Error),
}

/// What a full disk means for the person at the desk (SQLITE_FULL and ENOSPC alike).
pub const DISK_FULL: &str = "el disco está lleno: no se guardó esta operación; libere espacio \
     (por ejemplo, copias viejas en la carpeta de copias) y vuelva a intentarlo";

/// An I/O error in plain Spanish where its kind is one people can act on.
pub fn describe_io(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::StorageFull => DISK_FULL.into(),
        _ if err.raw_os_error() == Some(28) => DISK_FULL.into(),
        ErrorKind::QuotaExceeded => {
            "se agotó la cuota de disco de este usuario: no se guardó esta operación".into()
        }
        ErrorKind::PermissionDenied => format!("permiso denegado ({err})"),
        ErrorKind::NotFound => format!("no existe ({err})"),
        _ => err.to_string(),
    }
}

/// Short alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The process exit code for this error: 1 refused, 2 usage/database, 3 nothing to do.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Refused(_) | Error::Denied { .. } => 1,
            Error::NothingToDo(_) => 3,
            _ => 2,
        }
    }

    /// Builds a [`Error::Refused`] from anything printable.
    pub fn refused(msg: impl Into<String>) -> Self {
        Error::Refused(msg.into())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        let code = err.sqlite_error_code();
        let msg = match code {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                "la base de datos está ocupada por otro proceso por más tiempo del permitido; \
                 intente de nuevo en unos segundos"
                    .to_string()
            }
            Some(ErrorCode::NotADatabase) => "el archivo no es una base de datos SQLite".into(),
            Some(ErrorCode::ReadOnly) => {
                "la base de datos es de solo lectura: no se puede escribir en ella".into()
            }
            Some(ErrorCode::CannotOpen) => "no se puede abrir la base de datos".into(),
            Some(ErrorCode::DiskFull) => DISK_FULL.into(),
            _ => format!("error de base de datos: {err}"),
        };
        Error::Database(msg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_reads_the_same_from_sqlite_and_from_the_system() {
        let sqlite = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        );
        let from_sqlite = Error::from(sqlite).to_string();
        assert!(
            from_sqlite.starts_with("el disco está lleno"),
            "{from_sqlite}"
        );
        let enospc = Error::from(std::io::Error::from_raw_os_error(28)).to_string();
        assert_eq!(enospc, format!("error de archivo: {DISK_FULL}"));
        let other = Error::from(std::io::Error::other("x")).to_string();
        assert_eq!(other, "error de archivo: x");
    }
}
