//! The phone and chat pane (procedure 2, Atención a Usuarios): the operator registers a call or
//! chat and solves it or routes it by topic; whoever it is routed to sees it here and closes it
//! with what was done. The daily telecom register (FOR-DIC-04) is made of these records.

use super::{App, Intent, Notice, Overlay, Screen, capitalize};
use crate::desk::{self, Actor, attentions::Request};
use crate::domain::attention::{Channel, Level};
use crate::store::attentions::Attention;
use crate::tui::action::CallKey;
use crate::tui::form::{Field, Form};

/// The pane's state.
#[derive(Debug, Clone, Default)]
pub struct CallsPane {
    /// Open attentions routed to me, oldest first.
    pub open: Vec<Attention>,
    pub selected: usize,
}

/// What the call form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallFormKind {
    /// A new phone or chat attention.
    New,
    /// Closing an attention routed to me: its id and who called.
    Close { id: i64, who: String },
}

/// A write of the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallIntent {
    Add(Box<CallDraft>),
    Close { id: i64, result: String },
}

/// A new phone or chat attention as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallDraft {
    pub channel: Channel,
    pub caller: String,
    pub document: Option<crate::domain::ids::Document>,
    pub contact: String,
    pub topic: String,
    pub notes: String,
    pub route: bool,
}

/// Labels of the new-call form, in field order.
const FIELDS: [&str; 7] = [
    "Canal",
    "Quien llama o escribe",
    "Documento (opcional)",
    "Contacto (teléfono, correo)",
    "Tema",
    "Consulta",
    "Resuelta o derivar",
];
const NOTES: usize = 5;
const OUTCOME: usize = 6;

/// The form field a refusal names (its message starts with the field).
fn field_index(message: &str) -> usize {
    match super::refused_field(message).as_str() {
        "canal" => 0,
        "documento" => 2,
        "tema" => 4,
        _ => 0,
    }
}

impl App {
    /// Re-reads the attentions routed to the logged-in user.
    pub(super) fn refresh_calls(&mut self) {
        let Screen::Console(c) = &self.screen else {
            return;
        };
        match desk::attentions::open_for(&self.store, &c.user.username) {
            Ok(open) => {
                self.calls.selected = self.calls.selected.min(open.len().saturating_sub(1));
                self.calls.open = open;
            }
            Err(e) => self.notify(Notice::Error(capitalize(&e.to_string()))),
        }
    }

    /// The topics a call can be routed by (the routing table's).
    pub fn routed_topics(&self) -> Vec<String> {
        self.config.routing.keys().cloned().collect()
    }

    /// A key of the phone and chat pane.
    pub(super) fn call_key(&mut self, key: CallKey) -> Option<Intent> {
        match key {
            CallKey::New => self.open_call_form(),
            CallKey::Move(step) => {
                self.calls.selected = step.from(self.calls.selected, self.calls.open.len());
            }
            CallKey::Close => {
                let Some(a) = self.calls.open.get(self.calls.selected) else {
                    self.notify(Notice::Info(
                        "No tiene llamadas ni chats derivados abiertos.".into(),
                    ));
                    return None;
                };
                // who to call back, and how
                let who = [a.channel.label(), &a.topic, &a.caller, &a.contact]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                let form = Form::new(vec![Field::multiline("Resultado", "", 3)]);
                self.overlay = Some(Overlay::CallForm {
                    kind: CallFormKind::Close { id: a.id, who },
                    form,
                    notice: None,
                });
            }
        }
        None
    }

    fn open_call_form(&mut self) {
        let topics = self.routed_topics();
        let fields = FIELDS
            .iter()
            .enumerate()
            .map(|(i, label)| match i {
                0 => Field::text(label, "").with_options(vec![
                    Channel::Telefono.label().into(),
                    Channel::Chat.label().into(),
                ]),
                4 => Field::text(label, "").with_options(topics.clone()),
                NOTES => Field::multiline(label, "", 2),
                OUTCOME => {
                    Field::text(label, "").with_options(vec!["resuelta".into(), "derivar".into()])
                }
                _ => Field::text(label, ""),
            })
            .collect();
        self.overlay = Some(Overlay::CallForm {
            kind: CallFormKind::New,
            form: Form::new(fields),
            notice: None,
        });
    }

