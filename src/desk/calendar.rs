//! The organisation's calendar: loading it, and the administrator's changes.

use super::{Actor, audit};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::calendar::{Calendar, Change};
use crate::domain::deadline::OfficeHours;
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::{Store, calendar};
use chrono::NaiveDate;

/// The calendar with the organisation's changes from the database.
pub fn load(store: &Store, config: &Config) -> Result<Calendar> {
    let changes = calendar::current(store.conn())?;
    Ok(Calendar::new(
        config.office_hours.saturday_is_business_day,
        changes,
    ))
}

/// The legal calendar with the configuration's Saturday rule (no database at hand).
pub fn legal(config: &Config) -> Calendar {
    Calendar::new(
        config.office_hours.saturday_is_business_day,
        Default::default(),
    )
}

/// The configured office hours.
pub fn office_hours(config: &Config) -> OfficeHours {
    OfficeHours {
        open: config.open_time(),
        close: config.close_time(),
    }
}

/// Closes the office on `date` (administrators only).
pub fn close(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    date: NaiveDate,
    reason: &str,
) -> Result<()> {
    actor.require(Role::Administrador, "cambiar el calendario")?;
    if reason.trim().is_empty() {
        return Err(Error::refused("indique el motivo del cierre"));
    }
    let tx = store.write()?;
    let cal = Calendar::new(
        config.office_hours.saturday_is_business_day,
        calendar::current(&tx)?,
    );
    if !cal.is_business_day(date) {
        return Err(Error::NothingToDo(format!(
            "el {date} ya es un día no hábil"
        )));
    }
    let now = clock.now();
    calendar::append(
        &tx,
        date,
        true,
        reason.trim(),
        &super::stamp(now),
        &actor.principal,
    )?;
    audit::record(
        &tx,
        now,
        actor,
        "calendar.close",
        &format!("date:{date}"),
        reason.trim(),
    )?;
    tx.commit()?;
    Ok(())
}

/// Opens the office on `date`, removing a holiday or an earlier closure (administrators only).
pub fn open(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    date: NaiveDate,
    reason: &str,
) -> Result<()> {
    actor.require(Role::Administrador, "cambiar el calendario")?;
    let tx = store.write()?;
    let changes = calendar::current(&tx)?;
    let cal = Calendar::new(
        config.office_hours.saturday_is_business_day,
        changes.clone(),
    );
    if cal.is_business_day(date) {
        return Err(Error::NothingToDo(format!("el {date} ya es un día hábil")));
    }
    let now = clock.now();
    let reason = if reason.trim().is_empty() {
        "apertura"
    } else {
        reason.trim()
    };
    let was_closure = matches!(changes.get(&date), Some(Change::Closed(_)));
    calendar::append(
        &tx,
        date,
        false,
        reason,
        &super::stamp(now),
        &actor.principal,
    )?;
    let detail = if was_closure {
        format!("anula cierre; {reason}")
    } else {
        reason.to_string()
    };
    audit::record(
        &tx,
        now,
        actor,
        "calendar.open",
        &format!("date:{date}"),
        &detail,
    )?;
    tx.commit()?;
    Ok(())
}
