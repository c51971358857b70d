//! PQRS: filing with its radicado and legal dates, every lifecycle step as an event, work
//! orders, and the deadline watch.

mod treatment;
mod watch;

pub use treatment::suppress_in;
pub use watch::{Filter, Line, count, pending_by_area, watch};

use super::{Actor, audit, stamp};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::customer::Affiliation;
use crate::domain::ids::Document;
use crate::domain::pqrs::{self as rules, Status, Step};
use crate::domain::request::{Channel, DataRequest, Kind, NotifyWay};
use crate::domain::service::fold_key;
use crate::domain::user::Role;
use crate::domain::vocab::VocabError;
use crate::error::{Error, Result};
use crate::store::pqrs::{self, Event, Pqrs, WorkOrder};
use crate::store::{Store, customers, settings, users};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

/// A PQRS as typed at the console or given on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filing {
    pub kind: Kind,
    pub channel: Channel,
    /// The requester; none only for denuncias (anonymous).
    pub document: Option<Document>,
    pub subject: String,
    pub description: String,
    /// Area by competence; empty: the default area (recursos always go to the legal area).
    pub area: String,
    /// Fundamental rights at risk: first in the work order, same legal term.
    pub priority: bool,
    /// Electrónica means the person accepted it.
    pub notify_via: NotifyWay,
    pub notify_address: String,
    /// When it was received (local); none: now.
    pub received: Option<NaiveDateTime>,
    /// Habeas data reclamos: what to do with the person's data.
    pub data_request: Option<DataRequest>,
    /// Actualizacion / rectificacion: `campo=valor; campo=valor`.
    pub data_changes: String,
}

fn local_now(clock: &dyn Clock, config: &Config) -> NaiveDateTime {
    clock
        .now()
        .with_timezone(&config.utc_offset())
        .naive_local()
}

/// The area a PQRS of `kind` goes to given `asked` (recursos: the legal area).
fn area_for(config: &Config, appeal: bool, asked: &str) -> std::result::Result<String, String> {
    let areas = &config.pqrs.areas;
    if appeal {
        return areas
            .iter()
            .find(|a| fold_key(a).starts_with("juridic"))
            .or(areas.first())
            .cloned()
            .ok_or_else(|| "área: no hay áreas configuradas".to_string());
    }
    if asked.trim().is_empty() {
        return areas
            .iter()
            .find(|a| fold_key(a) == "servicio al cliente")
            .or(areas.first())
            .cloned()
            .ok_or_else(|| "área: no hay áreas configuradas".to_string());
    }
    areas
        .iter()
        .find(|a| fold_key(a) == fold_key(asked))
        .cloned()
        .ok_or_else(|| {
            format!(
                "área: «{}» no existe; use {}",
                asked.trim(),
                areas.join(", ")
            )
        })
}

/// Checks a filing; every refusal starts with the field it is about.
fn check(config: &Config, f: &Filing, now: NaiveDateTime) -> std::result::Result<String, String> {
    let kind = f.kind;
    if f.document.is_none() && !kind.may_be_anonymous() {
        return Err("documento: solo las denuncias pueden ser anónimas".into());
    }
    if f.subject.trim().is_empty() {
        return Err("asunto: escriba el asunto".into());
    }
    if f.description.trim().is_empty() {
        return Err("descripción: describa la solicitud".into());
    }
    let area = area_for(config, kind.is_appeal(), &f.area)?;
    if f.notify_via == NotifyWay::Electronica && !f.notify_address.contains('@') {
        return Err("dirección: la notificación electrónica necesita un correo".into());
    }
    if f.received.is_some_and(|r| r > now) {
        return Err("recibida: la fecha de recibido no puede ser futura".into());
    }
    if kind == Kind::HabeasReclamo {
        let d = f
            .data_request
            .ok_or_else(|| VocabError::new::<DataRequest>("").to_string())?;
        if d.needs_changes() {
            if f.data_changes.trim().is_empty() {
                return Err("cambios: indique los datos a corregir (campo=valor; ...)".into());
            }
            treatment::parse_changes(&f.data_changes)?;
        }
    } else if f.data_request.is_some() {
        return Err("solicitud de datos: solo para reclamos de habeas data".into());
    }
    Ok(area)
}

