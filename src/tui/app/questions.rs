//! The questions over the console: quit (with what it would lose), discard a typed form,
//! yes/no before an action that cannot be undone. "No" always puts back what was covered.

use super::{App, Confirmed, Intent, Notice, Overlay, Screen, card_who};

impl App {
    /// Whether some form holds typed input that quitting would lose.
    pub fn has_unsaved_input(&self) -> bool {
        if let Some(overlay) = &self.overlay
            && let Some(typed) = overlay_input(overlay)
        {
            return typed;
        }
        match &self.screen {
            Screen::Setup(s) => s.form.has_input(),
            Screen::Login(_) | Screen::Console(_) => false,
        }
    }

    /// Esc (or "no"): closes the overlay, except the lock; a form holding what was typed
    /// first asks whether to discard it, and "no" to that question puts the form back.
    pub(super) fn close_overlay(&mut self) {
        let typed = matches!(&self.overlay, Some(form_overlay!(form)) if form.changed());
        match self.overlay.take() {
            Some(locked @ Overlay::Locked { .. }) => self.overlay = Some(locked),
            Some(Overlay::Discard { under }) => self.overlay = Some(*under),
            Some(Overlay::ConfirmQuit { under, .. }) => self.overlay = under.map(|o| *o),
            Some(form) if typed => {
                self.overlay = Some(Overlay::Discard {
                    under: Box::new(form),
                })
            }
            _ => {}
        }
    }

    /// "Yes" to the open question: the action it asked about.
    pub(super) fn confirm_yes(&mut self) -> Option<Intent> {
        match self.overlay.take() {
            Some(Overlay::Discard { .. }) => None,
            Some(Overlay::Confirm { on_yes, .. }) => match on_yes {
                Confirmed::ChangeCustomer(card) => {
                    let who = card_who(&card);
                    self.show_card(*card);
                    self.notify(Notice::Info(format!("Cliente de la atención: {who}.")));
                    None
                }
                Confirmed::Turn(t) => Some(Intent::Turn(t)),
            },
            other => {
                self.overlay = other;
                None
            }
        }
    }
}

/// Whether `overlay` holds a form with typed input (`None`: it holds no form of a person's
/// words; the lock's PIN does not count).
fn overlay_input(overlay: &Overlay) -> Option<bool> {
    match overlay {
        Overlay::TurnForm { form, .. }
        | Overlay::CustomerForm { form, .. }
        | Overlay::PqrsForm { form, .. }
        | Overlay::RecordForm { form, .. }
        | Overlay::RatingForm { form, .. }
        | Overlay::CallForm { form, .. } => Some(form.has_input()),
        Overlay::Discard { under } => overlay_input(under),
        _ => None,
    }
}
