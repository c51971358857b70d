//! The frame every console pane is drawn in (shared by the panes and their layout, so that
//! neither depends on the other).

use crate::tui::action::Pane;
use crate::tui::{text, theme};
use ratatui::text::Span;
use ratatui::widgets::Block;

/// A pane's frame: its title, highlighted when focused.
pub fn pane_block(pane: Pane, focused: bool) -> Block<'static> {
    let (title, _) = text::pane(pane);
    let border = if focused {
        theme::BORDER_FOCUS
    } else {
        theme::BORDER
    };
    Block::bordered()
        .title(Span::styled(format!(" {title} "), theme::TITLE))
        .border_style(border)
}
