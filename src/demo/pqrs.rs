//! The demo branch's PQRS: some in every state of the lifecycle, some about to expire, some
//! overdue, one paused, one withdrawn, one extended, one forwarded, one with a work order.

use crate::clock::FixedClock;
use crate::config::Config;
use crate::desk::{
    self, Actor,
    pqrs::{Action, Filing},
};
use crate::domain::customer::Affiliation;
use crate::domain::ids;
use crate::domain::request::{Channel, DataRequest, Kind, NotifyWay};
use crate::error::Result;
use crate::store::{Store, customers::NewCustomer};
use chrono::{DateTime, Duration, Utc};

/// (type, days ago received, subject, the steps after filing)
type Plan = (&'static str, i64, &'static str, &'static [&'static str]);

const PLANS: [Plan; 20] = [
    (
        "peticion",
        1,
        "Certificado de afiliación para el colegio",
        &[],
    ),
    ("queja", 3, "Demora en la atención de la sede", &["assign"]),
    (
        "reclamo",
        6,
        "Cobro doble de la cuota del crédito",
        &["assign", "start", "workorder"],
    ),
    (
        "consulta",
        12,
        "Requisitos del subsidio de vivienda",
        &["assign", "start", "draft"],
    ),
    (
        "documentos",
        9,
        "Copia del contrato de crédito social",
        &["assign", "start", "draft", "approve"],
    ),
    (
        "peticion",
        20,
        "Devolución de aportes",
        &["assign", "start", "draft", "approve", "notify"],
    ),
    (
        "reclamo",
        25,
        "Cuota monetaria no pagada",
        &["assign", "start", "draft", "approve", "notify", "close"],
    ),
    (
        "sugerencia",
        40,
        "Más sillas en la sala de espera",
        &["close", "archive"],
    ),
    (
        "peticion",
        35,
        "Revisión de la categoría de afiliación",
        &["assign", "start"],
    ),
    (
        "queja",
        28,
        "Trato del personal en la taquilla",
        &["assign"],
    ),
    (
        "reclamo",
        19,
        "Inscripción a curso no registrada",
        &["assign"],
    ),
    ("peticion", 4, "Actualizar beneficiarios", &["request-info"]),
    (
        "peticion",
        60,
        "Subsidio escolar",
        &["request-info-early", "withdraw"],
    ),
    ("denuncia", 2, "Cobros irregulares en un convenio", &[]),
    (
        "recurso-reposicion",
        18,
        "Contra la respuesta sobre la cuota monetaria",
        &["assign"],
    ),
    ("habeas-reclamo", 5, "Supresión de mis datos", &[]),
    (
        "habeas-consulta",
        8,
        "Qué datos míos tienen",
        &["assign", "start"],
    ),
    (
        "felicitacion",
        2,
        "Excelente atención de la asesora",
        &["close"],
    ),
    (
        "peticion",
        30,
        "Estudio de crédito de vivienda",
        &["assign", "start", "extend"],
    ),
    ("peticion", 7, "Afiliación a otra caja", &["forward"]),
];

