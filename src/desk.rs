//! Use cases: one function per thing a person does. Each checks the actor's role, runs one
//! transaction and writes the audit record inside it.

pub mod advisors;
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
pub mod import;
pub mod pins;
pub mod pqrs;
pub mod ratings;
pub mod reports;
pub mod setup;
pub mod stations;
pub mod trust;
pub mod turns;
pub mod users;
pub mod window_map;

use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::users::User;
use chrono::{DateTime, SecondsFormat, Utc};

/// Who is doing something: a logged-in staff member, or the command line acting for the
/// operating-system user (optionally on behalf of a staff member, `--user`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Recorded as the audit actor: a username, or `cli:<os user>`.
    pub principal: String,
    /// The staff member a CLI action is done for.
    pub on_behalf: Option<String>,
    /// The role whose permissions apply.
    pub role: Role,
}

impl Actor {
    /// A staff member logged in at a console.
    pub fn staff(user: &User) -> Actor {
        Actor {
            principal: user.username.clone(),
            on_behalf: None,
            role: user.role,
        }
    }

    /// The command line. Whoever can open the database file administers it; with `--user`, the
    /// action is done for that staff member and their role applies.
    pub fn cli(on_behalf: Option<&User>) -> Actor {
        Actor {
            principal: format!("cli:{}", os_user()),
            on_behalf: on_behalf.map(|u| u.username.clone()),
            role: on_behalf.map_or(Role::Administrador, |u| u.role),
        }
    }

    /// The staff username this action is attributed to, if any.
    pub fn staff_user(&self) -> Option<&str> {
        match &self.on_behalf {
            Some(u) => Some(u),
            None if !self.principal.starts_with("cli:") => Some(&self.principal),
            None => None,
        }
    }

    /// Refuses unless the actor has at least `role`; `what` names the action in Spanish.
    pub fn require(&self, role: Role, what: &str) -> Result<()> {
        if self.role >= role {
            Ok(())
        } else {
            Err(self.denied(role, what))
        }
    }

    /// Whether the actor is the staff member `owner`, or a supervisor (who may act for anyone).
    pub fn owns_or_supervises(&self, owner: &str) -> bool {
        self.role >= Role::Supervisor || self.staff_user() == Some(owner)
    }

    /// The refusal of an action on one object (`object`, as the audit log names it), with a
    /// Spanish `message` saying who may do it; recorded in the audit log like a role refusal.
    pub fn refused_on(&self, object: &str, message: String) -> Error {
        Error::Denied {
            message,
            principal: self.principal.clone(),
            on_behalf: self.on_behalf.clone(),
            what: object.to_string(),
        }
    }

    /// The refusal of `what` for lack of `role` (recorded in the audit log by the caller).
    pub fn denied(&self, role: Role, what: &str) -> Error {
        Error::Denied {
            message: format!("{what} requiere el rol {role} (usted es {})", self.role),
            principal: self.principal.clone(),
            on_behalf: self.on_behalf.clone(),
            what: what.to_string(),
        }
    }
}

/// The operating-system account running this process, from its effective uid (the process
/// credentials, not `$USER`, which anyone can set): the account name from the system's user
/// database, or `uid<N>` when the uid has no entry.
#[cfg(unix)]
pub fn os_user() -> String {
    let uid = nix::unistd::geteuid();
    match nix::unistd::User::from_uid(uid) {
        Ok(Some(user)) => user.name,
        _ => format!("uid{uid}"),
    }
}

/// The operating-system account running this process (systems without uids: the login name
/// the system gives the process).
#[cfg(not(unix))]
pub fn os_user() -> String {
    std::env::var("USERNAME")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "desconocido".into())
}

/// How instants are stored: RFC 3339, UTC, whole seconds.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}
