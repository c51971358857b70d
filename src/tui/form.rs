//! A form: labelled fields (ratatui-textarea), one focused; a multi-line field wraps by words,
//! scrolls with its cursor and takes a new line with Alt+Enter. Values survive errors.

use super::theme;
use super::widgets::picker::{self, Pick};
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui_textarea::TextArea;

/// One field.
#[derive(Debug, Clone)]
pub struct Field {
    pub label: &'static str,
    pub input: TextArea<'static>,
    /// Rows drawn; more than one makes a multi-line field.
    pub rows: u16,
    /// The choices of a picker field (typing filters them; leaving the field takes the
    /// highlighted match). Empty for free text.
    pub options: Vec<String>,
    /// The picker's highlight and, for multi-select, the marked options.
    pub pick: Pick,
}

impl Field {
    /// A text field.
    pub fn text(label: &'static str, initial: &str) -> Field {
        let mut input = TextArea::new(vec![initial.to_string()]);
        input.set_cursor_line_style(Style::default());
        input.move_cursor(ratatui_textarea::CursorMove::End);
        Field {
            label,
            input,
            rows: 1,
            options: Vec::new(),
            pick: Pick::default(),
        }
    }

    /// A picker that needs a value: Enter on it empty takes its highlighted option.
    pub fn required(mut self) -> Field {
        self.pick.required = true;
        self
    }

    /// Enter on this field: a required picker left empty takes its highlighted option (as the
    /// footer says), then any picker completes what was typed.
    pub fn enter(&mut self) {
        if self.pick.required && !self.pick.multi && self.value().trim().is_empty() {
            self.pick.moved = true;
        }
        self.complete();
    }

    /// This field as a picker over `options`.
    pub fn with_options(mut self, options: Vec<String>) -> Field {
        self.options = options;
        self
    }

    /// This picker takes several values (Space marks each); what is typed only filters.
    pub fn multi(mut self) -> Field {
        self.pick.multi = true;
        self
    }

    /// The options matching what is typed (see [`picker::matching`]).
    pub fn matching(&self) -> Vec<&str> {
        picker::matching(&self.options, self.value())
    }

    /// Leaving a picker: a single one takes the highlighted match when something was typed or
    /// the arrows moved; a multi-select one marks what typing narrowed to one option, and
    /// forgets the filter.
    pub fn complete(&mut self) {
        if self.options.is_empty() {
            return;
        }
        let typed = !self.value().trim().is_empty();
        let at = picker::highlighted(&self.options, self.value(), &self.pick);
        let found: Vec<String> = self.matching().iter().map(|o| o.to_string()).collect();
        if self.pick.multi {
            // what typing named (exactly, or the only match) is marked on leaving
            let named = picker::names_one(&self.options, self.value()) || found.len() == 1;
            if let (true, Some(option)) = (typed && named, found.get(at))
                && !self.pick.chosen.contains(option)
            {
                self.pick.chosen.push(option.clone());
            }
            self.input = Field::text(self.label, "").input;
        } else if let (true, Some(option)) = (typed || self.pick.moved, found.get(at)) {
            self.input = Field::text(self.label, option).input;
        }
        self.pick.moved = false;
    }

    /// A multi-line field drawn on `rows` rows.
    pub fn multiline(label: &'static str, initial: &str, rows: u16) -> Field {
        let mut field = Field::text(label, "");
        field.input = TextArea::new(initial.lines().map(str::to_string).collect());
        field.input.set_cursor_line_style(Style::default());
        // long lines wrap by words and the rows scroll with the cursor, never sideways
        field
            .input
            .set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        field
            .input
            .move_cursor(ratatui_textarea::CursorMove::Bottom);
        field.input.move_cursor(ratatui_textarea::CursorMove::End);
        field.rows = rows.max(1);
        field
    }

    /// A masked field (PINs).
    pub fn secret(label: &'static str) -> Field {
        let mut field = Field::text(label, "");
        field.input.set_mask_char('•');
        field
    }

    /// The typed value (the first line of a multi-line field).
    pub fn value(&self) -> &str {
        self.input.lines().first().map(String::as_str).unwrap_or("")
    }

    /// Every line typed, joined with new lines.
    pub fn all_lines(&self) -> String {
        self.input.lines().join("\n")
    }
}

/// The staff login of a mode: user and PIN. The user stays free text, never a picker:
/// usernames are not a closed set to show whoever stands at the screen (a list would hand
/// out half of every credential), and the desk checks what is typed.
pub fn staff_login() -> Form {
    Form::new(vec![Field::text("Usuario", ""), Field::secret("PIN")])
}

/// A mode that opens at a staff login (see [`staff_login`]).
pub trait StaffLogin {
    /// The login form while nobody is logged in.
    fn login_form(&mut self) -> Option<&mut Form>;
    /// Checks the user and PIN typed.
    fn try_login(&mut self);
    /// Leaves the mode (keeping whatever it keeps on leaving).
    fn leave(&mut self);