    /// Enter in the call form.
    pub(super) fn submit_call_form(&mut self) -> Option<Intent> {
        let Some(Overlay::CallForm { kind, form, notice }) = &mut self.overlay else {
            return None;
        };
        if !form.on_last() {
            form.move_focus(1);
            return None;
        }
        if let CallFormKind::Close { id, .. } = kind {
            return Some(Intent::Call(CallIntent::Close {
                id: *id,
                result: form.fields[0].all_lines(),
            }));
        }
        let v = |i: usize| form.value(i).trim().to_string();
        let parsed = (|| {
            let channel = match v(0).as_str() {
                "" => Channel::Telefono,
                typed => Channel::parse(typed).map_err(|e| (0, e.to_string()))?,
            };
            let document = super::pqrs::parse_document(&v(2)).map_err(|e| (2, capitalize(&e)))?;
            let route = match crate::domain::vocab::fold(&v(OUTCOME)).as_str() {
                "resuelta" | "r" | "" => false,
                "derivar" | "d" | "derivada" => true,
                other => {
                    return Err((
                        OUTCOME,
                        format!("Escriba «resuelta» o «derivar» (no «{other}»)."),
                    ));
                }
            };
            Ok::<_, (usize, String)>((channel, document, route))
        })();
        let (channel, document, route) = match parsed {
            Ok(p) => p,
            Err((field, e)) => {
                form.focus = field;
                *notice = Some(Notice::Error(capitalize(&e)));
                return None;
            }
        };
        Some(Intent::Call(CallIntent::Add(Box::new(CallDraft {
            channel,
            caller: v(1),
            document,
            contact: v(3),
            topic: v(4),
            notes: form.fields[NOTES].all_lines(),
            route,
        }))))
    }

    /// Runs a write of the pane through `desk`; a refusal keeps the form with what was typed.
    pub(super) fn apply_call(&mut self, intent: CallIntent) {
        let Screen::Console(c) = &self.screen else {
            return;
        };
        let actor = Actor::staff(&c.user);
        let done = match &intent {
            CallIntent::Add(d) => {
                let req = Request {
                    channel: d.channel,
                    document: d.document.clone(),
                    level: Level::Basica,
                    topic: &d.topic,
                    notes: &d.notes,
                    caller: &d.caller,
                    contact: &d.contact,
                    solved: !d.route,
                    route: d.route,
                    ..Request::default()
                };
                let (clock, config) = (self.clock.as_ref(), &self.config);
                desk::attentions::add(&mut self.store, clock, &actor, config, &req).map(|a| match a
                    .assigned_to
                {
                    Some(u) => format!(
                        "Atención {} ({}) derivada a {u}.",
                        a.id,
                        a.channel.label().to_lowercase()
                    ),
                    None => format!(
                        "Atención {} ({}) registrada como resuelta.",
                        a.id,
                        a.channel.label().to_lowercase()
                    ),
                })
            }
            CallIntent::Close { id, result } => {
                let clock = self.clock.as_ref();
                desk::attentions::close(&mut self.store, clock, &actor, *id, result)
                    .map(|()| format!("Atención {id} cerrada."))
            }
        };
        match done {
            Ok(message) => {
                self.overlay = None;
                self.notify(Notice::Info(message));
                self.refresh_calls();
            }
            Err(e) => {
                self.audit_denial(&e);
                let message = capitalize(&e.to_string());
                if let Some(Overlay::CallForm { kind, form, notice }) = &mut self.overlay {
                    if *kind == CallFormKind::New {
                        form.focus = field_index(&message);
                    }
                    *notice = Some(Notice::Error(message));
                }
            }
        }
    }
}
