//! The Calificación pane: the attention this window just finished waits for its rating.

use super::{App, Intent, Notice, Overlay, Screen, capitalize};
use crate::desk::{self, Actor, ratings::Awaiting, ratings::Target};
use crate::tui::action::RateKey;
use crate::tui::form::{Field, Form};

/// The pane's state.
#[derive(Debug, Clone, Default)]
pub struct RatingPane {
    /// The finished turn to rate, if any.
    pub awaiting: Option<Awaiting>,
    /// Today's ratings at this window: (how many with a score, share of 4–5).
    pub today: (usize, Option<f64>),
}

/// A rating to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateIntent {
    pub label: String,
    pub score: Option<u8>,
    pub comment: String,
}

impl App {
    /// Re-reads what waits for a rating at this window and today's figures.
    pub(super) fn refresh_rating(&mut self) {
        let now = self.clock.now();
        let awaiting = desk::ratings::awaiting(&self.store, &self.config, now, self.window);
        let today = desk::ratings::of_day(&self.store, &self.config, self.now.date_naive());
        match (awaiting, today) {
            (Ok(a), Ok(list)) => {
                let mine: Vec<_> = list
                    .into_iter()
                    .filter(|r| r.window == Some(self.window))
                    .collect();
                let scored = mine.iter().filter(|r| r.score.is_some()).count();
                self.rating = RatingPane {
                    awaiting: a,
                    today: (scored, desk::ratings::satisfaction(&mine)),
                };
            }
            (Err(e), _) | (_, Err(e)) => self.notify(Notice::Error(capitalize(&e.to_string()))),
        }
    }

    /// A key of the Calificación pane.
    pub(super) fn rate_key(&mut self, key: RateKey) -> Option<Intent> {
        let Some(a) = &self.rating.awaiting else {
            self.notify(Notice::Error(
                "No hay una atención por calificar en esta ventanilla.".into(),
            ));
            return None;
        };
        let label = a.label.clone();
        match key {
            RateKey::Score(score) => Some(Intent::Rate(RateIntent {
                label,
                score: Some(score),
                comment: String::new(),
            })),
            RateKey::Skip => Some(Intent::Rate(RateIntent {
                label,
                score: None,
                comment: String::new(),
            })),
            RateKey::WithComment => {
                let form = Form::new(vec![
                    Field::text("Calificación (1 a 5)", "")
                        .with_options((1..=5).map(|n| n.to_string()).collect())
                        .required(),
                    Field::text("Comentario", ""),
                ]);
                self.overlay = Some(Overlay::RatingForm {
                    label,
                    form,
                    notice: None,
                });
                None
            }
        }
    }

    /// Enter in the rating form.
    pub(super) fn submit_rating_form(&mut self) -> Option<Intent> {
        let Some(Overlay::RatingForm {
            label,
            form,
            notice,
        }) = &mut self.overlay
        else {
            return None;
        };
        if !form.on_last() {
            form.move_focus(1);
            return None;
        }
        match form.value(0).trim().parse::<u8>() {
            Ok(score) if (1..=5).contains(&score) => Some(Intent::Rate(RateIntent {
                label: label.clone(),
                score: Some(score),
                comment: form.value(1).trim().to_string(),
            })),
            _ => {
                form.focus = 0;
                *notice = Some(Notice::Error(
                    "Calificación: escriba un número de 1 a 5.".into(),
                ));
                None
            }
        }
    }

    /// Records a rating through `desk`.
    pub(super) fn apply_rating(&mut self, r: RateIntent) {
        let Screen::Console(c) = &self.screen else {
            return;
        };
        let actor = Actor::staff(&c.user);
        let target = Target::Turn(r.label.clone());
        match desk::ratings::rate(
            &mut self.store,
            self.clock.as_ref(),
            &actor,
            &self.config,
            &target,
            r.score,
            &r.comment,
        ) {
            Ok(saved) => {
                if matches!(self.overlay, Some(Overlay::RatingForm { .. })) {
                    self.overlay = None;
                }
                self.notify(Notice::Info(match saved.score {
                    Some(s) => format!("Turno {}: calificación {s} registrada.", r.label),
                    None => format!("Turno {}: registrado como sin calificar.", r.label),
                }));
                // the next step is calling the next turn: back to Turnos, where `n` works
                if let Screen::Console(c) = &mut self.screen {
                    c.focus = crate::tui::action::Pane::Turnos;
                }
            }
            Err(e) => {
                self.audit_denial(&e);
                let message = capitalize(&e.to_string());
                match &mut self.overlay {
                    Some(Overlay::RatingForm { notice, .. }) => {
                        *notice = Some(Notice::Error(message))
                    }
                    _ => self.notify(Notice::Error(message)),
                }
            }
        }
        self.refresh_rating();
    }
}
