//! The supervisor's keys: the login, the form (with its pickers and the discard question)
//! and the tabs, filters, sort and the live queue's selection.

use super::{FILTERS, FormKind, SORTS, Supervisor, Tab};
use crate::tui::{action, keymap};
use crossterm::event::{KeyCode, KeyEvent};

use crate::tui::form::StaffLogin;

impl Supervisor {
    pub(super) fn key(&mut self, k: KeyEvent) {
        if self.login_took(k) {
            return;
        }
        if self.discarding {
            if let Some(discard) = keymap::discard_answer(k) {
                self.discarding = false;
                if discard {
                    self.form = None;
                }
            }
            return;
        }
        if let Some((_, form)) = &mut self.form {
            // a picker field: the arrows move its highlight, Space marks
            let focus = keymap::Focus::Form.picking(Some(form));
            match (focus, keymap::map(focus, k)) {
                (keymap::Focus::Picker { .. }, Some(action::Action::Pick(step))) => {
                    if let Some(field) = form.focused_mut() {
                        field.pick_move(step);
                    }
                    return;
                }
                (keymap::Focus::Picker { .. }, Some(action::Action::PickToggle)) => {
                    if let Some(field) = form.focused_mut() {
                        field.pick_toggle();
                    }
                    return;
                }
                _ => {}
            }
            match k.code {
                KeyCode::Enter => {
                    if let Some(field) = form.focused_mut() {
                        field.complete();
                    }
                    self.submit_form()
                }
                KeyCode::Esc if form.changed() => self.discarding = true,
                KeyCode::Esc => self.form = None,
                KeyCode::Tab | KeyCode::Down => form.move_focus(1),
                KeyCode::BackTab | KeyCode::Up => form.move_focus(-1),
                _ => form.edit(k),
            }
            return;
        }
        match k.code {
            KeyCode::Char('q') => self.quit = true,
            KeyCode::Tab => {
                self.tab = match self.tab {
                    Tab::Fila => Tab::Indicadores,
                    Tab::Indicadores => Tab::Ventanillas,
                    Tab::Ventanillas => Tab::Fila,
                }
            }
            KeyCode::Char('1') => self.tab = Tab::Fila,
            KeyCode::Char('2') => self.tab = Tab::Indicadores,
            KeyCode::Char('3') => self.tab = Tab::Ventanillas,
            KeyCode::Char('f') => {
                self.filter = (self.filter + 1) % FILTERS.len();
                self.selected = 0;
            }
            KeyCode::Char('o') => self.sort = (self.sort + 1) % SORTS.len(),
            KeyCode::Up
            | KeyCode::Down
            | KeyCode::PageUp
            | KeyCode::PageDown
            | KeyCode::Home
            | KeyCode::End => {
                if let Some(step) = crate::tui::widgets::list::step_for(k) {
                    self.selected = step.from(self.selected, self.rows().len());
                }
            }
            KeyCode::Char('m') => self.toggle_contingency(),
            KeyCode::Char('v') => self.open_form(FormKind::Window),
            KeyCode::Char('p') => self.open_form(FormKind::Reassign),
            KeyCode::Char('r') => self.refresh(true),
            _ => {}
        }
    }
}

impl StaffLogin for Supervisor {
    fn login_form(&mut self) -> Option<&mut crate::tui::form::Form> {
        self.login.as_mut()
    }

    fn try_login(&mut self) {
        Supervisor::try_login(self);
    }

    fn leave(&mut self) {
        self.quit = true;
    }
}
