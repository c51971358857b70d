//! A bordered box over the screen whose text wraps by words and scrolls (↑↓ RePág AvPág):
//! help, documents and the message log. Its bottom border says which rows show.

use super::wrapped_height;
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

/// A scrolling text box `width` columns wide, centred in the area it is drawn in.
pub struct ScrollBox<'a> {
    pub title: String,
    pub lines: Vec<Line<'a>>,
    /// Rows scrolled from the top (clamped to the last page).
    pub scroll: usize,
    /// Keys shown at the bottom besides the position ("Esc cerrar").
    pub hint: &'a str,
    pub width: u16,
}

impl Widget for ScrollBox<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = self.width.min(area.width);
        let inner_width = width.saturating_sub(2);
        let total = wrapped_height(&self.lines, inner_width);
        // the header and the footer (the keys that work now) stay visible
        let height = (total + 2).min(area.height.saturating_sub(2).max(3));
        let [row] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area);
        let [rect] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(row);
        let visible = height.saturating_sub(2);
        let offset = (self.scroll as u16).min(total.saturating_sub(visible));
        let mut bottom = format!(" {} ", self.hint);
        if total > visible {
            let last = (offset + visible).min(total);
            bottom = format!(
                " ↑↓ RePág AvPág · filas {}–{last} de {total} · {} ",
                offset + 1,
                self.hint
            );
        }
        Clear.render(rect, buf);
        let block = Block::bordered()
            .title(self.title)
            .title_bottom(Line::from(Span::styled(bottom, theme::HINT)).right_aligned())
            .border_style(theme::BORDER_FOCUS);
        Paragraph::new(self.lines)
            .wrap(Wrap { trim: false })
            .scroll((offset, 0))
            .block(block)
            .render(rect, buf);
    }
}
