//! The one picker for every closed set: type to filter the Spanish labels (without regard to
//! accents or case, the vocabulary's folding), ↑↓ to move, Enter or Tab to take the
//! highlighted one, Esc to leave; where the law allows several values (consent purposes)
//! Space marks each one. A form field becomes a picker with `Field::with_options`.

use super::list::{ScrollList, Step};
use crate::domain::vocab::{Vocab, fold};
use crate::tui::form::Field;
use crate::tui::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::Widget;

/// Rows of options drawn under a form at most.
pub const ROWS: usize = 6;

/// A picker's state besides its options and what is typed.
#[derive(Debug, Clone, Default)]
pub struct Pick {
    /// Several values may be chosen (Space marks each).
    pub multi: bool,
    /// The highlighted row among the matching options.
    pub highlight: usize,
    /// The highlight was moved with the arrows (leaving the field takes it).
    pub moved: bool,
    /// Multi-select: the options marked, in the order they were marked (a window's services
    /// are called in that order).
    pub chosen: Vec<String>,
    /// A value is required: Enter on the empty field takes the highlighted option (Tab still
    /// leaves it empty). Optional pickers keep Enter as "leave it empty".
    pub required: bool,
}

/// Every label of a closed set, in menu order (a picker's options).
pub fn labels<V: Vocab>() -> Vec<String> {
    V::ALL.iter().map(|v| v.label().to_string()).collect()
}

/// The options `typed` names: all of them when nothing is typed or when it names one exactly
/// (so a value already chosen still shows the others), else those containing it.
pub fn matching<'a>(options: &'a [String], typed: &str) -> Vec<&'a str> {
    let all = typed.trim().is_empty() || names_one(options, typed);
    let typed = fold(typed);
    options
        .iter()
        .map(String::as_str)
        .filter(|o| all || fold(o).contains(&typed))
        .collect()
}

/// Whether `typed` (folded) is `option` or its code, the part before « · » («E · Entregas»).
fn names(option: &str, typed: &str) -> bool {
    let code = option.split(" · ").next().unwrap_or(option);
    fold(option) == typed || fold(code) == typed
}

/// Whether `typed` names one of the options exactly (its label or its code).
pub fn names_one(options: &[String], typed: &str) -> bool {
    let typed = fold(typed);
    !typed.is_empty() && options.iter().any(|o| names(o, &typed))
}

/// The highlighted row: the one moved to, else the option typed exactly, else the first.
pub fn highlighted(options: &[String], typed: &str, pick: &Pick) -> usize {
    let found = matching(options, typed);
    if pick.moved {
        return pick.highlight.min(found.len().saturating_sub(1));
    }
    let typed = fold(typed);
    found.iter().position(|o| names(o, &typed)).unwrap_or(0)
}

impl Field {
    /// Moves the highlight among the matching options.
    pub fn pick_move(&mut self, step: Step) {
        let n = self.matching().len();
        let from = highlighted(&self.options, self.value(), &self.pick);
        self.pick.highlight = step.from(from, n);
        self.pick.moved = true;
    }

    /// Multi-select: marks or unmarks the highlighted option.
    pub fn pick_toggle(&mut self) {
        let at = highlighted(&self.options, self.value(), &self.pick);
        let Some(option) = self.matching().get(at).map(|o| o.to_string()) else {
            return;
        };
        if let Some(i) = self.pick.chosen.iter().position(|c| *c == option) {
            self.pick.chosen.remove(i);
        } else {
            self.pick.chosen.push(option.clone());
        }
        // the filter did its job: the next letters start a new one, over every option
        self.input = Field::text(self.label, "").input;
        self.pick.moved = true;
        self.pick.highlight = self.options.iter().position(|o| *o == option).unwrap_or(0);
    }

    /// The values of a multi-select picker (the marked ones).
    pub fn chosen(&self) -> &[String] {
        &self.pick.chosen
    }

    /// The picker drawn as the shared list: the matching options, the highlighted one marked
    /// (multi-select rows show `[x]` on the marked ones).
    pub fn picker_list(&self) -> Option<(PickerView, u16)> {
        if self.options.is_empty() {
            return None;
        }
        let found = self.matching();
        if found.is_empty() {
            return Some((PickerView::NoMatch, 1));
        }
        let rows: Vec<Text<'static>> = found
            .iter()
            .map(|o| {
                if !self.pick.multi {
                    return Text::from(o.to_string());
                }
                let mark = if self.pick.chosen.iter().any(|c| c == o) {
                    "[x]"
                } else {
                    "[ ]"
                };
                Text::from(format!("{mark} {o}"))
            })
            .collect();
        let height = rows.len().min(ROWS) as u16 + 1;
        let at = highlighted(&self.options, self.value(), &self.pick);
        Some((PickerView::List(ScrollList::new(rows, at, true)), height))
    }
}

/// What a picker draws under its form: its options, or why there are none.
pub enum PickerView {
    List(ScrollList<'static>),
    NoMatch,
}

impl Widget for PickerView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        match self {
            PickerView::List(list) => list.render(area, buf),
            PickerView::NoMatch => {
                Line::styled("ninguna coincide; borre para ver todas", theme::HINT)
                    .render(area, buf)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Vec<String> {
        ["Petición", "Queja", "Reclamo", "Denuncia"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn typing_filters_without_accents_or_case() {
        let o = options();
        assert_eq!(matching(&o, "PETIC"), vec!["Petición"]);
        assert_eq!(matching(&o, "cia"), vec!["Denuncia"]);
        assert_eq!(matching(&o, "").len(), 4);
        // a value named exactly shows every option, highlighted on itself
        assert_eq!(matching(&o, "queja").len(), 4);
        assert_eq!(highlighted(&o, "queja", &Pick::default()), 1);
    }

    #[test]
    fn arrows_then_leaving_take_the_highlighted_option() {
        let mut f = Field::text("Tipo", "").with_options(options());
        f.pick_move(Step::Rows(1));
        f.pick_move(Step::Rows(1));
        f.complete();
        assert_eq!(f.value(), "Reclamo");
    }

    /// Every closed set: the picker offers each label, and typing any label (upper case,
    /// without accents) then leaving takes a value the set's own parser reads back as it.
    #[test]
    fn every_set_is_offered_whole_and_refuses_nothing_valid() {
        use crate::domain::vocab::every_set;
        for set in every_set() {
            let options: Vec<String> = set.values.iter().map(|v| v.1.to_string()).collect();
            let empty = Field::text("x", "").with_options(options.clone());
            assert_eq!(empty.matching().len(), options.len(), "{}", set.name);
            for (code, label, _) in &set.values {
                for typed in [label.to_string(), fold(label).to_uppercase()] {
                    let mut f = Field::text("x", "").with_options(options.clone());
                    for c in typed.chars() {
                        f.input.insert_char(c);
                    }
                    f.complete();
                    assert_eq!(
                        (set.parse)(f.value()),
                        Some(*code),
                        "{}: typed {typed:?}, took {:?}",
                        set.name,
                        f.value()
                    );
                }
            }
        }
    }

    #[test]
    fn multi_select_marks_several_in_the_order_marked() {
        let mut f = Field::text("Finalidad", "").with_options(options()).multi();
        f.pick_move(Step::Last);
        f.pick_toggle();
        f.pick_move(Step::First);
        f.pick_toggle();
        assert_eq!(f.chosen(), ["Denuncia", "Petición"]);
        f.pick_toggle();
        assert_eq!(f.chosen(), ["Denuncia"]);
    }
}
