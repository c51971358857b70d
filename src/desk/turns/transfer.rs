//! Transferring a turn: to another service's queue, or to a chosen window that alone calls
//! it (first, since its customer already waited once).

use super::lifecycle::find_held;
use super::{Moment, may_move, moment, reload};
use crate::clock::Clock;
use crate::config::Config;
use crate::desk::{Actor, audit};
use crate::domain::turn::{self, Status, Transition};
use crate::error::{Error, Result};
use crate::store::turns::{self, NewTurn, Stamp, Turn};
use crate::store::{Store, catalog};
use rusqlite::Connection;

/// Where a transferred turn goes: another service's queue, a chosen window (which alone calls
/// it, first), or that window in another service.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Destination<'a> {
    pub service: Option<&'a str>,
    pub window: Option<u32>,
}

impl<'a> Destination<'a> {
    /// Another service's queue.
    pub fn service(code: &'a str) -> Destination<'a> {
        Destination {
            service: Some(code),
            window: None,
        }
    }
}

/// Sends a turn to another service's queue or to a chosen window, keeping its issue time,
/// priority and label, with a note for the next advisor. Returns the new waiting turn.
pub fn transfer(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    label: &str,
    to: &Destination<'_>,
    note: &str,
) -> Result<Turn> {
    let Moment { who, now, at, day } = moment(actor, clock, config, "trasladar turnos")?;
    let tx = store.write()?;
    let current = find_held(&tx, config, &day, label, &who)?;
    may_move(actor, &current, "trasladarlo")?;
    if turn::apply(current.status, Transition::Transfer).is_none() {
        return Err(Error::refused(format!(
            "no se puede trasladar el turno {}: está {}",
            current.label,
            current.status.spanish()
        )));
    }
    let code = destination(&tx, &current, to)?;
    turns::set_status(&tx, current.id, Status::Transferred, Stamp::Finished, &at)?;
    turns::add_event(
        &tx,
        current.id,
        &at,
        "transfer",
        current.window,
        &who,
        &format!("a {}: {note}", place(&code, to.window)),
    )?;
    let note = note.trim();
    let id = turns::insert(
        &tx,
        &NewTurn {
            day: &day,
            service: &code,
            label: &current.label,
            issuing_service: &current.service,
            seq: None,
            manual: current.manual,
            preferential: current.preferential,
            granted_by: current.granted_by.as_deref(),
            doc_type: current.doc_type.as_deref(),
            doc_number: current.doc_number.as_deref(),
            status: Status::Waiting,
            issued_at: &current.issued_at,
            queued_at: &at,
            note: (!note.is_empty()).then_some(note),
            origin: Some(current.id),
        },
    )?;
    if let Some(w) = to.window {
        turns::reserve_for(&tx, id, w)?;
    }
    turns::add_event(
        &tx,
        id,
        &at,
        "queued",
        None,
        &who,
        &format!("desde {}", current.service),
    )?;
    let object = format!("turn:{day}/{}", current.label);
    audit::record(
        &tx,
        now,
        actor,
        "turn.transfer",
        &object,
        &format!("{} → {}", current.service, place(&code, to.window)),
    )?;
    let created = reload(&tx, id)?;
    tx.commit()?;
    Ok(created)
}

/// "E" or "E, ventanilla 3".
fn place(code: &str, window: Option<u32>) -> String {
    match window {
        Some(w) => format!("{code}, ventanilla {w}"),
        None => code.to_string(),
    }
}

/// The service the transferred turn waits in, after checking the destination: a service that
/// exists and is active, a window that exists and is not the turn's own.
fn destination(conn: &Connection, current: &Turn, to: &Destination<'_>) -> Result<String> {
    let code = match (to.service.map(|s| s.trim().to_uppercase()), to.window) {
        (None, None) => {
            return Err(Error::refused(
                "destino: indique el servicio o la ventanilla a la que traslada el turno",
            ));
        }
        (Some(code), None) if code == current.service => {
            return Err(Error::refused(format!(
                "servicio: el turno {} ya está en el servicio {code}; para enviarlo a una \
                 ventanilla en particular indique la ventanilla",
                current.label
            )));
        }
        (Some(code), _) => code,
        (None, Some(_)) => current.service.clone(),
    };
    catalog::service(conn, &code)?
        .filter(|s| s.active)
        .ok_or_else(|| Error::refused(format!("servicio: «{code}» no existe o no está activo")))?;
    if let Some(w) = to.window {
        if current.window == Some(w) {
            return Err(Error::refused(format!(
                "ventanilla: el turno {} ya está en la ventanilla {w}",
                current.label
            )));
        }
        if catalog::window(conn, w)?.is_none() {
            return Err(Error::refused(format!(
                "ventanilla: no existe la ventanilla {w}"
            )));
        }
    }
    Ok(code)
}
