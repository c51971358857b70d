//! The Calificación pane and its comment form.

use crate::tui::action::Pane;
use crate::tui::app::{App, Notice};
use crate::tui::form::Form;
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

const SCORES: [(&str, Color); 5] = [
    ("1", Color::Red),
    ("2", Color::LightRed),
    ("3", Color::Yellow),
    ("4", Color::LightGreen),
    ("5", Color::Green),
];

/// Draws the pane.
pub fn render(app: &App, focused: bool, frame: &mut Frame<'_>, area: Rect) {
    let r = &app.rating;
    let mut lines = Vec::new();
    match &r.awaiting {
        Some(a) => {
            lines.push(Line::styled(
                format!(
                    "Turno {} finalizado a las {} · {}",
                    a.label, a.finished_local, a.advisor
                ),
                theme::TITLE,
            ));
            let whose = app
                .finished
                .as_ref()
                .filter(|f| f.label == a.label)
                .and_then(|f| f.customer.as_deref())
                .map(|c| format!("Cliente: {} {}", c.customer.names, c.customer.surnames));
            if let Some(whose) = whose {
                lines.push(Line::from(whose));
            }
            lines.push(Line::from("¿Cómo calificó el cliente la atención?"));
            let mut keys = Vec::new();
            for (k, color) in SCORES {
                keys.push(Span::styled(
                    format!(" {k} "),
                    Style::new()
                        .fg(Color::Black)
                        .bg(color)
                        .add_modifier(Modifier::BOLD),
                ));
                keys.push(Span::raw(" "));
            }
            lines.push(Line::from(keys));
            lines.push(Line::styled(
                "s sin calificar · c con comentario",
                theme::HINT,
            ));
        }
        None => lines.push(Line::styled(
            "Sin atención por calificar. Al finalizar un turno, pida aquí la calificación (1 a 5).",
            theme::HINT,
        )),
    }
    let (n, share) = r.today;
    lines.push(Line::from(match share {
        Some(s) => format!(
            "Hoy en esta ventanilla: {}, {s:.0}% satisfechos (meta {}%)",
            if n == 1 {
                "1 calificación".to_string()
            } else {
                format!("{n} calificaciones")
            },
            app.satisfaction_target()
        ),
        None => "Hoy en esta ventanilla: sin calificaciones".to_string(),
    }));
    let block = super::pane::pane_block(Pane::Calificacion, focused);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

/// The rating-with-comment form.
pub fn form(label: &str, form: &Form, notice: Option<&Notice>, frame: &mut Frame<'_>, area: Rect) {
    let intro = format!("Turno {label}: de 1 (muy insatisfecho) a 5 (muy satisfecho).");
    super::form_box(" Calificación ", &intro, form, notice, frame, area);
}
