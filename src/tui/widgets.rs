//! Widgets every screen shares: one list, one picker. A pane composes these; it does not draw
//! its own list.

pub mod list;
pub mod message;
pub mod picker;
pub mod scroll_box;

use ratatui::text::Line;

/// Rows `lines` take when wrapped by words at `width` (as `Paragraph` with `Wrap` draws them).
pub fn wrapped_height(lines: &[Line<'_>], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| textwrap::wrap(&l.to_string(), width).len().max(1))
        .sum::<usize>()
        .try_into()
        .unwrap_or(u16::MAX)
}
