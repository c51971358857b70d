//! The one list every screen shares: the selection is always drawn (a marker besides colour),
//! the rows scroll a page at a time around it, a last line says "n de m" and whether the
//! results were capped. Moving never wraps silently.

use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState, StatefulWidget, Widget};

/// Rows a page key moves.
pub const PAGE: usize = 10;

/// The marker drawn before the selected row.
pub const MARKER: &str = "▶ ";

/// A move of the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Up (negative) or down (positive) by rows.
    Rows(i8),
    /// Up (negative) or down (positive) by pages.
    Pages(i8),
    /// The first row (Home).
    First,
    /// The last row (End).
    Last,
}

impl Step {
    /// Where the selection lands from `selected` in a list of `len` rows (clamped, no wrap).
    pub fn from(self, selected: usize, len: usize) -> usize {
        let last = len.saturating_sub(1);
        let by = |n: isize| (selected as isize + n).clamp(0, last as isize) as usize;
        match self {
            Step::Rows(n) => by(isize::from(n)),
            Step::Pages(n) => by(isize::from(n) * PAGE as isize),
            Step::First => 0,
            Step::Last => last,
        }
    }
}

/// The list's own key: arrows, pages, Home/End.
pub fn step_for(key: crossterm::event::KeyEvent) -> Option<Step> {
    use crossterm::event::KeyCode;
    Some(match key.code {
        KeyCode::Up => Step::Rows(-1),
        KeyCode::Down => Step::Rows(1),
        KeyCode::PageUp => Step::Pages(-1),
        KeyCode::PageDown => Step::Pages(1),
        KeyCode::Home => Step::First,
        KeyCode::End => Step::Last,
        _ => return None,
    })
}

/// A list to draw: its rows, the selected one (when the list has the focus) and, for capped
/// results, how many there were in all.
pub struct ScrollList<'a> {
    rows: Vec<Text<'a>>,
    selected: Option<usize>,
    /// The position the count line shows (the selection even when unfocused).
    position: usize,
    capped: Option<usize>,
    /// What to do to see the others (after the capped notice).
    hint: &'a str,
}

impl<'a> ScrollList<'a> {
    /// A list of `rows` with the row at `position` selected; highlighted only when `focused`.
    pub fn new(rows: Vec<Text<'a>>, position: usize, focused: bool) -> ScrollList<'a> {
        let position = position.min(rows.len().saturating_sub(1));
        ScrollList {
            selected: (focused && !rows.is_empty()).then_some(position),
            rows,
            position,
            capped: None,
            hint: "",
        }
    }

    /// Says that only the first rows of `total` are listed, and `hint`: how to see the others.
    pub fn capped(mut self, total: Option<usize>, hint: &'a str) -> ScrollList<'a> {
        self.capped = total.filter(|t| *t > self.rows.len());
        self.hint = hint;
        self
    }

    /// The count lines at `width`: "3 de 45", and the capped notice (wrapped by words).
    fn count_lines(&self, width: u16) -> Vec<Line<'static>> {
        let len = self.rows.len();
        let count = format!("{} de {len}", self.position + 1);
        let Some(total) = self.capped else {
            return vec![count_line(self.position, len)];
        };
        let text = format!(
            "{count} · {len} primeros de {} — {}",
            thousands(total),
            self.hint
        );
        super::wrap(&text, usize::from(width.max(1)))
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme::PREFERENTIAL)).right_aligned())
            .collect()
    }
}

/// "n de m", right-aligned: where the selection stands in a list of `len` rows.
pub fn count_line(position: usize, len: usize) -> Line<'static> {
    Line::from(Span::styled(
        format!("{} de {len}", position + 1),
        theme::HINT,
    ))
    .right_aligned()
}

/// The first row drawn when `visible` rows show: page-wise scrolling, the page holding the
/// selection starts at a multiple of the visible rows, so the same selection is always drawn
/// at the same place.
pub fn page_offset(position: usize, visible: usize) -> usize {
    position - position % visible.max(1)
}

