//! `ventanilla calendar ...`: business days and legal deadlines from the command line.

use super::{Ctx, parse_date, print_json};
use crate::cli::CalendarCommand;
use crate::desk;
use crate::domain::calendar::Calendar;
use crate::domain::calendar_range as range;
use crate::domain::deadline::{self, RequestType};
use crate::domain::holidays::{FIRST_YEAR, LAST_YEAR};
use crate::error::{Error, Result};

/// Runs a calendar subcommand.
pub fn run(ctx: &Ctx, cmd: CalendarCommand) -> Result<()> {
    let config = &ctx.loaded.config;
    match cmd {
        CalendarCommand::Holidays { year, json } => {
            if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
                return Err(Error::Usage(format!(
                    "año {year} fuera del rango {FIRST_YEAR}–{LAST_YEAR}"
                )));
            }
            let list = calendar(ctx)?.holidays(year);
            if json {
                return print_json(&list);
            }
            for h in list {
                crate::say!("{}\t{}", h.date.format("%Y-%m-%d"), h.name);
            }
        }
        CalendarCommand::Add { date, n } => {
            let day = range::checked_add(&calendar(ctx)?, parse_date(&date)?, n.into())
                .map_err(Error::Usage)?;
            crate::say!("{}", day.format("%Y-%m-%d"));
        }
        CalendarCommand::Between { from, to } => {
            let (from, to) = (parse_date(&from)?, parse_date(&to)?);
            let n = range::checked_between(&calendar(ctx)?, from, to).map_err(Error::Usage)?;
            crate::say!("{n}");
        }
        CalendarCommand::Due {
            kind,
            received,
            json,
        } => {
            let kind = RequestType::parse(&kind).map_err(|e| Error::Usage(e.to_string()))?;
            if !kind.has_business_day_term() {
                return Err(Error::Usage(format!(
                    "{} no tiene un término en días hábiles: use `ticket new` para radicarla",
                    kind.label()
                )));
            }
            let received =
                crate::localtime::parse_local_datetime(&received).map_err(Error::Usage)?;
            let received =
                range::check_instant(received, "la fecha de recibido").map_err(Error::Usage)?;
            let cal = calendar(ctx)?;
            let dl = deadline::compute(
                &cal,
                desk::calendar::office_hours(config),
                &config.terms,
                kind,
                received,
            );
            if json {
                return print_json(&dl);
            }
            crate::say!("{}", dl.due.format("%Y-%m-%d"));
        }
        CalendarCommand::Close {
            date,
            reason,
            on_behalf,
        } => {
            let date = parse_date(&date)?;
            let mut store = ctx.store()?;
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            desk::calendar::close(
                &mut store,
                ctx.clock.as_ref(),
                &actor,
                config,
                date,
                &reason,
            )?;
            crate::say!("{date}: cerrado ({})", reason.trim());
        }
        CalendarCommand::Open {
            date,
            reason,
            on_behalf,
        } => {
            let date = parse_date(&date)?;
            let mut store = ctx.store()?;
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            desk::calendar::open(
                &mut store,
                ctx.clock.as_ref(),
                &actor,
                config,
                date,
                &reason,
            )?;
            crate::say!("{date}: hábil");
        }
    }
    Ok(())
}

/// The organisation's calendar when the database exists; the legal one otherwise.
fn calendar(ctx: &Ctx) -> Result<Calendar> {
    let path = ctx.db_path()?;
    if path.exists() {
        desk::calendar::load(&crate::store::Store::open(&path)?, &ctx.loaded.config)
    } else {
        Ok(desk::calendar::legal(&ctx.loaded.config))
    }
}
