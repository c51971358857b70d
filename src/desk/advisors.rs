//! Advisor states: available, paused with a configured reason, logged out (in attention comes
//! from the turns); the times per state of a day for the report.

use super::{Actor, audit, stamp};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::advisor::{self, Change, State};
use crate::domain::user::Role;
use crate::domain::vocab::fold;
use crate::error::{Error, Result};
use crate::store::{Store, advisors};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// The configured pause reason `text` names (without regard to accents or case).
pub fn pause_reason(config: &Config, text: &str) -> Result<String> {
    let reasons = &config.advisor.pause_reasons;
    reasons
        .iter()
        .find(|r| fold(r) == fold(text))
        .cloned()
        .ok_or_else(|| {
            Error::refused(format!(
                "motivo de la pausa: «{}» no es uno de: {}",
                text.trim(),
                reasons.join(", ")
            ))
        })
}

/// Records that the actor is now `state` at `window` (a pause needs one of the reasons).
pub fn set_state(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    window: Option<u32>,
    state: State,
    reason: &str,
) -> Result<()> {
    actor.require(Role::Asesor, "registrar su estado")?;
    let who = actor
        .staff_user()
        .map(str::to_string)
        .ok_or_else(|| Error::Usage("indique el asesor con --user USUARIO".into()))?;
    let reason = match state {
        State::Paused => pause_reason(config, reason)?,
        State::InAttention => {
            return Err(Error::refused(
                "el estado «en atención» lo dan los turnos que atiende",
            ));
        }
        _ => String::new(),
    };
    let now = clock.now();
    let tx = store.write()?;
    advisors::append(&tx, &who, window, state.code(), &reason, &stamp(now))?;
    audit::record(
        &tx,
        now,
        actor,
        &format!("advisor.{}", state.code()),
        &format!("user:{who}"),
        &reason,
    )?;
    tx.commit()?;
    Ok(())
}

/// The actor's state today and its reason (available when nothing was recorded).
pub fn current(
    store: &Store,
    config: &Config,
    now: DateTime<Utc>,
    username: &str,
) -> Result<(State, String)> {
    let (from, _) = super::turns::day_bounds(config, super::turns::day_of(config, now));
    Ok(advisors::latest(store.conn(), username, &from)?
        .and_then(|(code, reason)| State::from_code(&code).map(|s| (s, reason)))
        .unwrap_or((State::Available, String::new())))
}

/// One advisor's day: minutes per state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Times {
    pub advisor: String,
    pub available_minutes: f64,
    pub attention_minutes: f64,
    /// Minutes paused, per reason.
    pub paused_minutes: Vec<(String, f64)>,
}

/// Minutes per state of every advisor who signed in or attended on `day`, up to `now` when
/// the day is today.
pub fn day_times(
    store: &Store,
    config: &Config,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<Times>> {
    let conn = store.conn();
    let (from, to) = super::turns::day_bounds(config, day);
    let start = crate::localtime::parse_stored(&from).unwrap_or(now);
    let end = crate::localtime::parse_stored(&to).unwrap_or(now).min(now);
    let secs =
        |at: &str| crate::localtime::parse_stored(at).map_or(0, |t| (t - start).num_seconds());
    let rows = advisors::between(conn, &from, &to)?;
    let attention = advisors::attention_seconds(conn, &day.format("%Y-%m-%d").to_string())?;
    let mut names: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    names.extend(attention.iter().map(|(a, _)| a.clone()));
    names.sort();
    names.dedup();
    let minutes = |s: i64| (s.max(0) as f64 / 60.0 * 10.0).round() / 10.0;
    Ok(names
        .into_iter()
        .map(|name| {
            let changes: Vec<Change> = rows
                .iter()
                .filter(|r| r.0 == name)
                .filter_map(|(_, code, reason, at)| {
                    Some(Change {
                        at: secs(at),
                        state: State::from_code(code)?,
                        reason: reason.clone(),
                    })
                })
                .collect();
            let (paused, signed_in) =
                advisor::paused_and_signed_in(&changes, (end - start).num_seconds());
            let attended = attention
                .iter()
                .find(|(a, _)| *a == name)
                .map_or(0, |(_, s)| *s);
            let pauses: i64 = paused.iter().map(|(_, s)| s).sum();
            Times {
                available_minutes: minutes(signed_in - pauses - attended),
                attention_minutes: minutes(attended),
                paused_minutes: paused.into_iter().map(|(r, s)| (r, minutes(s))).collect(),
                advisor: name,
            }
        })
        .collect())
}
