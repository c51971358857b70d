//! Overlays: help, the quit question, the lock screen.

use super::{centered, notice_line};
use crate::tui::app::{App, LockReason, Notice, Screen};
use crate::tui::form::Form;
use crate::tui::keymap::HELP;
use crate::tui::{text, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// The keys of the console, of the focused pane and of forms (all sections if they fit).
pub fn help(focused: Option<&str>, frame: &mut Frame<'_>, area: Rect) {
    let all: usize = HELP.iter().map(|(_, keys)| keys.len() + 1).sum();
    let fits = all as u16 + 2 <= area.height;
    let mut lines = Vec::new();
    for (section, keys) in HELP {
        let pane_section = section.contains("(F");
        if !fits && pane_section && focused.is_none_or(|f| !section.starts_with(f)) {
            continue;
        }
        lines.push(Line::styled(section, theme::TITLE));
        for (k, what) in keys {
            lines.push(Line::from(vec![
                Span::styled(format!("  {k:<18}"), theme::KEY),
                Span::raw(*what),
            ]));
        }
    }
    let rect = centered(area, 70, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(text::HELP_TITLE)
        .border_style(theme::BORDER_FOCUS);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

pub fn confirm_quit(unsaved: bool, turn: Option<&str>, frame: &mut Frame<'_>, area: Rect) {
    let mut lines = Vec::new();
    if unsaved {
        lines.push(Line::styled(text::QUIT_UNSAVED, theme::ERROR));
    }
    if let Some(turn) = turn {
        lines.push(Line::styled(
            format!("El turno {turn} sigue en esta ventanilla: finalícelo o trasládelo antes de salir, o quedará esperando aquí."),
            theme::ERROR,
        ));
    }
    lines.push(Line::from(text::QUIT_PLAIN));
    question_box(
        text::QUIT_TITLE,
        lines,
        [("s", "sí, salir"), ("n", "no, seguir aquí")],
        frame,
        area,
    );
}

/// A yes/no question before an action that cannot be undone.
pub fn confirm(question: &str, frame: &mut Frame<'_>, area: Rect) {
    let lines = vec![Line::from(question.to_string())];
    question_box(
        " Confirmar ",
        lines,
        [("s", "sí"), ("n / Esc", "no")],
        frame,
        area,
    );
}

fn question_box(
    title: &str,
    mut lines: Vec<Line<'static>>,
    keys: [(&'static str, &'static str); 2],
    frame: &mut Frame<'_>,
    area: Rect,
) {
    const WIDTH: u16 = 60;
    let text_rows: u16 = lines
        .iter()
        .map(|l| (l.width() as u16).div_ceil(WIDTH - 8).max(1))
        .sum();
    lines.push(Line::default());
    lines.push(super::key_hints(&keys));
    let rect = centered(area, WIDTH, text_rows + 4);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(title.to_string())
        .border_style(theme::ERROR);
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        rect,
    );
}

pub fn locked(
    app: &App,
    reason: LockReason,
    form: &Form,
    notice: Option<&Notice>,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let rect = centered(area, 64, 10);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(text::LOCK_TITLE)
        .border_style(theme::BORDER_FOCUS);
    let inner = block.inner(rect).inner(Margin::new(1, 0));
    frame.render_widget(block, rect);
    let who = match &app.screen {
        Screen::Console(c) => format!(
            "Usuario: {} — {}. Digite su PIN.",
            c.user.username, c.user.name
        ),
        _ => String::new(),
    };
    let why = if reason == LockReason::Idle {
        text::LOCK_IDLE
    } else {
        text::LOCK_MANUAL
    };
    let place = format!(
        "{} · Ventanilla {}",
        app.branch
            .as_ref()
            .map_or(text::NO_BRANCH, |b| b.name.as_str()),
        app.window
    );
    let [a, p, b, _, f, _, n] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(Line::styled(why, theme::HINT), a);
    frame.render_widget(Line::from(place), p);
    frame.render_widget(Line::from(who), b);
    frame.render_widget(form, f);
    frame.render_widget(
        Paragraph::new(notice_line(notice)).wrap(Wrap { trim: true }),
        n,
    );
}
