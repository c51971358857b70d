//! Overlays: help, the quit question, the lock screen.

use super::{centered, notice_line};
use crate::tui::app::{App, LockReason, Notice, Screen};
use crate::tui::form::Form;
use crate::tui::keymap::HELP;
use crate::tui::widgets::scroll_box::ScrollBox;
use crate::tui::{text, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// Every key, the focused pane's section first; it scrolls when it does not fit.
pub fn help(focused: Option<&str>, scroll: usize, frame: &mut Frame<'_>, area: Rect) {
    const WIDTH: u16 = 72;
    let first =
        |section: &&(&str, &[(&str, &str)])| !focused.is_some_and(|f| section.0.starts_with(f));
    let mut sections: Vec<_> = HELP.iter().collect();
    sections.sort_by_key(first);
    let mut lines = Vec::new();
    for (section, keys) in sections {
        lines.push(Line::styled(*section, theme::TITLE));
        for (k, what) in *keys {
            lines.extend(key_line(k, what, WIDTH - 2));
        }
    }
    let help = ScrollBox {
        title: text::HELP_TITLE.to_string(),
        lines,
        scroll,
        hint: "Esc cerrar",
        width: WIDTH,
    };
    frame.render_widget(help, area);
}

/// One help entry: the keys in their column, the meaning wrapped by words beside them.
fn key_line(keys: &str, what: &str, width: u16) -> Vec<Line<'static>> {
    const KEYS: usize = 20;
    let room = usize::from(width).saturating_sub(KEYS + 2).max(10);
    let mut out = Vec::new();
    let key_rows = crate::tui::widgets::wrap(keys, KEYS - 1);
    let what_rows = crate::tui::widgets::wrap(what, room);
    for i in 0..key_rows.len().max(what_rows.len()) {
        let k = key_rows.get(i).map_or("", String::as_str);
        let w = what_rows.get(i).map_or("", String::as_str);
        out.push(Line::from(vec![
            Span::styled(format!("  {k:<KEYS$}"), theme::KEY),
            Span::raw(w.to_string()),
        ]));
    }
    out
}

/// The last messages of the status line, newest first.
pub fn messages(app: &App, scroll: usize, frame: &mut Frame<'_>, area: Rect) {
    let mut lines: Vec<Line<'static>> = app
        .messages
        .iter()
        .rev()
        .map(|(at, notice)| {
            let mut line = notice_line(Some(notice));
            line.spans
                .insert(0, Span::styled(format!("{at} "), theme::HINT));
            line
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled("Sin mensajes todavía.", theme::HINT));
    }
    let log = ScrollBox {
        title: text::MESSAGES_TITLE.to_string(),
        lines,
        scroll,
        hint: "Esc cerrar",
        width: 76,
    };
    frame.render_widget(log, area);
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
