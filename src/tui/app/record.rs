//! The attention record (tipificación) made when an attention ends: service, topic and
//! sub-topic from the catalogue, information level, opportunity, notes; several procedures of
//! one visit are several records of the same turn.

use super::attention::{Attention, card_document, card_who};
use super::{App, Intent, Notice, Overlay, Screen, capitalize};
use crate::desk::{self, Actor, attentions::Request};
use crate::domain::attention::Level;
use crate::domain::ids::Document;
use crate::domain::vocab::{YesNo, fold};
use crate::tui::action::Pane;
use crate::tui::form::{Field, Form};

/// Whose record the form is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordDraft {
    /// The finished turn.
    pub label: String,
    /// "CC 123 — Ana Pérez", when the attention had a customer.
    pub who: Option<String>,
    pub doc: Option<Document>,
    /// Which procedure of the visit this is (1 for the first).
    pub procedure: u32,
}

/// An attention record to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordIntent {
    pub draft: RecordDraft,
    pub service: String,
    pub topic: String,
    pub subtopic: String,
    pub level: Level,
    pub opportunity_service: Option<String>,
    pub notes: String,
    /// Open the form again for another procedure of the same visit.
    pub another: bool,
}

const SERVICE: usize = 0;
const TOPIC: usize = 1;
const SUBTOPIC: usize = 2;
const LEVEL: usize = 3;
const OPPORTUNITY: usize = 4;
const OPPORTUNITY_SERVICE: usize = 5;
const NOTES: usize = 6;

/// The form field a refusal names (its message starts with the field).
fn field_of(message: &str) -> usize {
    let first = fold(message.split(':').next().unwrap_or(""));
    match first.as_str() {
        "tema" => TOPIC,
        "subtema" => SUBTOPIC,
        "nivel" | "el nivel de informacion es 1, 2 o 3" => LEVEL,
        "oportunidad" => OPPORTUNITY,
        "servicio de la oportunidad" => OPPORTUNITY_SERVICE,
        _ => SERVICE,
    }
}

impl App {
    /// "R · Recreación" for every configured service.
    pub(super) fn service_options(&self) -> Vec<String> {
        self.config
            .services
            .iter()
            .map(|s| format!("{} · {}", s.code, s.name))
            .collect()
    }

    /// The service code a field names ("R", "R · Recreación" or "recreacion"); empty if none.
    fn service_code(&self, text: &str) -> String {
        service_code(&self.config, text)
    }

    /// Opens the record form for the attention just finished (`finished`) or, after a restart,
    /// for the turn `label`.
    pub(super) fn open_record_form(&mut self, label: &str, finished: Option<&Attention>) {
        let card = finished
            .filter(|a| a.label == label)
            .and_then(|a| a.customer.as_deref());
        let service = finished
            .filter(|a| a.label == label)
            .map(|a| a.service.clone())
            .unwrap_or_default();
        let draft = RecordDraft {
            label: label.to_string(),
            who: card.map(card_who),
            doc: card.and_then(card_document),
            procedure: 1,
        };
        self.overlay = Some(Overlay::RecordForm {
            form: self.record_form(&service),
            draft,
            notice: None,
        });
        self.refresh_record_options();
    }

    fn record_form(&self, service: &str) -> Form {
        let service = self
            .service_options()
            .into_iter()
            .find(|o| o.split(" · ").next() == Some(service))
            .unwrap_or_default();
        let levels = Level::ALL.iter().map(|l| l.label().to_string()).collect();
        let yes_no = vec!["no".to_string(), "sí".to_string()];
        let mut form = Form::new(vec![
            Field::text("Servicio", &service).with_options(self.service_options()),
            Field::text("Tema", "").required(),
            Field::text("Subtema", "").required(),
            Field::text("Nivel de información", "")
                .with_options(levels)
                .required(),
            Field::text("¿Tomó un servicio? (sí/no)", "no").with_options(yes_no),
            Field::text("Servicio que tomó", "").with_options(self.service_options()),
            Field::multiline("Notas", "", 2),
        ]);
        form.focus = if service.is_empty() { SERVICE } else { TOPIC };
        form
    }

    /// The topic choices follow the service typed, the sub-topic choices the topic.
    pub(super) fn refresh_record_options(&mut self) {
        let Some(Overlay::RecordForm { form, .. }) = &self.overlay else {
            return;
        };
        let code = self.service_code(form.value(SERVICE));
        let topic = fold(form.value(TOPIC));
        let topics: Vec<_> = self.config.attention.topics_of(&code).collect();
        let topic_names = topics.iter().map(|t| t.topic.clone()).collect();
        let subtopics = topics
            .iter()
            .find(|t| fold(&t.topic) == topic)
            .map(|t| t.subtopics.clone())
            .unwrap_or_default();
        if let Some(Overlay::RecordForm { form, .. }) = &mut self.overlay {
            form.fields[TOPIC].options = topic_names;
            form.fields[SUBTOPIC].options = subtopics;
        }
    }

