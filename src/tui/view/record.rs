//! The attention record form (its pickers are drawn by the form box).

use crate::tui::app::{Notice, RecordDraft};
use crate::tui::form::Form;
use ratatui::Frame;
use ratatui::layout::Rect;

/// The record form over the console.
pub fn form(
    draft: &RecordDraft,
    form: &Form,
    notice: Option<&Notice>,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let title = format!(" Registro de la atención · turno {} ", draft.label);
    let who = draft.who.as_deref().unwrap_or("Sin cliente identificado");
    let intro = format!(
        "{who} · trámite {}. Enter en el último campo guarda; Ctrl+O guarda y registra otro trámite de la visita.",
        draft.procedure
    );
    super::form_box(&title, &intro, form, notice, frame, area);
}
