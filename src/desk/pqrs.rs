//! PQRS: filing with its radicado and legal dates, every lifecycle step as an event, work
//! orders, and the deadline watch.

mod answer;
mod filing;
mod letters;
mod lifecycle;
mod requester;
mod term;
mod treatment;
mod watch;
mod work_orders;

pub use answer::save_answer;
pub use filing::{Filing, Person, file, receipt};
pub use letters::{DeliveryInput, letter, record_delivery};
pub use lifecycle::{Action, step};
pub use treatment::{Secrets, cleanup_pending, scrub, suppress_again, suppress_in};
pub use watch::{Filter, Line, count, pending_by_area, watch};
pub use work_orders::{close_work_order, new_work_order};

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
    /// Every saved version of the written answer, oldest first.
    pub answers: Vec<pqrs::Answer>,
    /// The deliveries of its letters (citation, aviso, response).
    pub deliveries: Vec<pqrs::Delivery>,
    /// The files attached to it.
    pub attachments: Vec<crate::store::attachments::Attachment>,
}

/// Who filed `p` when it has no customer record: the name and contact given, if any.
fn unregistered(p: &Pqrs) -> Option<String> {
    p.requester_name.as_ref().map(|name| {
        format!(
            "{name} · {} (sin registro de cliente)",
            p.requester_contact.as_deref().unwrap_or("")
        )
    })
}

/// The PQRS `radicado` names: the full radicado, or its consecutive alone (`000021`, `21`)
/// for the latest year's.
pub fn resolve(conn: &Connection, radicado: &str) -> Result<Pqrs> {
    let r = radicado.trim();
    let short = !r.is_empty() && r.len() <= 6 && r.bytes().all(|b| b.is_ascii_digit());
    let found = match r.parse::<i64>() {
        Ok(seq) if short => pqrs::by_seq(conn, seq)?,
        _ => pqrs::by_radicado(conn, &r.to_uppercase())?,
    };
    found.ok_or_else(|| {
        Error::refused(format!(
            "no hay una PQRS con radicado «{}»",
            crate::domain::vocab::echoed(r)
        ))
    })
}

fn get(conn: &Connection, radicado: &str) -> Result<Pqrs> {
    resolve(conn, radicado)
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
/// The motivated act of desistimiento tácito of `radicado` (Ley 1755 de 2015 art. 17), to
/// print and notify: its reasons, the recurso de reposición it admits and the right to file
/// again.
pub fn withdrawal_letter(store: &Store, config: &Config, radicado: &str) -> Result<Vec<String>> {
    let conn = store.conn();
    let p = get(conn, radicado)?;
    let act = pqrs::events(conn, p.id)?
        .into_iter()
        .rev()
        .find(|e| e.step == Step::Withdraw.name())
        .ok_or_else(|| {
            Error::refused(format!(
                "la PQRS {} no tiene un desistimiento declarado",
                p.radicado
            ))
        })?;
    let who = match p.customer {
        Some(id) => customers::by_id(conn, id)?.map(|c| {
            format!(
                "{} {} · {} {}",
                c.names, c.surnames, c.doc_type, c.doc_number
            )
        }),
        None => unregistered(&p),
    };
    let regime = crate::domain::regime::Regime::from_config(config);
    let on = crate::localtime::human_stamp(&act.at, config.utc_offset());
    Ok(vec![
        "AUTO DE DESISTIMIENTO TÁCITO".to_string(),
        config.branch.name.clone(),
        format!("Radicado: {}", p.radicado),
        format!("Fecha: {on}"),
        format!("Peticionario: {}", who.as_deref().unwrap_or("anónimo")),
        format!("Asunto: {}", p.subject),
        format!("Motivación: {}", act.note),
        "Decisión: de acuerdo con el artículo 17 de la Ley 1755 de 2015, se decreta el \
         desistimiento tácito de la petición y su archivo."
            .to_string(),
        format!(
            "Contra esta decisión procede el recurso de reposición, dentro de los {} días \
             hábiles siguientes a su notificación.",
            regime.recursos.filing_days
        ),
        "La persona puede volver a presentar la petición con los requisitos completos.".into(),
        "Notifíquese personalmente; si no comparece en 5 días hábiles, por aviso.".into(),
    ])
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
        None => unregistered(&p),
    };
    let open = p.status.is_open();
    let days_left = date(p.due_date.as_deref()).map(|d| rules::days_left(&cal, today, d));
    let standing = open.then(|| {
        rules::standing_of(
            days_left,
            p.paused_on.is_some(),
            i64::from(config.pqrs.due_soon_days),
            p.positive_silence,
        )
    });
    Ok(Detail {
        events: pqrs::events(conn, p.id)?,
        work_orders: pqrs::work_orders(conn, p.id)?,
        answers: pqrs::answers(conn, p.id)?,
        deliveries: pqrs::deliveries(conn, p.id)?,
        attachments: crate::store::attachments::of(
            conn,
            crate::domain::attachment::Owner::Pqrs,
            p.id,
        )?,
        customer,
        days_left: if open { days_left } else { None },
        standing,
        pqrs: p,
    })
}
