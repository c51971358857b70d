//! The Cliente pane: search as you type, the customer's card, new customers and consent.

use super::attention::card_document;
use super::{App, Intent, Notice, Overlay, Screen, capitalize};
use crate::desk::{self, Actor, consents::Record, customers::Card};
use crate::domain::consent::{Purpose, Way, channel_label, purpose_label};
use crate::domain::customer::Affiliation;
use crate::domain::customer::Input;
use crate::domain::ids;
use crate::store::customers::Customer;
use crate::tui::action::LookupKey;
use crate::tui::form::{Field, Form};
use crate::tui::widgets::picker::labels;
use ratatui_textarea::TextArea;

/// The pane's state.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    pub query: String,
    pub results: Vec<Customer>,
    /// The selected event of the open card's history.
    pub event: usize,
    /// How many matched in all, when the results were capped.
    pub total: Option<usize>,
    pub selected: usize,
    /// The open customer's card.
    pub card: Option<Box<Card>>,
    /// The search ran and found nothing.
    pub nothing_found: bool,
}

/// Which form is open over the Cliente pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerFormKind {
    New,
    Edit,
    Consent,
}

/// A Cliente pane read or write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerIntent {
    Search(String),
    Open(ids::Document),
    Add(Input),
    Edit {
        doc: ids::Document,
        changes: Vec<(String, String)>,
    },
    Consent {
        doc: ids::Document,
        /// Every purpose the person authorises in this act.
        purposes: Vec<Purpose>,
        channel: Way,
        evidence: String,
    },
}

/// The refusal of an action about a person when no customer is open.
const NO_SUBJECT: &str = "No hay un cliente en esta atención: búsquelo (escriba su documento y Enter) o regístrelo (Ctrl+N).";

/// Labels of the new-customer form, in field order.
const NEW_FIELDS: [&str; 9] = [
    "Tipo de documento",
    "Número",
    "Nombres",
    "Apellidos",
    "Nacimiento (DD/MM/AAAA)",
    "Teléfono",
    "Correo",
    "Afiliación",
    "Categoría (A, B, C)",
];

/// The edit form's fields: (label, the field's name for `desk::customers::edit`).
const EDIT_FIELDS: [(&str, &str); 8] = [
    ("Nombres", "nombres"),
    ("Apellidos", "apellidos"),
    ("Nacimiento (DD/MM/AAAA)", "fecha_nacimiento"),
    ("Teléfono", "telefono"),
    ("Correo", "correo"),
    ("Dirección", "direccion"),
    ("Afiliación", "estado_afiliacion"),
    ("Categoría (A, B, C)", "categoria"),
];

/// The form field a domain field name belongs to.
fn field_index(kind: CustomerFormKind, name: &str) -> usize {
    if kind == CustomerFormKind::Edit {
        return EDIT_FIELDS
            .iter()
            .position(|(_, n)| *n == name)
            .unwrap_or(0);
    }
    match name {
        "tipo_documento" => 0,
        "numero_documento" => 1,
        "nombres" => 2,
        "apellidos" => 3,
        "fecha_nacimiento" => 4,
        "telefono" => 5,
        "correo" => 6,
        "estado_afiliacion" => 7,
        "categoria" => 8,
        _ => 0,
    }
}

