//! The organisation's central PostgreSQL: its schema, the sync of a branch with it (records
//! up, master data, calendar and deletions down) and the reports across branches.
//!
//! Offline is the normal case: nothing here is called by a mode; `ventanilla sync` and
//! `ventanilla central …` are separate processes, and a failure leaves the branch as it was
//! with the error recorded for the supervisor in plain Spanish.

pub mod anchors;
mod erase;
pub mod kinds;
pub mod pull;
pub mod push;
pub mod report;
pub mod schema;
pub mod status;
mod tls;

use crate::error::{Error, Result};
use postgres::{Client, NoTls};
use std::str::FromStr;

/// Where the central server is, resolved once: `--central URL`, else `VENTANILLA_CENTRAL`, else
/// `[central] url` of the configuration.
#[derive(Clone)]
pub struct Target {
    config: postgres::Config,
    /// A PEM file with the certificate authority that signed the server's certificate, for an
    /// organisation's own CA (besides the system's).
    ca_file: Option<std::path::PathBuf>,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown())
    }
}

impl Target {
    /// Picks the URL in the order of precedence and parses it; the password, if the URL has
    /// one, stays inside and is never shown. `PGPASSWORD` supplies one when the URL has none.
    pub fn resolve(
        flag: Option<&str>,
        env: Option<&str>,
        configured: Option<&str>,
    ) -> Result<Target> {
        let url = [flag, env, configured]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|u| !u.is_empty())
            .ok_or_else(|| {
                Error::Usage(
                    "no hay servidor central configurado: indique --central URL, la variable \
                     VENTANILLA_CENTRAL o [central] url en la configuración"
                        .into(),
                )
            })?;
        let mut config = postgres::Config::from_str(url).map_err(|_| {
            Error::Usage(
                "la dirección del servidor central no es válida; use la forma \
                 postgresql://usuario@servidor:5432/base"
                    .into(),
            )
        })?;
        if config.get_password().is_none()
            && let Ok(p) = std::env::var("PGPASSWORD")
        {
            config.password(p);
        }
        if config.get_user().is_none() {
            let user = std::env::var("PGUSER")
                .ok()
                .or_else(|| std::env::var("USER").ok())
                .unwrap_or_else(|| "postgres".into());
            config.user(&user);
        }
        if config.get_dbname().is_none() {
            config.dbname("ventanilla");
        }
        config.connect_timeout(std::time::Duration::from_secs(10));
        config.application_name("ventanilla");
        Ok(Target {
            config,
            ca_file: None,
        })
    }

    /// Trusts the certificate authority in `path` (PEM) besides the system's.
    pub fn with_ca_file(mut self, path: Option<&std::path::Path>) -> Target {
        self.ca_file = path.map(std::path::Path::to_path_buf);
        self
    }

    /// `usuario@servidor:puerto/base`, without the password: what messages and logs show.
    pub fn shown(&self) -> String {
        let host = self
            .config
            .get_hosts()
            .first()
            .map(|h| match h {
                postgres::config::Host::Tcp(name) => name.clone(),
                #[cfg(unix)]
                postgres::config::Host::Unix(path) => path.display().to_string(),
            })
            .unwrap_or_else(|| "localhost".into());
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        format!(
            "{}@{host}:{port}/{}",
            self.config.get_user().unwrap_or("?"),
            self.config.get_dbname().unwrap_or("?")
        )
    }

    /// Connects, or says in Spanish why not. TLS as the URL's `sslmode` says: `disable` never,
    /// `prefer` (the default) when the server offers it, `require` always; the server's
    /// certificate must be signed by a system authority or by `ca_file`.
    pub fn connect(&self) -> Result<Client> {
        use postgres::config::SslMode;
        let mode = self.config.get_ssl_mode();
        let result = if mode == SslMode::Disable {
            self.config.connect(NoTls)
        } else {
            self.config
                .connect(tls::connector(self.ca_file.as_deref())?)
        };
        result.map_err(|e| match chain(&e) {
            m if m.contains("certificate") || m.contains("InvalidCertificate") => {
                Error::refused(format!(
                    "el certificado TLS del servidor central {} no es de una autoridad \
                     reconocida (o no corresponde a su nombre): instale la autoridad de la \
                     organización en el sistema o indíquela en [central] ca_file",
                    self.shown()
                ))
            }
            m if mode == SslMode::Require && m.contains("TLS") => Error::refused(format!(
                "el servidor central {} no ofrece TLS y la dirección lo exige (sslmode=require)",
                self.shown()
            )),
            _ if e.code().is_some() => explain(&e, &self.shown()),
            _ => Error::Refused(format!(
                "no se pudo conectar con el servidor central {} (¿está encendido y accesible \
                 en la red?)",
                self.shown()
            )),
        })
    }
}

/// `url` as it may be shown: when it carries a password (`user:pw@`, `?password=`, or
/// `password=` in the key=value form), the server without it and a note that it was hidden.
pub fn redacted(url: &str) -> String {
    match postgres::Config::from_str(url) {
        Ok(c) if c.get_password().is_some() => {
            let t = Target {
                config: c,
                ca_file: None,
            };
            format!("{} (contraseña oculta)", t.shown())
        }
        Ok(_) => url.to_string(),
        // not a URL the program can use: shown as a placeholder, never as typed
        Err(_) => "(dirección no válida)".to_string(),
    }
}

/// An error with its causes, for telling kinds of TLS failure apart (never shown as is).
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}

