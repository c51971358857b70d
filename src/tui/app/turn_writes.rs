//! The Turnos pane's writes: what its forms submit (transfer, paper ticket, a chosen call,
//! stepping away) and how every turn write is applied through `desk` and folded back.

use super::turns::{TurnFormKind, TurnIntent, service_typed};
use super::{App, Intent, Notice, Overlay, Screen, capitalize};
use crate::desk::{self, Actor};
use crate::domain::turn::Transition;
use crate::tui::action::Pane;

impl App {
    /// Enter in the transfer or paper-ticket form.
    pub(super) fn submit_turn_form(&mut self) -> Option<Intent> {
        let Some(Overlay::TurnForm { kind, form, notice }) = &mut self.overlay else {
            return None;
        };
        if !form.on_last() {
            form.move_focus(1);
            return None;
        }
        match kind {
            TurnFormKind::Transfer => {
                let service = service_typed(&self.config, form.value(0));
                let label = self.queue.current.as_ref().map(|t| t.label.clone())?;
                let typed = form.value(1).trim().to_string();
                let window = match typed.as_str() {
                    "" => None,
                    typed => match typed.parse::<u32>() {
                        Ok(n) => Some(n),
                        Err(_) => {
                            form.focus = 1;
                            *notice = Some(Notice::Error(format!(
                                "Ventanilla: escriba el número de la ventanilla (no «{typed}») o déjela vacía."
                            )));
                            return None;
                        }
                    },
                };
                let note = form.value(2).trim().to_string();
                Some(Intent::Turn(TurnIntent::Transfer {
                    label,
                    service,
                    window,
                    note,
                }))
            }
            TurnFormKind::CallChosen => Some(Intent::Turn(TurnIntent::CallChosen {
                label: form.value(0).trim().to_string(),
                reason: form.value(1).trim().to_string(),
            })),
            TurnFormKind::Away => {
                if let Some(f) = form.fields.first_mut() {
                    f.complete();
                }
                let reason = form.value(0).trim().to_string();
                self.record_state(crate::domain::advisor::State::Paused, &reason);
                None
            }
            TurnFormKind::Requeue => Some(Intent::Turn(TurnIntent::Requeue {
                label: form.value(0).trim().to_string(),
            })),
            TurnFormKind::Manual => match form.value(0).trim().parse::<u32>() {
                Ok(number) if number > 0 => {
                    let service = service_typed(&self.config, form.value(1));
                    Some(Intent::Turn(TurnIntent::Manual { number, service }))
                }
                _ => {
                    form.focus = 0;
                    *notice = Some(Notice::Error(
                        "Escriba el número de la ficha de papel (solo dígitos).".into(),
                    ));
                    None
                }
            },
        }
    }

    /// Performs a turn write through `desk` and folds the result back.
    pub(super) fn apply_turn(&mut self, intent: TurnIntent) {
        let Screen::Console(c) = &self.screen else {
            return;
        };
        let actor = Actor::staff(&c.user);
        let (store, clock, config) = (&mut self.store, self.clock.as_ref(), &self.config);
        let result = match &intent {
            TurnIntent::CallNext => {
                desk::turns::call_next(store, clock, &actor, config, self.window)
                    .map(|t| format!("Turno {} llamado a la ventanilla {}.", t.label, self.window))
            }
            TurnIntent::Recall { label } => {
                desk::turns::recall(store, clock, &actor, config, label).map(|t| match t.status {
                    crate::domain::turn::Status::NoShow => {
                        format!("Turno {} marcado como no presentado.", t.label)
                    }
                    _ => format!("Turno {} llamado de nuevo ({}).", t.label, t.recalls),
                })
            }
            TurnIntent::Act { label, transition } => {
                desk::turns::act(store, clock, &actor, config, label, *transition)
                    .map(|t| format!("Turno {}: {}.", t.label, t.status.spanish()))
            }
            TurnIntent::Transfer {
                label,
                service,
                window,
                note,
            } => {
                let to = desk::turns::Destination {
                    service: Some(service.as_str()).filter(|s| !s.is_empty()),
                    window: *window,
                };
                desk::turns::transfer(store, clock, &actor, config, label, &to, note).map(|t| {
                    match t.for_window {
                        Some(w) => format!("Turno {} trasladado a la ventanilla {w}.", t.label),
                        None => format!("Turno {} trasladado a la fila de {}.", t.label, t.service),
                    }
                })
            }
            TurnIntent::CallChosen { label, reason } => {
                desk::turns::call_chosen(store, clock, &actor, config, self.window, label, reason)
                    .map(|t| format!("Turno {} llamado a la ventanilla {}.", t.label, self.window))
            }
            TurnIntent::Requeue { label } => {
                desk::turns::return_no_show(store, clock, &actor, config, label)
                    .map(|t| format!("Turno {} devuelto a su lugar en la fila.", t.label))
            }
            TurnIntent::Manual { number, service } => {
                desk::turns::manual(store, clock, &actor, config, *number, service, self.window)
                    .map(|t| {
                        format!(
                            "Ficha manual {} llamada a la ventanilla {}.",
                            t.label, self.window
                        )
                    })
            }
        };
        match result {
            Ok(message) => {
                let form_open = matches!(self.overlay, Some(Overlay::TurnForm { .. }));
                if form_open {
                    self.overlay = None;
                }
                let finished = matches!(
                    intent,
                    TurnIntent::Act {
                        transition: Transition::Finish,
                        ..
                    }
                );
                self.notify(Notice::Info(message));
                if let (true, Some(a)) = (finished, self.attention.clone()) {
                    self.open_record_form(&a.label, Some(&a));
                    self.finished = Some(a);
                    if let Screen::Console(c) = &mut self.screen {
                        c.focus = Pane::Calificacion;
                    }
                }
            }
            Err(err) => {
                self.audit_denial(&err);
                let message = capitalize(&err.to_string());
                match &mut self.overlay {
                    Some(Overlay::TurnForm { notice, .. }) => {
                        *notice = Some(Notice::Error(message))
                    }
                    _ => self.notify(Notice::Error(message)),
                }
            }
        }
        self.refresh_queue();
    }
}
