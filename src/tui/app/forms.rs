//! The first-run setup and login forms: their fields and the checks made before any write.

use super::{
    App, ConsoleState, Intent, LoginState, Notice, Overlay, Screen, SetupState, capitalize,
};
use crate::config::Config;
use crate::desk;
use crate::desk::setup::Init;
use crate::desk::users::NewStaff;
use crate::domain::branch;
use crate::domain::user::Role;
use crate::error::Error;
use crate::tui::action::Pane;
use crate::tui::form::{Field, Form};
use crate::tui::text;

/// Checks each setup field in order; the first problem focuses its field. Values are kept.
fn setup_problem(f: &Form, min_pin: usize) -> Option<(usize, String)> {
    use crate::domain::user::{check_pin, check_username};
    let checks: [(usize, std::result::Result<(), String>); 5] = [
        (
            0,
            nonempty(f.value(0), "el nombre de la sede no puede estar vacío"),
        ),
        (
            1,
            desk::setup::validate_branch("x", &f.value(1).trim().to_uppercase())
                .map_err(|e| e.to_string()),
        ),
        (2, check_username(f.value(2).trim())),
        (
            3,
            nonempty(f.value(3), "el nombre completo no puede estar vacío"),
        ),
        (4, check_pin(f.value(4), min_pin)),
    ];
    if let Some((i, Err(msg))) = checks.into_iter().find(|(_, r)| r.is_err()) {
        return Some((i, msg));
    }
    (f.value(4) != f.value(5)).then(|| (4, text::SETUP_PIN_MISMATCH.to_string()))
}

fn nonempty(value: &str, msg: &str) -> std::result::Result<(), String> {
    if value.trim().is_empty() {
        Err(msg.to_string())
    } else {
        Ok(())
    }
}

pub(super) fn setup_intent(s: &mut SetupState, min_pin: usize) -> Option<Intent> {
    if let Some((field, msg)) = setup_problem(&s.form, min_pin) {
        if field == 4 {
            s.form.clear(4);
            s.form.clear(5);
        }
        s.form.focus = field;
        s.notice = Some(Notice::Error(capitalize(&msg)));
        return None;
    }
    let f = &s.form;
    Some(Intent::Setup {
        branch: f.value(0).trim().to_string(),
        code: f.value(1).trim().to_uppercase(),
        username: f.value(2).trim().to_string(),
        name: f.value(3).trim().to_string(),
        pin: f.value(4).to_string(),
    })
}

pub(super) fn setup_state(config: &Config) -> SetupState {
    let name = &config.branch.name;
    let code = if branch::valid_code(&config.branch.code) {
        config.branch.code.clone()
    } else {
        branch::suggest_code(name)
    };
    SetupState {
        form: Form::new(vec![
            Field::text(text::SETUP_BRANCH, name),
            Field::text(text::SETUP_CODE, &code),
            Field::text(text::SETUP_ADMIN, ""),
            Field::text(text::SETUP_ADMIN_NAME, ""),
            Field::secret(text::SETUP_PIN),
            Field::secret(text::SETUP_PIN2),
        ]),
        notice: None,
    }
}

/// The login form; `windows`, when the window is asked, are the branch's active windows to
/// pick from. The user field stays free text: usernames are not a closed set a login screen
/// may show to whoever stands at the station (listing them would hand out half a credential).
pub(super) fn login_state(windows: Option<Vec<String>>) -> LoginState {
    let mut fields = vec![
        Field::text(text::LOGIN_USER, ""),
        Field::secret(text::LOGIN_PIN),
    ];
    if let Some(windows) = windows {
        fields.push(
            Field::text(text::LOGIN_WINDOW, "")
                .with_options(windows)
                .required(),
        );
    }
    LoginState {
        form: Form::new(fields),
        notice: None,
        takeover: None,
    }
}

impl App {
    /// The login screen's state: when the window is asked, a picker of the branch's active
    /// windows (a window that cannot be read leaves the field free, and the login checks it).
    pub(super) fn login_screen(&self) -> LoginState {
        let windows = self.asking_window.then(|| {
            desk::catalog::windows(&self.store)
                .map(|ws| {
                    ws.iter()
                        .filter(|w| w.active)
                        .map(|w| w.number.to_string())
                        .collect()
                })
                .unwrap_or_default()
        });
        login_state(windows)
    }

    /// Creates the branch and its first administrator, then shows the login screen.
    pub(super) fn apply_setup(
        &mut self,
        branch: &str,
        code: &str,
        username: &str,
        name: &str,
        pin: &str,
    ) {
        let req = Init {
            branch_name: branch,
            branch_code: code,
            admin: NewStaff {
                username,
                name,
                role: Role::Administrador,
                pin,
            },
        };
        let actor = desk::Actor {
            principal: username.to_string(),
            on_behalf: None,
            role: Role::Administrador,
        };
        let result = desk::setup::init(
            &mut self.store,
            self.clock.as_ref(),
            &actor,
            &self.config,
            &req,
        )
        .and_then(|()| desk::setup::branch_info(&self.store));
        match result {
            Ok(info) => {
                self.branch = info;
                let mut login = self.login_screen();
                login.form.fields[0] = Field::text(text::LOGIN_USER, username);
                login.form.focus = 1;
                login.notice = Some(Notice::Info(format!(
                    "Sede creada. Ingrese como {username}."
                )));
                self.screen = Screen::Login(login);
            }
            Err(err) => self.setup_error(&err),
        }
    }