/// `line` cut to `width` columns at the last space that leaves room for "…" (styles kept).
pub fn fit_line(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width {
        return line;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let room = width.saturating_sub(1);
    let cut: String = text.chars().take(room).collect();
    // back to the end of the last whole word (a single long word is cut where it must be)
    let whole = cut.ends_with(' ') || text.chars().nth(room) == Some(' ');
    let keep = match cut.trim_end().rfind(' ') {
        Some(i) if !whole => cut[..i].trim_end().chars().count(),
        _ => cut.trim_end().chars().count(),
    };
    let mut left = keep;
    let mut spans = Vec::new();
    for span in line.spans {
        if left == 0 {
            break;
        }
        let n = span.content.chars().count();
        if n <= left {
            left -= n;
            spans.push(span);
        } else {
            let part: String = span.content.chars().take(left).collect();
            spans.push(Span::styled(part, span.style));
            left = 0;
        }
    }
    spans.push(Span::raw("…"));
    Line::from(spans).style(line.style)
}

/// 1234 → "1.234" (the Spanish grouping).
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

impl Widget for ScrollList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.rows.is_empty() || area.height == 0 {
            return;
        }
        let count_lines = self.count_lines(area.width);
        let count_height = (count_lines.len() as u16).min(area.height.saturating_sub(1));
        let [body, count] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(count_height)]).areas(area);
        let offset = page_offset(self.position, usize::from(body.height));
        // a row wider than the list ends between words with "…", never mid-word
        let room = usize::from(body.width.saturating_sub(MARKER.chars().count() as u16));
        let rows = self.rows.into_iter().map(|row| {
            let lines: Vec<Line> = row.lines.into_iter().map(|l| fit_line(l, room)).collect();
            Text::from(lines)
        });
        let mut state = ListState::default()
            .with_offset(offset)
            .with_selected(self.selected);
        let list = List::new(rows.map(ListItem::new))
            .highlight_symbol(MARKER)
            .highlight_spacing(HighlightSpacing::Always)
            .highlight_style(theme::CURRENT);
        StatefulWidget::render(list, body, buf, &mut state);
        ratatui::widgets::Paragraph::new(count_lines).render(count, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_clamp_without_wrapping() {
        assert_eq!(Step::Rows(-1).from(0, 5), 0);
        assert_eq!(Step::Rows(1).from(4, 5), 4);
        assert_eq!(Step::Pages(1).from(2, 30), 12);
        assert_eq!(Step::Pages(1).from(25, 30), 29);
        assert_eq!(Step::Pages(-1).from(5, 30), 0);
        assert_eq!(Step::Last.from(0, 30), 29);
        assert_eq!(Step::First.from(7, 30), 0);
        assert_eq!(Step::Rows(1).from(0, 0), 0);
    }

    #[test]
    fn wide_rows_end_between_words() {
        let fitted = fit_line(Line::from("R-011  7 min  Niña, niño o adolescente"), 26);
        assert_eq!(fitted.to_string(), "R-011  7 min  Niña, niño…");
        let short = fit_line(Line::from("corto"), 26);
        assert_eq!(short.to_string(), "corto");
    }

    #[test]
    fn spanish_thousands() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1234), "1.234");
        assert_eq!(thousands(1234567), "1.234.567");
    }

    fn drawn(list: ScrollList<'_>, height: u16) -> Vec<String> {
        let area = Rect::new(0, 0, 40, height);
        let mut buf = Buffer::empty(area);
        list.render(area, &mut buf);
        (0..height)
            .map(|y| {
                (0..40)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn the_selection_is_always_drawn_with_its_marker() {
        let rows = (1..=30).map(|i| Text::from(format!("fila {i}"))).collect();
        let lines = drawn(ScrollList::new(rows, 14, true), 6);
        assert!(lines.iter().any(|l| l == "▶ fila 15"), "{lines:#?}");
        assert_eq!(lines[5].trim(), "15 de 30");
    }

    #[test]
    fn capped_results_say_so() {
        let rows = (1..=20).map(|i| Text::from(format!("fila {i}"))).collect();
        let lines = drawn(
            ScrollList::new(rows, 0, true).capped(Some(1234), "siga escribiendo"),
            5,
        );
        let all = lines.join(" ");
        assert!(all.contains("20 primeros de 1.234"), "{lines:#?}");
        assert!(all.contains("escribiendo"), "{lines:#?}");
    }
}
