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
    #[error("error de archivo: {0}")]
    Io(#[from] std::io::Error),
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
            Some(ErrorCode::DiskFull) => "el disco está lleno".into(),
            _ => format!("error de base de datos: {err}"),
        };
        Error::Database(msg)
    }
}
