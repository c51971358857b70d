//! The workspace's step keys: which key does which lifecycle step, whether it is offered for
//! a PQRS and a role, the form each needs, and the desk action a filled form becomes.

use crate::config::Config;
use crate::desk::pqrs::{Action, DeliveryInput, Detail};
use crate::domain::pqrs::{Kind, Status, Step, legal_steps};
use crate::domain::request::{DeliveryWay, Letter, NotifyWay};
use crate::domain::user::Role;
use crate::domain::vocab::{Vocab, YesNo};
use crate::localtime;
use crate::tui::form::{Field, Form};

/// What a key in the detail does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A lifecycle step.
    Step(Step),
    /// Write the answer in the editor.
    Write,
    /// Record a letter's delivery.
    Deliver,
    /// Open a work order for an area.
    NewOrder,
    /// Close a work order with its result.
    CloseOrder,
    /// Attach a file (scanned petition, evidence, delivery proof).
    Attach,
    /// Write a letter of the decision as PDF.
    Letter,
}

/// The detail's keys in the order the footer lists them, with their Spanish names.
pub const KEYS: [(char, Key, &str); 18] = [
    ('s', Key::Step(Step::Assign), "asignar"),
    ('i', Key::Step(Step::Start), "iniciar"),
    ('w', Key::Write, "respuesta"),
    ('p', Key::Step(Step::Draft), "proyectar"),
    ('f', Key::Step(Step::Approve), "aprobar"),
    ('d', Key::Step(Step::Return), "devolver"),
    ('e', Key::Deliver, "entrega"),
    ('n', Key::Step(Step::Notify), "notificar"),
    ('c', Key::Step(Step::Close), "cerrar"),
    ('x', Key::Step(Step::Archive), "archivar"),
    ('m', Key::Step(Step::RequestInfo), "pedir info."),
    ('u', Key::Step(Step::Resume), "info. recibida"),
    ('l', Key::Step(Step::Extend), "ampliar"),
    ('t', Key::Step(Step::Forward), "trasladar"),
    ('o', Key::NewOrder, "orden"),
    ('k', Key::CloseOrder, "cerrar orden"),
    ('j', Key::Attach, "adjuntar"),
    ('y', Key::Letter, "carta PDF"),
];

/// The key bound to `c`, if any.
pub fn key_of(c: char) -> Option<Key> {
    KEYS.iter()
        .find(|(k, _, _)| *k == c)
        .map(|(_, key, _)| *key)
}

/// Whether `key` is offered for `d` to someone with `role` (the signer role signs).
pub fn offered(key: Key, d: &Detail, role: Role, config: &Config) -> bool {
    let p = &d.pqrs;
    match key {
        Key::Step(step @ (Step::Approve | Step::Return)) => {
            role >= config.pqrs.signer() && legal_steps(p.kind, p.status).contains(&step)
        }
        // reassigning is a supervisor's; the first assignment anyone's
        Key::Step(Step::Assign) if p.assignee.is_some() && role < Role::Supervisor => false,
        Key::Step(step) => legal_steps(p.kind, p.status).contains(&step),
        Key::Write => matches!(
            p.status,
            Status::Asignada | Status::EnTramite | Status::Proyectada
        ),
        Key::Deliver => {
            matches!(
                p.status,
                Status::Aprobada | Status::Notificada | Status::Desistida
            )
        }
        Key::NewOrder => p.status.is_open(),
        Key::CloseOrder => d.work_orders.iter().any(|w| w.status == "abierta"),
        Key::Attach => true,
        Key::Letter => {
            p.answer_approved.is_some() && matches!(p.status, Status::Aprobada | Status::Notificada)
        }
    }
}

/// The form a key needs (none: the step runs at once).
pub fn form_for(key: Key, d: &Detail, config: &Config) -> Option<Form> {
    let labels = |all: &[&'static str]| all.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let fields = match key {
        Key::Step(Step::Assign) => vec![
            Field::text("Área", &d.pqrs.area).with_options(config.pqrs.areas.clone()),
            Field::text("Usuario", d.pqrs.assignee.as_deref().unwrap_or("")),
        ],
        Key::Step(Step::RequestInfo) => vec![
            Field::text("Qué información falta", ""),
            Field::text("Pedida el (AAAA-MM-DD)", ""),
        ],
        Key::Step(Step::Extend) => vec![
            Field::text("Nuevo vencimiento", ""),
            Field::text("Motivo", ""),
        ],
        Key::Step(Step::Return) => vec![Field::multiline("Qué debe corregirse", "", 3)],
        Key::Step(Step::Notify) => vec![
            Field::text("Medio", NotifyWay::Personal.label())
                .with_options(labels(&NotifyWay::labels())),
            Field::text("Evidencia", ""),
        ],
        Key::Step(Step::Close) => vec![
            Field::text("¿A favor? (sí/no)", ""),
            Field::multiline("Qué se hizo", "", 3),
        ],
        Key::Step(Step::Forward) => vec![Field::text("Entidad competente", "")],
        Key::Deliver => vec![
            Field::text("Comunicación", Letter::Citacion.label())
                .with_options(labels(&Letter::labels())),
            Field::text("Entregada a", ""),
            Field::text("Forma", DeliveryWay::Mensajeria.label())
                .with_options(labels(&DeliveryWay::labels())),
            Field::text("¿Devuelta? (sí/no)", "no"),
            Field::text("Nota (guía, motivo)", ""),
        ],
        Key::NewOrder => vec![
            Field::text("Área", "").with_options(config.pqrs.areas.clone()),
            Field::text("Qué hay que hacer", ""),
        ],
        Key::CloseOrder => vec![
            Field::text(
                "Orden número",
                &d.work_orders
                    .iter()
                    .find(|w| w.status == "abierta")
                    .map(|w| w.id.to_string())
                    .unwrap_or_default(),
            ),
            Field::text("Resultado", ""),
        ],
        Key::Attach => vec![Field::text("Archivo (ruta)", "")],
        Key::Letter => vec![
            Field::text("Comunicación", Letter::Respuesta.label())
                .with_options(labels(&Letter::labels())),
            Field::text("Guardar en (PDF)", &format!("{}.pdf", d.pqrs.radicado)),
        ],
        _ => return None,
    };
    Some(Form::new(fields))
}