impl App {
    /// A key of the Cliente pane.
    pub(super) fn lookup_key(&mut self, key: LookupKey) -> Option<Intent> {
        // with a card shown (nothing searched), the arrows and Enter act on its history
        let history = self
            .subject()
            .filter(|_| self.lookup.query.trim().is_empty())
            .map(|c| c.timeline.clone());
        let l = &mut self.lookup;
        match key {
            LookupKey::Move(step) if history.is_some() => {
                let n = history.as_ref().map_or(0, Vec::len);
                l.event = step.from(l.event, n);
            }
            LookupKey::Open if history.is_some() => {
                let event = history.as_ref()?.get(l.event)?.clone();
                if event.kind != "PQRS" {
                    self.notify(Notice::Info(
                        "Desde la historia se abren las PQRS; lo demás se ve completo aquí.".into(),
                    ));
                    return None;
                }
                let radicado = event.summary.split(" · ").next()?.to_string();
                return Some(Intent::Pqrs(super::PqrsIntent::Open(radicado)));
            }
            LookupKey::Type(k) => {
                let mut input = TextArea::new(vec![l.query.clone()]);
                input.move_cursor(ratatui_textarea::CursorMove::End);
                input.input(k);
                l.query = input.lines().first().cloned().unwrap_or_default();
                l.card = None;
                return Some(Intent::Customer(CustomerIntent::Search(l.query.clone())));
            }
            LookupKey::Move(step) => l.selected = step.from(l.selected, l.results.len()),
            LookupKey::Open => {
                l.event = 0;
                let c = l.results.get(l.selected)?;
                let kind = ids::DocType::parse(&c.doc_type)?;
                let doc = ids::Document {
                    kind,
                    number: c.doc_number.clone(),
                };
                return Some(Intent::Customer(CustomerIntent::Open(doc)));
            }
            LookupKey::Clear => *l = Lookup::default(),
            LookupKey::New => self.open_new_form(),
            LookupKey::Consent => self.open_consent_form(),
            LookupKey::Edit => self.open_edit_form(),
        }
        None
    }

    fn open_new_form(&mut self) {
        let q = self.lookup.query.trim().to_string();
        // the attention's turn carries an unregistered document: register that person
        let turn_doc = self
            .queue
            .current
            .as_ref()
            .filter(|_| {
                self.attention
                    .as_ref()
                    .is_some_and(|a| a.customer.is_none())
            })
            .and_then(|t| t.doc_type.clone().zip(t.doc_number.clone()));
        if let (true, Some((kind, number))) = (q.is_empty(), turn_doc) {
            self.open_new_form_with(&kind, &number);
            return;
        }
        let digits = !q.is_empty() && q.chars().all(|c| c.is_ascii_digit() || ".- ".contains(c));
        if digits {
            self.open_new_form_with("CC", &q);
            return;
        }
        self.open_new_form_with("CC", "");
        if let Some(Overlay::CustomerForm { form, .. }) = &mut self.overlay
            && !q.is_empty()
        {
            form.fields[2] = Field::text(NEW_FIELDS[2], &q);
            form.focus = 1;
        }
    }

    /// The new-customer form with the document type and number filled in.
    pub(super) fn open_new_form_with(&mut self, doc_type: &str, number: &str) {
        let fields = NEW_FIELDS
            .iter()
            .enumerate()
            .map(|(i, label)| match i {
                0 => {
                    let types = doc_types();
                    let named = types
                        .iter()
                        .find(|o| o.split(" · ").next() == Some(doc_type));
                    let initial = named.cloned().unwrap_or_else(|| doc_type.to_string());
                    Field::text(label, &initial).with_options(types)
                }
                1 => Field::text(label, number),
                7 => Field::text(label, Affiliation::NoAfiliado.label())
                    .with_options(labels::<Affiliation>()),
                8 => Field::text(label, "").with_options(categories()),
                _ => Field::text(label, ""),
            })
            .collect();
        let mut form = Form::new(fields);
        form.focus = if number.is_empty() { 0 } else { 2 };
        self.overlay = Some(Overlay::CustomerForm {
            kind: CustomerFormKind::New,
            form,
            notice: None,
        });
    }

    fn open_edit_form(&mut self) {
        let Some(card) = self.subject() else {
            self.notify(Notice::Error(NO_SUBJECT.into()));
            return;
        };
        let c = &card.customer;
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let values = [
            c.names.clone(),
            c.surnames.clone(),
            opt(&c.birth_date),
            opt(&c.phone),
            opt(&c.email),
            opt(&c.address),
            c.affiliation.label().to_string(),
            opt(&c.category),
        ];
        let fields = EDIT_FIELDS
            .iter()
            .zip(values)
            .map(|((label, name), value)| {
                let field = Field::text(label, &value);
                match *name {
                    "estado_afiliacion" => field.with_options(labels::<Affiliation>()),
                    "categoria" => field.with_options(categories()),
                    _ => field,
                }
            })
            .collect();
        self.overlay = Some(Overlay::CustomerForm {
            kind: CustomerFormKind::Edit,
            form: Form::new(fields),
            notice: None,
        });
    }

