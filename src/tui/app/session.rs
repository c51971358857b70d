//! The session's guards: the idle lock, the manual lock, and a disabled user's console going
//! back to the login screen.

use super::{App, LockReason, Notice, Overlay, Screen};
use crate::desk;
use crate::tui::form::{Field, Form};
use crate::tui::text;
use chrono::{DateTime, Utc};

impl App {
    /// Locks the console after the configured idle minutes.
    pub(super) fn check_idle(&mut self, now: DateTime<Utc>) {
        let limit = chrono::Duration::minutes(i64::from(self.config.session.idle_lock_minutes));
        let locked = matches!(self.overlay, Some(Overlay::Locked { .. }));
        if matches!(self.screen, Screen::Console(_)) && !locked && now - self.last_activity >= limit
        {
            self.lock(LockReason::Idle);
        }
    }

    /// Ends the session when its user was disabled meanwhile: back to the login screen.
    pub(super) fn check_user_still_active(&mut self) {
        let Screen::Console(c) = &self.screen else {
            return;
        };
        let username = c.user.username.clone();
        if let Ok(Some(reason)) =
            desk::users::end_if_disabled(&mut self.store, self.clock.as_ref(), &username)
        {
            let mut login = self.login_screen();
            login.notice = Some(Notice::Error(reason));
            self.overlay = None;
            self.screen = Screen::Login(login);
        }
    }

    /// Locks the console behind the user's PIN; the overlay it covers comes back on unlock.
    pub(super) fn lock(&mut self, reason: LockReason) {
        let form = Form::new(vec![Field::secret(text::LOGIN_PIN)]);
        let under = self.overlay.take().map(Box::new);
        self.overlay = Some(Overlay::Locked {
            reason,
            form,
            notice: None,
            under,
        });
    }
}
