//! A turn's life after it is called: attend, recall, transfer; and the day change.

use super::{Moment, day_text, find, may_move, moment, reload};
use crate::clock::Clock;
use crate::config::Config;
use crate::desk::{Actor, audit, stamp};
use crate::domain::turn::{self, Status, Transition};
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::turns::{self, Stamp, Turn};

/// Applies a simple transition (start, finish, no-show, cancel, park, resume) to `label`.
pub fn act(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    label: &str,
    t: Transition,
) -> Result<Turn> {
    let Moment { who, now, at, day } = moment(actor, clock, config, "atender turnos")?;
    let tx = store.write()?;
    let current = find_held(&tx, config, &day, label, &who)?;
    may_move(actor, &current, t.spanish())?;
    if let (Transition::Resume, Some(window)) = (t, current.window)
        && let Some(busy) = turns::busy_at_window(&tx, window)?
    {
        return Err(Error::refused(format!(
            "la ventanilla {window} atiende el turno {} ({}): finalícelo o páuselo antes de reanudar el {}",
            busy.label,
            busy.status.spanish(),
            current.label
        )));
    }
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
    let updated = reload(&tx, current.id)?;
    tx.commit()?;
    Ok(updated)
}

/// Today's turn `label`, refused when another user's console holds its window.
pub(super) fn find_held(
    conn: &rusqlite::Connection,
    config: &Config,
    day: &str,
    label: &str,
    who: &str,
) -> Result<Turn> {
    let current = find(conn, day, label)?;
    if let Some(window) = current.window {
        crate::desk::claims::ensure_holder(conn, config, window, who)?;
    }
    Ok(current)
}

/// Returns a no-show to its place in the queue, within the configured minutes of being marked
/// (the customer arrived late).
pub fn return_no_show(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    label: &str,
) -> Result<Turn> {
    let Moment { who, now, at, day } = moment(actor, clock, config, "devolver turnos a la fila")?;
    let tx = store.write()?;
    let current = find_held(&tx, config, &day, label, &who)?;
    may_move(actor, &current, "devolverlo a la fila")?;
    if current.status != Status::NoShow {
        return Err(Error::refused(format!(
            "turno: el {} está {}; solo vuelve a la fila un turno no presentado",
            current.label,
            current.status.spanish()
        )));
    }
    let limit = config.queue.no_show_return_minutes;
    let since = current
        .finished_at
        .as_deref()
        .and_then(crate::localtime::parse_stored)
        .map_or(i64::MAX, |t| (now - t).num_minutes());
    if since > i64::from(limit) {
        return Err(Error::refused(format!(
            "turno: el {} se marcó como no presentado hace {since} minutos y solo vuelve a la fila dentro de {limit}; entréguele un turno nuevo",
            current.label
        )));
    }
    turns::requeue(&tx, current.id)?;
    turns::add_event(&tx, current.id, &at, "requeue", current.window, &who, "")?;
    audit::record(
        &tx,
        now,
        actor,
        "turn.requeue",
        &format!("turn:{day}/{}", current.label),
        "",
    )?;
    let updated = reload(&tx, current.id)?;
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
    let Moment { who, now, at, day } = moment(actor, clock, config, "volver a llamar turnos")?;
    let tx = store.write()?;
    let current = find_held(&tx, config, &day, label, &who)?;
    may_move(actor, &current, "volver a llamarlo")?;
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
    let updated = reload(&tx, current.id)?;
    tx.commit()?;
    Ok(updated)
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
