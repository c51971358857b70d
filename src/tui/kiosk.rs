//! Kiosk mode: the customer chooses a service, optionally types a document and a preferential
//! reason, and gets a turn with the people ahead and an estimated wait; a ticket prints. Big
//! and simple; back to the start after a few idle seconds.

mod big;
mod view;

use super::Mode;
use super::event::Event;
use crate::clock::Clock;
use crate::config::Config;
use crate::desk::{
    self, Actor,
    catalog::Service,
    turns::{IssueRequest, Issued},
};
use crate::domain::{ids, turn::PreferentialReason, user::Role};
use crate::error::Result;
use crate::printer::{self, Target, Ticket};
use crate::store::Store;
use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The kiosk's screens, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Service,
    Document,
    Preferential,
    Ticket,
}

/// What happened to the ticket's printing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printed {
    ScreenOnly,
    Ok,
    Failed(String),
}

/// The staff's way out of kiosk mode (F10): a username and PIN.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExitPrompt {
    pub username: String,
    pub pin: String,
    /// Typing the PIN (else the username).
    pub on_pin: bool,
    pub notice: Option<String>,
}

/// The kiosk's state.
pub struct Kiosk {
    store: Store,
    clock: Box<dyn Clock>,
    config: Config,
    printer: Target,
    pub branch: String,
    pub step: Step,
    pub services: Vec<Service>,
    pub contingency: bool,
    pub selected: usize,
    /// Index into `ids::ALL` of the document type being typed.
    pub doc_type: usize,
    pub doc_input: String,
    pub notice: Option<String>,
    pub issued: Option<(Issued, Printed)>,
    /// The staff exit prompt, while open.
    pub exit: Option<ExitPrompt>,
    pub now: DateTime<FixedOffset>,
    last_input: DateTime<Utc>,
    data_version: i64,
    quit: bool,
    /// The screen's size at the last draw, to know what a touch touched.
    size: std::cell::Cell<(u16, u16)>,
}

impl Kiosk {
    /// A kiosk on `store`.
    pub fn new(store: Store, clock: Box<dyn Clock>, config: Config) -> Result<Kiosk> {
        let branch = desk::setup::branch_info(&store)?
            .map(|b| b.name)
            .unwrap_or_else(|| config.branch.name.clone());
        let now = clock.now();
        let printer = Target::parse(&config.kiosk.printer);
        let mut kiosk = Kiosk {
            store,
            printer,
            branch,
            step: Step::Service,
            services: Vec::new(),
            contingency: false,
            selected: 0,
            doc_type: 0,
            doc_input: String::new(),
            notice: None,
            issued: None,
            exit: None,
            now: now.with_timezone(&config.utc_offset()),
            last_input: now,
            data_version: -1,
            quit: false,
            size: std::cell::Cell::new((0, 0)),
            clock,
            config,
        };
        kiosk.refresh();
        Ok(kiosk)
    }

    fn refresh(&mut self) {
        let Ok(version) = self.store.data_version() else {
            return;
        };
        if version == self.data_version {
            return;
        }
        self.data_version = version;
        if let Ok(services) = desk::catalog::services(&self.store) {
            self.services = services.into_iter().filter(|s| s.active).collect();
            self.selected = self.selected.min(self.services.len().saturating_sub(1));
        }
        self.contingency = desk::turns::contingency(&self.store).unwrap_or(false);
    }

    /// Back to the welcome screen, forgetting the last customer's input.
    fn reset(&mut self) {
        self.step = Step::Service;
        self.doc_input.clear();
        self.doc_type = 0;
        self.notice = None;
        self.issued = None;
        self.exit = None;
    }

