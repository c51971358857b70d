//! The turn queue: issuing, calling, attending, transferring; contingency and day change.
//!
//! Every decision that must not race (the next number, who is called) runs inside one
//! `BEGIN IMMEDIATE` transaction, so several windows in separate processes never call the
//! same turn twice nor issue the same number.

use super::{Actor, audit, stamp};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::ids::Document;
use crate::domain::queue::{self, Policy};
use crate::domain::turn::{self, Status};
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::turns::{self, NewTurn, Turn};
use crate::store::{Store, catalog};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;

pub use crate::store::turns::Call;
pub use contingency::{contingency, manual, set_contingency};
pub use lifecycle::{act, expire_previous_days, recall, return_no_show};
pub use transfer::{Destination, transfer};
pub use views::{Board, WindowQueue, board, list, window_queue};

mod contingency;
mod estimate;
mod lifecycle;
mod transfer;
mod views;

/// The business day (local date) of an instant.
pub fn day_of(config: &Config, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&config.utc_offset()).date_naive()
}

/// A local day's bounds as RFC 3339 UTC stamps: `[start, next day's start)`.
pub(crate) fn day_bounds(config: &Config, day: NaiveDate) -> (String, String) {
    use chrono::TimeZone;
    let offset = config.utc_offset();
    let start = |d: NaiveDate| {
        offset
            .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
            .single()
            .map(|t| super::stamp(t.with_timezone(&Utc)))
            .unwrap_or_default()
    };
    (start(day), start(day.succ_opt().unwrap_or(day)))
}

pub(crate) fn day_text(config: &Config, at: DateTime<Utc>) -> String {
    day_of(config, at).format("%Y-%m-%d").to_string()
}

/// What the customer gets from the kiosk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issued {
    pub label: String,
    pub service: String,
    pub service_name: String,
    pub issued_at: String,
    pub ahead: u32,
    pub estimated_minutes: u32,
    pub preferential: Option<turn::PreferentialReason>,
}

/// A request for a turn.
#[derive(Debug, Clone, Default)]
pub struct IssueRequest<'a> {
    pub service: &'a str,
    /// Preferential reason.
    pub preferential: Option<turn::PreferentialReason>,
    /// Who granted the preference (the kiosk records "autodeclarado").
    pub granted_by: Option<&'a str>,
    pub document: Option<Document>,
}

/// Issues a turn for a service (kiosk or CLI).
pub fn issue(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    req: &IssueRequest<'_>,
) -> Result<Issued> {
    let code = req.service.trim().to_uppercase();
    let reason = req.preferential;
    let now = clock.now();
    let (at, day) = (stamp(now), day_text(config, now));
    let tx = store.write()?;
    if contingency::contingency_on(&tx)? {
        return Err(Error::refused(
            "el turnero está en contingencia manual: solicite una ficha de papel",
        ));
    }
    let service = catalog::service(&tx, &code)?
        .filter(|s| s.active)
        .ok_or_else(|| {
            Error::refused(format!("el servicio «{code}» no existe o no está activo"))
        })?;
    let seq = turns::next_seq(&tx, &day, &code, false)?;
    let label = turn::label(&code, seq, false);
    let granted_by = reason.map(|_| req.granted_by.unwrap_or(&actor.principal));
    let doc = req.document.as_ref();
    let id = turns::insert(
        &tx,
        &NewTurn {
            day: &day,
            service: &code,
            label: &label,
            issuing_service: &code,
            seq: Some(seq),
            manual: false,
            preferential: reason,
            granted_by,
            doc_type: doc.map(|d| d.kind.code()),
            doc_number: doc.map(|d| d.number.as_str()),
            status: Status::Waiting,
            issued_at: &at,
            queued_at: &at,
            note: None,
            origin: None,
        },
    )?;
    turns::add_event(
        &tx,
        id,
        &at,
        "issue",
        None,
        &actor.principal,
        reason.map_or("", |r| r.code()),
    )?;
    audit::record(
        &tx,
        now,
        actor,
        "turn.issue",
        &format!("turn:{day}/{label}"),
        reason.map_or("", |r| r.code()),
    )?;
    let ahead = turns::ahead_of(&tx, &day, &code, id, reason.is_some())?;
    let load = estimate::load(&tx, config, &day, &code, ahead, reason.is_some())?;
    let (ahead, estimated_minutes) = estimate::wait(&load);
    tx.commit()?;
    Ok(Issued {
        label,
        service: code,
        service_name: service.name,
        issued_at: at,
        ahead,
        estimated_minutes,
        preferential: reason,
    })
}

/// Records whose turn it is: the customer the advisor identified at the window (the turn
/// carried no document, or another one), so a paused and resumed attention, the record and
/// the rating keep their customer.
pub fn identify(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    label: &str,
    doc: &crate::domain::ids::Document,
) -> Result<()> {
    let Moment {
        who: _,
        now,
        at: _,
        day,
    } = moment(actor, clock, config, "identificar turnos")?;
    let tx = store.write()?;
    let t = find(&tx, &day, label)?;
    if t.doc_type.as_deref() == Some(doc.kind.code())
        && t.doc_number.as_deref() == Some(&doc.number)
    {
        return Ok(());
    }
    turns::set_document(&tx, t.id, doc.kind.code(), &doc.number)?;
    audit::record(
        &tx,
        now,
        actor,
        "turn.identify",
        &format!("turn:{day}/{}", t.label),
        "",
    )?;
    tx.commit()?;
    Ok(())
}

fn policy(config: &Config) -> Policy {
    Policy {
        max_preferential_streak: config.queue.max_preferential_streak,
        starvation_minutes: i64::from(config.queue.starvation_minutes),
    }
}