    /// Checks the login form's user and PIN (and the window typed); opens the console.
    pub(super) fn apply_login(
        &mut self,
        username: &str,
        pin: &str,
        window: Option<u32>,
        takeover: bool,
    ) {
        if let Some(n) = window {
            if let Err(message) = self.known_window(n) {
                if let Screen::Login(l) = &mut self.screen {
                    l.form.focus = 2;
                    l.notice = Some(Notice::Error(message));
                }
                return;
            }
            self.window = n;
        }
        let logged = desk::users::login(&mut self.store, self.clock.as_ref(), username, pin);
        let claimed = logged.and_then(|user| {
            let actor = desk::Actor::staff(&user);
            let (store, clock) = (&mut self.store, self.clock.as_ref());
            match desk::claims::claim(store, clock, &actor, &self.config, self.window, takeover) {
                Ok(outcome) => Ok((user, outcome)),
                Err(err) => Err((err, user.role >= Role::Supervisor)),
            }
            .map_err(|(err, may_take)| {
                if let (true, Screen::Login(l)) = (may_take, &mut self.screen) {
                    l.takeover = Some(username.to_string());
                }
                err
            })
        });
        let takeover_offer = desk::claims::holder(&self.store, self.window)
            .ok()
            .flatten()
            .filter(|c| c.username != username)
            .map(|c| {
                format!(
                    "La ventanilla {} está abierta en la consola de {} desde {}. Pulse Enter otra vez para tomarla (queda en la auditoría).",
                    c.window,
                    c.username,
                    crate::localtime::human_stamp(&c.since, self.config.utc_offset())
                )
            });
        match claimed {
            Ok((user, outcome)) => {
                let greeting = format!("{}, {}.", text::WELCOME, user.name);
                let notice = Some(Notice::Info(match outcome {
                    desk::claims::Claimed::Free => greeting,
                    desk::claims::Claimed::TakenOver(from) => format!(
                        "{greeting} Tomó la ventanilla {} que tenía {from} (queda en la auditoría).",
                        self.window
                    ),
                }));
                self.screen = Screen::Console(ConsoleState {
                    user,
                    focus: Pane::Turnos,
                    notice,
                });
                self.refresh_queue();
                self.signed_in();
            }
            Err(err) => {
                if let Screen::Login(l) = &mut self.screen {
                    let message = capitalize(&err.to_string());
                    if l.takeover.as_deref() == Some(username) {
                        // the PIN was right: keep it, a second Enter takes the window
                        l.notice = Some(Notice::Error(takeover_offer.unwrap_or(message)));
                    } else {
                        l.form.clear(1);
                        l.form.focus = 1;
                        l.notice = Some(Notice::Error(message));
                    }
                }
            }
        }
    }

    /// Records that the advisor is available at this window (the start of the day's times);
    /// an advisor who paused before a restart stays paused.
    fn signed_in(&mut self) {
        use crate::domain::advisor::State;
        let Screen::Console(c) = &self.screen else {
            return;
        };
        let (actor, user) = (desk::Actor::staff(&c.user), c.user.username.clone());
        let now = self.clock.now();
        let (store, clock, config) = (&mut self.store, self.clock.as_ref(), &self.config);
        let result =
            desk::advisors::current(store, config, now, &user).and_then(|(state, reason)| {
                if state == State::Paused {
                    self.away = Some(reason);
                    return Ok(());
                }
                desk::advisors::set_state(
                    store,
                    clock,
                    &actor,
                    config,
                    Some(self.window),
                    State::Available,
                    "",
                )
            });
        if let Err(err) = result {
            self.notify(Notice::Error(capitalize(&err.to_string())));
        }
    }

    /// Frees this console's window (on quitting).
    pub(super) fn release_window(&mut self) {
        if let Screen::Console(c) = &self.screen {
            let actor = desk::Actor::staff(&c.user);
            let released =
                desk::claims::release(&mut self.store, self.clock.as_ref(), &actor, self.window);
            if let Err(err) = released {
                self.notify(Notice::Error(capitalize(&err.to_string())));
            }
        }
    }

    /// Checks the PIN of the locked console's user.
    pub(super) fn apply_unlock(&mut self, pin: &str) {
        let Screen::Console(c) = &self.screen else {
            return;
        };
        let username = c.user.username.clone();
        match desk::users::login(&mut self.store, self.clock.as_ref(), &username, pin) {
            Ok(_) => {
                if let Some(Overlay::Locked { under, .. }) = self.overlay.take() {
                    self.overlay = under.map(|o| *o);
                }
            }
            Err(err) => {
                if let Some(Overlay::Locked { form, notice, .. }) = &mut self.overlay {
                    form.clear(0);
                    *notice = Some(Notice::Error(capitalize(&err.to_string())));
                }
            }
        }
    }

    /// Whether window `n` exists and is active; else the Spanish refusal listing them.
    fn known_window(&self, n: u32) -> std::result::Result<(), String> {
        let windows = crate::store::catalog::windows(self.store.conn()).unwrap_or_default();
        if windows.iter().any(|w| w.number == n && w.active) {
            return Ok(());
        }
        let known: Vec<String> = windows
            .iter()
            .filter(|w| w.active)
            .map(|w| w.number.to_string())
            .collect();
        Err(format!(
            "No existe la ventanilla {n} (o no está activa). Las ventanillas son: {}.",
            known.join(", ")
        ))
    }

    fn setup_error(&mut self, err: &Error) {
        if let Screen::Setup(s) = &mut self.screen {
            s.notice = Some(Notice::Error(capitalize(&err.to_string())));
        }
    }
}