    /// Ctrl+C leaves from anywhere; while the login is open it takes every key (Enter
    /// checks, Esc leaves, the arrows and Tab change field). `false`: the key is the mode's.
    fn login_took(&mut self, key: KeyEvent) -> bool {
        use crossterm::event::{KeyCode, KeyModifiers};
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.leave();
            return true;
        }
        let Some(form) = self.login_form() else {
            return false;
        };
        match key.code {
            KeyCode::Enter => self.try_login(),
            KeyCode::Esc => self.leave(),
            KeyCode::Tab | KeyCode::Down | KeyCode::BackTab | KeyCode::Up => form.move_focus(1),
            _ => form.edit(key),
        }
        true
    }
}

/// A list of fields with one focused.
#[derive(Debug, Clone)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Each field as the form opened (text and marked options), to tell what was typed.
    opened: Vec<(String, Vec<String>)>,
}

/// What each field holds now: its text and its marked options.
fn contents(fields: &[Field]) -> Vec<(String, Vec<String>)> {
    fields
        .iter()
        .map(|f| (f.all_lines(), f.pick.chosen.clone()))
        .collect()
}

impl Form {
    /// A form with the first field focused.
    pub fn new(fields: Vec<Field>) -> Form {
        let opened = contents(&fields);
        Form {
            fields,
            focus: 0,
            opened,
        }
    }

    /// The value of field `i`.
    pub fn value(&self, i: usize) -> &str {
        self.fields.get(i).map(Field::value).unwrap_or("")
    }

    /// Whether anything has been typed.
    pub fn has_input(&self) -> bool {
        self.fields.iter().any(|f| !f.value().is_empty())
    }

    /// Whether a person changed anything since the form opened (Esc then asks before
    /// discarding it; a form as it opened closes at once).
    pub fn changed(&self) -> bool {
        contents(&self.fields) != self.opened
    }

    /// Moves the focus by `step`, wrapping (a picker field left completes to its only match).
    pub fn move_focus(&mut self, step: isize) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.complete();
        }
        let n = self.fields.len().max(1) as isize;
        self.focus = (self.focus as isize + step).rem_euclid(n) as usize;
    }

    /// The focused field.
    pub fn focused_mut(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    /// Whether the last field is focused.
    pub fn on_last(&self) -> bool {
        self.focus + 1 >= self.fields.len()
    }

    /// Sends a key to the focused field. Enter (with Alt) starts a new line only in a
    /// multi-line field.
    pub fn edit(&mut self, key: KeyEvent) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            if key.code == crossterm::event::KeyCode::Enter {
                if field.rows > 1 {
                    field.input.insert_newline();
                }
                return;
            }
            // typing over a value already chosen starts a new filter
            let typing = matches!(key.code, crossterm::event::KeyCode::Char(_));
            if typing && !field.pick.multi && picker::names_one(&field.options, field.value()) {
                field.input = Field::text(field.label, "").input;
            }
            field.input.input(key);
            field.pick.moved = false;
        }
    }

    /// Empties field `i` (e.g. a rejected PIN).
    pub fn clear(&mut self, i: usize) {
        if let Some(field) = self.fields.get_mut(i) {
            field.input = Field::secret(field.label).input;
        }
    }

    /// Lines this form needs when drawn.
    pub fn height(&self) -> u16 {
        self.fields.iter().map(|f| f.rows).sum()
    }
}

impl Widget for &Form {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let label_width = self
            .fields
            .iter()
            .map(|f| f.label.chars().count())
            .max()
            .unwrap_or(0) as u16
            + 2;
        let mut y = area.y;
        for (i, field) in self.fields.iter().enumerate() {
            if y >= area.bottom() {
                break;
            }
            let focused = i == self.focus;
            let style = if focused {
                theme::FOCUS_LABEL
            } else {
                theme::LABEL
            };
            let marker = if focused { "▸ " } else { "  " };
            let label = Line::from(vec![
                Span::styled(marker, style),
                Span::styled(format!("{}:", field.label), style),
            ]);
            let row = Rect {
                x: area.x,
                y,
                width: area.width,
                height: 1,
            };
            label.render(row, buf);
            let input_x = area.x + 2 + label_width;
            if input_x < area.right() {
                let input_area = Rect {
                    x: input_x,
                    y,
                    width: area.right() - input_x,
                    height: field.rows.min(area.bottom() - y),
                };
                if field.pick.multi && field.value().is_empty() {
                    // a multi-select shows what is marked until something is typed to filter
                    let marked = if field.pick.chosen.is_empty() {
                        Span::styled("ninguna marcada (Espacio marca)", theme::HINT)
                    } else {
                        Span::styled(field.pick.chosen.join(", "), theme::INPUT)
                    };
                    Line::from(marked).render(input_area, buf);
                    y += field.rows;
                    continue;
                }
                let mut input = field.input.clone();
                input.set_style(if focused {
                    theme::INPUT_FOCUSED
                } else {
                    theme::INPUT
                });
                input.set_cursor_style(if focused { theme::CURSOR } else { theme::INPUT });
                input.render(input_area, buf);
            }
            y += field.rows;
        }
    }
}
