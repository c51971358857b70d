//! The setup and login screens.

use super::{centered, key_hints, notice_line};
use crate::tui::app::{App, LoginState, SetupState};
use crate::tui::form::Field;
use crate::tui::{text, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn setup(s: &SetupState, frame: &mut Frame<'_>, area: Rect) {
    let [body, footer] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let boxed = centered(body, 74, s.form.height() + 8);
    let block = Block::bordered()
        .title(text::SETUP_TITLE)
        .border_style(theme::BORDER_FOCUS);
    let inner = block.inner(boxed);
    frame.render_widget(block, boxed);
    let [intro, _, fields, _, notice] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(s.form.height()),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner.inner(ratatui::layout::Margin::new(1, 0)));
    frame.render_widget(
        Paragraph::new(text::SETUP_INTRO).wrap(Wrap { trim: true }),
        intro,
    );
    frame.render_widget(&s.form, fields);
    frame.render_widget(
        Paragraph::new(notice_line(s.notice.as_ref())).wrap(Wrap { trim: true }),
        notice,
    );
    frame.render_widget(key_hints(text::FOOTER_FORM), footer);
}

pub fn login(app: &App, l: &LoginState, frame: &mut Frame<'_>, area: Rect) {
    let [body, footer] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    // the window picker's options (when the window is asked), as the shared list
    let picker = l.form.fields.get(l.form.focus).and_then(Field::picker_list);
    let picker_lines = picker.as_ref().map_or(0, |(_, h)| (*h).min(6));
    let boxed = centered(body, 64, 11 + l.form.height() + picker_lines);
    let branch = app
        .branch
        .as_ref()
        .map(|b| b.name.as_str())
        .unwrap_or(text::NO_BRANCH);
    let title = if app.asking_window {
        format!("{}— {branch} ", text::LOGIN_TITLE)
    } else {
        format!(
            "{}— {branch} · Ventanilla {} ",
            text::LOGIN_TITLE,
            app.window
        )
    };
    let block = Block::bordered()
        .title(title)
        .border_style(theme::BORDER_FOCUS);
    let inner = block.inner(boxed).inner(ratatui::layout::Margin::new(1, 1));
    frame.render_widget(block, boxed);
    let [fields, options, _, notice, demo] = Layout::vertical([
        Constraint::Length(l.form.height()),
        Constraint::Length(picker_lines),
        Constraint::Length(1),
        Constraint::Length(4),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(&l.form, fields);
    if let Some((list, _)) = picker {
        frame.render_widget(list, options);
    }
    frame.render_widget(
        Paragraph::new(notice_line(l.notice.as_ref())).wrap(Wrap { trim: true }),
        notice,
    );
    if app.is_demo() {
        let hint =
            Paragraph::new(Line::styled(text::DEMO_HINT, theme::DEMO)).wrap(Wrap { trim: true });
        frame.render_widget(hint, demo);
    }
    frame.render_widget(key_hints(text::FOOTER_FORM), footer);
}
