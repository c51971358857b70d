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
use crate::domain::turn::{self, Status, Transition};
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::turns::{self, NewTurn, Stamp, Turn};
use crate::store::{Store, catalog, settings};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;

pub use crate::store::turns::Call;

/// The business day (local date) of an instant.
pub fn day_of(config: &Config, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&config.utc_offset()).date_naive()
}

fn day_text(config: &Config, at: DateTime<Utc>) -> String {
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
    pub preferential: Option<String>,
}

/// A request for a turn.
#[derive(Debug, Clone, Default)]
pub struct IssueRequest<'a> {
    pub service: &'a str,
    /// Preferential reason code (see `turn::PREFERENTIAL_REASONS`).
    pub preferential: Option<&'a str>,
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
    let reason = req
        .preferential
        .map(turn::check_reason)
        .transpose()
        .map_err(Error::Refused)?;
    let now = clock.now();
    let (at, day) = (stamp(now), day_text(config, now));
    let tx = store.write()?;
    if contingency_on(&tx)? {
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
        reason.unwrap_or(""),
    )?;
    audit::record(
        &tx,
        now,
        actor,
        "turn.issue",
        &format!("turn:{day}/{label}"),
        reason.unwrap_or(""),
    )?;
    let ahead = turns::ahead_of(&tx, &day, &code, id, reason.is_some())?;
    let estimated_minutes = estimate(&tx, config, &day, &code, ahead)?;
    tx.commit()?;
    Ok(Issued {
        label,
        service: code,
        service_name: service.name,
        issued_at: at,
        ahead,
        estimated_minutes,
        preferential: reason.map(str::to_string),
    })
}

