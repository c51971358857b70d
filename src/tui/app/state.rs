//! What the app shows (screens, notices, why it is locked) and what it asks for (the answer
//! to a question, the writes its update function returns).

use super::{CallIntent, CustomerIntent, PqrsIntent, RateIntent, RecordIntent, TurnIntent};
use crate::desk;
use crate::desk::users::User;
use crate::tui::action::Pane;
use crate::tui::form::Form;

/// A message for the person, shown until the next action replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Error(String),
    Info(String),
}

/// First-run setup screen.
#[derive(Debug, Clone)]
pub struct SetupState {
    pub form: Form,
    pub notice: Option<Notice>,
}

/// Login screen.
#[derive(Debug, Clone)]
pub struct LoginState {
    pub form: Form,
    pub notice: Option<Notice>,
    /// The supervisor offered to take over the window held by someone else (Enter again).
    pub takeover: Option<String>,
}

/// The advisor's console after login.
#[derive(Debug, Clone)]
pub struct ConsoleState {
    pub user: User,
    pub focus: Pane,
    pub notice: Option<Notice>,
}

/// Which full screen is showing.
#[derive(Debug, Clone)]
pub enum Screen {
    Setup(SetupState),
    Login(LoginState),
    Console(ConsoleState),
}

/// Why the console is locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockReason {
    Idle,
    Manual,
}

/// What a "yes" to [`super::Overlay::Confirm`] does.
#[derive(Debug, Clone)]
pub enum Confirmed {
    /// Bind this customer to the attention instead of the one it had.
    ChangeCustomer(Box<desk::customers::Card>),
    /// Perform this turn write (cancel, no-show, the last recall).
    Turn(TurnIntent),
}

/// A write the update asks for; [`App::apply`] performs it through `desk`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// Create the branch and its first administrator.
    Setup {
        branch: String,
        code: String,
        username: String,
        name: String,
        pin: String,
    },
    /// Check a username and PIN (and take the window typed at login, if it was asked).
    Login {
        username: String,
        pin: String,
        window: Option<u32>,
        /// Take the window over from whoever holds it (supervisors, after the offer).
        takeover: bool,
    },
    /// Check the locked user's PIN.
    Unlock { pin: String },
    /// A turn-queue write at this window.
    Turn(TurnIntent),
    /// A Cliente pane read or write.
    Customer(CustomerIntent),
    /// A PQRS pane read or write.
    Pqrs(PqrsIntent),
    /// A rating of the turn just finished.
    Rate(RateIntent),
    /// The attention record of a finished turn.
    Record(Box<RecordIntent>),
    /// A phone and chat pane write.
    Call(CallIntent),
}
