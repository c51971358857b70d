//! Satisfaction ratings (procedure 1, last step; procedure 2, virtual perception): one per
//! finished turn or phone/chat attention, given at the window's console, on the rate screen,
//! or entered afterwards; a skip is recorded as not rated.

use super::{Actor, audit, stamp};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::turn::Status as TurnStatus;
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::ratings::{self, NewRating, Rating};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;

/// What is rated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Today's turn with this label, finished.
    Turn(String),
    /// A phone, chat, e-mail, WhatsApp or web attention (virtual perception).
    Attention(i64),
}

fn check_score(score: Option<u8>) -> Result<()> {
    match score {
        Some(s) if !(1..=5).contains(&s) => Err(Error::refused(format!(
            "calificación {s} inválida: use de 1 a 5"
        ))),
        _ => Ok(()),
    }
}

/// Records the rating of `target` (`score` none: not rated). `device`: the rate screen of a
/// window, recorded as `rate:N`. Refused if it was already rated.
pub fn rate(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    target: &Target,
    score: Option<u8>,
    comment: &str,
) -> Result<Rating> {
    actor.require(Role::Asesor, "registrar calificaciones")?;
    check_score(score)?;
    let now = clock.now();
    let at = stamp(now);
    let day = super::turns::day_text(config, now);
    let tx = store.write()?;
    let by = actor.staff_user().unwrap_or(&actor.principal).to_string();
    let (new_turn, attention, object) = match target {
        Target::Turn(label) => {
            let t = super::turns::find(&tx, &day, label)?;
            if t.status != TurnStatus::Finished {
                return Err(Error::refused(format!(
                    "el turno {} está {}: se califica al finalizar",
                    t.label,
                    t.status.spanish()
                )));
            }
            if ratings::of_turn(&tx, t.id)?.is_some() {
                return Err(Error::refused(format!(
                    "el turno {} ya fue calificado",
                    t.label
                )));
            }
            let attention: Option<i64> = tx
                .query_row(
                    "SELECT id FROM attentions WHERE turn = ?1 ORDER BY id DESC LIMIT 1",
                    [t.id],
                    |r| r.get(0),
                )
                .optional()?;
            (Some(t), attention, format!("turn:{day}:{label}"))
        }
        Target::Attention(id) => {
            let a = crate::store::attentions::get(&tx, *id)?
                .ok_or_else(|| Error::refused(format!("no hay una atención {id}")))?;
            if !a.channel.is_virtual() {
                return Err(Error::refused(
                    "las atenciones en ventanilla se califican con su turno".to_string(),
                ));
            }
            if ratings::of_attention(&tx, a.id)?.is_some() {
                return Err(Error::refused(format!(
                    "la atención {id} ya fue calificada"
                )));
            }
            (None, Some(a.id), format!("attention:{id}"))
        }
    };
    let (kind, window, advisor, service) = match &new_turn {
        Some(t) => (
            "presencial",
            t.window,
            t.advisor.clone().unwrap_or_default(),
            Some(t.service.clone()),
        ),
        None => {
            let a = attention
                .map(|id| crate::store::attentions::get(&tx, id))
                .transpose()?
                .flatten()
                .ok_or_else(|| Error::Database("atención desaparecida".into()))?;
            (
                "virtual",
                None,
                a.assigned_to.unwrap_or(a.advisor),
                a.service,
            )
        }
    };
    may_rate(actor, window, &advisor, &object)?;
    let id = ratings::insert(
        &tx,
        &NewRating {
            turn: new_turn.as_ref().map(|t| t.id),
            attention,
            kind,
            window,
            advisor: &advisor,
            service: service.as_deref(),
            score,
            comment: comment.trim(),
            at: &at,
            by: &by,
        },
    )?;
    let detail = score.map_or("sin calificar".to_string(), |s| s.to_string());
    audit::record(&tx, now, actor, "rating.add", &object, &detail)?;
    let r = ratings::get(&tx, id)?
        .ok_or_else(|| Error::Database("calificación desaparecida".into()))?;
    tx.commit()?;
    Ok(r)
}

/// A rating is given by the customer, on the rate device of the window that attended the turn
/// (`rate:N`), or entered by the advisor who attended it, for that attention only.
fn may_rate(actor: &Actor, window: Option<u32>, advisor: &str, object: &str) -> Result<()> {
    let device = window.map(|w| format!("rate:{w}"));
    if device.as_deref() == Some(actor.principal.as_str()) || actor.staff_user() == Some(advisor) {
        return Ok(());
    }
    let place = match window {
        Some(w) => format!("el calificador de la ventanilla {w} o "),
        None => String::new(),
    };
    Err(actor.refused_on(
        object,
        format!(
            "esta atención solo la califica {place}{advisor}, quien la atendió: pídale a \
             esa persona que registre la calificación"
        ),
    ))
}

/// A finished attention at a window still waiting for its rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Awaiting {
    pub label: String,
    pub advisor: String,
    pub finished_at: String,
    /// The local time it finished, `HH:MM`.
    pub finished_local: String,
}

/// The latest turn this window finished within the configured minutes and nobody rated yet.
pub fn awaiting(
    store: &Store,
    config: &Config,
    now: DateTime<Utc>,
    window: u32,
) -> Result<Option<Awaiting>> {
    let since = stamp(now - Duration::minutes(i64::from(config.rating.wake_minutes)));
    let day = super::turns::day_text(config, now);
    let local = |at: &str| {
        DateTime::parse_from_rfc3339(at)
            .map(|t| {
                t.with_timezone(&config.utc_offset())
                    .format("%H:%M")
                    .to_string()
            })
            .unwrap_or_default()
    };
    Ok(ratings::awaiting(store.conn(), &day, window, &since)?.map(
        |(_, label, finished_at, advisor)| Awaiting {
            label,
            advisor,
            finished_local: local(&finished_at),
            finished_at,
        },
    ))
}

/// Ratings recorded on a local day.
pub fn of_day(store: &Store, config: &Config, day: NaiveDate) -> Result<Vec<Rating>> {
    let (from, to) = super::turns::day_bounds(config, day);
    ratings::between(store.conn(), &from, &to)
}

/// Satisfaction: the share (0–100) of ratings 4 or 5 among those with a score; none if no
/// one rated.
pub fn satisfaction(ratings: &[Rating]) -> Option<f64> {
    let scored: Vec<u8> = ratings.iter().filter_map(|r| r.score).collect();
    if scored.is_empty() {
        return None;
    }
    let good = scored.iter().filter(|s| **s >= 4).count();
    Some(100.0 * good as f64 / scored.len() as f64)
}
