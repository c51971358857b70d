//! Semantic styles: screens name what a thing is, the theme decides how it looks.

use ratatui::style::{Color, Modifier, Style};

pub const HEADER: Style = Style::new().fg(Color::Black).bg(Color::Cyan);
pub const HEADER_CLOCK: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Cyan)
    .add_modifier(Modifier::BOLD);
pub const HEADER_ALERT: Style = Style::new()
    .fg(Color::White)
    .bg(Color::Red)
    .add_modifier(Modifier::BOLD);
pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const BORDER_FOCUS: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const LABEL: Style = Style::new().fg(Color::Gray);
pub const FOCUS_LABEL: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const INPUT: Style = Style::new().fg(Color::White);
pub const INPUT_FOCUSED: Style = Style::new().fg(Color::White).bg(Color::DarkGray);
pub const CURSOR: Style = Style::new().add_modifier(Modifier::REVERSED);
pub const HINT: Style = Style::new().fg(Color::DarkGray);
pub const KEY: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const ERROR: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
pub const OK: Style = Style::new().fg(Color::Green);
pub const DEMO: Style = Style::new().fg(Color::Magenta);
pub const CURRENT: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
pub const CURRENT_TEXT: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const PREFERENTIAL: Style = Style::new().fg(Color::Magenta);
