//! Drawing. Reads state only: never queries the database, never changes anything.

mod calls;
mod console;
mod customer;
mod overlay;
mod pane;
pub(crate) mod pqrs;
mod queue;
mod rating;
mod record;
mod screens;

use super::app::{App, Notice, Overlay, Screen};
use super::form::{Field, Form};
use super::theme;
use super::widgets::message;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The smallest terminal the console draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws the whole app.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return too_small(frame, area);
    }
    let locked = matches!(app.overlay, Some(Overlay::Locked { .. }));
    match &app.screen {
        // Locked: nothing of the customer or the queue is drawn, only the lock box and the
        // keys that work now.
        Screen::Console(_) if locked => {
            let footer = Rect {
                y: area.bottom().saturating_sub(1),
                height: 1,
                ..area
            };
            frame.render_widget(key_hints(super::text::FOOTER_LOCK), footer);
        }
        Screen::Setup(s) => screens::setup(s, frame, area),
        Screen::Login(l) => screens::login(app, l, frame, area),
        Screen::Console(c) => console::render(app, c, frame, area),
    }
    draw_overlay(app, app.overlay.as_ref(), frame, area);
}

/// Draws `overlay` (a discard question over the form it would close).
fn draw_overlay(app: &App, overlay: Option<&Overlay>, frame: &mut Frame<'_>, area: Rect) {
    match overlay {
        Some(Overlay::Discard { under }) => {
            draw_overlay(app, Some(under), frame, area);
            discard_question(frame, area);
        }
        Some(Overlay::Help) => {
            let focused = match &app.screen {
                Screen::Console(c) => Some(
                    super::text::pane(c.focus)
                        .0
                        .split_once(' ')
                        .map_or("", |(_, t)| t),
                ),
                _ => None,
            };
            overlay::help(focused, app.scroll, frame, area)
        }
        Some(Overlay::Messages) => overlay::messages(app, app.scroll, frame, area),
        Some(Overlay::ConfirmQuit {
            unsaved,
            turn,
            under,
        }) => {
            draw_overlay(app, under.as_deref(), frame, area);
            overlay::confirm_quit(*unsaved, turn.as_deref(), frame, area)
        }
        Some(Overlay::Confirm { question, .. }) => overlay::confirm(question, frame, area),
        Some(Overlay::Locked {
            reason,
            form,
            notice,
            ..
        }) => overlay::locked(app, *reason, form, notice.as_ref(), frame, area),
        Some(Overlay::CustomerForm { kind, form, notice }) => {
            customer::form(app, *kind, form, notice.as_ref(), frame, area)
        }
        Some(Overlay::TurnForm { kind, form, notice }) => {
            queue::turn_form(app, *kind, form, notice.as_ref(), frame, area)
        }
        Some(Overlay::PqrsForm { form, notice }) => {
            pqrs::form(app, form, notice.as_ref(), frame, area)
        }
        Some(Overlay::PqrsReceipt { lines }) => pqrs::receipt(lines, app.scroll, frame, area),
        Some(Overlay::PqrsDetail(d)) => pqrs::detail(d, *app.now.offset(), app.scroll, frame, area),
        Some(Overlay::RecordForm {
            draft,
            form,
            notice,
        }) => record::form(draft, form, notice.as_ref(), frame, area),
        Some(Overlay::RatingForm {
            label,
            form,
            notice,
        }) => rating::form(label, form, notice.as_ref(), frame, area),
        Some(Overlay::CallForm { kind, form, notice }) => {
            calls::form(kind, form, notice.as_ref(), frame, area)
        }
        None => {}
    }
}

/// "¿Descartar lo escrito?" (s / n), asked over a form Esc would close with its input; every
/// mode with forms asks it the same way.
pub fn discard_question(frame: &mut Frame<'_>, area: Rect) {
    overlay::confirm(super::text::DISCARD_QUESTION, frame, area);
}

fn too_small(frame: &mut Frame<'_>, area: Rect) {
    let lines = vec![
        Line::styled(super::text::TOO_SMALL, theme::ERROR),
        Line::from(format!("actual {}×{}", area.width, area.height)),
        Line::from(format!("mínimo {MIN_WIDTH}×{MIN_HEIGHT}")),
    ];
    let height = (lines.len() as u16).min(area.height);
    let rect = centered(area, area.width, height);
    frame.render_widget(Paragraph::new(lines).centered(), rect);
}

/// A `width`×`height` rectangle centred in `area` (clipped to it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

/// A boxed form over the screen: title, a short explanation, the fields, a notice.
pub fn form_box(
    title: &str,
    intro: &str,
    form: &Form,
    notice: Option<&Notice>,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    form_box_with(title, intro, form, notice, None, frame, area);
}

