//! The Turnos pane: keys become turn intents; results fold back into the window's queue.

use super::{App, Confirmed, Intent, Notice, Overlay, Screen, capitalize};
use crate::desk::{self, Actor};
use crate::domain::turn::Transition;
use crate::tui::action::TurnKey;
use crate::tui::form::{Field, Form};

/// The refusal of a turn action when no turn is called here.
const NO_TURN: &str = "No hay un turno llamado en esta ventanilla: use n para llamar.";

fn label_or_empty(label: &Option<String>) -> &str {
    label.as_deref().unwrap_or("")
}

/// Which small form is open over the Turnos pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnFormKind {
    /// Send the current turn to another service.
    Transfer,
    /// Register a paper ticket (manual contingency).
    Manual,
    /// Call a chosen waiting turn, with the reason.
    CallChosen,
    /// Return a no-show to the queue.
    Requeue,
    /// Step away from the window, with the reason.
    Away,
}

/// A turn-queue write at this window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TurnIntent {
    CallNext,
    Recall {
        label: String,
    },
    Act {
        label: String,
        transition: Transition,
    },
    Transfer {
        label: String,
        /// Empty: the same service (to a chosen window).
        service: String,
        window: Option<u32>,
        note: String,
    },
    Manual {
        number: u32,
        service: String,
    },
    CallChosen {
        label: String,
        reason: String,
    },
    Requeue {
        label: String,
    },
}

impl App {
    /// The branch's window numbers (a picker's options; none if they cannot be read).
    fn window_options(&self) -> Vec<String> {
        desk::catalog::windows(&self.store)
            .map(|ws| ws.iter().map(|w| w.number.to_string()).collect())
            .unwrap_or_default()
    }
}

/// The service a picker names, else what was typed (the refusal then names it).
pub(super) fn service_typed(config: &crate::config::Config, text: &str) -> String {
    let code = super::record::service_code(config, text);
    if code.is_empty() {
        text.trim().to_uppercase()
    } else {
        code
    }
}

/// The refusal of a call while the advisor is away.
fn away_refusal(reason: &str) -> String {
    format!("Está en pausa ({reason}): pulse z para volver antes de llamar.")
}

impl App {
    /// Re-reads this window's queue.
    pub(super) fn refresh_queue(&mut self) {
        let now = self.clock.now();
        match desk::turns::window_queue(&self.store, &self.config, now, self.window) {
            Ok(queue) => {
                let rows = queue.parked.len() + queue.waiting.len();
                self.turn_sel = self.turn_sel.min(rows.saturating_sub(1));
                self.queue = queue;
            }
            Err(err) => self.notify(Notice::Error(capitalize(&err.to_string()))),
        }
        self.sync_attention();
        self.refresh_pqrs();
        self.refresh_rating();
        self.refresh_calls();
        self.data_version = self.store.data_version().unwrap_or(self.data_version);
    }

    /// Re-reads the queue when another process wrote to the database.
    pub(super) fn poll_changes(&mut self) {
        if !matches!(self.screen, Screen::Console(_)) {
            return;
        }
        if self
            .store
            .data_version()
            .is_ok_and(|v| v != self.data_version)
        {
            self.refresh_queue();
        }
    }

    /// Records in the audit log that the user tried something their role does not allow.
    pub(super) fn audit_denial(&mut self, err: &crate::error::Error) {
        desk::audit::denied(&mut self.store, self.clock.as_ref(), err);
    }

    pub(super) fn notify(&mut self, notice: Notice) {
        if let Screen::Console(c) = &mut self.screen {
            c.notice = Some(notice);
        }
    }

