//! Staff users: add, list, disable, change PIN, log in (with back-off after wrong PINs).

use super::{Actor, audit};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::user::{Role, check_pin, check_username, loggable_username, login_delay};
use crate::error::{Error, Result};
use crate::store::{Store, users};
use chrono::{DateTime, Utc};
use rusqlite::Connection;

pub use crate::store::users::User;

use super::pins::{self, Verdict};

/// A new staff member's data as typed.
#[derive(Debug, Clone)]
pub struct NewStaff<'a> {
    pub username: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub pin: &'a str,
}

/// Validates a new user's username and name (before the PIN is asked), naming the field.
pub fn validate_identity(new: &NewStaff<'_>) -> Result<()> {
    check_username(new.username).map_err(Error::Refused)?;
    if new.name.trim().is_empty() {
        return Err(Error::refused("el nombre completo no puede estar vacío"));
    }
    Ok(())
}

/// Validates all of a new user's fields; the PIN against `session.pin_min_length`.
pub fn validate(new: &NewStaff<'_>, cfg: &Config) -> Result<()> {
    validate_identity(new)?;
    check_new_pin(new.pin, cfg)
}

fn check_new_pin(pin: &str, cfg: &Config) -> Result<()> {
    check_pin(pin, cfg.session.pin_min_length as usize).map_err(Error::Refused)
}

/// Inserts a user inside an open transaction (shared by `add` and the first-run setup).
pub(crate) fn insert(
    conn: &Connection,
    now: DateTime<Utc>,
    actor: &Actor,
    cfg: &Config,
    new: &NewStaff<'_>,
) -> Result<()> {
    validate(new, cfg)?;
    if users::find(conn, new.username)?.is_some() {
        return Err(Error::refused(format!(
            "ya existe un usuario «{}»",
            new.username
        )));
    }
    let hash = pins::hash(new.pin)?;
    users::insert(
        conn,
        &users::NewUser {
            username: new.username,
            name: new.name.trim(),
            role: new.role,
            pin_hash: &hash,
            at: &super::stamp(now),
            by: &actor.principal,
        },
    )?;
    let detail = format!("rol {}", new.role);
    audit::record(
        conn,
        now,
        actor,
        "user.add",
        &format!("user:{}", new.username),
        &detail,
    )
}

/// Adds a staff user (administrators only).
pub fn add(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    cfg: &Config,
    new: &NewStaff<'_>,
) -> Result<()> {
    actor.require(Role::Administrador, "crear usuarios")?;
    let tx = store.write()?;
    insert(&tx, clock.now(), actor, cfg, new)?;
    tx.commit()?;
    Ok(())
}

/// All users.
pub fn list(store: &Store) -> Result<Vec<User>> {
    users::list(store.conn())
}

/// Finds a user, or says it does not exist.
pub fn get(store: &Store, username: &str) -> Result<User> {
    users::find(store.conn(), username)?
        .ok_or_else(|| Error::refused(format!("no existe el usuario «{username}»")))
}

/// Finds an active user for `--user`, or refuses with a [`Error::Denied`] naming the CLI
/// account and what was typed (masked when it looks like a PIN), for the audit log.
pub fn active(store: &Store, username: &str) -> Result<User> {
    let shown = loggable_username(username);
    let problem = match users::find(store.conn(), username)? {
        Some(user) if user.active => return Ok(user),
        Some(_) => format!(
            "el usuario «{shown}» está desactivado: pida a un administrador que lo reactive o \
             use otro usuario"
        ),
        None => format!(
            "no existe el usuario «{shown}»: revise --user (ventanilla user list muestra los \
             usuarios)"
        ),
    };
    Err(Error::Denied {
        message: problem,
        principal: Actor::cli(None).principal,
        on_behalf: Some(shown.clone()),
        what: format!("user:{shown}"),
    })
}

/// Disables a user (administrators only). The last active administrator cannot be disabled.
pub fn disable(store: &mut Store, clock: &dyn Clock, actor: &Actor, username: &str) -> Result<()> {
    actor.require(Role::Administrador, "desactivar usuarios")?;
    let tx = store.write()?;
    let user = users::find(&tx, username)?
        .ok_or_else(|| Error::refused(format!("no existe el usuario «{username}»")))?;
    if !user.active {
        return Err(Error::NothingToDo(format!(
            "el usuario «{username}» ya estaba desactivado"
        )));
    }
    let admins = users::list(&tx)?
        .into_iter()
        .filter(|u| u.active && u.role == Role::Administrador)
        .count();
    if user.role == Role::Administrador && admins <= 1 {
        return Err(Error::refused(
            "no se puede desactivar al último administrador activo",
        ));
    }
    users::set_active(&tx, username, false)?;
    audit::record(
        &tx,
        clock.now(),
        actor,
        "user.disable",
        &format!("user:{username}"),
        "",
    )?;
    tx.commit()?;
    Ok(())
}