    fn key(&mut self, key: KeyEvent) {
        // the public's keyboard: Ctrl+C does nothing; staff leave with F10 and their PIN
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return;
        }
        if key.code == KeyCode::F(10) {
            self.exit = Some(ExitPrompt::default());
            return;
        }
        if self.exit.is_some() {
            return self.on_exit_prompt(key.code);
        }
        match self.step {
            Step::Service => self.on_service(key.code),
            Step::Document => self.on_document(key.code),
            Step::Preferential => self.on_preferential(key.code),
            Step::Ticket => match key.code {
                KeyCode::Char('r') | KeyCode::Char('R') => self.print(),
                _ => self.reset(),
            },
        }
    }

    fn on_service(&mut self, code: KeyCode) {
        if self.contingency {
            return;
        }
        let n = self.services.len();
        match code {
            KeyCode::Up if n > 0 => self.selected = (self.selected + n - 1) % n,
            KeyCode::Down if n > 0 => self.selected = (self.selected + 1) % n,
            KeyCode::Enter if n > 0 => self.step = Step::Document,
            KeyCode::Char(c) => {
                let letter = c.to_ascii_uppercase().to_string();
                if let Some(i) = self.services.iter().position(|s| s.code == letter) {
                    self.selected = i;
                    self.step = Step::Document;
                }
            }
            _ => {}
        }
    }

    fn on_document(&mut self, code: KeyCode) {
        let types = ids::ALL.len();
        match code {
            KeyCode::Esc => self.reset(),
            KeyCode::Left => self.doc_type = (self.doc_type + types - 1) % types,
            KeyCode::Right | KeyCode::Tab => self.doc_type = (self.doc_type + 1) % types,
            KeyCode::Backspace => {
                self.doc_input.pop();
            }
            KeyCode::Char(c) if c.is_ascii_alphanumeric() && self.doc_input.len() < 20 => {
                self.doc_input.push(c.to_ascii_uppercase());
            }
            KeyCode::Enter => match self.document() {
                Ok(_) => {
                    self.notice = None;
                    self.step = Step::Preferential;
                }
                Err(msg) => self.notice = Some(msg),
            },
            _ => {}
        }
    }

    fn on_exit_prompt(&mut self, code: KeyCode) {
        let Some(p) = &mut self.exit else {
            return;
        };
        let field = if p.on_pin {
            &mut p.pin
        } else {
            &mut p.username
        };
        match code {
            KeyCode::Esc => self.exit = None,
            KeyCode::Tab | KeyCode::Down | KeyCode::Up => p.on_pin = !p.on_pin,
            KeyCode::Backspace => {
                field.pop();
            }
            KeyCode::Char(c) if field.chars().count() < 32 => field.push(c),
            KeyCode::Enter if !p.on_pin => p.on_pin = true,
            KeyCode::Enter => {
                let (user, pin) = (p.username.trim().to_lowercase(), p.pin.clone());
                let clock = self.clock.as_ref();
                match desk::users::login(&mut self.store, clock, &user, &pin) {
                    Ok(_) => self.quit = true,
                    Err(e) => {
                        p.pin.clear();
                        p.notice = Some(e.to_string());
                    }
                }
            }
            _ => {}
        }
    }

    /// The typed document, if any, validated.
    fn document(&self) -> std::result::Result<Option<ids::Document>, String> {
        if self.doc_input.is_empty() {
            return Ok(None);
        }
        ids::parse(ids::ALL[self.doc_type], &self.doc_input).map(|p| Some(p.document))
    }

    fn on_preferential(&mut self, code: KeyCode) {
        let reason = match code {
            KeyCode::Esc => return self.step = Step::Document,
            KeyCode::Enter | KeyCode::Char('0') => None,
            KeyCode::Char(c @ '1'..='5') => PreferentialReason::ALL
                .get(usize::from(c as u8 - b'1'))
                .copied(),
            _ => return,
        };
        self.issue(reason);
    }

    fn issue(&mut self, reason: Option<PreferentialReason>) {
        let Some(service) = self.services.get(self.selected).map(|s| s.code.clone()) else {
            return;
        };
        let actor = Actor {
            principal: "kiosco".into(),
            on_behalf: None,
            role: Role::Asesor,
        };
        let req = IssueRequest {
            service: &service,
            preferential: reason,
            granted_by: Some("autodeclarado en el quiosco"),
            document: self.document().ok().flatten(),
        };
        match desk::turns::issue(
            &mut self.store,
            self.clock.as_ref(),
            &actor,
            &self.config,
            &req,
        ) {
            Ok(issued) => {
                self.issued = Some((issued, Printed::ScreenOnly));
                self.step = Step::Ticket;
                self.print();
            }
            Err(err) => {
                self.notice = Some(err.to_string());
                self.step = Step::Service;
                self.data_version = -1;
                self.refresh();
            }
        }
    }

    /// Prints (or reprints) the current ticket; the turn is kept whatever happens.
    fn print(&mut self) {
        let Some((issued, printed)) = &mut self.issued else {
            return;
        };
        if self.printer == Target::None {
            *printed = Printed::ScreenOnly;
            return;
        }
        let ticket = Ticket::of(issued, &self.branch, self.config.utc_offset());
        let bytes = printer::ticket_bytes(&ticket, self.config.printing.paper());
        *printed = match printer::send(&self.printer, &bytes) {
            Ok(()) => Printed::Ok,
            Err(msg) => Printed::Failed(msg),
        };
    }

    fn tick(&mut self, now: DateTime<Utc>) {
        let idle = chrono::Duration::seconds(i64::from(self.config.kiosk.idle_seconds));
        if self.step != Step::Service && now - self.last_input >= idle {
            self.reset();
        }
        self.refresh();
    }
}

impl Mode for Kiosk {
    fn handle(&mut self, event: Event) {
        let now = self.clock.now();
        self.now = now.with_timezone(&self.config.utc_offset());
        match event {
            Event::Key(key) => {
                self.last_input = now;
                self.key(key);
            }
            Event::Mouse(m) => {
                let (w, h) = self.size.get();
                let area = ratatui::layout::Rect::new(0, 0, w, h);
                if let Some(c) = view::key_at(self, area, m.column, m.row) {
                    self.last_input = now;
                    self.key(KeyEvent::from(KeyCode::Char(c)));
                }
            }
            Event::Tick => self.tick(now),
            Event::Resize(..) => {}
        }
    }

    fn wants_mouse(&self) -> bool {
        true
    }

    fn render(&self, frame: &mut ratatui::Frame<'_>) {
        let area = frame.area();
        self.size.set((area.width, area.height));
        view::render(self, frame);
    }

    fn should_quit(&self) -> bool {
        self.quit
    }
}
