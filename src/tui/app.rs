//! The console's state and its update function. Nothing here draws; nothing in `view` writes.

mod attention;
mod calls;
mod customers;
mod forms;
mod pqrs;
mod rating;
mod record;
mod session;
mod state;
mod turn_writes;
mod turns;

use forms::{login_state, setup_intent, setup_state};

pub use attention::{Attention, card_who};
pub use calls::{CallDraft, CallFormKind, CallIntent, CallsPane};
pub use customers::{CustomerFormKind, CustomerIntent, Lookup};
pub use pqrs::{PqrsDetail, PqrsIntent, PqrsPane};
pub use rating::{RateIntent, RatingPane};
pub use record::{RecordDraft, RecordIntent};
pub use state::{
    Confirmed, ConsoleState, Intent, LockReason, LoginState, Notice, Screen, SetupState,
};
pub use turns::{TurnFormKind, TurnIntent};

use super::action::Action;
use super::event::Event;
use super::form::Form;
use super::keymap::{self, Focus};
use super::text;
use crate::clock::Clock;
use crate::config::Config;
use crate::desk::{self, setup::BranchInfo};
use crate::error::Result;
use crate::store::Store;
use chrono::{DateTime, FixedOffset, Utc};

/// Something drawn over the screen, taking the keys.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help,
    /// The last messages of the status line, newest first (F12).
    Messages,
    ConfirmQuit {
        unsaved: bool,
        /// The turn still in attention at this window, if any.
        turn: Option<String>,
        /// The overlay the question covers (a form keeps what was typed), back on "no".
        under: Option<Box<Overlay>>,
    },
    /// A yes/no question before an action that cannot be undone.
    Confirm {
        question: String,
        on_yes: Confirmed,
    },
    /// "¿Descartar lo escrito?" over a form Esc would close with what was typed; "no" puts
    /// the form back as it was.
    Discard {
        under: Box<Overlay>,
    },
    Locked {
        reason: LockReason,
        form: Form,
        notice: Option<Notice>,
        /// The overlay the lock covers (a form keeps what was typed), restored on unlock.
        under: Option<Box<Overlay>>,
    },
    /// A form of the Cliente pane (new customer, edit, consent capture).
    CustomerForm {
        kind: CustomerFormKind,
        form: Form,
        notice: Option<Notice>,
    },
    /// A small form of the Turnos pane (transfer, paper ticket).
    TurnForm {
        kind: TurnFormKind,
        form: Form,
        notice: Option<Notice>,
    },
    /// The PQRS filing form.
    PqrsForm {
        form: Form,
        notice: Option<Notice>,
    },
    /// The constancia de radicación of the PQRS just filed.
    PqrsReceipt {
        lines: Vec<String>,
    },
    /// A PQRS with its history.
    PqrsDetail(Box<PqrsDetail>),
    /// The attention record of the turn just finished.
    RecordForm {
        draft: RecordDraft,
        form: Form,
        notice: Option<Notice>,
    },
    /// A rating with a comment.
    RatingForm {
        label: String,
        form: Form,
        notice: Option<Notice>,
    },
    /// A new phone or chat attention, or closing one routed to me.
    CallForm {
        kind: CallFormKind,
        form: Form,
        notice: Option<Notice>,
    },
}

/// Every overlay that holds a form, binding it to `$form` (one pattern for `&` and `&mut`).
macro_rules! form_overlay {
    ($form:ident) => {
        Overlay::Locked { form: $form, .. }
            | Overlay::TurnForm { form: $form, .. }
            | Overlay::CustomerForm { form: $form, .. }
            | Overlay::PqrsForm { form: $form, .. }
            | Overlay::RecordForm { form: $form, .. }
            | Overlay::RatingForm { form: $form, .. }
            | Overlay::CallForm { form: $form, .. }
    };
}

// after the macro, which it uses
mod questions;