    fn open_consent_form(&mut self) {
        if self.subject().is_none() {
            self.notify(Notice::Error(NO_SUBJECT.into()));
            return;
        }
        let consent = &self.config.consent;
        // the law lets one act authorise several purposes: the required ones come marked
        let purposes = consent.purposes.iter().map(|p| purpose_label(p)).collect();
        let mut purpose = Field::text("Finalidades", "")
            .with_options(purposes)
            .multi();
        purpose.pick.chosen = consent.required.iter().map(|p| purpose_label(p)).collect();
        let channels = consent.channels.iter().map(|c| channel_label(c)).collect();
        let form = Form::new(vec![
            purpose,
            Field::text("Canal", &channel_label("formato-fisico")).with_options(channels),
            Field::text("Evidencia (ruta)", ""),
        ]);
        self.overlay = Some(Overlay::CustomerForm {
            kind: CustomerFormKind::Consent,
            form,
            notice: None,
        });
    }

    /// Enter in a Cliente pane form.
    pub(super) fn submit_customer_form(&mut self) -> Option<Intent> {
        let Some(Overlay::CustomerForm { kind, form, .. }) = &mut self.overlay else {
            return None;
        };
        if !form.on_last() {
            form.move_focus(1);
            return None;
        }
        let (kind, form) = (*kind, form.clone());
        let v = |i: usize| form.value(i).to_string();
        Some(Intent::Customer(match kind {
            CustomerFormKind::New => CustomerIntent::Add(Input {
                doc_type: v(0).split(" · ").next().unwrap_or("").to_string(),
                doc_number: v(1),
                names: v(2),
                surnames: v(3),
                birth_date: v(4),
                phone: v(5),
                email: v(6),
                address: String::new(),
                affiliation: v(7),
                category: v(8),
            }),
            CustomerFormKind::Edit => {
                let doc = card_document(self.subject()?)?;
                CustomerIntent::Edit {
                    doc,
                    changes: EDIT_FIELDS
                        .iter()
                        .enumerate()
                        .map(|(i, (_, name))| (name.to_string(), v(i).trim().to_string()))
                        .collect(),
                }
            }
            CustomerFormKind::Consent => {
                let doc = card_document(self.subject()?)?;
                let consent = &self.config.consent;
                // a bad value keeps everything typed and points at its field
                let chosen = form.fields[0].chosen();
                let parsed = if chosen.is_empty() {
                    Err((
                        0,
                        "finalidades: marque al menos una con Espacio".to_string(),
                    ))
                } else {
                    chosen
                        .iter()
                        .map(|p| Purpose::parse(&consent.purposes, p))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(|e| (0, e))
                }
                .and_then(|p| Ok((p, Way::parse(&consent.channels, &v(1)).map_err(|e| (1, e))?)));
                let (purposes, channel) = match parsed {
                    Ok(p) => p,
                    Err((field, e)) => {
                        if let Some(Overlay::CustomerForm { form, notice, .. }) = &mut self.overlay
                        {
                            form.focus = field;
                            *notice = Some(Notice::Error(capitalize(&e)));
                        }
                        return None;
                    }
                };
                CustomerIntent::Consent {
                    doc,
                    purposes,
                    channel,
                    evidence: v(2).trim().to_string(),
                }
            }
        }))
    }

