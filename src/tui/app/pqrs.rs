//! The PQRS pane: my deadline watch, filing with its constancia, and a PQRS's history.

use super::{App, Intent, Notice, Overlay, Screen, capitalize};
use crate::desk::{
    self, Actor,
    pqrs::{Detail, Filing, Filter, Line},
};
use crate::domain::ids;
use crate::domain::request::{Channel, DataRequest, Kind, NotifyWay};
use crate::domain::vocab::YesNo;
use crate::tui::action::PqrsKey;
use crate::tui::form::{Field, Form};
use crate::tui::widgets::picker::labels;

/// The pane's state.
#[derive(Debug, Clone, Default)]
pub struct PqrsPane {
    /// Open PQRS, earliest due date first.
    pub lines: Vec<Line>,
    pub selected: usize,
    /// Every open PQRS of the branch instead of mine (assigned to me or not yet assigned).
    pub all: bool,
    /// How many the pane's filter selects in all (the pane lists the first ones).
    pub total: usize,
    /// My overdue PQRS (shown in the header).
    pub overdue_mine: usize,
}

/// Lines of the watch the pane reads (more than any screen shows).
const PANE_LINES: u32 = 200;

/// A PQRS pane read or write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PqrsIntent {
    File(Box<Filing>),
    Open(String),
    Print,
}

/// Labels of the filing form, in field order.
const FIELDS: [&str; 11] = [
    "Tipo",
    "Canal",
    "Documento (TIPO:NÚMERO)",
    "Asunto",
    "Descripción",
    "Área",
    "Prioridad",
    "Notificación",
    "Dirección o correo",
    "Datos (habeas data)",
    "Nombre; contacto",
];
const DESCRIPTION: usize = 4;
/// The field of a requester without a customer record.
const PERSON: usize = 10;

/// The form field a refusal names (its message starts with the field).
fn field_index(message: &str) -> usize {
    match super::refused_field(message).as_str() {
        "tipo" => 0,
        "canal" => 1,
        "documento" => 2,
        "asunto" => 3,
        "descripción" => 4,
        "área" => 5,
        "notificación" => 7,
        "dirección" => 8,
        "solicitud de datos" | "cambios" => 9,
        "nombre" | "contacto" | "remitente" => PERSON,
        _ => 0,
    }
}

/// `CC:123`, `CC 123` or `CC123` → a document; empty → none.
pub(super) fn parse_document(text: &str) -> Result<Option<ids::Document>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let split = t
        .find(|c: char| c == ':' || c == ' ' || c.is_ascii_digit())
        .unwrap_or(t.len());
    let (kind, number) = t.split_at(split);
    let number = number.trim_start_matches([':', ' ']);
    let kind = ids::DocType::parse(kind.trim()).ok_or_else(|| {
        format!(
            "documento: tipo «{}» desconocido (CC, TI, CE, PA, NIT...)",
            kind.trim()
        )
    })?;
    ids::parse(kind, number)
        .map(|p| Some(p.document))
        .map_err(|e| format!("documento: {e}"))
}

impl App {
    /// Re-reads the first lines of the watch (mine or all), their total and my overdue count.
    pub(super) fn refresh_pqrs(&mut self) {
        let Screen::Console(c) = &self.screen else {
            return;
        };
        let today = self.now.date_naive();
        let mine = Filter {
            mine: Some(c.user.username.clone()),
            ..Filter::default()
        };
        let overdue = Filter {
            overdue: true,
            ..mine.clone()
        };
        let shown = Filter {
            limit: Some(PANE_LINES),
            ..if self.pqrs.all {
                Filter::default()
            } else {
                mine
            }
        };
        let (store, config) = (&self.store, &self.config);
        let result = desk::pqrs::watch(store, config, today, &shown).and_then(|lines| {
            Ok((
                lines,
                desk::pqrs::count(
                    store,
                    config,
                    today,
                    &Filter {
                        limit: None,
                        ..shown.clone()
                    },
                )?,
                desk::pqrs::count(store, config, today, &overdue)?,
            ))
        });
        match result {
            Ok((lines, total, overdue)) => {
                self.pqrs.selected = self.pqrs.selected.min(lines.len().saturating_sub(1));
                self.pqrs.lines = lines;
                self.pqrs.total = total;
                self.pqrs.overdue_mine = overdue;
            }
            Err(e) => self.notify(Notice::Error(capitalize(&e.to_string()))),
        }
    }