/// Files the demo PQRS; `now` is the demo's present.
pub(super) fn seed(
    store: &mut Store,
    now: DateTime<Utc>,
    cfg: &Config,
    people: &[NewCustomer],
) -> Result<()> {
    let asesor = Actor::staff(&desk::users::active(store, "asesor1")?);
    let supervisor = Actor::staff(&desk::users::active(store, "supervisor")?);
    let offset = cfg.utc_offset();
    let clock = FixedClock::new(now);
    // filed in the order they arrived, so radicados follow the dates
    let mut order: Vec<usize> = (0..PLANS.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(PLANS[i].1));
    // the recurso contests the reclamo answered (and notified) 20 days ago, by the same person
    let contested = PLANS
        .iter()
        .position(|p| p.2 == "Cuota monetaria no pagada")
        .unwrap_or(0);
    let mut radicados: Vec<Option<String>> = vec![None; PLANS.len()];
    for i in order {
        let (kind, days, subject, steps) = &PLANS[i];
        let appeal = kind.starts_with("recurso");
        let who = if appeal { contested } else { i };
        let received = now - Duration::days(*days);
        // a non-affiliate asks to delete their data; others are any demo customer
        let person = if *kind == "habeas-reclamo" {
            people
                .iter()
                .rev()
                .find(|p| p.affiliation != Affiliation::Afiliado)
        } else {
            people.get((who * 37) % people.len().max(1))
        };
        let document = match person {
            Some(p) if *kind != "denuncia" => {
                ids::DocType::parse(&p.doc_type).map(|kind| ids::Document {
                    kind,
                    number: p.doc_number.clone(),
                })
            }
            _ => None,
        };
        let filing = Filing {
            kind: Kind::from_code(kind).unwrap_or_default(),
            channel: [
                Channel::Presencial,
                Channel::Escrito,
                Channel::Correo,
                Channel::Web,
                Channel::Telefono,
            ][i % 5],
            document,
            subject: (*subject).into(),
            description: format!("{subject}. Radicada en la demostración."),
            area: if *kind == "reclamo" {
                "Facturación".into()
            } else {
                String::new()
            },
            priority: i == 8,
            notify_via: NotifyWay::Personal,
            received: Some(received.with_timezone(&offset).naive_local()),
            data_request: (*kind == "habeas-reclamo").then_some(DataRequest::Supresion),
            appeal_of: if appeal {
                radicados[contested].clone()
            } else {
                None
            },
            ..Filing::default()
        };
        clock.set(received);
        let p = desk::pqrs::file(store, &clock, &asesor, cfg, &filing)?;
        radicados[i] = Some(p.radicado.clone());
        // each step a day after the one before, never later than now
        for (n, step) in steps.iter().enumerate() {
            let at = (received + Duration::days(n as i64 + 1)).min(now);
            clock.set(at);
            let r = p.radicado.as_str();
            let action = match *step {
                "assign" => Action::Assign {
                    area: String::new(),
                    user: Some("asesor1".into()),
                },
                "start" => Action::Start,
                "draft" => Action::Draft {
                    answer:
                        "Revisada su solicitud y sus soportes, le informamos que se atendió lo \
                             pedido; adjuntamos los documentos que la sustentan."
                            .into(),
                },
                "approve" => {
                    desk::pqrs::step(store, &clock, &supervisor, cfg, r, Action::Approve)?;
                    continue;
                }
                "notify" => Action::Notify {
                    via: NotifyWay::Personal,
                    evidence: format!("Acta de notificación {}", 100 + i),
                },
                "close" => Action::Close {
                    in_favor: i % 2 == 0,
                    note: "Resuelta".into(),
                },
                "archive" => Action::Archive,
                "request-info" | "request-info-early" => Action::RequestInfo {
                    missing: "Copia del documento de identidad del beneficiario".into(),
                    on: None,
                },
                "withdraw" => {
                    clock.set(now);
                    Action::Withdraw {
                        reason: "No aportó la copia del documento pedida; puede volver a \
                                 presentar la petición"
                            .into(),
                    }
                }
                "extend" => {
                    let cal = desk::calendar::load(store, cfg)?;
                    let due: chrono::NaiveDate = desk::pqrs::show(store, cfg, at.date_naive(), r)?
                        .pqrs
                        .due_date
                        .and_then(|d| d.parse().ok())
                        .unwrap_or(at.date_naive());
                    Action::Extend {
                        until: cal.add(due, 10),
                        reason: "Se requiere visita técnica al inmueble".into(),
                    }
                }
                "forward" => Action::Forward {
                    entity: "Caja de Compensación del Valle".into(),
                    told_on: None,
                    late_reason: None,
                },
                "workorder" => {
                    desk::pqrs::new_work_order(
                        store,
                        &clock,
                        &asesor,
                        cfg,
                        r,
                        "Facturación",
                        "Revisar los pagos del crédito en cartera",
                    )?;
                    continue;
                }
                _ => continue,
            };
            desk::pqrs::step(store, &clock, &asesor, cfg, r, action)?;
        }
    }
    Ok(())
}