/// Sets a user's PIN: administrators for anyone, and every user for themselves.
pub fn set_pin(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    cfg: &Config,
    username: &str,
    pin: &str,
) -> Result<()> {
    if actor.staff_user() != Some(username) {
        actor.require(Role::Administrador, "cambiar el PIN de otro usuario")?;
    }
    check_new_pin(pin, cfg)?;
    let tx = store.write()?;
    if users::find(&tx, username)?.is_none() {
        return Err(Error::refused(format!("no existe el usuario «{username}»")));
    }
    users::set_pin_hash(&tx, username, &pins::hash(pin)?)?;
    audit::record(
        &tx,
        clock.now(),
        actor,
        "user.pin",
        &format!("user:{username}"),
        "",
    )?;
    tx.commit()?;
    Ok(())
}

/// Checks a username and PIN. Every failure is audited; from the third consecutive failure
/// the account waits a growing delay before another attempt is considered.
pub fn login(store: &mut Store, clock: &dyn Clock, username: &str, pin: &str) -> Result<User> {
    let now = clock.now();
    let tx = store.write()?;
    let shown = loggable_username(username);
    let object = format!("user:{shown}");
    let as_self = Actor {
        principal: shown,
        on_behalf: None,
        role: Role::Asesor,
    };
    let Some(user) = users::find(&tx, username)?.filter(|u| u.active) else {
        audit::record(
            &tx,
            now,
            &as_self,
            "login.failed",
            &object,
            "usuario inexistente o inactivo",
        )?;
        tx.commit()?;
        return Err(Error::refused("usuario o PIN incorrecto"));
    };
    if let Some(wait) = remaining_wait(&user, now) {
        audit::record(
            &tx,
            now,
            &as_self,
            "login.blocked",
            &object,
            &format!("espera {wait} s"),
        )?;
        tx.commit()?;
        return Err(Error::refused(format!(
            "demasiados intentos fallidos: espere {wait} s"
        )));
    }
    let verdict = pins::verify(pin, &user.pin_hash);
    if verdict != Verdict::Wrong {
        users::set_attempts(&tx, username, 0, None)?;
        let detail = if verdict == Verdict::RightButWeak {
            users::set_pin_hash(&tx, username, &pins::hash(pin)?)?;
            "PIN protegido de nuevo con el costo actual"
        } else {
            ""
        };
        audit::record(&tx, now, &Actor::staff(&user), "login.ok", &object, detail)?;
        tx.commit()?;
        return Ok(user);
    }
    let failures = user.failed_attempts + 1;
    let delay = login_delay(failures);
    let until = (delay > chrono::Duration::zero()).then(|| super::stamp(now + delay));
    users::set_attempts(&tx, username, failures, until.as_deref())?;
    audit::record(
        &tx,
        now,
        &as_self,
        "login.failed",
        &object,
        &format!("intento {failures}"),
    )?;
    tx.commit()?;
    Err(Error::refused(match until {
        Some(_) => format!(
            "usuario o PIN incorrecto; espere {} s para intentar de nuevo",
            delay.num_seconds()
        ),
        None => "usuario o PIN incorrecto".to_string(),
    }))
}

/// Ends the open session of `username` if the user was disabled (or removed) since logging
/// in: records `session.end` and returns the Spanish sentence to show. `None`: carry on.
/// Consoles call it at every tick, so a disabled user is out within a second.
pub fn end_if_disabled(
    store: &mut Store,
    clock: &dyn Clock,
    username: &str,
) -> Result<Option<String>> {
    if users::find(store.conn(), username)?.is_some_and(|u| u.active) {
        return Ok(None);
    }
    let tx = store.write()?;
    let system = Actor {
        principal: "sistema".into(),
        on_behalf: None,
        role: Role::Administrador,
    };
    let object = format!("user:{username}");
    audit::record(
        &tx,
        clock.now(),
        &system,
        "session.end",
        &object,
        "usuario desactivado",
    )?;
    tx.commit()?;
    Ok(Some(format!(
        "El usuario {username} fue desactivado y su sesión se cerró. Si es un error, pida a un \
         administrador que lo revise."
    )))
}

/// Seconds still to wait before this user may try again, if any.
fn remaining_wait(user: &User, now: DateTime<Utc>) -> Option<i64> {
    let until = DateTime::parse_from_rfc3339(user.locked_until.as_deref()?).ok()?;
    let left = (until.with_timezone(&Utc) - now).num_milliseconds();
    (left > 0).then(|| (left + 999) / 1000)
}