/// One sync round of a branch: connect, check the schema, send the outbox, pull what is new.
pub fn round(
    store: &mut crate::store::Store,
    config: &crate::config::Config,
    target: &Target,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(push::Pushed, pull::Pulled)> {
    let shown = target.shown();
    let mut client = target.connect()?;
    schema::check(&mut client, &shown)?;
    let branch = push::branch(store, config)?;
    // one round of a branch at a time: a second waits a little for the first, then gives up
    // saying why; the lock goes with the connection, even on kill -9
    client
        .batch_execute("SET lock_timeout = '5s'")
        .map_err(|e| explain(&e, &shown))?;
    if let Err(e) = client.execute(
        "SELECT pg_advisory_lock(hashtextextended('ventanilla sync ' || $1, 0))",
        &[&branch.code],
    ) {
        return Err(match e.code() {
            Some(c) if *c == postgres::error::SqlState::LOCK_NOT_AVAILABLE => {
                Error::refused(format!(
                    "otra sincronización de la sede {} está en curso; esta ronda no hizo nada",
                    branch.code
                ))
            }
            _ => explain(&e, &shown),
        });
    }
    client
        .batch_execute("SET lock_timeout = 0")
        .map_err(|e| explain(&e, &shown))?;
    let mut pulled = pull::Pulled::default();
    pull::deletions(store, &mut client, &shown, &branch.code, now, &mut pulled)?;
    let mut pushed = push::push(store, &mut client, &shown, &branch, &config.central)?;
    pull::pull(store, &mut client, &shown, now, &mut pulled)?;
    // what the pull changed here (a category, a person added) goes up in the same round
    if crate::store::sync::pending_count(store.conn())? > 0 {
        let again = push::push(store, &mut client, &shown, &branch, &config.central)?;
        pushed.records += again.records;
        pushed.batches += again.batches;
    }
    Ok((pushed, pulled))
}

/// A PostgreSQL error as a person at the branch reads it.
pub fn explain(e: &postgres::Error, shown: &str) -> Error {
    use postgres::error::SqlState;
    let msg = match e.code() {
        Some(c)
            if *c == SqlState::INVALID_PASSWORD
                || *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
        {
            format!("el servidor central {shown} rechazó el usuario o la contraseña")
        }
        Some(c) if *c == SqlState::INVALID_CATALOG_NAME => {
            format!(
                "no existe la base de datos del servidor central {shown}: créela y ejecute `ventanilla central migrate`"
            )
        }
        Some(c) if *c == SqlState::UNDEFINED_TABLE => format!(
            "la base central {shown} no tiene el esquema de ventanilla: ejecute `ventanilla central migrate`"
        ),
        Some(c) if c.code().starts_with("23") => {
            let db = e.as_db_error();
            format!(
                "el servidor central {shown} rechazó un lote por la restricción «{}» de la tabla \
                 {} ({}); nada de ese lote quedó marcado como enviado: corrija la restricción \
                 en el servidor central y la próxima ronda lo enviará",
                db.and_then(|d| d.constraint()).unwrap_or("?"),
                db.and_then(|d| d.table()).unwrap_or("?"),
                c.code()
            )
        }
        Some(c) if c.code().starts_with("57") || c.code().starts_with("08") => format!(
            "se perdió la conexión con el servidor central {shown}; lo no confirmado se enviará \
             en la próxima ronda"
        ),
        Some(c) if *c == SqlState::INSUFFICIENT_PRIVILEGE => format!(
            "el usuario del servidor central {shown} no tiene permiso para esta operación: pida \
             al administrador de la base que le conceda los permisos sobre las tablas de \
             ventanilla"
        ),
        Some(c) => format!(
            "el servidor central {shown} respondió con un error ({})",
            c.code()
        ),
        // without a code once connected: the connection went away mid-way
        None => format!(
            "se perdió la conexión con el servidor central {shown}; lo no confirmado se enviará \
             en la próxima ronda"
        ),
    };
    Error::Refused(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_never_shown() {
        for url in [
            "postgresql://sede:s3cr3t@central:5432/v",
            "postgresql://sede@central:5432/v?password=s3cr3t",
            "host=central port=5432 user=sede dbname=v password=s3cr3t",
        ] {
            assert_eq!(
                redacted(url),
                "sede@central:5432/v (contraseña oculta)",
                "{url}"
            );
        }
        assert_eq!(
            redacted("postgresql://sede@central/v"),
            "postgresql://sede@central/v"
        );
        assert_eq!(redacted("postgresql://[::"), "(dirección no válida)");
        let t = Target::resolve(Some("postgresql://sede:s3cr3t@central/v"), None, None).unwrap();
        assert!(!t.shown().contains("s3cr3t"));
        assert!(!format!("{t:?}").contains("s3cr3t"));
    }

    #[test]
    fn the_flag_wins_over_the_environment_and_the_environment_over_the_file() {
        let shown = |f: Option<&str>, e: Option<&str>, c: Option<&str>| {
            Target::resolve(f, e, c).unwrap().shown()
        };
        let (f, e, c) = (
            Some("postgresql://a@uno/x"),
            Some("postgresql://b@dos/x"),
            Some("postgresql://c@tres/x"),
        );
        assert_eq!(shown(f, e, c), "a@uno:5432/x");
        assert_eq!(shown(None, e, c), "b@dos:5432/x");
        assert_eq!(shown(None, None, c), "c@tres:5432/x");
        assert_eq!(shown(Some(" "), e, c), "b@dos:5432/x");
        assert!(Target::resolve(None, None, None).is_err());
        assert!(Target::resolve(Some("postgresql://[::"), None, None).is_err());
    }
}
