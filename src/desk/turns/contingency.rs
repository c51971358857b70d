//! Manual contingency: paper tickets when the dispenser fails.

use super::{Moment, moment, reload};
use crate::clock::Clock;
use crate::config::Config;
use crate::desk::{Actor, audit};
use crate::domain::turn::{self, Status};
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::settings;
use crate::store::turns::{self, NewTurn, Turn};
use crate::store::{Store, catalog};
use rusqlite::Connection;

/// Whether the branch is in manual contingency (paper tickets).
pub fn contingency(store: &Store) -> Result<bool> {
    contingency_on(store.conn())
}

pub(super) fn contingency_on(conn: &Connection) -> Result<bool> {
    Ok(settings::get(conn, "contingency")?.as_deref() == Some("1"))
}

/// Switches manual contingency on or off (supervisors).
pub fn set_contingency(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    on: bool,
) -> Result<()> {
    actor.require(Role::Supervisor, "cambiar la contingencia manual")?;
    let tx = store.write()?;
    if contingency_on(&tx)? == on {
        let state = if on { "activa" } else { "inactiva" };
        return Err(Error::NothingToDo(format!(
            "la contingencia manual ya estaba {state}"
        )));
    }
    settings::set(&tx, "contingency", if on { "1" } else { "0" })?;
    let action = if on {
        "contingency.on"
    } else {
        "contingency.off"
    };
    audit::record(&tx, clock.now(), actor, action, "branch", "")?;
    tx.commit()?;
    Ok(())
}

/// Registers a paper ticket during contingency and calls it to `window` at once.
pub fn manual(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    number: u32,
    service: &str,
    window: u32,
) -> Result<Turn> {
    let code = service.trim().to_uppercase();
    let Moment { who, now, at, day } = moment(actor, clock, config, "registrar fichas manuales")?;
    let tx = store.write()?;
    crate::desk::claims::ensure_holder(&tx, config, window, &who)?;
    if !contingency_on(&tx)? {
        return Err(Error::refused(
            "el turnero no está en contingencia manual; use los turnos digitales",
        ));
    }
    catalog::service(&tx, &code)?
        .filter(|s| s.active)
        .ok_or_else(|| {
            Error::refused(format!("el servicio «{code}» no existe o no está activo"))
        })?;
    if catalog::window(&tx, window)?.is_none() {
        return Err(Error::refused(format!("no existe la ventanilla {window}")));
    }
    if let Some(busy) = turns::busy_at_window(&tx, window)? {
        return Err(Error::refused(format!(
            "la ventanilla {window} tiene el turno {} {}",
            busy.label,
            busy.status.spanish()
        )));
    }
    if number == 0 || turns::manual_exists(&tx, &day, &code, number)? {
        return Err(Error::refused(format!(
            "la ficha manual {code} {number} ya se registró hoy o no es válida"
        )));
    }
    let label = turn::label(&code, number, true);
    let id = turns::insert(
        &tx,
        &NewTurn {
            day: &day,
            service: &code,
            label: &label,
            issuing_service: &code,
            seq: Some(number),
            manual: true,
            preferential: None,
            granted_by: None,
            doc_type: None,
            doc_number: None,
            status: Status::Waiting,
            issued_at: &at,
            queued_at: &at,
            note: None,
            origin: None,
        },
    )?;
    turns::add_event(&tx, id, &at, "issue", None, &who, "ficha manual")?;
    turns::mark_called(&tx, id, &at, window, &who)?;
    turns::add_event(&tx, id, &at, "call", Some(window), &who, "")?;
    audit::record(
        &tx,
        now,
        actor,
        "turn.manual",
        &format!("turn:{day}/{label}"),
        &format!("ventanilla {window}"),
    )?;
    let created = reload(&tx, id)?;
    tx.commit()?;
    Ok(created)
}