/// Files a PQRS: takes the next radicado of the year, computes its legal dates and records the
/// filing event. Habeas data reclamos of a known person get the "reclamo en trámite" mark at
/// once; deletion requests of affiliates are first marked for a conversation.
pub fn file(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    f: &Filing,
) -> Result<Pqrs> {
    actor.require(Role::Asesor, "radicar PQRS")?;
    let now_utc = clock.now();
    let now = local_now(clock, config);
    let area = check(config, f, now).map_err(Error::Refused)?;
    let kind = f.kind;
    let cal = super::calendar::load(store, config)?;
    let received = f.received.unwrap_or(now);
    let dates = rules::dates(
        &cal,
        super::calendar::office_hours(config),
        &config.terms,
        kind,
        received,
    );
    let tx = store.write()?;
    let customer = match &f.document {
        Some(doc) => Some(
            customers::by_document(&tx, doc.kind.code(), &doc.number)?.ok_or_else(|| {
                Error::refused(format!(
                    "documento: no hay un cliente con {} {}; regístrelo primero",
                    doc.kind, doc.number
                ))
            })?,
        ),
        None => None,
    };
    let code = settings::get(&tx, "branch_code")?.unwrap_or_else(|| "SEDE".into());
    let year = chrono::Datelike::year(&now);
    let seq = pqrs::next_seq(&tx, year)?;
    let at = stamp(now_utc);
    let data_request = if kind == Kind::HabeasReclamo {
        f.data_request
    } else {
        None
    };
    let habeas_marked = kind == Kind::HabeasReclamo && customer.is_some();
    let needs_conversation = data_request == Some(DataRequest::Supresion)
        && customer
            .as_ref()
            .is_some_and(|c| c.affiliation == Affiliation::Afiliado);
    let p = Pqrs {
        id: 0,
        radicado: rules::radicado(&code, year, seq),
        kind,
        channel: f.channel,
        customer: customer.as_ref().map(|c| c.id),
        subject: f.subject.trim().into(),
        description: f.description.trim_end().into(),
        area,
        assignee: None,
        priority: f.priority,
        notify_via: f.notify_via,
        notify_address: f.notify_address.trim().into(),
        data_request,
        data_changes: (!f.data_changes.trim().is_empty()).then(|| f.data_changes.trim().into()),
        status: Status::Radicada,
        received_at: received.format("%Y-%m-%dT%H:%M").to_string(),
        filed_on: dates.filed_on.to_string(),
        due_date: dates.due_on.map(|d| d.to_string()),
        max_extension_on: dates.max_extension_on.map(|d| d.to_string()),
        completion_request_by: dates.completion_request_by.to_string(),
        in_process_mark_by: dates.in_process_mark_by.map(|d| d.to_string()),
        in_process_marked_at: habeas_marked.then(|| at.clone()),
        extended: false,
        paused_on: None,
        pause_remaining: None,
        withdrawal_on: None,
        needs_conversation,
        in_favor: None,
        forwarded_to: None,
        requester_told_on: None,
        notified_via: None,
        notified_evidence: None,
        created_at: at.clone(),
        created_by: actor.principal.clone(),
        updated_at: at.clone(),
    };
    let id = pqrs::insert(&tx, &p, year, seq)?;
    let by = actor.staff_user().unwrap_or(&actor.principal).to_string();
    pqrs::add_event(&tx, id, &at, &by, "radicada", p.kind.label())?;
    if habeas_marked {
        pqrs::add_event(&tx, id, &at, &by, "reclamo-en-tramite", "")?;
    }
    if needs_conversation {
        pqrs::add_event(
            &tx,
            id,
            &at,
            &by,
            "conversacion-pendiente",
            "afiliado: conversar antes de suprimir sus datos",
        )?;
    }
    audit::record(&tx, now_utc, actor, "pqrs.file", &p.radicado, p.kind.code())?;
    let filed = pqrs::by_radicado(&tx, &p.radicado)?
        .ok_or_else(|| Error::Database("PQRS desaparecida".into()))?;
    tx.commit()?;
    Ok(filed)
}