    /// A key of the PQRS pane.
    pub(super) fn pqrs_key(&mut self, key: PqrsKey) -> Option<Intent> {
        match key {
            PqrsKey::New => self.open_pqrs_form(),
            PqrsKey::Move(step) => {
                self.pqrs.selected = step.from(self.pqrs.selected, self.pqrs.lines.len());
            }
            PqrsKey::Open => {
                let l = self.pqrs.lines.get(self.pqrs.selected)?;
                return Some(Intent::Pqrs(PqrsIntent::Open(l.row.radicado.clone())));
            }
            PqrsKey::ToggleAll => {
                self.pqrs.all = !self.pqrs.all;
                self.pqrs.selected = 0;
                self.refresh_pqrs();
            }
            PqrsKey::Print => return Some(Intent::Pqrs(PqrsIntent::Print)),
        }
        None
    }

    fn open_pqrs_form(&mut self) {
        let card = self.subject().map(|c| &c.customer);
        let doc = card
            .map(|c| format!("{}:{}", c.doc_type, c.doc_number))
            .unwrap_or_default();
        let email = card.and_then(|c| c.email.clone()).unwrap_or_default();
        let fields = FIELDS
            .iter()
            .enumerate()
            .map(|(i, label)| match i {
                0 => Field::text(label, Kind::Peticion.label()).with_options(labels::<Kind>()),
                1 => Field::text(label, Channel::Presencial.label())
                    .with_options(labels::<Channel>()),
                2 => Field::text(label, &doc),
                DESCRIPTION => Field::multiline(label, "", 3),
                5 => Field::text(label, "").with_options(self.config.pqrs.areas.clone()),
                6 => Field::text(label, YesNo::No.label()).with_options(labels::<YesNo>()),
                7 => Field::text(label, NotifyWay::Personal.label())
                    .with_options(labels::<NotifyWay>()),
                8 => Field::text(label, &email),
                _ => Field::text(label, ""),
            })
            .collect();
        let mut form = Form::new(fields);
        form.focus = 0;
        self.overlay = Some(Overlay::PqrsForm { form, notice: None });
    }

    /// Enter in the filing form.
    pub(super) fn submit_pqrs_form(&mut self) -> Option<Intent> {
        let Some(Overlay::PqrsForm { form, notice }) = &mut self.overlay else {
            return None;
        };
        if !form.on_last() {
            form.move_focus(1);
            return None;
        }
        let v = |i: usize| form.value(i).trim().to_string();
        let bound = self
            .attention
            .as_ref()
            .and_then(|a| a.customer.as_deref())
            .and_then(super::attention::card_document);
        let document = match (parse_document(&v(2)), bound) {
            (Ok(d), Some(b)) if d.as_ref() != Some(&b) => {
                form.focus = 2;
                *notice = Some(Notice::Error(format!(
                    "Documento: la atención es de {} {}; para radicar a nombre de otra persona cambie el cliente de la atención (F2, búsquela y Enter).",
                    b.kind, b.number
                )));
                return None;
            }
            (Ok(d), _) => d,
            (Err(e), _) => {
                form.focus = 2;
                *notice = Some(Notice::Error(capitalize(&e)));
                return None;
            }
        };
        // a person without a customer record: "name; contact"; a web or e-mail filing's
        // contact address is also its sender
        let person = Some(v(PERSON))
            .filter(|t| !t.is_empty())
            .map(|t| match t.split_once(';') {
                Some((name, contact)) => desk::pqrs::Person {
                    name: name.trim().to_string(),
                    contact: contact.trim().to_string(),
                },
                None => desk::pqrs::Person {
                    name: t,
                    contact: String::new(),
                },
            });
        let data = v(9);
        let (request, changes) = match data.split_once(':') {
            Some((r, c)) => (r.trim().to_string(), c.trim().to_string()),
            None => (data, String::new()),
        };
        // each closed field parsed leniently; a bad one keeps everything typed and points at it
        let parsed = (|| {
            let kind = Kind::parse(&v(0)).map_err(|e| (0, e.to_string()))?;
            let channel = Channel::parse(&v(1)).map_err(|e| (1, e.to_string()))?;
            let priority = YesNo::parse(&v(6)).map_err(|e| (6, e.to_string()))?;
            let notify_via = NotifyWay::parse(&v(7)).map_err(|e| (7, e.to_string()))?;
            let request = match request.trim() {
                "" => None,
                r => Some(DataRequest::parse(r).map_err(|e| (9, e.to_string()))?),
            };
            Ok::<_, (usize, String)>((kind, channel, priority.is_yes(), notify_via, request))
        })();
        let (kind, channel, priority, notify_via, request) = match parsed {
            Ok(p) => p,
            Err((field, e)) => {
                form.focus = field;
                *notice = Some(Notice::Error(capitalize(&e)));
                return None;
            }
        };
        let sender = person
            .as_ref()
            .filter(|p| {
                matches!(channel, Channel::Web | Channel::Correo) && p.contact.contains('@')
            })
            .map(|p| p.contact.clone())
            .unwrap_or_default();
        Some(Intent::Pqrs(PqrsIntent::File(Box::new(Filing {
            kind,
            channel,
            document,
            person,
            sender,
            subject: v(3),
            description: form.fields[DESCRIPTION].all_lines(),
            area: v(5),
            priority,
            notify_via,
            notify_address: v(8),
            received: None,
            data_request: request,
            data_changes: changes,
            ..Filing::default()
        }))))
    }

