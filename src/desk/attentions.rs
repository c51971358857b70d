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
    /// The sub-topic of the service's catalogue (empty when the topic has none).
    pub subtopic: &'a str,
    pub notes: &'a str,
    /// Leave it open (routed attentions stay open until closed).
    pub open: bool,
    /// Phone and chat: who called or wrote, as they gave it (no customer record needed).
    pub caller: &'a str,
    /// Phone and chat: how to reach them back.
    pub contact: &'a str,
    /// Phone and chat: solved by whoever took it, never routed.
    pub solved: bool,
    /// Phone and chat: route it to the staff of its topic (refused when the topic has none).
    pub route: bool,
}

/// The staff listed for `topic` in the routing table (matched without regard to accents or
/// case), with the table's spelling of the topic.
pub fn routing_of<'c>(config: &'c Config, topic: &str) -> Option<(&'c str, &'c [String])> {
    use crate::domain::vocab::fold;
    config
        .routing
        .iter()
        .find(|(t, _)| fold(t) == fold(topic))
        .map(|(t, staff)| (t.as_str(), staff.as_slice()))
}

/// Picks, among the active staff listed for `topic`, the one with the fewest open attentions,
/// preferring those at work now (not paused, not signed out) over those away (ties: the first
/// listed).
pub fn route(
    conn: &Connection,
    config: &Config,
    now: chrono::DateTime<chrono::Utc>,
    topic: &str,
) -> Result<Option<String>> {
    use crate::domain::advisor::State;
    let Some((_, staff)) = routing_of(config, topic) else {
        return Ok(None);
    };
    let (day_start, _) = super::turns::day_bounds(config, super::turns::day_of(config, now));
    let mut best: Option<((bool, u32), String)> = None;
    for username in staff {
        if !users::find(conn, username)?.is_some_and(|u| u.active) {
            continue;
        }
        let away = crate::store::advisors::latest(conn, username, &day_start)?
            .and_then(|(code, _)| State::from_code(&code))
            .is_some_and(|s| matches!(s, State::Paused | State::LoggedOut));
        let rank = (away, attentions::open_count(conn, username)?);
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, username.clone()));
        }
    }
    Ok(best.map(|(_, u)| u))
}

/// The catalogue's spelling of `topic` and `subtopic` for `service` (matched without regard to
/// accents or case); a refusal naming the choices when either is not in it. A service without
/// catalogued topics takes any topic.
pub fn catalogued(
    config: &Config,
    service: &str,
    topic: &str,
    subtopic: &str,
) -> Result<(String, String)> {
    use crate::domain::vocab::fold;
    let topics: Vec<_> = config.attention.topics_of(service).collect();
    if topics.is_empty() {
        return Ok((topic.trim().to_string(), subtopic.trim().to_string()));
    }
    let names = |v: Vec<&str>| v.join(", ");
    let Some(t) = topics.iter().find(|t| fold(&t.topic) == fold(topic)) else {
        return Err(Error::refused(format!(
            "tema: «{}» no está en el catálogo del servicio {service}; elija uno de: {}",
            topic.trim(),
            names(topics.iter().map(|t| t.topic.as_str()).collect())
        )));
    };
    if t.subtopics.is_empty() {
        return Ok((t.topic.clone(), subtopic.trim().to_string()));
    }
    match t.subtopics.iter().find(|s| fold(s) == fold(subtopic)) {
        Some(s) => Ok((t.topic.clone(), s.clone())),
        None => Err(Error::refused(format!(
            "subtema: «{}» no es un subtema de «{}»; elija uno de: {}",
            subtopic.trim(),
            t.topic,
            names(t.subtopics.iter().map(String::as_str).collect())
        ))),
    }
}

/// The latest turn `advisor` finished today at `window` without an attention record, if any.
pub fn pending_record(
    store: &Store,
    config: &Config,
    now: chrono::DateTime<chrono::Utc>,
    window: u32,
    advisor: &str,
) -> Result<Option<String>> {
    let day = super::turns::day_of(config, now)
        .format("%Y-%m-%d")
        .to_string();
    Ok(attentions::pending_record(store.conn(), window, advisor, &day)?.map(|(_, label)| label))
}

