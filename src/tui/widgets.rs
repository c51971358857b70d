//! Widgets every screen shares: one list (and its table form), one picker. A pane composes these; it does not draw
//! its own list.

pub mod list;
pub mod message;
pub mod picker;
pub mod scroll_box;
pub mod table;

use ratatui::text::Line;

/// `text` wrapped at `width` columns between words only (never inside a word, not even at
/// its hyphens: a radicado such as CALI-2026-000021 stays on one row).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let options =
        textwrap::Options::new(width.max(1)).word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// Rows `lines` take when wrapped by words at `width` (as `Paragraph` with `Wrap` draws them).
pub fn wrapped_height(lines: &[Line<'_>], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| wrap(&l.to_string(), width).len().max(1))
        .sum::<usize>()
        .try_into()
        .unwrap_or(u16::MAX)
}
