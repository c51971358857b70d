//! Attention records: at the window or by phone, chat, e-mail, WhatsApp, web; phone and chat
//! attentions on a routed topic go to the listed staff member with the fewest open ones.

use super::{Actor, audit, stamp};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::attention::{Channel, Level};
use crate::domain::ids::Document;
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::attentions::{self, Attention, NewAttention};
use crate::store::{Store, catalog, customers, turns, users};
use chrono::NaiveDate;
use rusqlite::Connection;

/// An attention as given.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    pub channel: Channel,
    pub document: Option<Document>,
    pub turn_label: Option<&'a str>,
    pub service: Option<&'a str>,
    pub level: Level,
    pub opportunity_service: Option<&'a str>,
    pub topic: &'a str,
    pub notes: &'a str,
    /// Leave it open (routed attentions stay open until closed).
    pub open: bool,
}

/// Picks, among the active staff listed for `topic`, the one with the fewest open attentions
/// (ties: the first listed).
pub fn route(conn: &Connection, config: &Config, topic: &str) -> Result<Option<String>> {
    let Some(staff) = config.routing.get(topic) else {
        return Ok(None);
    };
    let mut best: Option<(u32, String)> = None;
    for username in staff {
        if !users::find(conn, username)?.is_some_and(|u| u.active) {
            continue;
        }
        let open = attentions::open_count(conn, username)?;
        if best.as_ref().is_none_or(|(n, _)| open < *n) {
            best = Some((open, username.clone()));
        }
    }
    Ok(best.map(|(_, u)| u))
}

/// Records an attention; returns it.
pub fn add(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    req: &Request<'_>,
) -> Result<Attention> {
    actor.require(Role::Asesor, "registrar atenciones")?;
    let advisor = actor
        .staff_user()
        .map(str::to_string)
        .ok_or_else(|| Error::Usage("indique el asesor con --user USUARIO".into()))?;
    if req.topic.trim().is_empty() {
        return Err(Error::refused("indique el tema de la atención"));
    }
    let now = clock.now();
    let at = stamp(now);
    let tx = store.write()?;
    let customer = match &req.document {
        Some(d) => Some(
            customers::by_document(&tx, d.kind.code(), &d.number)?
                .ok_or_else(|| {
                    Error::refused(format!("no hay un cliente con {} {}", d.kind, d.number))
                })?
                .id,
        ),
        None => None,
    };
    let day = now
        .with_timezone(&config.utc_offset())
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let turn = match req.turn_label {
        Some(label) => Some(
            turns::by_label(&tx, &day, &label.trim().to_uppercase())?
                .ok_or_else(|| Error::refused(format!("no hay un turno {label} hoy")))?
                .id,
        ),
        None => None,
    };
    for code in req.service.iter().chain(req.opportunity_service.iter()) {
        if catalog::service(&tx, &code.to_uppercase())?.is_none() {
            return Err(Error::refused(format!("no existe el servicio «{code}»")));
        }
    }
    let routed = req.channel.is_routed();
    let assigned_to = if routed {
        route(&tx, config, req.topic.trim())?
    } else {
        None
    };
    let open = req.open || assigned_to.is_some();
    let id = attentions::insert(
        &tx,
        &NewAttention {
            customer,
            turn,
            channel: req.channel,
            service: req.service.map(str::to_uppercase),
            level: req.level.number(),
            opportunity_service: req.opportunity_service.map(str::to_uppercase),
            topic: req.topic.trim().into(),
            notes: req.notes.trim().into(),
            advisor: advisor.clone(),
            assigned_to: assigned_to.clone(),
            started_at: at.clone(),
            ended_at: (!open).then(|| at.clone()),
        },
    )?;
    let detail = assigned_to
        .map(|u| format!("asignada a {u}"))
        .unwrap_or_default();
    audit::record(
        &tx,
        now,
        actor,
        "attention.add",
        &format!("attention:{id}"),
        &detail,
    )?;
    tx.commit()?;
    list_between(store, &at, &stamp(now + chrono::Duration::seconds(1)))?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::Database("atención desaparecida".into()))
}

/// Closes an open attention.
pub fn close(store: &mut Store, clock: &dyn Clock, actor: &Actor, id: i64) -> Result<()> {
    actor.require(Role::Asesor, "cerrar atenciones")?;
    let now = clock.now();
    let tx = store.write()?;
    if let Some(a) = attentions::get(&tx, id)? {
        let owner = a.assigned_to.as_deref().unwrap_or(&a.advisor);
        if !actor.owns_or_supervises(owner) {
            return Err(actor.refused_on(
                &format!("attention:{id}"),
                format!(
                    "la atención {id} es de {owner}: solo esa persona o un supervisor puede \
                     cerrarla"
                ),
            ));
        }
    }
    if attentions::close(&tx, id, &stamp(now))? == 0 {
        return Err(Error::NothingToDo(format!(
            "la atención {id} no existe o ya estaba cerrada"
        )));
    }
    audit::record(
        &tx,
        now,
        actor,
        "attention.close",
        &format!("attention:{id}"),
        "",
    )?;
    tx.commit()?;
    Ok(())
}

fn list_between(store: &Store, from: &str, to: &str) -> Result<Vec<Attention>> {
    attentions::between(store.conn(), from, to)
}

/// Attentions of a local day.
pub fn of_day(store: &Store, config: &Config, day: NaiveDate) -> Result<Vec<Attention>> {
    let (from, to) = super::turns::day_bounds(config, day);
    list_between(store, &from, &to)
}
