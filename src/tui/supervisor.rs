//! Supervisor mode: the day's queue live, indicators, PQRS deadlines by area and charts; with
//! the supervisor's actions (a window's services, manual contingency, reassigning a PQRS).
//! Opens behind a login that only a supervisor or administrator passes.

mod keys;
mod sync_line;
mod view;
mod windows;

pub use view::{MIN, QUEUE_COLUMNS};

use super::Mode;
use super::app::{Notice, capitalize};
use super::event::Event;
use super::form::{Field, Form};
use crate::clock::Clock;
use crate::config::Config;
use crate::desk::{self, Actor, pqrs::Action, reports::Live, users::User};
use crate::domain::user::Role;
use crate::error::Result;
use crate::store::Store;
use chrono::{DateTime, Duration, FixedOffset, Utc};

/// The two views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Every turn of the day.
    Fila,
    /// Per service and advisor, satisfaction, PQRS, charts.
    Indicadores,
    /// Each window: who is there and what they are doing now.
    Ventanillas,
}

/// Which turns the live table shows.
pub const FILTERS: [(&str, &[&str]); 6] = [
    ("todos", &[]),
    ("en espera", &["waiting"]),
    (
        "llamados y en atención",
        &["called", "in_attention", "parked"],
    ),
    ("atendidos", &["finished"]),
    ("no se presentó", &["no_show"]),
    ("cancelados y vencidos", &["cancelled", "expired"]),
];

/// How the live table is sorted.
pub const SORTS: [&str; 4] = ["llegada", "espera", "servicio", "ventanilla"];

/// A supervisor's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Change which services a window calls.
    Window,
    /// Reassign a PQRS to an area and person.
    Reassign,
}

/// The mode's state.
pub struct Supervisor {
    store: Store,
    clock: Box<dyn Clock>,
    config: Config,
    /// The login form while nobody is logged in.
    pub login: Option<Form>,
    pub user: Option<User>,
    pub tab: Tab,
    pub live: Option<Box<Live>>,
    /// The map of windows (refreshed with the live view).
    pub windows: Vec<desk::window_map::WindowState>,
    pub filter: usize,
    pub sort: usize,
    /// The selected row of the live queue (after the filter and sort).
    pub selected: usize,
    pub form: Option<(FormKind, Form)>,
    /// "¿Descartar lo escrito?" is asked over the form (Esc on a form holding input).
    pub discarding: bool,
    pub notice: Option<Notice>,
    /// The branch's sync with the central server, as the branch last recorded it.
    pub sync: Option<crate::store::sync::Status>,
    pub now: DateTime<FixedOffset>,
    data_version: i64,
    refreshed: Option<DateTime<Utc>>,
    quit: bool,
}

use super::form::staff_login as login_form;

/// Seconds after which the screen is re-read even if nothing was written (waits grow).
const REFRESH_SECONDS: i64 = 5;

impl Supervisor {
    /// The mode on `store`, at its login.
    pub fn new(store: Store, clock: Box<dyn Clock>, config: Config) -> Supervisor {
        let now = clock.now().with_timezone(&config.utc_offset());
        Supervisor {
            store,
            clock,
            config,
            login: Some(login_form()),
            user: None,
            tab: Tab::Fila,
            live: None,
            windows: Vec::new(),
            filter: 0,
            sort: 0,
            selected: 0,
            form: None,
            discarding: false,
            notice: None,
            sync: None,
            now,
            data_version: -1,
            refreshed: None,
            quit: false,
        }
    }

    /// The live turns after the filter and sort.
    pub fn rows(&self) -> Vec<&crate::store::reports::LiveTurn> {
        let Some(live) = &self.live else {
            return Vec::new();
        };
        let wanted = FILTERS[self.filter].1;
        let mut rows: Vec<_> = live
            .turns
            .iter()
            .filter(|t| wanted.is_empty() || wanted.contains(&t.status.as_str()))
            .collect();
        match SORTS[self.sort] {
            "espera" => rows.sort_by(|a, b| b.waited.total_cmp(&a.waited)),
            "servicio" => rows.sort_by(|a, b| a.service.cmp(&b.service)),
            "ventanilla" => rows.sort_by_key(|t| t.window.unwrap_or(u32::MAX)),
            _ => {}
        }
        rows
    }

    /// The satisfaction target (percent).
    pub fn satisfaction_target(&self) -> u32 {
        self.config.rating.satisfaction_target
    }

    /// Whether the configuration names a central server.
    pub fn central_configured(&self) -> bool {
        self.config.central.url.is_some()
    }

    /// The wait alert threshold (minutes).
    pub fn alert_minutes(&self) -> u32 {
        self.config.indicators.wait_alert_minutes
    }

    /// Re-reads everything when another process wrote, or every few seconds.
    pub fn refresh(&mut self, force: bool) {
        if self.user.is_none() {
            return;
        }
        let now = self.clock.now();
        let version = self.store.data_version().unwrap_or(self.data_version);
        let stale = self
            .refreshed
            .is_none_or(|t| now - t >= Duration::seconds(REFRESH_SECONDS));
        if !force && version == self.data_version && !stale {
            return;
        }
        match desk::reports::live(&self.store, &self.config, now) {
            Ok(live) => self.live = Some(Box::new(live)),
            Err(e) => self.notice = Some(Notice::Error(e.to_string())),
        }
        match desk::window_map::window_map(&self.store, &self.config, now) {
            Ok(map) => self.windows = map,
            Err(e) => self.notice = Some(Notice::Error(e.to_string())),
        }
        self.sync = crate::store::sync::status(self.store.conn()).ok();
        self.data_version = version;
        self.refreshed = Some(now);
    }