/// A lifecycle step with what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// To an area (empty: keep) and optionally a person.
    Assign {
        area: String,
        user: Option<String>,
    },
    Start,
    /// Ask the requester to complete it: what is missing.
    RequestInfo {
        missing: String,
    },
    Resume,
    Extend {
        until: NaiveDate,
        reason: String,
    },
    Draft {
        note: String,
    },
    Approve,
    Notify {
        via: NotifyWay,
        evidence: String,
    },
    Close {
        in_favor: bool,
        note: String,
    },
    Forward {
        entity: String,
        told_on: Option<NaiveDate>,
    },
    Withdraw,
    Archive,
    /// The affiliate was talked to before deleting their data.
    Converse {
        note: String,
    },
}

/// Refuses while the PQRS has work orders still open.
fn no_open_work_orders(tx: &Connection, p: &Pqrs) -> Result<()> {
    let open = pqrs::work_orders(tx, p.id)?
        .into_iter()
        .filter(|w| w.status == "abierta")
        .count();
    if open > 0 {
        return Err(Error::Refused(format!(
            "tiene {open} orden(es) de trabajo abierta(s): ciérrelas primero"
        )));
    }
    Ok(())
}

/// A PQRS with its events and work orders.
#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    #[serde(flatten)]
    pub pqrs: Pqrs,
    pub customer: Option<String>,
    pub days_left: Option<i64>,
    pub standing: Option<rules::Standing>,
    pub events: Vec<Event>,
    pub work_orders: Vec<WorkOrder>,
}

fn get(conn: &Connection, radicado: &str) -> Result<Pqrs> {
    pqrs::by_radicado(conn, radicado.trim())?
        .ok_or_else(|| Error::refused(format!("no hay una PQRS con radicado {}", radicado.trim())))
}

fn date(s: Option<&str>) -> Option<NaiveDate> {
    s.and_then(|d| d.parse().ok())
}

fn required(text: &str, what: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        Err(Error::refused(format!("indique {what}")))
    } else {
        Ok(t.to_string())
    }
}

/// Applies `action` to the PQRS `radicado`; refuses, saying why, any step the lifecycle or the
/// law does not allow. Returns the PQRS as it is after the step.
pub fn step(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    radicado: &str,
    action: Action,
) -> Result<Pqrs> {
    let role = if matches!(action, Action::Approve) {
        Role::Supervisor
    } else {
        Role::Asesor
    };
    actor.require(role, "tramitar PQRS")?;
    let now_utc = clock.now();
    let today = local_now(clock, config).date();
    let cal = super::calendar::load(store, config)?;
    if matches!(action, Action::Close { .. }) {
        // a deletion request may be completed: freed pages are zeroed, not left behind
        store.conn().pragma_update(None, "secure_delete", true)?;
    }
    let tx = store.write()?;
    let mut p = get(&tx, radicado)?;
    permitted(actor, &p, &action)?;
    let from = p.status;
    let kind = step_kind(&action);
    let to = rules::next(from, kind).map_err(Error::Refused)?;
    let note = apply(&tx, config, &cal, today, now_utc, actor, &mut p, action)?;
    p.status = to;
    p.updated_at = stamp(now_utc);
    pqrs::save(&tx, &p)?;
    let by = actor.staff_user().unwrap_or(&actor.principal).to_string();
    pqrs::add_event(&tx, p.id, &p.updated_at, &by, kind.name(), &note)?;
    audit::record(
        &tx,
        now_utc,
        actor,
        &format!("pqrs.{}", kind.name()),
        &p.radicado,
        &note,
    )?;
    let after = get(&tx, &p.radicado)?;
    tx.commit()?;
    if matches!(kind, Step::Close) && after.data_request == Some(DataRequest::Supresion) {
        treatment::scrub(store)?;
    }
    Ok(after)
}

/// What an advisor may do with a PQRS: work the ones assigned to them or to nobody, and make
/// the first assignment. Reassigning is a supervisor's; completing a data-treatment request
/// in the person's favour (which changes or deletes their data) an administrator's.
fn permitted(actor: &Actor, p: &Pqrs, action: &Action) -> Result<()> {
    if let Action::Close { in_favor: true, .. } = action
        && p.data_request.is_some()
    {
        actor.require(
            Role::Administrador,
            "completar una solicitud de tratamiento de datos",
        )?;
    }
    if actor.role >= Role::Supervisor {
        return Ok(());
    }
    let me = actor.staff_user();
    if let Some(owner) = &p.assignee
        && me != Some(owner.as_str())
    {
        return Err(actor.denied(
            Role::Supervisor,
            &format!("tramitar la PQRS {} asignada a {owner}", p.radicado),
        ));
    }
    if matches!(action, Action::Assign { .. }) && p.assignee.is_some() {
        return Err(actor.denied(Role::Supervisor, "reasignar PQRS"));
    }
    Ok(())
}

