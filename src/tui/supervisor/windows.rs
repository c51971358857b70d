//! The supervisor's map of windows: one row per window with who is there, what they are doing
//! and for how long; a pause past its usual length and a window with nobody while turns wait
//! stand out.

use super::Supervisor;
use crate::domain::advisor::State;
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Style};
use ratatui::widgets::{Block, Cell, Row, Table};

/// Minutes after which a pause is drawn as long.
const LONG_PAUSE_MINUTES: i64 = 30;

/// Draws the map in `area`.
pub fn render(s: &Supervisor, frame: &mut Frame<'_>, area: Rect) {
    let header = Row::new(
        [
            "Vent.",
            "Servicios",
            "Asesor",
            "Estado",
            "Detalle",
            "Desde",
            "Min.",
        ]
        .map(|h| Cell::from(h).style(theme::TITLE)),
    );
    let offset = *s.now.offset();
    let rows: Vec<Row> = s
        .windows
        .iter()
        .map(|w| {
            let minutes = w.since.as_deref().map(|at| minutes_since(at, s.now));
            let style = match w.state {
                State::InAttention => Style::new().fg(Color::Green),
                State::Paused if minutes.unwrap_or(0) >= LONG_PAUSE_MINUTES => theme::ERROR,
                State::Paused => Style::new().fg(Color::Yellow),
                State::Available => Style::new().fg(Color::Cyan),
                State::LoggedOut => theme::HINT,
            };
            let since = w
                .since
                .as_deref()
                .map(|at| crate::localtime::human_stamp(at, offset))
                .map(|t| t.rsplit(' ').next().unwrap_or(&t).to_string())
                .unwrap_or_else(|| "-".into());
            let state = if w.active {
                w.state.label().to_string()
            } else {
                "inactiva".to_string()
            };
            Row::new(vec![
                Cell::from(w.window.to_string()),
                Cell::from(w.services.join(" ")),
                Cell::from(w.advisor.clone().unwrap_or_else(|| "—".into())),
                Cell::from(state).style(style),
                Cell::from(w.detail.clone()),
                Cell::from(since),
                Cell::from(minutes.map_or("-".into(), |m| m.to_string())),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(5),
            Constraint::Length(10),
            Constraint::Length(12),
            Constraint::Length(15),
            Constraint::Min(12),
            Constraint::Length(6),
            Constraint::Length(5),
        ],
    )
    .header(header)
    .block(
        Block::bordered()
            .title(format!(" Ventanillas · {} ", s.windows.len()))
            .border_style(theme::BORDER_FOCUS),
    );
    frame.render_widget(table, area);
}

fn minutes_since(at: &str, now: chrono::DateTime<chrono::FixedOffset>) -> i64 {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| (now - t).num_minutes().max(0))
        .unwrap_or(0)
}