    /// A key of the Turnos pane.
    pub(super) fn turn_key(&mut self, key: TurnKey) -> Option<Intent> {
        let current = self.queue.current.as_ref().map(|t| t.label.clone());
        let act = |transition| {
            current
                .clone()
                .map(|label| TurnIntent::Act { label, transition })
        };
        let intent = match key {
            TurnKey::CallNext | TurnKey::CallChosen if self.away.is_some() => {
                let reason = self.away.clone().unwrap_or_default();
                self.notify(Notice::Error(away_refusal(&reason)));
                return None;
            }
            TurnKey::Away if self.away.is_some() => {
                self.record_state(crate::domain::advisor::State::Available, "");
                return None;
            }
            TurnKey::Away => {
                if let Some(t) = &self.queue.current {
                    let message = format!(
                        "Finalice, pause o traslade el turno {} antes de ausentarse.",
                        t.label
                    );
                    self.notify(Notice::Error(message));
                    return None;
                }
                let reasons = self.config.advisor.pause_reasons.clone();
                let field = Field::text("Motivo", "").with_options(reasons).required();
                self.open_turn_form(TurnFormKind::Away, Form::new(vec![field]));
                return None;
            }
            TurnKey::CallNext => {
                if let Some(intent) = self.record_first() {
                    return intent;
                }
                Some(TurnIntent::CallNext)
            }
            TurnKey::Record => {
                match self.pending_record() {
                    Some(label) => {
                        let finished = self.finished.clone();
                        self.open_record_form(&label, finished.as_ref());
                    }
                    None => self.notify(Notice::Info(
                        "No hay atenciones finalizadas sin registro en esta ventanilla.".into(),
                    )),
                }
                return None;
            }
            TurnKey::Start => act(Transition::Start),
            TurnKey::Finish => act(Transition::Finish),
            TurnKey::Park => act(Transition::Park),
            TurnKey::Resume => {
                let parked = self.selected_parked().map(|t| t.label.clone());
                if parked.is_none() {
                    self.notify(Notice::Error(
                        "No hay turnos en pausa en esta ventanilla.".into(),
                    ));
                }
                return parked.map(|label| {
                    Intent::Turn(TurnIntent::Act {
                        label,
                        transition: Transition::Resume,
                    })
                });
            }
            TurnKey::Move(step) => {
                let n = self.queue.parked.len() + self.queue.waiting.len();
                self.turn_sel = step.from(self.turn_sel, n);
                return None;
            }
            TurnKey::CallChosen => {
                if let Some(intent) = self.record_first() {
                    return intent;
                }
                if let Some(t) = &self.queue.current {
                    let message = format!(
                        "La ventanilla atiende el turno {}: finalícelo, páuselo o trasládelo antes de llamar otro.",
                        t.label
                    );
                    self.notify(Notice::Error(message));
                    return None;
                }
                let Some(label) = self.selected_waiting().map(|t| t.label.clone()) else {
                    self.notify(Notice::Error(
                        "Elija con ↑ ↓ un turno en espera para llamarlo.".into(),
                    ));
                    return None;
                };
                let form = Form::new(vec![
                    Field::text("Turno", &label),
                    Field::text("Motivo", ""),
                ]);
                self.open_turn_form(TurnFormKind::CallChosen, form);
                return None;
            }
            TurnKey::Requeue => {
                let label = self
                    .queue
                    .last_no_show
                    .as_ref()
                    .map(|t| t.label.clone())
                    .unwrap_or_default();
                self.open_turn_form(
                    TurnFormKind::Requeue,
                    Form::new(vec![Field::text("Turno", &label)]),
                );
                return None;
            }
            TurnKey::NoShow => {
                let q = format!(
                    "¿Marcar el turno {} como no presentado?",
                    label_or_empty(&current)
                );
                return self.ask_turn(act(Transition::NoShow), q);
            }
            TurnKey::Cancel => {
                let q = format!(
                    "¿Cancelar el turno {}? El cliente tendría que pedir otro.",
                    label_or_empty(&current)
                );
                return self.ask_turn(act(Transition::Cancel), q);
            }
            TurnKey::Recall if self.last_recall() => {
                let q = format!(
                    "El turno {} ya fue llamado {} veces: otra rellamada lo marca como no presentado. ¿Seguir?",
                    label_or_empty(&current),
                    self.config.queue.max_recalls + 1
                );
                let recall = current.clone().map(|label| TurnIntent::Recall { label });
                return self.ask_turn(recall, q);
            }
            TurnKey::Recall => current.clone().map(|label| TurnIntent::Recall { label }),
            TurnKey::Transfer if current.is_some() => {
                let form = Form::new(vec![
                    Field::text("Servicio", "").with_options(self.service_options()),
                    Field::text("Ventanilla (opcional)", "").with_options(self.window_options()),
                    Field::text("Nota", ""),
                ]);
                self.overlay = Some(Overlay::TurnForm {
                    kind: TurnFormKind::Transfer,
                    form,
                    notice: None,
                });
                None
            }
            TurnKey::Manual => {
                let form = Form::new(vec![
                    Field::text("Número de la ficha", ""),
                    Field::text("Servicio", "").with_options(self.service_options()),
                ]);
                self.overlay = Some(Overlay::TurnForm {
                    kind: TurnFormKind::Manual,
                    form,
                    notice: None,
                });
                None
            }
            TurnKey::Transfer => None,
        };
        let needs_current = !matches!(key, TurnKey::CallNext | TurnKey::Manual | TurnKey::Record);
        if needs_current && current.is_none() {
            self.notify(Notice::Error(NO_TURN.into()));
        }
        intent.map(Intent::Turn)
    }