fn advisor(actor: &Actor) -> Result<String> {
    actor
        .staff_user()
        .map(str::to_string)
        .ok_or_else(|| Error::Usage("indique el asesor que atiende con --user USUARIO".into()))
}

/// Calls the next turn to `window`, per the queue policy.
pub fn call_next(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    window: u32,
) -> Result<Turn> {
    let Moment { who, now, at, day } = moment(actor, clock, config, "llamar turnos")?;
    let tx = store.write()?;
    crate::desk::claims::ensure_holder(&tx, config, window, &who)?;
    let win = free_window(&tx, window)?;
    // a turn transferred to this window goes first: its customer already waited once
    let pick = match turns::reserved_for(&tx, &day, window)? {
        Some(t) => t.id,
        None => {
            let heads = turns::queue_heads(&tx, &day, &win.services)?;
            let max = config.queue.max_preferential_streak;
            let streak = turns::preferential_streak(&tx, window, max)?;
            let Some(pick) = queue::next(&heads, &win.services, policy(config), streak, now) else {
                return Err(Error::NothingToDo(format!(
                    "no hay turnos en espera para la ventanilla {window}"
                )));
            };
            pick.id
        }
    };
    turns::mark_called(&tx, pick, &at, window, &who)?;
    turns::add_event(&tx, pick, &at, "call", Some(window), &who, "")?;
    let called = reload(&tx, pick)?;
    audit::record(
        &tx,
        now,
        actor,
        "turn.call",
        &format!("turn:{day}/{}", called.label),
        &format!("ventanilla {window}"),
    )?;
    tx.commit()?;
    Ok(called)
}

/// Calls a chosen waiting turn to `window` out of the policy's order; the reason is required
/// and recorded in the turn's history and the audit log.
pub fn call_chosen(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    window: u32,
    label: &str,
    reason: &str,
) -> Result<Turn> {
    let Moment { who, now, at, day } = moment(actor, clock, config, "llamar turnos")?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::refused(
            "motivo: diga por qué llama este turno antes que el siguiente",
        ));
    }
    let tx = store.write()?;
    crate::desk::claims::ensure_holder(&tx, config, window, &who)?;
    free_window(&tx, window)?;
    let chosen = find(&tx, &day, label)?;
    if chosen.status != turn::Status::Waiting {
        return Err(Error::refused(format!(
            "turno: el {} está {}; solo se llama un turno en espera",
            chosen.label,
            chosen.status.spanish()
        )));
    }
    turns::mark_called(&tx, chosen.id, &at, window, &who)?;
    turns::add_event(&tx, chosen.id, &at, "call", Some(window), &who, reason)?;
    let called = reload(&tx, chosen.id)?;
    audit::record(
        &tx,
        now,
        actor,
        "turn.call_chosen",
        &format!("turn:{day}/{}", called.label),
        &format!("ventanilla {window}: {reason}"),
    )?;
    tx.commit()?;
    Ok(called)
}

/// An active window with no turn called or in attention, or the refusal saying why not.
fn free_window(conn: &Connection, window: u32) -> Result<catalog::Window> {
    let win = catalog::window(conn, window)?
        .filter(|w| w.active)
        .ok_or_else(|| {
            Error::refused(format!("la ventanilla {window} no existe o no está activa"))
        })?;
    if let Some(busy) = turns::busy_at_window(conn, window)? {
        return Err(Error::refused(format!(
            "la ventanilla {window} tiene el turno {} {}: termínelo antes de llamar otro",
            busy.label,
            busy.status.spanish()
        )));
    }
    Ok(win)
}

/// The common start of a staff member's turn action: who, when, which business day.
struct Moment {
    who: String,
    now: DateTime<Utc>,
    at: String,
    day: String,
}

/// Checks the actor may work turns (`what` names the action) and fixes the moment.
fn moment(actor: &Actor, clock: &dyn Clock, config: &Config, what: &str) -> Result<Moment> {
    actor.require(Role::Asesor, what)?;
    let who = advisor(actor)?;
    let now = clock.now();
    Ok(Moment {
        who,
        now,
        at: stamp(now),
        day: day_text(config, now),
    })
}

/// A called turn is moved (started, finished, recalled, transferred, cancelled…) only by the
/// advisor who called it to their window, or by a supervisor; a waiting one only by a
/// supervisor. `what` names the action in Spanish.
fn may_move(actor: &Actor, t: &Turn, what: &str) -> Result<()> {
    match (&t.advisor, t.window) {
        _ if actor.role >= Role::Supervisor => Ok(()),
        (Some(advisor), Some(_)) if actor.owns_or_supervises(advisor) => Ok(()),
        (Some(advisor), Some(window)) => Err(actor.refused_on(
            &format!("turn:{}/{}", t.day, t.label),
            format!(
                "el turno {} lo atiende {advisor} en la ventanilla {window}: solo esa persona \
                 o un supervisor puede {what}",
                t.label
            ),
        )),
        _ => Err(actor.refused_on(
            &format!("turn:{}/{}", t.day, t.label),
            format!(
                "el turno {} todavía no está en ninguna ventanilla: llámelo a la suya, o pida \
                 a un supervisor que lo haga",
                t.label
            ),
        )),
    }
}

/// Re-reads a turn just written in this transaction.
fn reload(conn: &Connection, id: i64) -> Result<Turn> {
    turns::get(conn, id)?.ok_or_else(|| Error::Database("turno desaparecido".into()))
}

/// The live turn `label` of today, or a refusal naming it.
pub(crate) fn find(conn: &Connection, day: &str, label: &str) -> Result<Turn> {
    let label = label.trim().to_uppercase();
    turns::by_label(conn, day, &label)?
        .ok_or_else(|| Error::refused(format!("no hay un turno {label} hoy")))
}
