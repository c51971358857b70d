//! This morning's phone and chat attentions: some solved by the operator, some routed by
//! topic to the staff of the routing table, a few of those already closed with a result.

use crate::clock::FixedClock;
use crate::config::Config;
use crate::desk::{self, Actor, attentions::Request};
use crate::domain::attention::{Channel, Level};
use crate::error::Result;
use crate::store::Store;
use chrono::{DateTime, Duration, Utc};

/// (minutes before now, channel, caller, contact, topic, question, routed).
const CALLS: [(i64, Channel, &str, &str, &str, &str, bool); 6] = [
    (
        150,
        Channel::Telefono,
        "Carmen Rosa Valencia",
        "3154447788",
        "Horarios",
        "Horario de la sede el sábado",
        false,
    ),
    (
        131,
        Channel::Chat,
        "jorge.m",
        "jorge.m@correo.co",
        "mutaciones",
        "Cambio de dirección del establecimiento",
        true,
    ),
    (
        118,
        Channel::Telefono,
        "Álvaro Cuéllar",
        "3012223344",
        "proponentes",
        "Renovación del RUP",
        true,
    ),
    (
        96,
        Channel::Telefono,
        "Diana Patricia Ruiz",
        "6023345566",
        "rues",
        "Certificado de otra cámara",
        true,
    ),
    (
        74,
        Channel::Chat,
        "Nelly Ospina",
        "nelly.ospina@correo.co",
        "Subsidio de vivienda",
        "Requisitos de postulación",
        false,
    ),
    (
        41,
        Channel::Telefono,
        "Hernán Darío Lozano",
        "3178889900",
        "mutaciones",
        "Cambio de razón social",
        true,
    ),
];

/// Registers [`CALLS`] as the operator `asesor3` did, then closes the first routed one.
pub(super) fn seed(store: &mut Store, now: DateTime<Utc>, cfg: &Config) -> Result<()> {
    let operator = Actor::staff(&desk::users::active(store, "asesor3")?);
    let clock = FixedClock::new(now);
    let mut routed = Vec::new();
    for (ago, channel, caller, contact, topic, notes, route) in CALLS {
        clock.set(now - Duration::minutes(ago));
        let req = Request {
            channel,
            level: Level::Basica,
            topic,
            notes,
            caller,
            contact,
            solved: !route,
            route,
            ..Request::default()
        };
        let a = desk::attentions::add(store, &clock, &operator, cfg, &req)?;
        routed.extend(a.assigned_to.map(|u| (a.id, u)));
    }
    if let Some((id, user)) = routed.first() {
        clock.set(now - Duration::minutes(20));
        let who = Actor::staff(&desk::users::active(store, user)?);
        desk::attentions::close(
            store,
            &clock,
            &who,
            *id,
            "Se le explicó el trámite en línea",
        )?;
    }
    Ok(())
}