    /// The record form instead of a call, while the setting requires the last record first.
    fn record_first(&mut self) -> Option<Option<Intent>> {
        let label = self.missing_record()?;
        let finished = self.finished.clone();
        self.open_record_form(&label, finished.as_ref());
        if let Some(Overlay::RecordForm { notice, .. }) = &mut self.overlay {
            *notice = Some(Notice::Error(format!(
                "Registre la atención del turno {label} antes de llamar el siguiente."
            )));
        }
        Some(None)
    }

    fn open_turn_form(&mut self, kind: TurnFormKind, form: Form) {
        self.overlay = Some(Overlay::TurnForm {
            kind,
            form,
            notice: None,
        });
    }

    /// The parked turn selected in the Turnos pane (or the oldest one).
    fn selected_parked(&self) -> Option<&crate::store::turns::Turn> {
        let parked = &self.queue.parked;
        parked.get(self.turn_sel).or_else(|| parked.first())
    }

    /// The waiting turn selected in the Turnos pane.
    fn selected_waiting(&self) -> Option<&crate::store::turns::Turn> {
        let i = self.turn_sel.checked_sub(self.queue.parked.len())?;
        self.queue.waiting.get(i)
    }

    /// Records the advisor's state through `desk`; a pause's refusal stays in its form.
    pub(super) fn record_state(&mut self, state: crate::domain::advisor::State, reason: &str) {
        use crate::domain::advisor::State;
        let Screen::Console(c) = &self.screen else {
            return;
        };
        let actor = Actor::staff(&c.user);
        let window = Some(self.window);
        let (store, clock) = (&mut self.store, self.clock.as_ref());
        match desk::advisors::set_state(store, clock, &actor, &self.config, window, state, reason) {
            Ok(()) => {
                let canonical = desk::advisors::pause_reason(&self.config, reason).ok();
                self.away = (state == State::Paused).then(|| canonical.unwrap_or_default());
                if matches!(self.overlay, Some(Overlay::TurnForm { .. })) {
                    self.overlay = None;
                }
                match (&self.away, state) {
                    (Some(r), _) => self.notify(Notice::Info(format!(
                        "En pausa: {r}. Pulse z para volver a atender."
                    ))),
                    (None, State::Available) => {
                        self.notify(Notice::Info("Disponible de nuevo.".into()))
                    }
                    _ => {}
                }
            }
            Err(err) => {
                self.audit_denial(&err);
                let message = capitalize(&err.to_string());
                match &mut self.overlay {
                    Some(Overlay::TurnForm { notice, form, .. }) => {
                        form.focus = 0;
                        *notice = Some(Notice::Error(message));
                    }
                    _ => self.notify(Notice::Error(message)),
                }
            }
        }
    }

    /// Whether recalling the current turn again would mark it as a no-show.
    fn last_recall(&self) -> bool {
        self.queue
            .current
            .as_ref()
            .is_some_and(|t| t.recalls >= self.config.queue.max_recalls)
    }

    /// Asks `question` before `intent` (nothing happens until the advisor answers "s").
    fn ask_turn(&mut self, intent: Option<TurnIntent>, question: String) -> Option<Intent> {
        match intent {
            Some(t) => {
                self.overlay = Some(Overlay::Confirm {
                    question,
                    on_yes: Confirmed::Turn(t),
                })
            }
            None => self.notify(Notice::Error(NO_TURN.into())),
        }
        None
    }
}
