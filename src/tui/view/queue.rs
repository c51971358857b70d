//! The Turnos pane: the turn this window is busy with, and its waiting list.

use crate::store::turns::Turn;
use crate::tui::action::Pane;
use crate::tui::app::{App, Notice, TurnFormKind};
use crate::tui::form::Form;
use crate::tui::theme;
use crate::tui::widgets::{list::ScrollList, wrapped_height};
use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

/// Minutes from an RFC 3339 instant to `now`.
fn minutes_since(at: &str, now: DateTime<FixedOffset>) -> i64 {
    DateTime::parse_from_rfc3339(at)
        .map(|t| (now - t).num_minutes().max(0))
        .unwrap_or(0)
}

fn current_lines(t: &Turn, now: DateTime<FixedOffset>) -> Vec<Line<'static>> {
    let since = t
        .started_at
        .as_deref()
        .or(t.called_at.as_deref())
        .unwrap_or(&t.issued_at);
    let mut head = vec![
        Span::styled(format!("● {} ", t.label), theme::CURRENT),
        Span::styled(
            format!(
                " {} · {} min",
                t.status.spanish(),
                minutes_since(since, now)
            ),
            theme::CURRENT_TEXT,
        ),
    ];
    if let Some(p) = &t.preferential {
        head.push(Span::styled(format!(" · ★ {p}"), theme::PREFERENTIAL));
    }
    let mut lines = vec![Line::from(head)];
    if let (Some(kind), Some(number)) = (&t.doc_type, &t.doc_number) {
        lines.push(Line::from(format!("  Documento: {kind} {number}")));
    }
    if let Some(note) = &t.note {
        lines.push(Line::styled(format!("  Nota: {note}"), theme::PREFERENTIAL));
    }
    lines
}

fn waiting_line(t: &Turn, now: DateTime<FixedOffset>) -> Line<'static> {
    let mark = if t.preferential.is_some() { "★" } else { " " };
    let mut spans = vec![
        Span::styled(
            format!("{mark} {:<7}", t.label),
            if t.preferential.is_some() {
                theme::PREFERENTIAL
            } else {
                theme::INPUT
            },
        ),
        Span::raw(format!("{:>4} min", minutes_since(&t.issued_at, now))),
    ];
    if let Some(p) = &t.preferential {
        spans.push(Span::styled(format!("  {p}"), theme::PREFERENTIAL));
    }
    if t.for_window.is_some() {
        spans.push(Span::styled(
            "  (trasladado a esta ventanilla)",
            theme::HINT,
        ));
    } else if t.note.is_some() {
        spans.push(Span::styled("  (trasladado)", theme::HINT));
    }
    Line::from(spans)
}

/// Draws the Turnos pane from the app's queue state.
pub fn render(app: &App, focused: bool, frame: &mut Frame<'_>, area: Rect) {
    let q = &app.queue;
    let mut lines = Vec::new();
    if q.contingency {
        lines.push(Line::styled(
            "CONTINGENCIA MANUAL · m: registrar ficha de papel",
            theme::ERROR,
        ));
    }
    if let Some(reason) = &app.away {
        lines.push(Line::styled(
            format!("EN PAUSA · {reason} · z para volver"),
            theme::ERROR,
        ));
    }
    match &q.current {
        Some(t) => lines.extend(current_lines(t, app.now)),
        None => lines.push(Line::styled(
            "Sin turno · n: llamar el siguiente",
            theme::HINT,
        )),
    }
    let services = if q.services.is_empty() {
        "ninguno".to_string()
    } else {
        q.services.join(", ")
    };
    if !q.parked.is_empty() {
        lines.push(Line::styled(
            format!("En pausa: {} · u reanudar el elegido", q.parked.len()),
            theme::TITLE,
        ));
    }
    lines.push(Line::styled(
        format!("En espera: {} · servicios {services}", q.waiting.len()),
        theme::TITLE,
    ));
    // parked turns first, then the waiting ones: one list, one selection
    let rows: Vec<Text<'static>> = q
        .parked
        .iter()
        .map(|t| {
            let since = q
                .parked_since
                .iter()
                .find(|(id, at)| *id == t.id && !at.is_empty())
                .map(|(_, at)| at.as_str())
                .or(t.started_at.as_deref())
                .unwrap_or(&t.issued_at);
            Text::from(format!(
                "  {:<7} en pausa desde hace {} min",
                t.label,
                minutes_since(since, app.now)
            ))
        })
        .chain(
            q.waiting
                .iter()
                .map(|t| Text::from(waiting_line(t, app.now))),
        )
        .collect();
    let block = super::pane::pane_block(Pane::Turnos, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let head_height = wrapped_height(&lines, inner.width).min(inner.height);
    let head = Paragraph::new(lines).wrap(Wrap { trim: true });
    let [top, list] =
        Layout::vertical([Constraint::Length(head_height), Constraint::Min(0)]).areas(inner);
    frame.render_widget(head, top);
    frame.render_widget(ScrollList::new(rows, app.turn_sel, focused), list);
}

/// The transfer / paper-ticket form over the console.
pub fn turn_form(
    app: &App,
    kind: TurnFormKind,
    form: &Form,
    notice: Option<&Notice>,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let (title, intro) = match kind {
        TurnFormKind::Transfer => {
            let label = app
                .queue
                .current
                .as_ref()
                .map(|t| t.label.as_str())
                .unwrap_or("");
            (
                " Trasladar turno ",
                format!(
                    "El turno {label} pasa a la fila de otro servicio con su hora y prioridad."
                ),
            )
        }
        TurnFormKind::Manual => (
            " Ficha manual ",
            "Número escrito en la ficha de papel y su servicio.".to_string(),
        ),
        TurnFormKind::CallChosen => (
            " Llamar un turno fuera de orden ",
            "El turno elegido pasa antes que el siguiente de la fila. El motivo queda en su historia y en la auditoría.".to_string(),
        ),
        TurnFormKind::Away => (
            " Ausentarse de la ventanilla ",
            "No se llaman turnos hasta que vuelva (z). El tiempo en pausa queda en el informe del día.".to_string(),
        ),
        TurnFormKind::Requeue => (
            " Devolver a la fila ",
            format!(
                "Un turno marcado como no presentado vuelve a su lugar en la fila si el cliente llega dentro de {} minutos.",
                app.no_show_return_minutes()
            ),
        ),
    };
    super::form_box(title, &intro, form, notice, frame, area);
}