fn step_kind(action: &Action) -> Step {
    match action {
        Action::Assign { .. } => Step::Assign,
        Action::Start => Step::Start,
        Action::RequestInfo { .. } => Step::RequestInfo,
        Action::Resume => Step::Resume,
        Action::Extend { .. } => Step::Extend,
        Action::Draft { .. } => Step::Draft,
        Action::Approve => Step::Approve,
        Action::Notify { .. } => Step::Notify,
        Action::Close { .. } => Step::Close,
        Action::Forward { .. } => Step::Forward,
        Action::Withdraw => Step::Withdraw,
        Action::Archive => Step::Archive,
        Action::Converse { .. } => Step::Converse,
    }
}

/// Checks the step's own rules and changes `p`; returns the event note.
#[allow(clippy::too_many_arguments)]
fn apply(
    tx: &Connection,
    config: &Config,
    cal: &crate::domain::calendar::Calendar,
    today: NaiveDate,
    now: DateTime<Utc>,
    actor: &Actor,
    p: &mut Pqrs,
    action: Action,
) -> Result<String> {
    let refused = |m: String| Error::Refused(m);
    Ok(match action {
        Action::Assign { area, user } => {
            if !area.trim().is_empty() {
                p.area = area_for(config, p.kind.is_appeal(), &area).map_err(refused)?;
                if p.kind.is_appeal() && fold_key(&area) != fold_key(&p.area) {
                    return Err(refused(format!("los recursos van al área {}", p.area)));
                }
            }
            if let Some(u) = user.filter(|u| !u.trim().is_empty()) {
                let found = users::find(tx, u.trim())?.filter(|x| x.active);
                let found = found
                    .ok_or_else(|| refused(format!("no hay un usuario activo «{}»", u.trim())))?;
                p.assignee = Some(found.username);
            }
            match &p.assignee {
                Some(u) => format!("{} · {u}", p.area),
                None => p.area.clone(),
            }
        }
        Action::Start => String::new(),
        Action::RequestInfo { missing } => {
            let missing = required(&missing, "qué información falta")?;
            let (filed, due) = (date(Some(&p.filed_on)), date(p.due_date.as_deref()));
            let request_by = date(Some(&p.completion_request_by));
            let (Some(filed), Some(due), Some(request_by)) = (filed, due, request_by) else {
                return Err(refused("esta PQRS no tiene término que suspender".into()));
            };
            let paused = rules::pause(cal, &config.terms, p.kind, (filed, due, request_by), today)
                .map_err(refused)?;
            p.paused_on = Some(today.to_string());
            p.pause_remaining = Some(paused.remaining);
            p.withdrawal_on = Some(paused.withdrawal_on.to_string());
            format!("{missing} · desiste el {}", paused.withdrawal_on)
        }
        Action::Resume => {
            if date(p.withdrawal_on.as_deref()).is_some_and(|w| today > w) {
                return Err(refused(format!(
                    "el plazo para completar venció el {}: ciérrela como desistida",
                    p.withdrawal_on.as_deref().unwrap_or("")
                )));
            }
            let remaining = p.pause_remaining.unwrap_or(0);
            let new_due = rules::resume(cal, remaining, today);
            if let (Some(due), Some(max)) = (
                date(p.due_date.as_deref()),
                date(p.max_extension_on.as_deref()),
            ) {
                let slack = u32::try_from(cal.between(due, max).max(0)).unwrap_or(0);
                p.max_extension_on = Some(cal.add(new_due, slack).to_string());
            }
            p.due_date = Some(new_due.to_string());
            p.paused_on = None;
            p.pause_remaining = None;
            p.withdrawal_on = None;
            format!("vence el {new_due}")
        }
        Action::Extend { until, reason } => {
            let reason = required(&reason, "el motivo de la ampliación")?;
            if p.extended {
                return Err(refused("el término ya se amplió una vez".into()));
            }
            let (Some(due), Some(max)) = (
                date(p.due_date.as_deref()),
                date(p.max_extension_on.as_deref()),
            ) else {
                return Err(refused("esta PQRS no tiene término que ampliar".into()));
            };
            if max <= due {
                return Err(refused("la ley no prevé ampliar este término".into()));
            }
            rules::check_extension(cal, today, due, max, until).map_err(refused)?;
            p.due_date = Some(until.to_string());
            p.extended = true;
            format!("hasta el {until}: {reason}")
        }
        Action::Draft { note } => note.trim().to_string(),
        Action::Approve => String::new(),
        Action::Notify { via, evidence } => {
            if via == NotifyWay::Electronica && p.notify_via != NotifyWay::Electronica {
                return Err(refused(
                    "el peticionario no aceptó la notificación electrónica".into(),
                ));
            }
            p.notified_via = Some(via);
            p.notified_evidence = (!evidence.trim().is_empty()).then(|| evidence.trim().into());
            format!("{} {}", via.label(), evidence.trim())
                .trim()
                .to_string()
        }
        Action::Close { in_favor, note } => {
            no_open_work_orders(tx, p)?;
            if p.needs_conversation {
                return Err(refused(
                    "el peticionario es afiliado: registre primero la conversación con él".into(),
                ));
            }
            p.in_favor = Some(in_favor);
            let mut note = note.trim().to_string();
            if in_favor && let Some(done) = treatment::apply(tx, now, actor, today, p)? {
                note = format!("{note} {done}").trim().to_string();
                // a deletion redacted this PQRS's own texts: keep them redacted
                let fresh = get(tx, &p.radicado)?;
                p.subject = fresh.subject;
                p.description = fresh.description;
                p.notify_address = fresh.notify_address;
            }
            let favor = if in_favor { "a favor" } else { "no a favor" };
            format!("{favor}. {note}")
                .trim_end_matches(". ")
                .to_string()
        }
        Action::Forward { entity, told_on } => {
            let entity = required(&entity, "la entidad competente")?;
            no_open_work_orders(tx, p)?;
            let told = told_on.unwrap_or(today);
            if told > today {
                return Err(refused(
                    "la fecha de aviso al peticionario no puede ser futura".into(),
                ));
            }
            p.forwarded_to = Some(entity.clone());
            p.requester_told_on = Some(told.to_string());
            format!("a {entity}; peticionario informado el {told}")
        }
        Action::Withdraw => match date(p.withdrawal_on.as_deref()) {
            Some(w) if today > w => {
                // desistida is final: the paused clock no longer runs
                p.paused_on = None;
                p.pause_remaining = None;
                format!("sin respuesta del peticionario desde el {w}")
            }
            Some(w) => {
                return Err(refused(format!(
                    "el peticionario tiene hasta el {w} para completar"
                )));
            }
            None => return Err(refused("no hay plazo de desistimiento".into())),
        },
        Action::Archive => {
            no_open_work_orders(tx, p)?;
            String::new()
        }
        Action::Converse { note } => {
            if !p.needs_conversation {
                return Err(refused("esta PQRS no espera una conversación".into()));
            }
            p.needs_conversation = false;
            format!(
                "conversación con el afiliado: {}",
                required(&note, "qué se habló")?
            )
        }
    })
}