/// The whole app.
pub struct App {
    store: Store,
    clock: Box<dyn Clock>,
    config: Config,
    /// The window this console serves.
    pub window: u32,
    /// The window is asked at login.
    pub asking_window: bool,
    /// The branch identity, once set up.
    pub branch: Option<BranchInfo>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// This window's queue (refreshed when the database changes).
    pub queue: crate::desk::turns::WindowQueue,
    /// The Cliente pane's search and open card.
    pub lookup: Lookup,
    /// The PQRS pane's deadline watch.
    pub pqrs: PqrsPane,
    /// The Calificación pane.
    pub rating: RatingPane,
    /// The phone and chat pane.
    pub calls: CallsPane,
    /// The advisor stepped away from the window, and why.
    pub away: Option<String>,
    /// The selected row of the Turnos pane: parked turns first, then the waiting ones.
    pub turn_sel: usize,
    /// The turn being served and its customer.
    pub attention: Option<Attention>,
    /// The attention just finished (its record and rating follow).
    pub finished: Option<Attention>,
    data_version: i64,
    /// The current local time, refreshed on every event (drawn in the header).
    pub now: DateTime<FixedOffset>,
    /// The status line's messages with their local time (HH:MM), oldest first.
    pub messages: Vec<(String, Notice)>,
    /// How far the open help, document or message log is scrolled (rows).
    pub scroll: usize,
    /// The overlay the scroll belongs to (a new overlay starts at the top).
    scroll_of: Option<std::mem::Discriminant<Overlay>>,
    last_activity: DateTime<Utc>,
    quit: bool,
}

impl App {
    /// An app on `store`: the setup screen if it has no users, else the login screen.
    pub fn new(store: Store, clock: Box<dyn Clock>, config: Config, window: u32) -> Result<App> {
        let branch = desk::setup::branch_info(&store)?;
        let screen = if desk::setup::needs_setup(&store)? {
            Screen::Setup(setup_state(&config))
        } else {
            Screen::Login(login_state(None))
        };
        let now = clock.now();
        let mut store = store;
        crate::desk::turns::expire_previous_days(&mut store, clock.as_ref(), &config)?;
        Ok(App {
            queue: Default::default(),
            lookup: Default::default(),
            pqrs: Default::default(),
            rating: Default::default(),
            calls: Default::default(),
            away: None,
            turn_sel: 0,
            attention: None,
            finished: None,
            data_version: 0,
            messages: Vec::new(),
            scroll: 0,
            scroll_of: None,
            now: now.with_timezone(&config.utc_offset()),
            last_activity: now,
            store,
            clock,
            config,
            window,
            asking_window: false,
            branch,
            screen,
            overlay: None,
            quit: false,
        })
    }

    /// Asks for the window at login (no window was given or configured for this station).
    pub fn ask_window(&mut self) {
        self.asking_window = true;
        if matches!(self.screen, Screen::Login(_)) {
            self.screen = Screen::Login(self.login_screen());
        }
    }

    /// Minutes after a no-show during which it may go back to the queue.
    pub fn no_show_return_minutes(&self) -> u32 {
        self.config.queue.no_show_return_minutes
    }

    /// The privacy-notice version in force.
    pub fn consent_policy(&self) -> &str {
        &self.config.consent.policy_version
    }

    /// The satisfaction the office aims for, in percent.
    pub fn satisfaction_target(&self) -> u32 {
        self.config.rating.satisfaction_target
    }

    /// The database, to read (tests and the run loop's own checks).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Whether the loop should end.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Whether the demo hint may be shown (demo databases only).
    pub fn is_demo(&self) -> bool {
        self.branch.as_ref().is_some_and(|b| b.demo)
    }

