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

pub(super) fn login_state() -> LoginState {
    LoginState {
        form: Form::new(vec![
            Field::text(text::LOGIN_USER, ""),
            Field::secret(text::LOGIN_PIN),
        ]),
        notice: None,
    }
}

impl App {
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
                let mut login = login_state();
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

    /// Checks the login form's user and PIN; opens the console on success.
    pub(super) fn apply_login(&mut self, username: &str, pin: &str) {
        match desk::users::login(&mut self.store, self.clock.as_ref(), username, pin) {
            Ok(user) => {
                let notice = Some(Notice::Info(format!("{}, {}.", text::WELCOME, user.name)));
                self.screen = Screen::Console(ConsoleState {
                    user,
                    focus: Pane::Turnos,
                    notice,
                });
                self.refresh_queue();
            }
            Err(err) => {
                if let Screen::Login(l) = &mut self.screen {
                    l.form.clear(1);
                    l.form.focus = 1;
                    l.notice = Some(Notice::Error(capitalize(&err.to_string())));
                }
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
            Ok(_) => self.overlay = None,
            Err(err) => {
                if let Some(Overlay::Locked { form, notice, .. }) = &mut self.overlay {
                    form.clear(0);
                    *notice = Some(Notice::Error(capitalize(&err.to_string())));
                }
            }
        }
    }

    fn setup_error(&mut self, err: &Error) {
        if let Screen::Setup(s) = &mut self.screen {
            s.notice = Some(Notice::Error(capitalize(&err.to_string())));
        }
    }
}
