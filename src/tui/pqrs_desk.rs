//! The PQRS workspace (`ventanilla pqrs`): the back office of procedure 3. Lists (mine, all,
//! waiting for signature) with filters, a PQRS's detail with its history, answer, deliveries,
//! attachments and work orders, and every lifecycle step as a key offered only when legal for
//! that PQRS and role, with a form for what it needs. The answer is written in a multi-line
//! editor started from the type's template; it is saved as a draft when the editor closes,
//! before any step and on quit, so nothing typed is lost.

mod steps;
mod view;

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

    /// Saves the editor's text as a draft when it changed; keeps the editor open.
    fn save_editor(&mut self) -> bool {
        let Some(actor) = self.actor() else {
            return false;
        };
        let Some(Overlay::Editor {
            radicado,
            form,
            saved,
        }) = &mut self.overlay
        else {
            return true;
        };
        let text = form.fields[0].all_lines();
        if text.trim_end() == saved.trim_end() || text.trim().is_empty() {
            return true;
        }
        match desk::pqrs::save_answer(
            &mut self.store,
            self.clock.as_ref(),
            &actor,
            radicado,
            &text,
        ) {
            Ok(a) => {
                *saved = text;
                self.notice = Some(Notice::Info(format!(
                    "Borrador guardado (versión {}).",
                    a.version
                )));
                true
            }
            Err(e) => {
                self.notice = Some(Notice::Error(capitalize(&e.to_string())));
                false
            }
        }
    }

    fn open_editor(&mut self) {
        let Some(d) = &self.detail else {
            return;
        };
        let text = d.answers.last().map(|a| a.body.clone()).unwrap_or_else(|| {
            self.config
                .letters
                .bodies
                .get(d.pqrs.kind.code())
                .cloned()
                .unwrap_or_default()
        });
        let saved = d.answers.last().map(|a| a.body.clone()).unwrap_or_default();
        self.notice = None;
        let mut field = Field::multiline("Respuesta", &text, 12);
        // the editor wraps at words (long words at any character)
        field
            .input
            .set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        self.overlay = Some(Overlay::Editor {
            radicado: d.pqrs.radicado.clone(),
            form: Form::new(vec![field]),
            saved,
        });
    }

    /// A step key in the detail: refused with the lifecycle's reason when not offered.
    fn step_key(&mut self, key: Key) {
        let (Some(d), Some(user)) = (&self.detail, &self.user) else {
            return;
        };
        if !steps::offered(key, d, user.role, &self.config) {
            let why = match key {
                Key::Step(step) => {
                    match crate::domain::pqrs::next_for(d.pqrs.kind, d.pqrs.status, step) {
                        Err(why) => why,
                        Ok(_) if step == crate::domain::pqrs::Step::Assign => {
                            "reasignar PQRS es de un supervisor; pídale que se la reasigne".into()
                        }
                        Ok(_) => format!(
                            "«{}» lo hace el rol {}",
                            step.label(),
                            self.config.pqrs.signer()
                        ),
                    }
                }
                _ => format!(
                    "no aplica a una PQRS {}; {}",
                    d.pqrs.status.label(),
                    crate::domain::pqrs::what_next(d.pqrs.kind, d.pqrs.status)
                ),
            };
            self.notice = Some(Notice::Error(capitalize(&why)));
            return;
        }
        if key == Key::Write {
            self.open_editor();
            return;
        }
        match steps::form_for(key, d, &self.config) {
            Some(form) => {
                self.notice = None;
                self.overlay = Some(Overlay::Step(key, form));
            }
            None => self.run(key, None),
        }
    }

    /// Runs `key` (with its form) through the desk; a refusal keeps the form and its values.
    fn run(&mut self, key: Key, form: Option<Form>) {
        let (Some(actor), Some(d)) = (self.actor(), &self.detail) else {
            return;
        };
        let radicado = d.pqrs.radicado.clone();
        let request = steps::request(key, form.as_ref(), d.pqrs.kind);
        let (store, clock, config) = (&mut self.store, self.clock.as_ref(), &self.config);
        let result = request
            .map_err(crate::error::Error::Refused)
            .and_then(|r| match r {
                steps::Request::Step(action) => {
                    desk::pqrs::step(store, clock, &actor, config, &radicado, action)
                        .map(|p| format!("PQRS {}: {}.", p.radicado, p.status.label()))
                }
                steps::Request::Deliver(input) => {
                    desk::pqrs::record_delivery(store, clock, &actor, config, &radicado, &input)
                        .map(|x| format!("{} registrada.", x.letter.label()))
                }
                steps::Request::NewOrder { area, description } => desk::pqrs::new_work_order(
                    store,
                    clock,
                    &actor,
                    config,
                    &radicado,
                    &area,
                    &description,
                )
                .map(|w| format!("Orden de trabajo #{} para {}.", w.id, w.area)),
                steps::Request::CloseOrder { id, result } => {
                    desk::pqrs::close_work_order(store, clock, &actor, id, &result)
                        .map(|w| format!("Orden de trabajo #{} cerrada.", w.id))
                }
                steps::Request::Attach(path) => desk::attachments::attach(
                    store,
                    clock,
                    &actor,
                    config,
                    crate::domain::attachment::Owner::Pqrs,
                    &radicado,
                    &path,
                )
                .map(|a| {
                    format!(
                        "Adjunto #{} {} guardado (SHA-256 {}).",
                        a.id, a.name, a.sha256
                    )
                }),
                steps::Request::Letter(which, path) => {
                    write_letter(store, clock, config, &radicado, which, &path)
                }
            });
        match result {
            Ok(message) => {
                self.overlay = None;
                self.notice = Some(Notice::Info(message));
                self.refresh();
            }
            Err(e) => {
                desk::audit::denied(&mut self.store, self.clock.as_ref(), &e);
                self.notice = Some(Notice::Error(capitalize(&e.to_string())));
                if let Some(form) = form {
                    self.overlay = Some(Overlay::Step(key, form));
                }
            }
        }
    }

    fn submit_overlay(&mut self) {
        match self.overlay.take() {
            Some(Overlay::Step(key, mut form)) => {
                if !form.on_last() {
                    form.move_focus(1);
                    self.overlay = Some(Overlay::Step(key, form));
                    return;
                }
                form.move_focus(0);
                self.run(key, Some(form));
            }
            Some(Overlay::GoTo(form)) => {
                let r = form.value(0).trim().to_string();
                self.open(&r);
                if self.detail.is_some() {
                    self.scroll = 0;
                } else {
                    self.overlay = Some(Overlay::GoTo(form));
                }
            }
            Some(Overlay::Reassign(radicado, mut form)) => {
                if !form.on_last() {
                    form.move_focus(1);
                    self.overlay = Some(Overlay::Reassign(radicado, form));
                    return;
                }
                form.move_focus(0);
                self.reassign(radicado, form);
            }
            other => self.overlay = other,
        }
    }

    fn reassign(&mut self, radicado: String, form: Form) {
        let Some(actor) = self.actor() else {
            return;
        };
        let user = form.value(1).trim().to_string();
        let action = desk::pqrs::Action::Assign {
            area: form.value(0).trim().to_string(),
            user: (!user.is_empty()).then_some(user),
        };
        match desk::pqrs::step(
            &mut self.store,
            self.clock.as_ref(),
            &actor,
            &self.config,
            &radicado,
            action,
        ) {
            Ok(p) => {
                self.notice = Some(Notice::Info(format!(
                    "PQRS {} asignada a {}{}.",
                    p.radicado,
                    p.area,
                    p.assignee.map(|u| format!(" · {u}")).unwrap_or_default()
                )));
                self.refresh();
            }
            Err(e) => {
                desk::audit::denied(&mut self.store, self.clock.as_ref(), &e);
                self.notice = Some(Notice::Error(capitalize(&e.to_string())));
                self.overlay = Some(Overlay::Reassign(radicado, form));
            }
        }
    }

    fn overlay_key(&mut self, k: KeyEvent) {
        if matches!(self.overlay, Some(Overlay::Help)) {
            self.overlay = None;
            return;
        }
        let editor = matches!(self.overlay, Some(Overlay::Editor { .. }));
        if editor {
            match k.code {
                KeyCode::Esc => {
                    if self.save_editor() {
                        self.overlay = None;
                        self.refresh();
                    }
                }
                KeyCode::Char('s') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.save_editor();
                    self.refresh();
                }
                _ => {
                    if let Some(Overlay::Editor { form, .. }) = &mut self.overlay {
                        form.edit(k);
                    }
                }
            }
            return;
        }
        if self.discarding {
            if let Some(discard) = super::keymap::discard_answer(k) {
                self.discarding = false;
                if discard {
                    self.overlay = None;
                }
            }
            return;
        }
        let form = match &mut self.overlay {
            Some(Overlay::Step(_, f) | Overlay::GoTo(f) | Overlay::Reassign(_, f)) => f,
            _ => return,
        };
        // a picker field: the list's keys move its highlight (Tab changes field)
        let plain = !k
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if let Some(field) = form
            .focused_mut()
            .filter(|f| !f.options.is_empty() && plain)
            && !matches!(k.code, KeyCode::Home | KeyCode::End)
            && let Some(step) = crate::tui::widgets::list::step_for(k)
        {
            field.pick_move(step);
            return;
        }
        match k.code {
            KeyCode::Enter if !k.modifiers.contains(KeyModifiers::ALT) => self.submit_overlay(),
            KeyCode::Esc if form.changed() => self.discarding = true,
            KeyCode::Esc => self.overlay = None,
            KeyCode::Tab | KeyCode::Down => form.move_focus(1),
            KeyCode::BackTab | KeyCode::Up => form.move_focus(-1),
            _ => form.edit(k),
        }
    }

    fn cycle<T: Clone + PartialEq>(current: &Option<T>, all: &[T]) -> Option<T> {
        match current {
            None => all.first().cloned(),
            Some(c) => {
                let i = all.iter().position(|x| x == c).map_or(0, |i| i + 1);
                all.get(i).cloned()
            }
        }
    }

    fn list_key(&mut self, k: KeyEvent) {
        if let Some(step) = crate::tui::widgets::list::step_for(k) {
            self.selected = step.from(self.selected, self.lines.len());
            return;
        }
        match k.code {
            KeyCode::Enter => {
                if let Some(r) = self
                    .lines
                    .get(self.selected)
                    .map(|l| l.row.radicado.clone())
                {
                    self.scroll = 0;
                    self.open(&r);
                }
            }
            KeyCode::Tab => {
                self.scope = match self.scope {
                    Scope::Mine if self.is_supervisor() => Scope::All,
                    Scope::Mine | Scope::All if self.is_signer() => Scope::Approvals,
                    _ => Scope::Mine,
                };
                self.selected = 0;
                self.refresh();
            }
            KeyCode::Char('e') => {
                self.filters.status = Self::cycle(&self.filters.status, Status::ALL);
                self.refresh();
            }
            KeyCode::Char('t') => {
                self.filters.kind = Self::cycle(&self.filters.kind, Kind::ALL);
                self.refresh();
            }
            KeyCode::Char('a') => {
                self.filters.area = Self::cycle(&self.filters.area, &self.config.pqrs.areas);
                self.refresh();
            }
            KeyCode::Char('d') => {
                self.filters.due_within = Self::cycle(&self.filters.due_within, &[3, 5, 10]);
                self.refresh();
            }
            KeyCode::Char('v') => {
                self.filters.overdue = !self.filters.overdue;
                self.refresh();
            }
            KeyCode::Char('g') => {
                self.overlay = Some(Overlay::GoTo(Form::new(vec![Field::text(
                    "Radicado (o 000021)",
                    "",
                )])));
            }
            KeyCode::Char('r') => self.start_reassign(),
            KeyCode::Char('?') => self.overlay = Some(Overlay::Help),
            KeyCode::Char('q') => self.quit = true,
            _ => {}
        }
    }

    fn start_reassign(&mut self) {
        if !self.is_supervisor() {
            self.notice = Some(Notice::Error(
                "Reasignar PQRS es de un supervisor; pídaselo a uno.".into(),
            ));
            return;
        }
        let Some(l) = self.lines.get(self.selected) else {
            return;
        };
        let form = Form::new(vec![
            Field::text("Área", &l.row.area).with_options(self.config.pqrs.areas.clone()),
            Field::text("Usuario", l.row.assignee.as_deref().unwrap_or("")),
        ]);
        self.overlay = Some(Overlay::Reassign(l.row.radicado.clone(), form));
    }

    fn detail_key(&mut self, k: KeyEvent) {
        match k.code {
            KeyCode::Esc => {
                self.detail = None;
                self.refresh();
            }
            KeyCode::Down => self.scroll = self.scroll.saturating_add(1),
            KeyCode::Up => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::PageDown => self.scroll = self.scroll.saturating_add(10),
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(10),
            KeyCode::Char('q') => self.quit = true,
            KeyCode::Char('?') => self.overlay = Some(Overlay::Help),
            KeyCode::Char(c) => {
                if let Some(key) = steps::key_of(c) {
                    self.step_key(key);
                }
            }
            _ => {}
        }
    }

    /// Quits, saving the answer being written first.
    fn quit_saving(&mut self) {
        self.save_editor();
        self.quit = true;
    }

    fn key(&mut self, k: KeyEvent) {
        if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') {
            self.quit_saving();
            return;
        }
        if let Some(form) = &mut self.login {
            match k.code {
                KeyCode::Enter => self.try_login(),
                KeyCode::Esc => self.quit = true,
                KeyCode::Tab | KeyCode::Down | KeyCode::BackTab | KeyCode::Up => form.move_focus(1),
                _ => form.edit(k),
            }
            return;
        }
        if self.overlay.is_some() {
            self.overlay_key(k);
        } else if self.detail.is_some() {
            self.detail_key(k);
        } else {
            self.list_key(k);
        }
    }
}

/// Writes the PDF of a decision's letter to a new owner-only file at `path`.
fn write_letter(
    store: &Store,
    clock: &dyn Clock,
    config: &Config,
    radicado: &str,
    which: crate::domain::request::Letter,
    path: &std::path::Path,
) -> crate::error::Result<String> {
    let today = clock.now().with_timezone(&config.utc_offset()).date_naive();
    let (title, blocks) = desk::pqrs::letter(store, config, today, radicado, which)?;
    crate::files::write_new_private(path, &crate::pdf::letter(&title, &blocks)).map_err(|e| {
        crate::error::Error::refused(format!(
            "archivo: no se puede escribir {}: {e} (no se sobrescribe un archivo existente)",
            path.display()
        ))
    })?;
    Ok(format!("{title}: {}", path.display()))
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
