//! The attention record form, with the choices of the focused picker field.

use crate::tui::app::{Notice, RecordDraft};
use crate::tui::form::Form;
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

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
    super::form_box_with(&title, &intro, form, notice, choices(form), frame, area);
}

/// "Opciones: a; b; c" for the focused picker field (those matching what is typed).
pub(super) fn choices(form: &Form) -> Option<Line<'static>> {
    let field = form.fields.get(form.focus)?;
    if field.options.is_empty() {
        return None;
    }
    let matching = field.matching();
    let text = if matching.is_empty() {
        "ninguna coincide; borre para ver todas".to_string()
    } else {
        matching.join("; ")
    };
    Some(Line::from(vec![
        Span::styled("Opciones: ", theme::LABEL),
        Span::styled(text, theme::HINT),
    ]))
}