/// The constancia de radicación: what the requester takes home.
pub fn receipt(p: &Pqrs, branch: &str, customer: Option<&str>) -> Vec<String> {
    let mut lines = vec![
        branch.to_string(),
        format!("Radicado: {}", p.radicado),
        format!("Tipo: {}", p.kind.label()),
        format!("Canal: {}", p.channel.label()),
        format!("Recibida: {}", p.received_at.replace('T', " ")),
        format!("Fecha de radicación: {}", p.filed_on),
    ];
    lines.push(match &p.due_date {
        Some(d) => format!("Fecha máxima de respuesta: {d}"),
        None => "Sin término legal de respuesta".to_string(),
    });
    lines.push(format!("Peticionario: {}", customer.unwrap_or("anónimo")));
    lines.push(format!("Asunto: {}", p.subject));
    lines.push(format!("Área: {}", p.area));
    if p.in_process_marked_at.is_some() {
        lines.push("Sus datos quedan marcados «reclamo en trámite».".into());
    }
    lines.push(format!(
        "Consulte su solicitud con el radicado {}.",
        p.radicado
    ));
    lines
}

/// A PQRS with its events and work orders.
pub fn show(store: &Store, config: &Config, today: NaiveDate, radicado: &str) -> Result<Detail> {
    let conn = store.conn();
    let p = get(conn, radicado)?;
    let cal = super::calendar::load(store, config)?;
    let customer = match p.customer {
        Some(id) => customers::by_id(conn, id)?.map(|c| {
            format!(
                "{} {} · {} {}",
                c.doc_type, c.doc_number, c.names, c.surnames
            )
        }),
        None => None,
    };
    let open = p.status.is_open();
    let days_left = date(p.due_date.as_deref()).map(|d| rules::days_left(&cal, today, d));
    let standing = open.then(|| {
        rules::standing(
            days_left,
            p.paused_on.is_some(),
            i64::from(config.pqrs.due_soon_days),
        )
    });
    Ok(Detail {
        events: pqrs::events(conn, p.id)?,
        work_orders: pqrs::work_orders(conn, p.id)?,
        customer,
        days_left: if open { days_left } else { None },
        standing,
        pqrs: p,
    })
}