    /// Who receives keys now.
    pub fn focus(&self) -> Focus {
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Help), _) => Focus::Help,
            (Some(Overlay::Messages), _) => Focus::Document,
            (Some(Overlay::ConfirmQuit { .. }), _) => Focus::ConfirmQuit,
            (Some(Overlay::Confirm { .. } | Overlay::Discard { .. }), _) => Focus::Confirm,
            (Some(Overlay::PqrsReceipt { .. } | Overlay::PqrsDetail(_)), _) => Focus::Document,
            (
                Some(
                    Overlay::Locked { .. }
                    | Overlay::TurnForm { .. }
                    | Overlay::CustomerForm { .. }
                    | Overlay::PqrsForm { .. }
                    | Overlay::RecordForm { .. }
                    | Overlay::RatingForm { .. }
                    | Overlay::CallForm { .. },
                ),
                _,
            ) => Focus::Form,
            (None, Screen::Console(c)) => Focus::Console(c.focus),
            (None, _) => Focus::Form,
        }
        .picking(self.open_form())
    }

    /// The form that takes the keys now, if any.
    pub fn open_form(&self) -> Option<&Form> {
        if let Some(form_overlay!(form)) = &self.overlay {
            return Some(form);
        }
        match &self.screen {
            Screen::Setup(s) => Some(&s.form),
            Screen::Login(l) => Some(&l.form),
            Screen::Console(_) => None,
        }
    }

    /// Handles one event: keys through the keymap, ticks for the clock and the idle lock.
    pub fn handle(&mut self, event: Event) {
        let now = self.clock.now();
        self.now = now.with_timezone(&self.config.utc_offset());
        match event {
            Event::Key(key) => {
                self.last_activity = now;
                let intent = keymap::map(self.focus(), key).and_then(|a| self.update(a));
                if let Some(intent) = intent {
                    self.apply(intent);
                }
                self.refresh_record_options();
                self.log_notice();
                let shown = self.overlay.as_ref().map(std::mem::discriminant);
                if shown != self.scroll_of {
                    self.scroll = 0;
                    self.scroll_of = shown;
                }
            }
            Event::Tick => {
                self.check_user_still_active();
                self.check_idle(now);
                self.poll_changes();
                self.log_notice();
            }
            Event::Resize(..) | Event::Mouse(_) => {}
        }
    }

    /// Keeps the status line's message in the log when it changed (the last 100).
    fn log_notice(&mut self) {
        let Screen::Console(c) = &self.screen else {
            return;
        };
        let Some(notice) = c.notice.clone() else {
            return;
        };
        if self.messages.last().map(|(_, n)| n) == Some(&notice) {
            return;
        }
        self.messages
            .push((self.now.format("%H:%M").to_string(), notice));
        let extra = self.messages.len().saturating_sub(100);
        self.messages.drain(..extra);
    }

    /// Rows the open scrolling overlay holds (a bound for its scroll).
    fn overlay_rows(&self) -> usize {
        match &self.overlay {
            Some(Overlay::Help) => keymap::HELP.iter().map(|(_, k)| k.len() + 1).sum(),
            Some(Overlay::Messages) => self.messages.len() * 3,
            Some(Overlay::PqrsReceipt { lines }) => lines.len() * 2,
            Some(Overlay::PqrsDetail(d)) => d.events.len() * 2 + 8,
            _ => 0,
        }
    }

    /// Changes state for `action`; returns the write to perform, if any.
    pub fn update(&mut self, action: Action) -> Option<Intent> {
        match action {
            Action::Quit => {
                let unsaved = self.has_unsaved_input();
                let in_console = matches!(self.screen, Screen::Console(_));
                let parked: Vec<&str> =
                    self.queue.parked.iter().map(|t| t.label.as_str()).collect();
                let turn = match (&self.queue.current, parked.as_slice()) {
                    _ if !in_console => None,
                    (Some(t), []) => Some(format!("{} ({})", t.label, t.status)),
                    (Some(t), p) => Some(format!(
                        "{} ({}) y el en pausa {}",
                        t.label,
                        t.status,
                        p.join(", ")
                    )),
                    (None, []) => None,
                    (None, p) => Some(format!("en pausa {}", p.join(", "))),
                };
                // a locked console cannot be closed by whoever walks by
                if matches!(self.overlay, Some(Overlay::Locked { .. })) {
                    return None;
                }
                if unsaved || in_console {
                    let under = self.overlay.take().map(Box::new);
                    self.overlay = Some(Overlay::ConfirmQuit {
                        unsaved,
                        turn,
                        under,
                    });
                } else {
                    self.quit = true;
                }
            }
            Action::ConfirmQuit => {
                self.record_state(crate::domain::advisor::State::LoggedOut, "");
                self.release_window();
                self.quit = true;
            }
            Action::Confirm => return self.confirm_yes(),
            Action::CloseOverlay => self.close_overlay(),
            Action::OpenHelp => self.overlay = Some(Overlay::Help),
            Action::OpenMessages => {
                if matches!(self.screen, Screen::Console(_)) {
                    self.overlay = Some(Overlay::Messages);
                }
            }
            Action::Scroll(step) => self.scroll = step.from(self.scroll, self.overlay_rows()),
            Action::Lock => {
                let locked = matches!(self.overlay, Some(Overlay::Locked { .. }));
                if matches!(self.screen, Screen::Console(_)) && !locked {
                    self.lock(LockReason::Manual);
                }
            }
            Action::FocusNext | Action::FocusPrev | Action::Focus(_) => self.move_focus(&action),
            Action::NextField => self.form_mut().map(|f| f.move_focus(1)).unwrap_or(()),
            Action::PrevField => self.form_mut().map(|f| f.move_focus(-1)).unwrap_or(()),
            Action::Edit(key) => self.form_mut().map(|f| f.edit(key)).unwrap_or(()),
            Action::Pick(step) => {
                if let Some(field) = self.form_mut().and_then(Form::focused_mut) {
                    field.pick_move(step);
                }
            }
            Action::PickToggle => {
                if let Some(field) = self.form_mut().and_then(Form::focused_mut) {
                    field.pick_toggle();
                }
            }
            Action::Submit => {
                // Enter on a picker takes its highlighted option first
                if let Some(field) = self.form_mut().and_then(Form::focused_mut) {
                    field.enter();
                }
                return self.submit();
            }
            Action::SubmitAnother => return self.submit_record_form(true),
            Action::Turn(key) => return self.turn_key(key),
            Action::Lookup(key) => return self.lookup_key(key),
            Action::Pqrs(key) => return self.pqrs_key(key),
            Action::Rate(key) => return self.rate_key(key),
            Action::Call(key) => return self.call_key(key),
        }
        None
    }

    fn move_focus(&mut self, action: &Action) {
        if let Screen::Console(c) = &mut self.screen {
            c.focus = match action {
                Action::FocusNext => c.focus.cycle(1),
                Action::FocusPrev => c.focus.cycle(-1),
                Action::Focus(p) => *p,
                _ => c.focus,
            };
        }
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        if let Some(form_overlay!(form)) = &mut self.overlay {
            return Some(form);
        }
        match &mut self.screen {
            Screen::Setup(s) => Some(&mut s.form),
            Screen::Login(l) => Some(&mut l.form),
            Screen::Console(_) => None,
        }
    }

    /// Enter in a form: on the last field submit, elsewhere move to the next field.
    fn submit(&mut self) -> Option<Intent> {
        if let Some(Overlay::Locked { form, .. }) = &self.overlay {
            return Some(Intent::Unlock {
                pin: form.value(0).to_string(),
            });
        }
        if let Some(Overlay::TurnForm { .. }) = &self.overlay {
            return self.submit_turn_form();
        }
        if let Some(Overlay::CustomerForm { .. }) = &self.overlay {
            return self.submit_customer_form();
        }
        if let Some(Overlay::PqrsForm { .. }) = &self.overlay {
            return self.submit_pqrs_form();
        }
        if let Some(Overlay::RatingForm { .. }) = &self.overlay {
            return self.submit_rating_form();
        }
        if let Some(Overlay::RecordForm { .. }) = &self.overlay {
            return self.submit_record_form(false);
        }
        if let Some(Overlay::CallForm { .. }) = &self.overlay {
            return self.submit_call_form();
        }
        match &mut self.screen {
            Screen::Setup(s) if !s.form.on_last() => s.form.move_focus(1),
            Screen::Setup(s) => {
                return self::setup_intent(s, self.config.session.pin_min_length as usize);
            }
            Screen::Login(l) if l.form.focus == 0 => {
                if l.form.value(0).trim().is_empty() {
                    l.notice = Some(Notice::Error(text::LOGIN_EMPTY_USER.into()));
                } else {
                    l.form.focus = 1;
                }
            }
            Screen::Login(l) if l.form.focus == 1 && l.form.fields.len() > 2 => l.form.focus = 2,
            Screen::Login(l) => {
                let username = l.form.value(0).trim().to_lowercase();
                let window = if l.form.fields.len() > 2 {
                    match l.form.value(2).trim().parse::<u32>() {
                        Ok(n) => Some(n),
                        Err(_) => {
                            l.form.focus = 2;
                            l.notice = Some(Notice::Error(text::LOGIN_BAD_WINDOW.into()));
                            return None;
                        }
                    }
                } else {
                    None
                };
                let takeover = l.takeover.as_deref() == Some(username.as_str());
                return Some(Intent::Login {
                    username,
                    pin: l.form.value(1).to_string(),
                    window,
                    takeover,
                });
            }
            Screen::Console(_) => {}
        }
        None
    }

    /// Performs a write through `desk` and folds the result back into state.
    pub fn apply(&mut self, intent: Intent) {
        match intent {
            Intent::Setup {
                branch,
                code,
                username,
                name,
                pin,
            } => self.apply_setup(&branch, &code, &username, &name, &pin),
            Intent::Login {
                username,
                pin,
                window,
                takeover,
            } => self.apply_login(&username, &pin, window, takeover),
            Intent::Unlock { pin } => self.apply_unlock(&pin),
            Intent::Turn(t) => self.apply_turn(t),
            Intent::Customer(c) => self.apply_customer(c),
            Intent::Pqrs(p) => self.apply_pqrs(p),
            Intent::Rate(r) => self.apply_rating(r),
            Intent::Record(r) => self.apply_record(*r),
            Intent::Call(c) => self.apply_call(c),
        }
    }
}

/// The field a refusal names: its message starts with it ("tema: …" → "tema").
pub(super) fn refused_field(message: &str) -> String {
    message
        .split(':')
        .next()
        .unwrap_or("")
        .trim()
        .to_lowercase()
}

/// `msg` with its first letter in upper case (messages start lower case in `desk`).
pub(crate) fn capitalize(msg: &str) -> String {
    let mut chars = msg.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