/// Minutes until a turn with `ahead` turns before it is likely called.
fn estimate(
    conn: &Connection,
    config: &Config,
    day: &str,
    service: &str,
    ahead: u32,
) -> Result<u32> {
    let per = turns::average_service_minutes(conn, day, service)?
        .unwrap_or(f64::from(config.queue.default_service_minutes));
    let windows = catalog::windows(conn)?
        .iter()
        .filter(|w| w.active && w.services.iter().any(|s| s == service))
        .count()
        .max(1);
    Ok((f64::from(ahead) * per / windows as f64).ceil() as u32)
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
    actor.require(Role::Asesor, "llamar turnos")?;
    let who = advisor(actor)?;
    let now = clock.now();
    let (at, day) = (stamp(now), day_text(config, now));
    let tx = store.write()?;
    let win = catalog::window(&tx, window)?
        .filter(|w| w.active)
        .ok_or_else(|| {
            Error::refused(format!("la ventanilla {window} no existe o no está activa"))
        })?;
    if let Some(busy) = turns::busy_at_window(&tx, window)? {
        return Err(Error::refused(format!(
            "la ventanilla {window} tiene el turno {} {}: termínelo antes de llamar otro",
            busy.label,
            busy.status.spanish()
        )));
    }
    let heads = turns::queue_heads(&tx, &day, &win.services)?;
    let streak = turns::preferential_streak(&tx, window, config.queue.max_preferential_streak)?;
    let Some(pick) = queue::next(&heads, &win.services, policy(config), streak, now) else {
        return Err(Error::NothingToDo(format!(
            "no hay turnos en espera para la ventanilla {window}"
        )));
    };
    turns::mark_called(&tx, pick.id, &at, window, &who)?;
    turns::add_event(&tx, pick.id, &at, "call", Some(window), &who, "")?;
    let called =
        turns::get(&tx, pick.id)?.ok_or_else(|| Error::Database("turno desaparecido".into()))?;
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

/// The live turn `label` of today, or a refusal naming it.
fn find(conn: &Connection, day: &str, label: &str) -> Result<Turn> {
    let label = label.trim().to_uppercase();
    turns::by_label(conn, day, &label)?
        .ok_or_else(|| Error::refused(format!("no hay un turno {label} hoy")))
}

/// Applies a simple transition (start, finish, no-show, cancel, park, resume) to `label`.
pub fn act(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    label: &str,
    t: Transition,
) -> Result<Turn> {
    actor.require(Role::Asesor, "atender turnos")?;
    let who = advisor(actor)?;
    let now = clock.now();
    let (at, day) = (stamp(now), day_text(config, now));
    let tx = store.write()?;
    let current = find(&tx, &day, label)?;
    let next = turn::apply(current.status, t).ok_or_else(|| {
        Error::refused(format!(
            "no se puede {} el turno {}: está {}",
            t.spanish(),
            current.label,
            current.status.spanish()
        ))
    })?;
    let stamp_kind = match t {
        Transition::Start | Transition::Resume => Stamp::Started,
        Transition::Finish | Transition::NoShow | Transition::Cancel => Stamp::Finished,
        _ => Stamp::None,
    };
    turns::set_status(&tx, current.id, next, stamp_kind, &at)?;
    let kind = serde_json::to_value(t)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    turns::add_event(&tx, current.id, &at, &kind, current.window, &who, "")?;
    audit::record(
        &tx,
        now,
        actor,
        &format!("turn.{kind}"),
        &format!("turn:{day}/{}", current.label),
        "",
    )?;
    let updated =
        turns::get(&tx, current.id)?.ok_or_else(|| Error::Database("turno desaparecido".into()))?;
    tx.commit()?;
    Ok(updated)
}

/// Calls a called turn again; past the configured recalls it becomes a no-show.
pub fn recall(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    label: &str,
) -> Result<Turn> {
    actor.require(Role::Asesor, "volver a llamar turnos")?;
    let who = advisor(actor)?;
    let now = clock.now();
    let (at, day) = (stamp(now), day_text(config, now));
    let tx = store.write()?;
    let current = find(&tx, &day, label)?;
    if turn::apply(current.status, Transition::Recall).is_none() {
        return Err(Error::refused(format!(
            "no se puede volver a llamar el turno {}: está {}",
            current.label,
            current.status.spanish()
        )));
    }
    let object = format!("turn:{day}/{}", current.label);
    if current.recalls >= config.queue.max_recalls {
        turns::set_status(&tx, current.id, Status::NoShow, Stamp::Finished, &at)?;
        turns::add_event(
            &tx,
            current.id,
            &at,
            "no_show",
            current.window,
            &who,
            "rellamadas agotadas",
        )?;
        audit::record(
            &tx,
            now,
            actor,
            "turn.no_show",
            &object,
            "rellamadas agotadas",
        )?;
    } else {
        let n = turns::add_recall(&tx, current.id, &at)?;
        turns::add_event(
            &tx,
            current.id,
            &at,
            "recall",
            current.window,
            &who,
            &n.to_string(),
        )?;
        audit::record(
            &tx,
            now,
            actor,
            "turn.recall",
            &object,
            &format!("rellamada {n}"),
        )?;
    }
    let updated =
        turns::get(&tx, current.id)?.ok_or_else(|| Error::Database("turno desaparecido".into()))?;
    tx.commit()?;
    Ok(updated)
}

/// Sends a turn to another service's queue, keeping its issue time, priority and label, with
/// a note for the next advisor. Returns the new waiting turn.
pub fn transfer(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    label: &str,
    service: &str,
    note: &str,
) -> Result<Turn> {
    actor.require(Role::Asesor, "trasladar turnos")?;
    let who = advisor(actor)?;
    let code = service.trim().to_uppercase();
    let now = clock.now();
    let (at, day) = (stamp(now), day_text(config, now));
    let tx = store.write()?;
    let current = find(&tx, &day, label)?;
    if turn::apply(current.status, Transition::Transfer).is_none() {
        return Err(Error::refused(format!(
            "no se puede trasladar el turno {}: está {}",
            current.label,
            current.status.spanish()
        )));
    }
    if code == current.service {
        return Err(Error::refused(format!(
            "el turno {} ya está en el servicio {code}",
            current.label
        )));
    }
    catalog::service(&tx, &code)?
        .filter(|s| s.active)
        .ok_or_else(|| {
            Error::refused(format!("el servicio «{code}» no existe o no está activo"))
        })?;
    turns::set_status(&tx, current.id, Status::Transferred, Stamp::Finished, &at)?;
    turns::add_event(
        &tx,
        current.id,
        &at,
        "transfer",
        current.window,
        &who,
        &format!("a {code}: {note}"),
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
            preferential: current.preferential.as_deref(),
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
        &format!("{} → {code}", current.service),
    )?;
    let created =
        turns::get(&tx, id)?.ok_or_else(|| Error::Database("turno desaparecido".into()))?;
    tx.commit()?;
    Ok(created)
}

/// Whether the branch is in manual contingency (paper tickets).
pub fn contingency(store: &Store) -> Result<bool> {
    contingency_on(store.conn())
}

fn contingency_on(conn: &Connection) -> Result<bool> {
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
    actor.require(Role::Asesor, "registrar fichas manuales")?;
    let who = advisor(actor)?;
    let code = service.trim().to_uppercase();
    let now = clock.now();
    let (at, day) = (stamp(now), day_text(config, now));
    let tx = store.write()?;
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
    let created =
        turns::get(&tx, id)?.ok_or_else(|| Error::Database("turno desaparecido".into()))?;
    tx.commit()?;
    Ok(created)
}

/// Closes as expired the open turns of previous days (run at every start). Returns how many.
pub fn expire_previous_days(
    store: &mut Store,
    clock: &dyn Clock,
    config: &Config,
) -> Result<usize> {
    let now = clock.now();
    let day = day_text(config, now);
    if turns::open_before(store.conn(), &day)?.is_empty() {
        return Ok(0);
    }
    let tx = store.write()?;
    let open = turns::open_before(&tx, &day)?;
    let at = stamp(now);
    let system = Actor {
        principal: "sistema".into(),
        on_behalf: None,
        role: Role::Administrador,
    };
    for t in &open {
        turns::set_status(&tx, t.id, Status::Expired, Stamp::Finished, &at)?;
        turns::add_event(
            &tx,
            t.id,
            &at,
            "expire",
            t.window,
            "sistema",
            "cambio de día",
        )?;
        audit::record(
            &tx,
            now,
            &system,
            "turn.expire",
            &format!("turn:{}/{}", t.day, t.label),
            "cambio de día",
        )?;
    }
    tx.commit()?;
    Ok(open.len())
}

/// Turns of `day` (default today), optionally filtered.
pub fn list(
    store: &Store,
    day: NaiveDate,
    status: Option<Status>,
    service: Option<&str>,
) -> Result<Vec<Turn>> {
    turns::list(
        store.conn(),
        &day.format("%Y-%m-%d").to_string(),
        status,
        service,
    )
}

/// What a window's advisor sees: its waiting list and the turn it is busy with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WindowQueue {
    pub waiting: Vec<Turn>,
    pub current: Option<Turn>,
    pub services: Vec<String>,
    pub contingency: bool,
}