/// What a filled form (or a key without one) asks the desk to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Step(Action),
    Deliver(DeliveryInput),
    NewOrder { area: String, description: String },
    CloseOrder { id: i64, result: String },
    Attach(std::path::PathBuf),
    Letter(Letter, std::path::PathBuf),
}

fn optional_date(text: &str) -> Result<Option<chrono::NaiveDate>, String> {
    match text.trim() {
        "" => Ok(None),
        t => localtime::parse_date(t).map(Some),
    }
}

fn yes(text: &str, what: &str) -> Result<bool, String> {
    YesNo::parse(text)
        .map(YesNo::is_yes)
        .map_err(|_| format!("{what}: escriba sí o no"))
}

/// The request of `key` with `form` (none for keys without a form).
pub fn request(key: Key, form: Option<&Form>, kind: Kind) -> Result<Request, String> {
    let v = |i: usize| form.map_or(String::new(), |f| f.value(i).trim().to_string());
    let all = |i: usize| {
        form.and_then(|f| f.fields.get(i))
            .map_or(String::new(), |f| f.all_lines())
    };
    let step = |a: Action| Ok(Request::Step(a));
    match key {
        Key::Step(Step::Assign) => step(Action::Assign {
            area: v(0),
            user: Some(v(1)).filter(|u| !u.is_empty()),
        }),
        Key::Step(Step::Start) => step(Action::Start),
        Key::Step(Step::Draft) => step(Action::Draft {
            answer: String::new(),
        }),
        Key::Step(Step::Approve) => step(Action::Approve),
        Key::Step(Step::Return) => step(Action::Return { note: all(0) }),
        Key::Step(Step::Notify) => step(Action::Notify {
            via: NotifyWay::parse(&v(0)).map_err(|e| e.to_string())?,
            evidence: v(1),
        }),
        Key::Step(Step::Close) => {
            // a felicitación is not decided for or against anyone
            let in_favor = if kind == Kind::Felicitacion && v(0).is_empty() {
                true
            } else {
                yes(&v(0), "a favor")?
            };
            step(Action::Close {
                in_favor,
                note: all(1),
            })
        }
        Key::Step(Step::Archive) => step(Action::Archive),
        Key::Step(Step::RequestInfo) => step(Action::RequestInfo {
            missing: v(0),
            on: optional_date(&v(1))?,
        }),
        Key::Step(Step::Resume) => step(Action::Resume { on: None }),
        Key::Step(Step::Extend) => step(Action::Extend {
            until: localtime::parse_date(&v(0)).map_err(|e| format!("vencimiento: {e}"))?,
            reason: v(1),
        }),
        Key::Step(Step::Forward) => step(Action::Forward {
            entity: v(0),
            told_on: None,
            late_reason: None,
        }),
        Key::Step(other) => Err(format!(
            "el paso «{}» no se hace desde el área de trabajo",
            other.label()
        )),
        Key::Deliver => Ok(Request::Deliver(DeliveryInput {
            letter: Letter::parse(&v(0)).map_err(|e| e.to_string())?,
            to_whom: v(1),
            on: None,
            how: DeliveryWay::parse(&v(2)).map_err(|e| e.to_string())?,
            returned: yes(&v(3), "devuelta")?,
            note: v(4),
        })),
        Key::NewOrder => Ok(Request::NewOrder {
            area: v(0),
            description: v(1),
        }),
        Key::CloseOrder => Ok(Request::CloseOrder {
            id: v(0)
                .parse()
                .map_err(|_| "orden: escriba el número de la orden".to_string())?,
            result: v(1),
        }),
        Key::Attach => match v(0) {
            p if p.is_empty() => Err("archivo: escriba la ruta del archivo".into()),
            p => Ok(Request::Attach(p.into())),
        },
        Key::Letter => Ok(Request::Letter(
            Letter::parse(&v(0)).map_err(|e| e.to_string())?,
            match v(1) {
                p if p.is_empty() => return Err("archivo: escriba dónde guardar el PDF".into()),
                p => p.into(),
            },
        )),
        Key::Write => Err("la respuesta se escribe en el editor".into()),
    }
}
