//! The phone and chat pane and its forms.

use crate::tui::action::Pane;
use crate::tui::app::{App, CallFormKind, Notice};
use crate::tui::form::Form;
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the pane: the open attentions routed to me, the selected one with its details.
pub fn render(app: &App, focused: bool, frame: &mut Frame<'_>, area: Rect) {
    let calls = &app.calls;
    let mut lines = vec![Line::from(vec![
        Span::styled(
            match calls.open.len() {
                1 => "1 derivada a usted".to_string(),
                n => format!("{n} derivadas a usted"),
            },
            theme::LABEL,
        ),
        Span::styled(" · Ctrl+N registrar", theme::HINT),
    ])];
    let offset = app.now.offset();
    for (i, a) in calls.open.iter().enumerate() {
        let selected = i == calls.selected;
        let style = if focused && selected {
            theme::CURRENT
        } else {
            theme::INPUT
        };
        let time = crate::localtime::human_stamp(&a.started_at, *offset);
        let time = time.rsplit(' ').next().unwrap_or(&time).to_string();
        let marker = if focused && selected { "▶" } else { " " };
        lines.push(Line::styled(
            format!("{marker}{time} {} {}", a.channel.label(), a.topic),
            style,
        ));
        if selected {
            let who = [a.caller.as_str(), a.contact.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            let who = if who.is_empty() {
                "(sin nombre)".into()
            } else {
                who
            };
            lines.push(Line::styled(
                format!("  {who} · de {}", a.advisor),
                theme::HINT,
            ));
            if !a.notes.is_empty() {
                lines.push(Line::styled(format!("  {}", a.notes), theme::HINT));
            }
        }
    }
    if calls.open.is_empty() {
        lines.push(Line::styled(
            "Nada derivado a usted. Ctrl+N: registrar una llamada o un chat.",
            theme::HINT,
        ));
    }
    let block = super::pane::pane_block(Pane::Llamadas, focused);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

/// The new-call form, or closing a routed one.
pub fn form(
    kind: &CallFormKind,
    form: &Form,
    notice: Option<&Notice>,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    match kind {
        CallFormKind::New => super::form_box(
            " Llamada o chat ",
            "Vacío: teléfono y resuelta · derivar: a quien atiende menos de ese tema",
            form,
            notice,
            frame,
            area,
        ),
        CallFormKind::Close { id, who } => super::form_box(
            &format!(" Cerrar la atención {id} "),
            &format!("{who} · escriba qué se hizo"),
            form,
            notice,
            frame,
            area,
        ),
    }
}