/// Reads a window's queue for today.
pub fn window_queue(
    store: &Store,
    config: &Config,
    now: DateTime<Utc>,
    window: u32,
) -> Result<WindowQueue> {
    let conn = store.conn();
    let services = catalog::window(conn, window)?
        .map(|w| w.services)
        .unwrap_or_default();
    let mut waiting = turns::waiting_in(conn, &day_text(config, now), &services)?;
    // In the order the window will call them (ignoring the anti-starvation exception).
    let rank = |t: &Turn| services.iter().position(|s| *s == t.service);
    waiting.sort_by_cached_key(|t| (t.preferential.is_none(), rank(t), t.issued_at.clone(), t.id));
    Ok(WindowQueue {
        waiting,
        current: turns::busy_at_window(conn, window)?,
        services,
        contingency: contingency_on(conn)?,
    })
}

/// What the waiting-room display shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Board {
    pub calls: Vec<Call>,
    pub waiting: Vec<(String, String, u32)>,
}

/// Reads the latest calls and the waiting counts per service.
pub fn board(store: &Store, config: &Config, now: DateTime<Utc>, recent: u32) -> Result<Board> {
    let conn = store.conn();
    let counts = turns::waiting_counts(conn, &day_text(config, now))?;
    let waiting = catalog::services(conn)?
        .into_iter()
        .filter(|s| s.active)
        .map(|s| {
            let n = counts
                .iter()
                .find(|(c, _)| *c == s.code)
                .map_or(0, |(_, n)| *n);
            (s.code, s.name, n)
        })
        .collect();
    Ok(Board {
        calls: turns::recent_calls(conn, recent + 1)?,
        waiting,
    })
}