/// The customer record the attention concerns and the caller's name as recorded. At the
/// window the document must be a registered customer's; by phone or chat an unregistered
/// document is kept beside the caller's name instead.
fn caller_of(conn: &Connection, req: &Request<'_>) -> Result<(Option<i64>, String)> {
    let caller = req.caller.trim().to_string();
    let Some(d) = &req.document else {
        return Ok((None, caller));
    };
    if let Some(c) = customers::by_document(conn, d.kind.code(), &d.number)? {
        return Ok((Some(c.id), caller));
    }
    if req.channel == Channel::Ventanilla {
        return Err(Error::refused(format!(
            "no hay un cliente con {} {}",
            d.kind, d.number
        )));
    }
    let doc = format!("{} {}", d.kind.code(), d.number);
    Ok((None, [caller, doc].join(" ").trim().to_string()))
}

/// Who a phone or chat attention goes to: nobody when solved or at the window; the staff of
/// its topic otherwise (a refusal naming the routed topics when routing was asked and the
/// topic has nobody).
fn assignee(
    conn: &Connection,
    config: &Config,
    now: chrono::DateTime<chrono::Utc>,
    req: &Request<'_>,
) -> Result<Option<String>> {
    if req.solved || !req.channel.is_routed() {
        return Ok(None);
    }
    let who = route(conn, config, now, req.topic.trim())?;
    if who.is_none() && req.route {
        let topics: Vec<&str> = config.routing.keys().map(String::as_str).collect();
        return Err(Error::refused(format!(
            "tema: «{}» no tiene responsables a quien derivar; derive uno de: {}, o regístrela \
             como resuelta",
            req.topic.trim(),
            topics.join(", ")
        )));
    }
    Ok(who)
}

/// The open phone and chat attentions routed to `staff`, oldest first.
pub fn open_for(store: &Store, staff: &str) -> Result<Vec<Attention>> {
    attentions::open_assigned(store.conn(), staff)
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
        return Err(Error::refused("tema: indique el tema de la atención"));
    }
    let now = clock.now();
    let at = stamp(now);
    let tx = store.write()?;
    let (customer, caller) = caller_of(&tx, req)?;
    let day = now
        .with_timezone(&config.utc_offset())
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let turn = match req.turn_label {
        Some(label) => Some(
            turns::by_label(&tx, &day, &label.trim().to_uppercase())?
                .ok_or_else(|| Error::refused(format!("no hay un turno {label} hoy")))?,
        ),
        None => None,
    };
    // A window attention of a turn defaults to the turn's service and customer.
    let service = req
        .service
        .map(str::to_uppercase)
        .or_else(|| turn.as_ref().map(|t| t.service.clone()));
    let customer = match (customer, &turn) {
        (None, Some(t)) => match (&t.doc_type, &t.doc_number) {
            (Some(kind), Some(number)) => customers::by_document(&tx, kind, number)?.map(|c| c.id),
            _ => None,
        },
        (c, _) => c,
    };
    let (topic, subtopic) = match service
        .as_deref()
        .filter(|_| req.channel == Channel::Ventanilla)
    {
        Some(service) => catalogued(config, service, req.topic, req.subtopic)?,
        // by phone or chat a routed topic takes the routing table's spelling
        None => (
            routing_of(config, req.topic)
                .filter(|_| req.channel.is_routed())
                .map_or_else(|| req.topic.trim().to_string(), |(t, _)| t.to_string()),
            req.subtopic.trim().to_string(),
        ),
    };
    // a window attention began when its turn did; the record is written at its end
    let began = turn
        .as_ref()
        .and_then(|t| t.started_at.clone().or_else(|| t.called_at.clone()))
        .unwrap_or_else(|| at.clone());
    let turn = turn.map(|t| t.id);
    for code in service
        .iter()
        .map(String::as_str)
        .chain(req.opportunity_service)
    {
        if catalog::service(&tx, &code.to_uppercase())?.is_none() {
            return Err(Error::refused(format!("no existe el servicio «{code}»")));
        }
    }
    let assigned_to = assignee(&tx, config, now, req)?;
    let open = (req.open && !req.solved) || assigned_to.is_some();
    let id = attentions::insert(
        &tx,
        &NewAttention {
            customer,
            turn,
            channel: req.channel,
            service,
            level: req.level.number(),
            opportunity_service: req.opportunity_service.map(str::to_uppercase),
            topic,
            subtopic,
            notes: req.notes.trim().into(),
            advisor: advisor.clone(),
            assigned_to: assigned_to.clone(),
            started_at: began,
            ended_at: (!open).then(|| at.clone()),
            caller,
            contact: req.contact.trim().into(),
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
    attentions::get(store.conn(), id)?
        .ok_or_else(|| Error::Database("atención desaparecida".into()))
}

/// Closes an open attention with what was done (`result`, may be empty).
pub fn close(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    id: i64,
    result: &str,
) -> Result<()> {
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
    if attentions::close(&tx, id, &stamp(now), result.trim())? == 0 {
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
