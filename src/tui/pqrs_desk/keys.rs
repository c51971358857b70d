//! Keys: the login, the list (moves, scopes, filters, go to, reassign), the detail (steps)
//! and the forms and editor over them.

use super::*;
use crate::tui::form::StaffLogin;

impl PqrsDesk {
    pub(super) fn overlay_key(&mut self, k: KeyEvent) {
        if matches!(self.overlay, Some(Overlay::Help)) {
            self.overlay = None;
            return;
        }
        let editor = matches!(self.overlay, Some(Overlay::Editor { .. }));
        if editor {
            match k.code {
                KeyCode::Esc => {
                    if self.save_editor() {
                        self.overlay = None;
                        self.refresh();
                    }
                }
                KeyCode::Char('s') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.save_editor();
                    self.refresh();
                }
                _ => {
                    if let Some(Overlay::Editor { form, .. }) = &mut self.overlay {
                        form.edit(k);
                    }
                }
            }
            return;
        }
        if self.discarding {
            if let Some(discard) = crate::tui::keymap::discard_answer(k) {
                self.discarding = false;
                if discard {
                    self.overlay = None;
                }
            }
            return;
        }
        let form = match &mut self.overlay {
            Some(Overlay::Step(_, f) | Overlay::GoTo(f) | Overlay::Reassign(_, f)) => f,
            _ => return,
        };
        // a picker field: the list's keys move its highlight (Tab changes field)
        let plain = !k
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if let Some(field) = form
            .focused_mut()
            .filter(|f| !f.options.is_empty() && plain)
            && !matches!(k.code, KeyCode::Home | KeyCode::End)
            && let Some(step) = crate::tui::widgets::list::step_for(k)
        {
            field.pick_move(step);
            return;
        }
        match k.code {
            KeyCode::Enter if !k.modifiers.contains(KeyModifiers::ALT) => self.submit_overlay(),
            KeyCode::Esc if form.changed() => self.discarding = true,
            KeyCode::Esc => self.overlay = None,
            KeyCode::Tab | KeyCode::Down => form.move_focus(1),
            KeyCode::BackTab | KeyCode::Up => form.move_focus(-1),
            _ => form.edit(k),
        }
    }

    pub(super) fn cycle<T: Clone + PartialEq>(current: &Option<T>, all: &[T]) -> Option<T> {
        match current {
            None => all.first().cloned(),
            Some(c) => {
                let i = all.iter().position(|x| x == c).map_or(0, |i| i + 1);
                all.get(i).cloned()
            }
        }
    }

    pub(super) fn list_key(&mut self, k: KeyEvent) {
        if let Some(step) = crate::tui::widgets::list::step_for(k) {
            self.selected = step.from(self.selected, self.lines.len());
            return;
        }
        match k.code {
            KeyCode::Enter => {
                if let Some(r) = self
                    .lines
                    .get(self.selected)
                    .map(|l| l.row.radicado.clone())
                {
                    self.scroll = 0;
                    self.open(&r);
                }
            }
            KeyCode::Tab => {
                self.scope = match self.scope {
                    Scope::Mine if self.is_supervisor() => Scope::All,
                    Scope::Mine | Scope::All if self.is_signer() => Scope::Approvals,
                    _ => Scope::Mine,
                };
                self.selected = 0;
                self.refresh();
            }
            KeyCode::Char('e') => {
                self.filters.status = Self::cycle(&self.filters.status, Status::ALL);
                self.refresh();
            }
            KeyCode::Char('t') => {
                self.filters.kind = Self::cycle(&self.filters.kind, Kind::ALL);
                self.refresh();
            }
            KeyCode::Char('a') => {
                self.filters.area = Self::cycle(&self.filters.area, &self.config.pqrs.areas);
                self.refresh();
            }
            KeyCode::Char('d') => {
                self.filters.due_within = Self::cycle(&self.filters.due_within, &[3, 5, 10]);
                self.refresh();
            }
            KeyCode::Char('v') => {
                self.filters.overdue = !self.filters.overdue;
                self.refresh();
            }
            KeyCode::Char('g') => {
                self.overlay = Some(Overlay::GoTo(Form::new(vec![Field::text(
                    "Radicado (o 000021)",
                    "",
                )])));
            }
            KeyCode::Char('r') => self.start_reassign(),
            KeyCode::Char('?') => self.overlay = Some(Overlay::Help),
            KeyCode::Char('q') => self.quit = true,
            _ => {}
        }
    }

    pub(super) fn start_reassign(&mut self) {
        if !self.is_supervisor() {
            self.notice = Some(Notice::Error(
                "Reasignar PQRS es de un supervisor; pídaselo a uno.".into(),
            ));
            return;
        }
        let Some(l) = self.lines.get(self.selected) else {
            return;
        };
        let form = Form::new(vec![
            Field::text("Área", &l.row.area).with_options(self.config.pqrs.areas.clone()),
            Field::text("Usuario", l.row.assignee.as_deref().unwrap_or("")),
        ]);
        self.overlay = Some(Overlay::Reassign(l.row.radicado.clone(), form));
    }

    pub(super) fn detail_key(&mut self, k: KeyEvent) {
        match k.code {
            KeyCode::Esc => {
                self.detail = None;
                self.refresh();
            }
            KeyCode::Down => self.scroll = self.scroll.saturating_add(1),
            KeyCode::Up => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::PageDown => self.scroll = self.scroll.saturating_add(10),
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(10),
            KeyCode::Char('q') => self.quit = true,
            KeyCode::Char('?') => self.overlay = Some(Overlay::Help),
            KeyCode::Char(c) => {
                if let Some(key) = steps::key_of(c) {
                    self.step_key(key);
                }
            }
            _ => {}
        }
    }

    /// Quits, saving the answer being written first.
    pub(super) fn quit_saving(&mut self) {
        self.save_editor();
        self.quit = true;
    }

    pub(super) fn key(&mut self, k: KeyEvent) {
        if self.login_took(k) {
            return;
        }
        if self.overlay.is_some() {
            self.overlay_key(k);
        } else if self.detail.is_some() {
            self.detail_key(k);
        } else {
            self.list_key(k);
        }
    }
}

impl StaffLogin for PqrsDesk {
    fn login_form(&mut self) -> Option<&mut crate::tui::form::Form> {
        self.login.as_mut()
    }

    fn try_login(&mut self) {
        PqrsDesk::try_login(self);
    }

    fn leave(&mut self) {
        self.quit_saving();
    }
}
