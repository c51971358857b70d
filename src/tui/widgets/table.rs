//! The shared list in table form: columns under a one-row header, with the list's own
//! behaviour (the selection drawn with its marker besides colour, page-wise scrolling, "n de
//! m" on a last line, moves by [`super::list::Step`] that never wrap).

use super::list::{MARKER, count_line, page_offset};
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{HighlightSpacing, StatefulWidget, Table, TableState, Widget};

/// A table to draw: `table` (its rows, widths and a one-row header), how many rows it has and
/// the selected one (highlighted only when focused).
pub struct ScrollTable<'a> {
    table: Table<'a>,
    len: usize,
    position: usize,
    focused: bool,
}

impl<'a> ScrollTable<'a> {
    /// `table` of `len` rows (its header is one row) with the row at `position` selected.
    pub fn new(table: Table<'a>, len: usize, position: usize, focused: bool) -> ScrollTable<'a> {
        ScrollTable {
            table,
            len,
            position: position.min(len.saturating_sub(1)),
            focused,
        }
    }
}

impl Widget for ScrollTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let count_height = u16::from(self.len > 0 && area.height > 2);
        let [body, count] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(count_height)]).areas(area);
        // the header takes the body's first row
        let visible = usize::from(body.height.saturating_sub(1));
        let mut state = TableState::default()
            .with_offset(page_offset(self.position, visible))
            .with_selected((self.focused && self.len > 0).then_some(self.position));
        let table = self
            .table
            .highlight_symbol(MARKER)
            .highlight_spacing(HighlightSpacing::Always)
            .row_highlight_style(theme::CURRENT);
        StatefulWidget::render(table, body, buf, &mut state);
        if count_height > 0 {
            count_line(self.position, self.len).render(count, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::Row;

    #[test]
    fn the_selection_is_drawn_with_its_marker_and_counted() {
        let rows = (1..=30).map(|i| Row::new([format!("fila {i}"), "x".into()]));
        let table = Table::new(rows, [Constraint::Length(8), Constraint::Length(2)])
            .header(Row::new(["Fila", "X"]));
        let area = Rect::new(0, 0, 30, 7);
        let mut buf = Buffer::empty(area);
        ScrollTable::new(table, 30, 14, true).render(area, &mut buf);
        let lines: Vec<String> = (0..7)
            .map(|y| (0..30).map(|x| buf[(x, y)].symbol()).collect())
            .collect();
        assert!(lines[0].contains("Fila"), "{lines:#?}");
        assert!(
            lines.iter().any(|l| l.starts_with("▶ fila 15")),
            "{lines:#?}"
        );
        assert_eq!(lines[6].trim(), "15 de 30");
    }
}