    /// Back to the login form when the logged-in user was disabled meanwhile.
    fn end_if_disabled(&mut self) {
        let Some(username) = self.user.as_ref().map(|u| u.username.clone()) else {
            return;
        };
        if let Ok(Some(reason)) =
            desk::users::end_if_disabled(&mut self.store, self.clock.as_ref(), &username)
        {
            self.user = None;
            self.live = None;
            self.form = None;
            self.login = Some(login_form());
            self.notice = Some(Notice::Error(reason));
        }
    }

    fn actor(&self) -> Option<Actor> {
        self.user.as_ref().map(Actor::staff)
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
            Ok(u) if u.role >= Role::Supervisor => {
                self.notice = Some(Notice::Info(format!("Bienvenido(a), {}.", u.name)));
                self.user = Some(u);
                self.login = None;
                self.refresh(true);
            }
            Ok(u) => {
                form.clear(1);
                self.notice = Some(Notice::Error(format!(
                    "El modo supervisor requiere el rol supervisor (usted es {}).",
                    u.role
                )));
            }
            Err(e) => {
                form.clear(1);
                form.focus = 1;
                self.notice = Some(Notice::Error(capitalize(&e.to_string())));
            }
        }
    }

    fn open_form(&mut self, kind: FormKind) {
        let services = self
            .config
            .services
            .iter()
            .map(|s| format!("{} · {}", s.code, s.name))
            .collect();
        let windows = desk::catalog::windows(&self.store)
            .map(|ws| ws.iter().map(|w| w.number.to_string()).collect())
            .unwrap_or_default();
        let fields = match kind {
            FormKind::Window => vec![
                Field::text("Ventanilla", "").with_options(windows),
                Field::text("Servicios (en orden)", "")
                    .with_options(services)
                    .multi(),
            ],
            FormKind::Reassign => vec![
                Field::text("Radicado", ""),
                Field::text("Área", "").with_options(self.config.pqrs.areas.clone()),
                // free text: staff usernames are not a closed set of the public vocabulary,
                // and the desk refuses one that does not exist or cannot take the PQRS
                Field::text("Usuario", ""),
            ],
        };
        self.form = Some((kind, Form::new(fields)));
        self.notice = None;
    }

    fn submit_form(&mut self) {
        let Some(actor) = self.actor() else {
            return;
        };
        let Some((kind, form)) = &mut self.form else {
            return;
        };
        if !form.on_last() {
            form.move_focus(1);
            return;
        }
        let (store, clock, config) = (&mut self.store, self.clock.as_ref(), &self.config);
        let result = match kind {
            FormKind::Window => match form.value(0).trim().parse::<u32>() {
                Ok(n) => {
                    let services: Vec<String> = form.fields[1]
                        .chosen()
                        .iter()
                        .map(|s| s.split(" · ").next().unwrap_or("").to_string())
                        .collect();
                    desk::catalog::set_window(store, clock, &actor, n, &services)
                        .map(|()| format!("La ventanilla {n} llama ahora {}.", services.join(", ")))
                }
                Err(_) => Err(crate::error::Error::refused(
                    "ventanilla: escriba su número",
                )),
            },
            FormKind::Reassign => {
                let user = form.value(2).trim();
                desk::pqrs::step(
                    store,
                    clock,
                    &actor,
                    config,
                    form.value(0),
                    Action::Assign {
                        area: form.value(1).trim().to_string(),
                        user: (!user.is_empty()).then(|| user.to_string()),
                    },
                )
                .map(|p| format!("PQRS {} asignada a {}.", p.radicado, p.area))
            }
        };
        match result {
            Ok(message) => {
                self.form = None;
                self.notice = Some(Notice::Info(message));
                self.refresh(true);
            }
            Err(e) => {
                desk::audit::denied(&mut self.store, self.clock.as_ref(), &e);
                self.notice = Some(Notice::Error(capitalize(&e.to_string())));
            }
        }
    }

    fn toggle_contingency(&mut self) {
        let Some(actor) = self.actor() else {
            return;
        };
        let on = !self.live.as_ref().is_some_and(|l| l.contingency);
        match desk::turns::set_contingency(&mut self.store, self.clock.as_ref(), &actor, on) {
            Ok(()) => {
                self.notice = Some(Notice::Info(if on {
                    "Contingencia manual activada: las ventanillas registran fichas de papel."
                        .into()
                } else {
                    "Contingencia manual desactivada.".into()
                }));
                self.refresh(true);
            }
            Err(e) => self.notice = Some(Notice::Error(capitalize(&e.to_string()))),
        }
    }
}

impl Mode for Supervisor {
    fn handle(&mut self, event: Event) {
        self.now = self.clock.now().with_timezone(&self.config.utc_offset());
        match event {
            Event::Key(k) => self.key(k),
            Event::Tick => {
                self.end_if_disabled();
                self.refresh(false);
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

/// Opens supervisor mode (for `commands`).
pub fn open(store: Store, clock: Box<dyn Clock>, config: Config) -> Result<Supervisor> {
    Ok(Supervisor::new(store, clock, config))
}
