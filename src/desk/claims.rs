//! One window, one advisor: opening the console claims its window for the user; a second user
//! is refused unless a supervisor takes it over (audited); turn actions at a window held by
//! someone else are refused, from the console and the command line alike.

use super::{Actor, audit, stamp};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::claims::{self, Claim};
use crate::store::{Store, catalog};
use rusqlite::Connection;

/// What claiming did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claimed {
    /// The window was free (or already this user's).
    Free,
    /// A supervisor took the window over from this user.
    TakenOver(String),
}

/// The refusal when `claim` holds `window` and `who` is someone else.
fn held_by_other(config: &Config, claim: &Claim, what: &str) -> Error {
    Error::refused(format!(
        "la ventanilla {} está abierta en la consola de {} desde {}: {what}",
        claim.window,
        claim.username,
        crate::localtime::human_stamp(&claim.since, config.utc_offset())
    ))
}

/// Refuses a turn action at `window` by `who` when another user's console holds the window.
pub fn ensure_holder(conn: &Connection, config: &Config, window: u32, who: &str) -> Result<()> {
    match claims::of_window(conn, window)? {
        Some(c) if c.username != who => Err(held_by_other(
            config,
            &c,
            "solo esa persona atiende allí (un supervisor puede tomar la ventanilla al ingresar)",
        )),
        _ => Ok(()),
    }
}

/// Claims `window` for the actor's console. Held by someone else: refused, unless `takeover`
/// and the actor is a supervisor or administrator (recorded in the audit log).
pub fn claim(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    window: u32,
    takeover: bool,
) -> Result<Claimed> {
    let who = actor
        .staff_user()
        .map(str::to_string)
        .ok_or_else(|| Error::Usage("indique el usuario con --user USUARIO".into()))?;
    let now = clock.now();
    let tx = store.write()?;
    if catalog::window(&tx, window)?.is_none_or(|w| !w.active) {
        return Err(Error::refused(format!(
            "la ventanilla {window} no existe o no está activa"
        )));
    }
    // one advisor, one window: a console open elsewhere is closed there first
    if let Some(other) = claims::all(&tx)?
        .into_iter()
        .find(|c| c.username == who && c.window != window)
    {
        return Err(Error::refused(format!(
            "{who} ya tiene abierta la ventanilla {}: ciérrela allí (q) antes de abrir la {window}",
            other.window
        )));
    }
    let previous = claims::of_window(&tx, window)?.filter(|c| c.username != who);
    let outcome = match previous {
        None => Claimed::Free,
        Some(c) if !takeover || actor.role < Role::Supervisor => {
            return Err(held_by_other(
                config,
                &c,
                "ingrese en otra ventanilla o pida a un supervisor que la tome",
            ));
        }
        Some(c) => Claimed::TakenOver(c.username),
    };
    claims::set(&tx, window, &who, &stamp(now))?;
    let (action, detail) = match &outcome {
        Claimed::Free => ("window.claim", String::new()),
        Claimed::TakenOver(from) => ("window.takeover", format!("tomada a {from}")),
    };
    audit::record(
        &tx,
        now,
        actor,
        action,
        &format!("window:{window}"),
        &detail,
    )?;
    tx.commit()?;
    Ok(outcome)
}

/// Frees the actor's claim on `window` (closing the console).
pub fn release(store: &mut Store, clock: &dyn Clock, actor: &Actor, window: u32) -> Result<()> {
    let Some(who) = actor.staff_user().map(str::to_string) else {
        return Ok(());
    };
    let now = clock.now();
    let tx = store.write()?;
    if claims::remove(&tx, window, &who)? {
        audit::record(
            &tx,
            now,
            actor,
            "window.release",
            &format!("window:{window}"),
            "",
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Who holds `window` now, if anyone.
pub fn holder(store: &Store, window: u32) -> Result<Option<Claim>> {
    claims::of_window(store.conn(), window)
}

/// Who holds each window now.
pub fn holders(store: &Store) -> Result<Vec<Claim>> {
    claims::all(store.conn())
}