    /// Runs a PQRS pane read or write through `desk`.
    pub(super) fn apply_pqrs(&mut self, intent: PqrsIntent) {
        let Screen::Console(c) = &self.screen else {
            return;
        };
        let actor = Actor::staff(&c.user);
        let today = self.now.date_naive();
        match intent {
            PqrsIntent::File(filing) => {
                let filed = desk::pqrs::file(
                    &mut self.store,
                    self.clock.as_ref(),
                    &actor,
                    &self.config,
                    &filing,
                )
                .and_then(|p| desk::pqrs::show(&self.store, &self.config, today, &p.radicado));
                match filed {
                    Ok(detail) => {
                        let branch = self
                            .branch
                            .as_ref()
                            .map(|b| b.name.clone())
                            .unwrap_or_default();
                        let lines =
                            desk::pqrs::receipt(&detail.pqrs, &branch, detail.customer.as_deref());
                        let due = detail
                            .pqrs
                            .due_date
                            .clone()
                            .map(|d| format!(", vence el {d}"))
                            .unwrap_or_default();
                        self.notify(Notice::Info(format!(
                            "PQRS radicada: {}{due}.",
                            detail.pqrs.radicado
                        )));
                        self.overlay = Some(Overlay::PqrsReceipt { lines });
                        self.refresh_pqrs();
                        // the list shows the one just filed, selected
                        let filed = &detail.pqrs.radicado;
                        if let Some(i) = self
                            .pqrs
                            .lines
                            .iter()
                            .position(|l| &l.row.radicado == filed)
                        {
                            self.pqrs.selected = i;
                        }
                    }
                    Err(e) => {
                        self.audit_denial(&e);
                        let message = capitalize(&e.to_string());
                        if let Some(Overlay::PqrsForm { form, notice }) = &mut self.overlay {
                            form.focus = field_index(&message);
                            *notice = Some(Notice::Error(message));
                        }
                    }
                }
            }
            PqrsIntent::Open(radicado) => {
                match desk::pqrs::show(&self.store, &self.config, today, &radicado) {
                    Ok(d) => self.overlay = Some(Overlay::PqrsDetail(Box::new(d))),
                    Err(e) => self.notify(Notice::Error(capitalize(&e.to_string()))),
                }
            }
            PqrsIntent::Print => self.print_receipt(),
        }
    }

    fn print_receipt(&mut self) {
        let Some(Overlay::PqrsReceipt { lines }) = &self.overlay else {
            return;
        };
        let target = crate::printer::Target::parse(&self.config.kiosk.printer);
        if target == crate::printer::Target::None {
            self.notify(Notice::Error(
                "No hay impresora configurada (kiosk.printer en la configuración).".into(),
            ));
            return;
        }
        // The constancia's own "Radicado: …" line names what the QR code carries.
        let radicado = lines.iter().find_map(|l| l.strip_prefix("Radicado: "));
        let bytes = crate::printer::document_bytes(
            "CONSTANCIA DE RADICACIÓN",
            lines,
            radicado,
            self.config.printing.paper(),
        );
        match crate::printer::send(&target, &bytes) {
            Ok(()) => self.notify(Notice::Info("Constancia impresa.".into())),
            Err(e) => self.notify(Notice::Error(capitalize(&e))),
        }
    }
}

/// The detail shown for a PQRS (re-exported for the view).
pub type PqrsDetail = Detail;
