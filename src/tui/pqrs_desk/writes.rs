//! Steps and other writes through the desk: a refusal keeps the form and its values.

use super::*;

impl PqrsDesk {
    /// A step key in the detail: refused with the lifecycle's reason when not offered.
    pub(super) fn step_key(&mut self, key: Key) {
        let (Some(d), Some(user)) = (&self.detail, &self.user) else {
            return;
        };
        if !steps::offered(key, d, user.role, &self.config) {
            let why = match key {
                Key::Step(step) => {
                    match crate::domain::pqrs::next_for(d.pqrs.kind, d.pqrs.status, step) {
                        Err(why) => why,
                        Ok(_) if step == crate::domain::pqrs::Step::Assign => {
                            "reasignar PQRS es de un supervisor; pídale que se la reasigne".into()
                        }
                        Ok(_) => format!(
                            "«{}» lo hace el rol {}",
                            step.label(),
                            self.config.pqrs.signer()
                        ),
                    }
                }
                _ => format!(
                    "no aplica a una PQRS {}; {}",
                    d.pqrs.status.label(),
                    crate::domain::pqrs::what_next(d.pqrs.kind, d.pqrs.status)
                ),
            };
            self.notice = Some(Notice::Error(capitalize(&why)));
            return;
        }
        if key == Key::Write {
            self.open_editor();
            return;
        }
        match steps::form_for(key, d, &self.config) {
            Some(form) => {
                self.notice = None;
                self.overlay = Some(Overlay::Step(key, form));
            }
            None => self.run(key, None),
        }
    }

    /// Runs `key` (with its form) through the desk; a refusal keeps the form and its values.
    pub(super) fn run(&mut self, key: Key, form: Option<Form>) {
        let (Some(actor), Some(d)) = (self.actor(), &self.detail) else {
            return;
        };
        let radicado = d.pqrs.radicado.clone();
        let request = steps::request(key, form.as_ref(), d.pqrs.kind);
        let (store, clock, config) = (&mut self.store, self.clock.as_ref(), &self.config);
        let result = request
            .map_err(crate::error::Error::Refused)
            .and_then(|r| match r {
                steps::Request::Step(action) => {
                    desk::pqrs::step(store, clock, &actor, config, &radicado, action)
                        .map(|p| format!("PQRS {}: {}.", p.radicado, p.status.label()))
                }
                steps::Request::Deliver(input) => {
                    desk::pqrs::record_delivery(store, clock, &actor, config, &radicado, &input)
                        .map(|x| format!("{} registrada.", x.letter.label()))
                }
                steps::Request::NewOrder { area, description } => desk::pqrs::new_work_order(
                    store,
                    clock,
                    &actor,
                    config,
                    &radicado,
                    &area,
                    &description,
                )
                .map(|w| format!("Orden de trabajo #{} para {}.", w.id, w.area)),
                steps::Request::CloseOrder { id, result } => {
                    desk::pqrs::close_work_order(store, clock, &actor, id, &result)
                        .map(|w| format!("Orden de trabajo #{} cerrada.", w.id))
                }
                steps::Request::Attach(path) => desk::attachments::attach(
                    store,
                    clock,
                    &actor,
                    config,
                    crate::domain::attachment::Owner::Pqrs,
                    &radicado,
                    &path,
                )
                .map(|a| {
                    format!(
                        "Adjunto #{} {} guardado (SHA-256 {}).",
                        a.id, a.name, a.sha256
                    )
                }),
                steps::Request::Letter(which, path) => {
                    write_letter(store, clock, config, &radicado, which, &path)
                }
            });
        match result {
            Ok(message) => {
                self.overlay = None;
                self.notice = Some(Notice::Info(message));
                self.refresh();
            }
            Err(e) => {
                desk::audit::denied(&mut self.store, self.clock.as_ref(), &e);
                self.notice = Some(Notice::Error(capitalize(&e.to_string())));
                if let Some(form) = form {
                    self.overlay = Some(Overlay::Step(key, form));
                }
            }
        }
    }

    pub(super) fn submit_overlay(&mut self) {
        match self.overlay.take() {
            Some(Overlay::Step(key, mut form)) => {
                if !form.on_last() {
                    form.move_focus(1);
                    self.overlay = Some(Overlay::Step(key, form));
                    return;
                }
                form.move_focus(0);
                self.run(key, Some(form));
            }
            Some(Overlay::GoTo(form)) => {
                let r = form.value(0).trim().to_string();
                self.open(&r);
                if self.detail.is_some() {
                    self.scroll = 0;
                } else {
                    self.overlay = Some(Overlay::GoTo(form));
                }
            }
            Some(Overlay::Reassign(radicado, mut form)) => {
                if !form.on_last() {
                    form.move_focus(1);
                    self.overlay = Some(Overlay::Reassign(radicado, form));
                    return;
                }
                form.move_focus(0);
                self.reassign(radicado, form);
            }
            other => self.overlay = other,
        }
    }

    pub(super) fn reassign(&mut self, radicado: String, form: Form) {
        let Some(actor) = self.actor() else {
            return;
        };
        let user = form.value(1).trim().to_string();
        let action = desk::pqrs::Action::Assign {
            area: form.value(0).trim().to_string(),
            user: (!user.is_empty()).then_some(user),
        };
        match desk::pqrs::step(
            &mut self.store,
            self.clock.as_ref(),
            &actor,
            &self.config,
            &radicado,
            action,
        ) {
            Ok(p) => {
                self.notice = Some(Notice::Info(format!(
                    "PQRS {} asignada a {}{}.",
                    p.radicado,
                    p.area,
                    p.assignee.map(|u| format!(" · {u}")).unwrap_or_default()
                )));
                self.refresh();
            }
            Err(e) => {
                desk::audit::denied(&mut self.store, self.clock.as_ref(), &e);
                self.notice = Some(Notice::Error(capitalize(&e.to_string())));
                self.overlay = Some(Overlay::Reassign(radicado, form));
            }
        }
    }
}

/// Writes the PDF of a decision's letter to a new owner-only file at `path`.
fn write_letter(
    store: &Store,
    clock: &dyn Clock,
    config: &Config,
    radicado: &str,
    which: crate::domain::request::Letter,
    path: &std::path::Path,
) -> crate::error::Result<String> {
    let today = clock.now().with_timezone(&config.utc_offset()).date_naive();
    let (title, blocks) = desk::pqrs::letter(store, config, today, radicado, which)?;
    crate::files::write_new_private(path, &crate::pdf::letter(&title, &blocks)).map_err(|e| {
        crate::error::Error::refused(format!(
            "archivo: no se puede escribir {}: {e} (no se sobrescribe un archivo existente)",
            path.display()
        ))
    })?;
    Ok(format!("{title}: {}", path.display()))
}