/// Opens a work order for an area on an open PQRS; returns it.
pub fn new_work_order(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    radicado: &str,
    area: &str,
    description: &str,
) -> Result<WorkOrder> {
    actor.require(Role::Asesor, "crear órdenes de trabajo")?;
    let description = required(description, "la descripción de la orden")?;
    let now = clock.now();
    let tx = store.write()?;
    let p = get(&tx, radicado)?;
    if !p.status.is_open() {
        return Err(Error::refused(format!(
            "la PQRS {} ya no está en trámite",
            p.radicado
        )));
    }
    let area = area_for(config, false, area).map_err(Error::Refused)?;
    let at = stamp(now);
    let id = pqrs::add_work_order(&tx, p.id, &area, &description, &at, &actor.principal)?;
    let note = format!("#{id} {area}");
    let w = log_work_order(
        &tx,
        now,
        actor,
        (&p, id),
        ("orden-de-trabajo", &note),
        "new",
    )?;
    tx.commit()?;
    Ok(w)
}

/// Records a work-order step on its PQRS and in the audit log; the order as it is now.
fn log_work_order(
    tx: &Connection,
    now: DateTime<Utc>,
    actor: &Actor,
    (p, id): (&Pqrs, i64),
    (step, note): (&str, &str),
    action: &str,
) -> Result<WorkOrder> {
    let by = actor.staff_user().unwrap_or(&actor.principal).to_string();
    pqrs::add_event(tx, p.id, &stamp(now), &by, step, note)?;
    let object = &p.radicado;
    audit::record(
        tx,
        now,
        actor,
        &format!("workorder.{action}"),
        object,
        &format!("#{id}"),
    )?;
    pqrs::work_order(tx, id)?.ok_or_else(|| Error::Database("orden desaparecida".into()))
}

/// Closes a work order with its result.
pub fn close_work_order(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    id: i64,
    result: &str,
) -> Result<WorkOrder> {
    actor.require(Role::Asesor, "cerrar órdenes de trabajo")?;
    let result = required(result, "el resultado de la orden")?;
    let now = clock.now();
    let tx = store.write()?;
    let w = pqrs::work_order(&tx, id)?
        .ok_or_else(|| Error::refused(format!("no hay una orden de trabajo #{id}")))?;
    if w.status != "abierta" {
        return Err(Error::NothingToDo(format!(
            "la orden #{id} ya está cerrada"
        )));
    }
    let at = stamp(now);
    pqrs::close_work_order(&tx, id, &result, &at, &actor.principal)?;
    let p = get(&tx, &w.radicado)?;
    let note = format!("#{id} {result}");
    let w = log_work_order(&tx, now, actor, (&p, id), ("orden-cerrada", &note), "close")?;
    tx.commit()?;
    Ok(w)
}
