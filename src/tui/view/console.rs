//! The advisor's console: header, four panes, status line, footer.

use super::{key_hints, status_lines};
use crate::tui::action::Pane;
use crate::tui::app::{App, ConsoleState, Overlay};
use crate::tui::keymap::Focus;
use crate::tui::{text, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, c: &ConsoleState, frame: &mut Frame<'_>, area: Rect) {
    // the status line takes a second row for a long message; longer ones end in "… F12"
    let status_lines = status_lines(c.notice.as_ref(), area.width);
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(status_lines.len().max(1) as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, c, frame, header);
    let [top, bottom] = Layout::vertical([Constraint::Fill(3), Constraint::Fill(2)]).areas(body);
    let [tl, tr] = Layout::horizontal([Constraint::Fill(11), Constraint::Fill(9)]).areas(top);
    let slots = bottom_slots(app, c.focus, bottom);
    for pane in Pane::ALL {
        let focused = pane == c.focus;
        match pane {
            Pane::Turnos => super::queue::render(app, focused, frame, tl),
            Pane::Cliente => super::customer::render(app, focused, frame, tr),
            Pane::Pqrs => super::pqrs::render(app, focused, frame, slots.pqrs),
            Pane::Llamadas => {
                if let Some(r) = slots.calls {
                    super::calls::render(app, focused, frame, r);
                }
            }
            Pane::Calificacion => {
                if let Some(r) = slots.rating {
                    super::rating::render(app, focused, frame, r);
                }
            }
        }
    }
    frame.render_widget(Paragraph::new(status_lines), status);
    // whatever has the focus (a form, a picker, an overlay, a pane) says its keys
    let hints = match (app.focus(), c.focus) {
        (Focus::Picker { multi: false }, _) => text::FOOTER_PICKER,
        (Focus::Picker { multi: true }, _) => text::FOOTER_PICKER_MULTI,
        (Focus::Form, _) => text::FOOTER_FORM,
        (Focus::Help, _) => text::FOOTER_SCROLL,
        (Focus::Document, _) if matches!(app.overlay, Some(Overlay::PqrsReceipt { .. })) => {
            text::FOOTER_RECEIPT
        }
        (Focus::Document, _) => text::FOOTER_SCROLL,
        (Focus::Confirm | Focus::ConfirmQuit, _) => text::FOOTER_CONFIRM,
        (_, Pane::Turnos) => text::FOOTER_TURNOS,
        (_, Pane::Cliente) => text::FOOTER_CLIENTE,
        (_, Pane::Pqrs) => text::FOOTER_PQRS,
        (_, Pane::Calificacion) => text::FOOTER_RATING,
        (_, Pane::Llamadas) => text::FOOTER_CALLS,
    };
    frame.render_widget(key_hints(hints), footer);
}

/// Where the bottom row's panes go: PQRS, phone and chat, rating side by side when the screen
/// is wide; on narrower screens the rating and the phone and chat panes share the right half,
/// showing the focused one (else the rating while one is awaited, else calls routed to me).
struct BottomSlots {
    pqrs: Rect,
    calls: Option<Rect>,
    rating: Option<Rect>,
}

/// The width from which the bottom row holds three panes.
const THREE_PANES: u16 = 120;

fn bottom_slots(app: &App, focus: Pane, bottom: Rect) -> BottomSlots {
    if bottom.width >= THREE_PANES {
        let [pqrs, calls, rating] = Layout::horizontal([
            Constraint::Fill(4),
            Constraint::Fill(3),
            Constraint::Fill(3),
        ])
        .areas(bottom);
        return BottomSlots {
            pqrs,
            calls: Some(calls),
            rating: Some(rating),
        };
    }
    let [pqrs, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(bottom);
    let calls = match focus {
        Pane::Llamadas => true,
        Pane::Calificacion => false,
        _ => app.rating.awaiting.is_none() && !app.calls.open.is_empty(),
    };
    BottomSlots {
        pqrs,
        calls: calls.then_some(right),
        rating: (!calls).then_some(right),
    }
}

fn render_header(app: &App, c: &ConsoleState, frame: &mut Frame<'_>, area: Rect) {
    let clock = format!(
        "{}  {} ",
        text::long_date(app.now.date_naive()),
        app.now.format("%H:%M:%S")
    );
    let clock_width = clock.chars().count() as u16;
    let overdue = match app.pqrs.overdue_mine {
        0 => String::new(),
        1 => " 1 PQRS vencida ".to_string(),
        n => format!(" {n} PQRS vencidas "),
    };
    let calls = match app.calls.open.len() {
        0 => String::new(),
        1 => " 1 derivada (F5) ".to_string(),
        n => format!(" {n} derivadas (F5) "),
    };
    let overdue = format!("{calls}{overdue}");
    let overdue_width = overdue.chars().count() as u16;
    let room = usize::from(area.width.saturating_sub(clock_width + overdue_width));
    let left = header_text(app, c, room);
    let [l, o, r] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(overdue_width),
        Constraint::Length(clock_width),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(left).style(theme::HEADER), l);
    frame.render_widget(Paragraph::new(overdue).style(theme::HEADER_ALERT), o);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(clock, theme::HEADER_CLOCK))),
        r,
    );
}

/// The longest header variant that fits in `room` columns (narrow terminals drop detail).
fn header_text(app: &App, c: &ConsoleState, room: usize) -> String {
    let branch = app
        .branch
        .as_ref()
        .map(|b| b.name.as_str())
        .unwrap_or(text::NO_BRANCH);
    let code = app.branch.as_ref().map(|b| b.code.as_str()).unwrap_or("");
    let u = &c.user;
    let variants = [
        format!(
            " {} · {branch} ({code}) · Ventanilla {} · {} — {} ({})",
            text::APP,
            app.window,
            u.username,
            u.name,
            u.role
        ),
        format!(
            " {branch} · Ventanilla {} · {} — {}",
            app.window, u.username, u.name
        ),
        format!(" {branch} · Ventanilla {} · {}", app.window, u.username),
        format!(" Ventanilla {} · {}", app.window, u.username),
        format!(" V{} · {}", app.window, u.username),
    ];
    let fits = |v: &&String| v.chars().count() < room;
    variants.iter().find(fits).unwrap_or(&variants[4]).clone()
}