    /// Runs a Cliente pane read or write through `desk` and folds the result back.
    pub(super) fn apply_customer(&mut self, intent: CustomerIntent) {
        let Screen::Console(c) = &self.screen else {
            return;
        };
        let actor = Actor::staff(&c.user);
        match intent {
            CustomerIntent::Search(q) => {
                let found = if q.trim().chars().count() < 2 {
                    Ok((Vec::new(), None))
                } else {
                    desk::customers::find_counted(&self.store, &q, 20)
                };
                match found {
                    Ok((results, total)) => {
                        self.lookup.total = total;
                        self.lookup.nothing_found =
                            results.is_empty() && q.trim().chars().count() >= 2;
                        self.lookup.results = results;
                        self.lookup.selected = 0;
                    }
                    Err(e) => self.notify(Notice::Error(capitalize(&e.to_string()))),
                }
            }
            CustomerIntent::Open(doc) => self.open_card(&doc),
            CustomerIntent::Add(input) => {
                match desk::customers::add(
                    &mut self.store,
                    self.clock.as_ref(),
                    &actor,
                    &self.config,
                    &input,
                ) {
                    Ok(c) => {
                        self.overlay = None;
                        self.notify(Notice::Info(format!(
                            "Cliente {} {} registrado.",
                            c.doc_type, c.doc_number
                        )));
                        if let Some(kind) = ids::DocType::parse(&c.doc_type) {
                            self.open_card(&ids::Document {
                                kind,
                                number: c.doc_number,
                            });
                        }
                    }
                    Err(e) => self.form_error(&e),
                }
            }
            CustomerIntent::Edit { doc, changes } => {
                match desk::customers::edit(
                    &mut self.store,
                    self.clock.as_ref(),
                    &actor,
                    &self.config,
                    &doc,
                    &changes,
                ) {
                    Ok(n) => {
                        self.overlay = None;
                        self.open_card(&doc);
                        self.notify(Notice::Info(match n {
                            0 => "Sin cambios: los datos ya estaban así.".to_string(),
                            1 => "Un dato corregido; queda en el historial.".to_string(),
                            n => format!("{n} datos corregidos; quedan en el historial."),
                        }));
                    }
                    Err(e) => self.form_error(&e),
                }
            }
            CustomerIntent::Consent {
                doc,
                purposes,
                channel,
                evidence,
            } => {
                let Some(first) = purposes.first().cloned() else {
                    return;
                };
                let path = (!evidence.is_empty()).then(|| std::path::PathBuf::from(&evidence));
                let version = self.config.consent.policy_version.clone();
                let r = Record {
                    grant: true,
                    purpose: first,
                    channel,
                    policy_version: &version,
                    evidence: path.as_deref(),
                };
                let (store, clock) = (&mut self.store, self.clock.as_ref());
                match desk::consents::record_purposes(store, clock, &actor, &doc, &r, &purposes) {
                    Ok(()) => {
                        self.overlay = None;
                        let names: Vec<String> = purposes.iter().map(|p| p.to_string()).collect();
                        self.notify(Notice::Info(format!(
                            "Autorización registrada: {}.",
                            names.join(", ")
                        )));
                        self.open_card(&doc);
                    }
                    Err(e) => self.form_error(&e),
                }
            }
        }
    }

    /// Reads `doc`'s card and shows it (asking first if it replaces the attention's customer).
    fn open_card(&mut self, doc: &ids::Document) {
        match desk::customers::card(&self.store, &self.config, doc) {
            Ok(card) => self.offer_card(card),
            Err(e) => self.notify(Notice::Error(capitalize(&e.to_string()))),
        }
    }

    /// Shows a write's refusal in the open form, focusing the field it names; keeps the values.
    fn form_error(&mut self, err: &crate::error::Error) {
        self.audit_denial(err);
        let message = capitalize(&err.to_string());
        if let Some(Overlay::CustomerForm { kind, form, notice }) = &mut self.overlay {
            if *kind != CustomerFormKind::Consent {
                let first = message.split(':').next().unwrap_or("");
                let field = crate::domain::customer::field_named(first).unwrap_or("");
                form.focus = field_index(*kind, field);
            }
            *notice = Some(Notice::Error(message));
        }
    }
}

/// The document types as a picker shows them: «CC · cédula de ciudadanía».
fn doc_types() -> Vec<String> {
    ids::ALL
        .iter()
        .map(|d| format!("{} · {}", d.code(), d.name()))
        .collect()
}

/// The affiliates' categories.
fn categories() -> Vec<String> {
    ["A", "B", "C"].map(String::from).to_vec()
}
