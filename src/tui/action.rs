//! Everything a person can ask the app to do, by name.

use super::widgets::list::Step;
use crossterm::event::KeyEvent;

/// The panes of the advisor's console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The window's turn queue.
    Turnos,
    /// Customer lookup and record.
    Cliente,
    /// Filing a PQRS.
    Pqrs,
    /// The satisfaction rating.
    Calificacion,
    /// Phone and chat attentions: registering them and closing those routed to me.
    Llamadas,
}

impl Pane {
    /// All panes in focus order (as drawn: top row, then bottom row left to right).
    pub const ALL: [Pane; 5] = [
        Pane::Turnos,
        Pane::Cliente,
        Pane::Pqrs,
        Pane::Llamadas,
        Pane::Calificacion,
    ];

    /// The panes by function key, F1 first (F4 kept for the rating when F5 was added).
    pub const BY_FKEY: [Pane; 5] = [
        Pane::Turnos,
        Pane::Cliente,
        Pane::Pqrs,
        Pane::Calificacion,
        Pane::Llamadas,
    ];

    /// Position in focus order.
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    /// The pane `step` places away in focus order, wrapping.
    pub fn cycle(self, step: isize) -> Pane {
        let n = Self::ALL.len() as isize;
        Self::ALL[(self.index() as isize + step).rem_euclid(n) as usize]
    }
}

/// A named action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave the program (asks first if a form holds unsaved input).
    Quit,
    /// Answer "yes" to the quit question.
    ConfirmQuit,
    /// Answer "yes" to a confirmation question (cancel, no-show, change of customer).
    Confirm,
    /// Close the open overlay.
    CloseOverlay,
    /// Show the help overlay with every key.
    OpenHelp,
    /// Show the last messages of the status line.
    OpenMessages,
    /// Scroll the open help, document or message log.
    Scroll(Step),
    /// Lock the console behind the user's PIN now.
    Lock,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Focus a given pane.
    Focus(Pane),
    /// Move to the next form field.
    NextField,
    /// Move to the previous form field.
    PrevField,
    /// Submit the form.
    Submit,
    /// Save the attention record and open it again for another procedure of the visit.
    SubmitAnother,
    /// Edit the focused field with this key.
    Edit(KeyEvent),
    /// Move the highlight of the focused picker.
    Pick(Step),
    /// Mark or unmark the highlighted option of a multi-select picker.
    PickToggle,
    /// A turn-queue command of the Turnos pane.
    Turn(TurnKey),
    /// A command of the Cliente pane.
    Lookup(LookupKey),
    /// A command of the PQRS pane (or of the constancia shown over it).
    Pqrs(PqrsKey),
    /// A command of the Calificación pane.
    Rate(RateKey),
    /// A command of the phone and chat pane.
    Call(CallKey),
}

/// The phone and chat pane's commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKey {
    /// Open the form of a new phone or chat attention.
    New,
    /// Move the selection in the attentions routed to me.
    Move(super::widgets::list::Step),
    /// Close the selected attention (asks what was done).
    Close,
}

/// The Calificación pane's commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateKey {
    /// The customer's rating, 1–5.
    Score(u8),
    /// The customer did not want to rate.
    Skip,
    /// Open the form with a comment.
    WithComment,
}

/// The PQRS pane's commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PqrsKey {
    /// Open the filing form.
    New,
    /// Move the selection.
    Move(Step),
    /// Show the selected PQRS with its history.
    Open,
    /// Switch between mine and all the branch's.
    ToggleAll,
    /// Print the constancia on screen.
    Print,
}

/// The Cliente pane's commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupKey {
    /// Edit the search text with this key (search as you type).
    Type(KeyEvent),
    /// Move the selection in the results.
    Move(Step),
    /// Open the selected customer's card.
    Open,
    /// Clear the search (or close the card).
    Clear,
    /// Open the new-customer form (with what was typed).
    New,
    /// Open the consent capture form for the open customer.
    Consent,
    /// Open the edit form for the open customer.
    Edit,
}

/// The Turnos pane's commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnKey {
    /// Call the next turn to this window.
    CallNext,
    /// Call the current turn again.
    Recall,
    /// Start attending the called turn.
    Start,
    /// Finish the attention.
    Finish,
    /// Pause the attention.
    Park,
    /// Resume the selected (or the oldest) parked attention.
    Resume,
    /// The called customer did not come.
    NoShow,
    /// Cancel the current turn.
    Cancel,
    /// Open the transfer form.
    Transfer,
    /// Open the paper-ticket form (contingency).
    Manual,
    /// Open the attention record of the turn just finished.
    Record,
    /// Move the selection in the parked and waiting lists.
    Move(Step),
    /// Call the selected waiting turn out of order (asks the reason).
    CallChosen,
    /// Return the latest no-show to the queue (asks which).
    Requeue,
    /// Step away from the window with a reason, or come back.
    Away,
}