/// [`form_box`] with a line of help under the notice (e.g. a picker's choices).
pub fn form_box_with(
    title: &str,
    intro: &str,
    form: &Form,
    notice: Option<&Notice>,
    help: Option<Line<'static>>,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    use ratatui::layout::Margin;
    use ratatui::widgets::{Block, Clear, Wrap};
    // The box is 70 wide: 66 columns of text inside its borders and margins.
    let intro_lines = crate::tui::widgets::wrap(intro, 66).len().clamp(1, 4) as u16;
    // Room for the whole notice (a refusal lists the valid choices), at least four lines.
    let notice_text = notice_line(notice).to_string();
    let notice_lines = crate::tui::widgets::wrap(&notice_text, 66)
        .len()
        .clamp(4, 12) as u16;
    let help_lines = help.as_ref().map_or(0, |h| {
        crate::tui::widgets::wrap(&h.to_string(), 66).len() as u16
    });
    // the focused picker's options, as the shared list, right under the fields
    let picker = form.fields.get(form.focus).and_then(Field::picker_list);
    // the header and the footer (the keys that work now) stay visible: on a short screen
    // the picker's list and the room kept for the notice give way first
    let room = area.height.saturating_sub(2);
    let fixed = form.height() + 4 + intro_lines + help_lines;
    let notice_now = crate::tui::widgets::wrap(&notice_text, 66).len().max(1) as u16;
    let picker_lines = picker.as_ref().map_or(0, |(_, h)| {
        (*h).min(room.saturating_sub(fixed + notice_now).max(2))
    });
    let notice_lines = notice_lines
        .min(room.saturating_sub(fixed + picker_lines))
        .max(1);
    let height = (fixed + notice_lines + picker_lines).min(room);
    let rect = centered(area, 70, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(title.to_string())
        .border_style(theme::BORDER_FOCUS);
    let inner = block.inner(rect).inner(Margin::new(1, 0));
    frame.render_widget(block, rect);
    let [a, _, f, p, _, n] = Layout::vertical([
        Constraint::Length(intro_lines),
        Constraint::Length(1),
        Constraint::Length(form.height()),
        Constraint::Length(picker_lines),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(intro.to_string()).wrap(Wrap { trim: true }),
        a,
    );
    frame.render_widget(form, f);
    if let Some((list, _)) = picker {
        let indent = Rect {
            x: p.x + 4,
            width: p.width.saturating_sub(4),
            ..p
        };
        frame.render_widget(list, indent);
    }
    // a refusal longer than its rows ends between words with "…" (the picker lists the
    // choices a refusal would name)
    let rows = usize::from(n.height.saturating_sub(help_lines).max(1));
    let mut below = notice_rows(notice, n.width, rows, "…");
    below.extend(help);
    frame.render_widget(Paragraph::new(below).wrap(Wrap { trim: true }), n);
}

/// A footer line of key hints.
pub fn key_hints(hints: &[(&str, &str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (keys, what)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("  ", theme::HINT));
        }
        spans.push(Span::styled(format!(" {keys} "), theme::KEY));
        spans.push(Span::raw(what.to_string()));
    }
    Line::from(spans)
}

/// Says so and returns true when the frame is smaller than `min` (width, height).
pub fn smaller_than(frame: &mut Frame<'_>, min: (u16, u16)) -> bool {
    let area = frame.area();
    if area.width >= min.0 && area.height >= min.1 {
        return false;
    }
    let msg = format!(
        "{} ({}×{}; mínimo {}×{})",
        super::text::TOO_SMALL,
        area.width,
        area.height,
        min.0,
        min.1
    );
    frame.render_widget(
        Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
    true
}

/// A notice in at most two rows of `width`, a longer one ending in "… F12" (the log).
pub fn status_lines(notice: Option<&Notice>, width: u16) -> Vec<Line<'static>> {
    let more = format!("… {}", message::LOG_KEY);
    notice_rows(notice, width, 2, &more)
}

/// A notice in at most `rows` rows of `width`, cut between words and ended with `more`.
fn notice_rows(notice: Option<&Notice>, width: u16, rows: usize, more: &str) -> Vec<Line<'static>> {
    let line = notice_line(notice);
    let style = line
        .style
        .patch(line.spans.first().map(|s| s.style).unwrap_or_default());
    message::fit_with(&line.to_string(), width, rows, more)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// A notice as a styled line.
pub fn notice_line(notice: Option<&Notice>) -> Line<'static> {
    match notice {
        Some(Notice::Error(msg)) => Line::styled(format!("✗ {msg}"), theme::ERROR),
        Some(Notice::Info(msg)) => Line::styled(format!("✓ {msg}"), theme::OK),
        None => Line::default(),
    }
}
