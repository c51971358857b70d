//! The PQRS workspace (`ventanilla pqrs`): the back office of procedure 3. Lists (mine, all,
//! waiting for signature) with filters, a PQRS's detail with its history, answer, deliveries,
//! attachments and work orders, and every lifecycle step as a key offered only when legal for
//! that PQRS and role, with a form for what it needs. The answer is written in a multi-line
//! editor started from the type's template; it is saved as a draft when the editor closes,
//! before any step and on quit, so nothing typed is lost.

mod answer;
mod keys;
mod steps;
mod view;
mod writes;

pub use steps::{KEYS, Key};

use super::Mode;
use super::app::{Notice, capitalize};
use super::event::Event;
use super::form::{Field, Form};
use crate::clock::Clock;
use crate::config::Config;
use crate::desk::{
    self, Actor,
    pqrs::{Detail, Filter, Line},
    users::User,
};
use crate::domain::pqrs::{Kind, Status};
use crate::store::Store;
use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Which PQRS the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Assigned to me, or to nobody yet.
    Mine,
    /// Every one (supervisors).
    All,
    /// Answers projected and waiting for the signing role.
    Approvals,
}

impl Scope {
    /// The Spanish name in the header.
    pub fn label(self) -> &'static str {
        match self {
            Scope::Mine => "mías",
            Scope::All => "todas",
            Scope::Approvals => "por firmar",
        }
    }
}

/// The list's filters besides the scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// One state; none: the open ones.
    pub status: Option<Status>,
    pub kind: Option<Kind>,
    pub area: Option<String>,
    /// At most this many business days left.
    pub due_within: Option<i64>,
    pub overdue: bool,
}

/// A form open over the screen, and what it is for.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// A step's form.
    Step(Key, Form),
    /// Go to a radicado (short ones accepted).
    GoTo(Form),
    /// Reassign the selected PQRS of the list.
    Reassign(String, Form),
    /// Every key of the workspace, what it does and when it is offered.
    Help,
    /// The answer editor of a PQRS; `saved` is the text as last saved.
    Editor {
        radicado: String,
        form: Form,
        saved: String,
    },
}

/// The mode's state.
pub struct PqrsDesk {
    store: Store,
    clock: Box<dyn Clock>,
    config: Config,
    pub login: Option<Form>,
    pub user: Option<User>,
    pub scope: Scope,
    pub filters: Filters,
    pub lines: Vec<Line>,
    /// How many the filter selects in all (the list reads the first [`LIST_LIMIT`]).
    pub total: usize,
    pub selected: usize,
    pub detail: Option<Box<Detail>>,
    /// First line of the detail shown.
    pub scroll: usize,
    pub overlay: Option<Overlay>,
    /// "¿Descartar lo escrito?" is asked over the form (Esc on a form holding input).
    pub discarding: bool,
    pub notice: Option<Notice>,
    pub now: DateTime<FixedOffset>,
    data_version: i64,
    quit: bool,
}

use super::form::staff_login as login_form;

/// Lines of the list read at most.
pub(crate) const LIST_LIMIT: u32 = 500;

impl PqrsDesk {
    /// The workspace on `store`, at its login.
    pub fn new(store: Store, clock: Box<dyn Clock>, config: Config) -> PqrsDesk {
        let now = clock.now().with_timezone(&config.utc_offset());
        PqrsDesk {
            store,
            clock,
            config,
            login: Some(login_form()),
            user: None,
            scope: Scope::Mine,
            filters: Filters::default(),
            lines: Vec::new(),
            total: 0,
            selected: 0,
            detail: None,
            scroll: 0,
            overlay: None,
            discarding: false,
            notice: None,
            now,
            data_version: -1,
            quit: false,
        }
    }

    /// The configuration (for the view).
    pub fn config(&self) -> &Config {
        &self.config
    }

    fn actor(&self) -> Option<Actor> {
        self.user.as_ref().map(Actor::staff)
    }

    fn today(&self) -> chrono::NaiveDate {
        self.now.date_naive()
    }

    fn is_signer(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role >= self.config.pqrs.signer())
    }

    fn is_supervisor(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role >= crate::domain::user::Role::Supervisor)
    }

    /// Re-reads the list (and the open detail) from the database.
    pub fn refresh(&mut self) {
        let Some(user) = &self.user else {
            return;
        };
        let f = &self.filters;
        let filter = Filter {
            status: match self.scope {
                Scope::Approvals => Some(Status::Proyectada),
                _ => f.status,
            },
            area: f.area.clone(),
            mine: (self.scope == Scope::Mine).then(|| user.username.clone()),
            overdue: f.overdue,
            due_within: f.due_within,
            limit: Some(LIST_LIMIT),
        };
        let today = self.today();
        let counted = desk::pqrs::count(
            &self.store,
            &self.config,
            today,
            &Filter {
                limit: None,
                ..filter.clone()
            },
        );
        self.total = counted.unwrap_or(0);
        match desk::pqrs::watch(&self.store, &self.config, today, &filter) {
            Ok(lines) => {
                self.lines = lines
                    .into_iter()
                    .filter(|l| f.kind.is_none_or(|k| l.row.kind == k))
                    .collect();
                self.selected = self.selected.min(self.lines.len().saturating_sub(1));
            }
            Err(e) => self.notice = Some(Notice::Error(capitalize(&e.to_string()))),
        }
        if let Some(r) = self.detail.as_ref().map(|d| d.pqrs.radicado.clone()) {
            self.open(&r);
        }
        self.data_version = self.store.data_version().unwrap_or(self.data_version);
    }

    fn open(&mut self, radicado: &str) {
        match desk::pqrs::show(&self.store, &self.config, self.today(), radicado) {
            Ok(d) => self.detail = Some(Box::new(d)),
            Err(e) => self.notice = Some(Notice::Error(capitalize(&e.to_string()))),
        }
    }

    fn try_login(&mut self) {
        let Some(form) = &mut self.login else {
            return;
        };
        if form.focus == 0 {
            form.focus = 1;
            return;
        }
        let username = form.value(0).trim().to_lowercase();
        let pin = form.value(1).to_string();
        match desk::users::login(&mut self.store, self.clock.as_ref(), &username, &pin) {
            Ok(u) => {
                self.notice = Some(Notice::Info(format!("Bienvenido(a), {}.", u.name)));
                self.scope = if u.role >= self.config.pqrs.signer() {
                    Scope::Approvals
                } else {
                    Scope::Mine
                };
                self.user = Some(u);
                self.login = None;
                self.refresh();
            }
            Err(e) => {
                form.clear(1);
                form.focus = 1;
                self.notice = Some(Notice::Error(capitalize(&e.to_string())));
            }
        }
    }
}

impl Mode for PqrsDesk {
    fn handle(&mut self, event: Event) {
        self.now = self.clock.now().with_timezone(&self.config.utc_offset());
        match event {
            Event::Key(k) => self.key(k),
            Event::Tick => {
                let version = self.store.data_version().unwrap_or(self.data_version);
                if version != self.data_version && self.overlay.is_none() {
                    self.refresh();
                }
            }
            Event::Resize(..) | Event::Mouse(_) => {}
        }
    }

    fn render(&self, frame: &mut ratatui::Frame<'_>) {
        view::render(self, frame);
    }

    fn should_quit(&self) -> bool {
        self.quit
    }
}

impl Drop for PqrsDesk {
    /// Whatever way the mode ends, the answer being written is kept as a draft.
    fn drop(&mut self) {
        self.save_editor();
    }
}