    /// Enter (or Ctrl+O, `another`) in the record form.
    pub(super) fn submit_record_form(&mut self, another: bool) -> Option<Intent> {
        let Some(Overlay::RecordForm { form, .. }) = &mut self.overlay else {
            return None;
        };
        if !form.on_last() && !another {
            form.move_focus(1);
            return None;
        }
        if let Some(field) = form.fields.get_mut(form.focus) {
            field.complete();
        }
        let form = form.clone();
        let v = |i: usize| form.value(i).trim().to_string();
        let service = self.service_code(&v(SERVICE));
        let checked = (|| {
            if service.is_empty() {
                return Err((
                    SERVICE,
                    "Servicio: elija el servicio de la atención.".into(),
                ));
            }
            let level = Level::parse(&v(LEVEL)).map_err(|_| {
                (
                    LEVEL,
                    "Nivel de información: escriba 1 (básica), 2 (detallada) o 3 (trámite)."
                        .to_string(),
                )
            })?;
            let taken = YesNo::parse(&v(OPPORTUNITY))
                .map_err(|e| (OPPORTUNITY, capitalize(&e.to_string())))?
                .is_yes();
            let opportunity = match (taken, self.service_code(&v(OPPORTUNITY_SERVICE))) {
                (false, _) => None,
                (true, code) if code.is_empty() => {
                    return Err((
                        OPPORTUNITY_SERVICE,
                        "Servicio que tomó: elija el servicio que tomó el cliente.".into(),
                    ));
                }
                (true, code) => Some(code),
            };
            Ok((level, opportunity))
        })();
        let (level, opportunity_service) = match checked {
            Ok(c) => c,
            Err((field, message)) => {
                self.record_error(field, message);
                return None;
            }
        };
        let Some(Overlay::RecordForm { draft, .. }) = &self.overlay else {
            return None;
        };
        Some(Intent::Record(Box::new(RecordIntent {
            draft: draft.clone(),
            service,
            topic: v(TOPIC),
            subtopic: v(SUBTOPIC),
            level,
            opportunity_service,
            notes: form.fields[NOTES].all_lines(),
            another,
        })))
    }

    fn record_error(&mut self, field: usize, message: String) {
        if let Some(Overlay::RecordForm { form, notice, .. }) = &mut self.overlay {
            form.focus = field;
            *notice = Some(Notice::Error(message));
        }
    }

    /// Saves a record through `desk`; the form stays open with its values on a refusal.
    pub(super) fn apply_record(&mut self, r: RecordIntent) {
        let Screen::Console(c) = &self.screen else {
            return;
        };
        let actor = Actor::staff(&c.user);
        let req = Request {
            channel: crate::domain::attention::Channel::Ventanilla,
            document: r.draft.doc.clone(),
            turn_label: Some(&r.draft.label),
            service: Some(&r.service),
            level: r.level,
            opportunity_service: r.opportunity_service.as_deref(),
            topic: &r.topic,
            subtopic: &r.subtopic,
            notes: &r.notes,
            ..Request::default()
        };
        let saved = desk::attentions::add(
            &mut self.store,
            self.clock.as_ref(),
            &actor,
            &self.config,
            &req,
        );
        match saved {
            Ok(_) if r.another => {
                let draft = RecordDraft {
                    procedure: r.draft.procedure + 1,
                    ..r.draft
                };
                self.overlay = Some(Overlay::RecordForm {
                    form: self.record_form(&r.service),
                    notice: Some(Notice::Info(format!(
                        "Trámite {} registrado. Registre el siguiente de la visita.",
                        draft.procedure - 1
                    ))),
                    draft,
                });
                self.refresh_record_options();
            }
            Ok(_) => {
                self.overlay = None;
                let n = r.draft.procedure;
                let procedures = if n == 1 {
                    "1 trámite".to_string()
                } else {
                    format!("{n} trámites")
                };
                self.refresh_rating();
                // the rating is asked only while the turn still awaits one
                let rate = self.rating.awaiting.as_ref().map(|a| a.label.as_str())
                    == Some(r.draft.label.as_str());
                let next = if rate {
                    " Pida la calificación: 1 a 5."
                } else {
                    ""
                };
                self.notify(Notice::Info(format!(
                    "Atención del turno {} registrada ({procedures}).{next}",
                    r.draft.label
                )));
                if let (true, Screen::Console(c)) = (rate, &mut self.screen) {
                    c.focus = Pane::Calificacion;
                }
            }
            Err(e) => {
                self.audit_denial(&e);
                let message = capitalize(&e.to_string());
                self.record_error(field_of(&message), message);
            }
        }
        self.refresh_queue();
    }

    /// The turn finished here whose record is still missing, if the setting requires one.
    pub(super) fn missing_record(&mut self) -> Option<String> {
        if self.config.attention.record_required {
            self.pending_record()
        } else {
            None
        }
    }

    /// The latest turn this advisor finished here today without its record.
    pub(super) fn pending_record(&mut self) -> Option<String> {
        let Screen::Console(c) = &self.screen else {
            return None;
        };
        let user = c.user.username.clone();
        let now = self.clock.now();
        let found =
            desk::attentions::pending_record(&self.store, &self.config, now, self.window, &user);
        found.unwrap_or_else(|e| {
            self.notify(Notice::Error(capitalize(&e.to_string())));
            None
        })
    }
}

/// The service code a field names ("R", "R · Recreación" or "recreacion"); empty if none.
pub(super) fn service_code(config: &crate::config::Config, text: &str) -> String {
    let head = text.split('·').next().unwrap_or("").trim();
    config
        .services
        .iter()
        .find(|s| s.code.eq_ignore_ascii_case(head) || fold(&s.name) == fold(head))
        .map(|s| s.code.clone())
        .unwrap_or_default()
}
