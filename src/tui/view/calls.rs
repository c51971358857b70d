//! The phone and chat pane and its forms.

use crate::tui::action::Pane;
use crate::tui::app::{App, CallFormKind, Notice};
use crate::tui::form::Form;
use crate::tui::theme;
use crate::tui::widgets::{list::ScrollList, wrapped_height};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the pane: the open attentions routed to me, the selected one with its details.
pub fn render(app: &App, focused: bool, frame: &mut Frame<'_>, area: Rect) {
    let calls = &app.calls;
    let block = super::pane::pane_block(Pane::Llamadas, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let head = Line::from(vec![
        Span::styled(
            match calls.open.len() {
                1 => "1 derivada a usted".to_string(),
                n => format!("{n} derivadas a usted"),
            },
            theme::LABEL,
        ),
        Span::styled(" · Ctrl+N registrar", theme::HINT),
    ]);
    let head_height = wrapped_height(std::slice::from_ref(&head), inner.width).min(inner.height);
    let [top, list] =
        Layout::vertical([Constraint::Length(head_height), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: true }), top);
    if calls.open.is_empty() {
        let empty = Line::styled(
            "Nada derivado a usted. Ctrl+N: registrar una llamada o un chat.",
            theme::HINT,
        );
        frame.render_widget(Paragraph::new(empty).wrap(Wrap { trim: true }), list);
        return;
    }
    let offset = *app.now.offset();
    let rows = calls
        .open
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let time = crate::localtime::human_stamp(&a.started_at, offset);
            let time = time.rsplit(' ').next().unwrap_or(&time).to_string();
            let mut row = Text::from(format!("{time} {} {}", a.channel.label(), a.topic));
            if i == calls.selected {
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
                row.push_line(Line::styled(
                    format!("{who} · de {}", a.advisor),
                    theme::HINT,
                ));
                if !a.notes.is_empty() {
                    row.push_line(Line::styled(a.notes.clone(), theme::HINT));
                }
            }
            row
        })
        .collect();
    frame.render_widget(ScrollList::new(rows, calls.selected, focused), list);
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
