//! The kiosk's services as big buttons on a screen with room for them (each "[R] Recreación"
//! in letters four cells high), so people read them from a step away. Drawing and touch use
//! the same rectangles.

use super::Kiosk;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};

/// Cells a letter takes in the big font (8×8 pixels, four per cell).
const LETTER: u16 = 4;

/// Rows between two buttons.
const GAP: u16 = 1;

fn label(k: &Kiosk, i: usize) -> String {
    k.services
        .get(i)
        .map(|s| format!("[{}] {}", s.code, s.name))
        .unwrap_or_default()
}

/// The title's row and each service's button, when the big buttons fit in `inner` (not in
/// contingency, nor while a message is shown).
pub fn layout(k: &Kiosk, inner: Rect) -> Option<(Rect, Vec<Rect>)> {
    if k.contingency || k.notice.is_some() || k.services.is_empty() {
        return None;
    }
    let n = k.services.len() as u16;
    let widest = (0..k.services.len())
        .map(|i| label(k, i).chars().count() as u16)
        .max()
        .unwrap_or(0);
    let width = widest * LETTER;
    let height = 2 + n * (LETTER + GAP);
    if width + 4 > inner.width || height > inner.height {
        return None;
    }
    let [column] = Layout::horizontal([Constraint::Length(width + 2)])
        .flex(Flex::Center)
        .areas(inner);
    let [column] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(column);
    let title = Rect {
        height: 1,
        ..column
    };
    let buttons = (0..n)
        .map(|i| Rect {
            x: column.x + 2,
            y: column.y + 2 + i * (LETTER + GAP),
            width,
            height: LETTER,
        })
        .collect();
    Some((title, buttons))
}

/// Draws the services as big buttons; false when they do not fit (the caller draws lines).
pub fn render(k: &Kiosk, frame: &mut Frame<'_>, inner: Rect, title_style: Style) -> bool {
    let Some((title, buttons)) = layout(k, inner) else {
        return false;
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            "Bienvenido(a). ¿Qué servicio necesita?",
            title_style,
        )),
        title,
    );
    for (i, rect) in buttons.into_iter().enumerate() {
        let selected = i == k.selected;
        let color = if selected { Color::Cyan } else { Color::White };
        let text = BigText::builder()
            .pixel_size(PixelSize::Quadrant)
            .style(Style::new().fg(color).add_modifier(Modifier::BOLD))
            .lines(vec![label(k, i).into()])
            .build();
        frame.render_widget(text, rect);
        if selected {
            let marker = Rect {
                x: rect.x.saturating_sub(2),
                y: rect.y + 1,
                width: 1,
                height: 1,
            };
            frame.render_widget(Line::styled("▶", Style::new().fg(Color::Cyan)), marker);
        }
    }
    true
}

/// The service letter under a touch at `at`, when the big buttons are drawn.
pub fn key_at(k: &Kiosk, inner: Rect, at: ratatui::layout::Position) -> Option<Option<char>> {
    let (_, buttons) = layout(k, inner)?;
    Some(
        buttons
            .iter()
            .position(|b| b.contains(at))
            .and_then(|i| k.services.get(i))
            .and_then(|s| s.code.chars().next()),
    )
}
