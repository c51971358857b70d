//! PQRS rules: the request types and channels, the legal dates of a filing, the lifecycle's
//! legal transitions and the deadline colours. Pure: dates come in, decisions come out.

use super::calendar::Calendar;
use super::deadline::{self, OfficeHours};
use super::regime::{Regime, Term};
use crate::config::Terms;
use chrono::{Months, NaiveDate, NaiveDateTime};
use serde::Serialize;

mod lifecycle;
pub mod notification;

pub use super::deadline::{check_extension, days_left};
pub use super::request::{
    Channel, DataRequest, DeliveryWay, EventKind, Kind, Letter, NotifyWay, Standing, Status, Step,
};
pub use lifecycle::{legal_steps, next, next_for, what_next};

/// The legal dates of a PQRS filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dates {
    /// The day it counts as filed.
    pub filed_on: NaiveDate,
    /// The last day to answer; none for felicitaciones (nothing to answer by law).
    pub due_on: Option<NaiveDate>,
    /// The latest date an extension may reach.
    pub max_extension_on: Option<NaiveDate>,
    /// The last day to ask the requester to complete an incomplete request.
    pub completion_request_by: NaiveDate,
    /// Habeas data reclamos: the last day for the "reclamo en trámite" mark.
    pub in_process_mark_by: Option<NaiveDate>,
    /// The term in business days (recursos: 0, their term is in months).
    pub term: u32,
}

/// The dates of a PQRS of `kind` received at `received` (local time) under `regime`.
pub fn dates(
    cal: &Calendar,
    hours: OfficeHours,
    regime: &Regime,
    kind: Kind,
    received: NaiveDateTime,
) -> Dates {
    let terms = regime.terms();
    let filed = deadline::deemed_filing_day(cal, hours, received);
    let due = match regime.rule(kind).term {
        Term::Days(_) => {
            let d = deadline::compute(cal, hours, regime, kind, received);
            return Dates {
                filed_on: d.filed,
                due_on: Some(d.due),
                max_extension_on: Some(d.max_extension),
                completion_request_by: d.completion_request_by,
                in_process_mark_by: d.in_process_mark_by,
                term: d.term,
            };
        }
        // Ley 1437 de 2011 art. 86: recursos are decided within a term of months; a term
        // ending on a non-business day runs to the next business day.
        Term::Months(months) => Some(month_term_end(cal, filed, months)),
        Term::None => None,
    };
    Dates {
        filed_on: filed,
        due_on: due,
        max_extension_on: due,
        completion_request_by: cal.add(filed, terms.completion_request_days),
        in_process_mark_by: None,
        term: 0,
    }
}

/// The end of a term of `months` counted from `from`: the same day `months` later, or the next
/// business day when that is not one.
pub fn month_term_end(cal: &Calendar, from: NaiveDate, months: u32) -> NaiveDate {
    let end = from
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX);
    if cal.is_business_day(end) {
        end
    } else {
        cal.next_business_day(end)
    }
}

/// Checks the day a person says something happened: not after `today`, not before
/// `earliest` (`what` names it in the message).
pub fn check_real_date(
    on: NaiveDate,
    today: NaiveDate,
    earliest: NaiveDate,
    what: &str,
) -> Result<NaiveDate, String> {
    if on > today {
        return Err(format!(
            "{what}: el {on} todavía no ha llegado; use la fecha real, a más tardar hoy"
        ));
    }
    if on < earliest {
        return Err(format!(
            "{what}: el {on} es anterior al {earliest}; use la fecha real"
        ));
    }
    Ok(on)
}

/// The new withdrawal day when the requester asks on `asked_on` for the one extension of
/// equal length of the completion period (Ley 1755 art. 17): only before the period ends.
pub fn extend_completion(
    terms: &Terms,
    kind: Kind,
    withdrawal_on: NaiveDate,
    asked_on: NaiveDate,
    already: bool,
) -> Result<NaiveDate, String> {
    if already {
        return Err("el plazo para completar ya se prorrogó una vez (la ley permite una)".into());
    }
    if asked_on > withdrawal_on {
        return Err(format!(
            "el plazo para completar venció el {withdrawal_on}: la prórroga debía pedirse antes; \
             declare el desistimiento (la persona puede volver a presentar la petición)"
        ));
    }
    let months = completion_months(terms, kind);
    Ok(withdrawal_on
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX))
}

fn completion_months(terms: &Terms, kind: Kind) -> u32 {
    if kind == Kind::HabeasReclamo {
        terms.habeas_completion_months
    } else {
        terms.completion_months
    }
}

/// The clock stopped for an incomplete request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paused {
    /// Business days of the term still to run.
    pub remaining: i64,
    /// The day it is deemed withdrawn if the requester does not complete it.
    pub withdrawal_on: NaiveDate,
}

/// Stops the clock on `today` for a request of `kind` filed on `filed_on` with its current
/// `due_on`; refuses after the day to ask for completion.
pub fn pause(
    cal: &Calendar,
    terms: &Terms,
    kind: Kind,
    dates: (NaiveDate, NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Result<Paused, String> {
    let (filed_on, due_on, request_by) = dates;
    if today > request_by {
        return Err(format!(
            "la solicitud de completar debía hacerse a más tardar el {request_by}"
        ));
    }
    let months = completion_months(terms, kind);
    let remaining = cal.between(filed_on, due_on) - cal.between(filed_on, today).max(0);
    Ok(Paused {
        remaining: remaining.max(0),
        withdrawal_on: today
            .checked_add_months(Months::new(months))
            .unwrap_or(NaiveDate::MAX),
    })
}

/// The new due date when the requester completes on `completed_on` with `remaining` business
/// days left: they run again from the next business day.
pub fn resume(cal: &Calendar, remaining: i64, completed_on: NaiveDate) -> NaiveDate {
    cal.add(completed_on, u32::try_from(remaining.max(0)).unwrap_or(0))
}

/// The standing of an open PQRS with `days_left` business days (None: no term), paused or not,
/// given the warning threshold.
pub fn standing(days_left: Option<i64>, paused: bool, warn_days: i64) -> Standing {
    match days_left {
        _ if paused => Standing::EnPausa,
        None => Standing::SinTermino,
        Some(d) if d < 0 => Standing::Vencida,
        Some(d) if d <= warn_days => Standing::PorVencer,
        Some(_) => Standing::ATiempo,
    }
}

/// [`standing`] of a PQRS whose unanswered expiry grants it: once its due date has passed
/// (clock running) it has produced positive silence.
pub fn standing_of(
    days_left: Option<i64>,
    paused: bool,
    warn_days: i64,
    positive_silence: bool,
) -> Standing {
    match standing(days_left, paused, warn_days) {
        Standing::Vencida if positive_silence => Standing::SilencioPositivo,
        other => other,
    }
}

/// The radicado: branch code, year, six-digit consecutive (`CALI-2026-000123`).
pub fn radicado(branch_code: &str, year: i32, seq: i64) -> String {
    format!("{}-{year}-{seq:06}", branch_code.trim().to_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use chrono::NaiveTime;

    fn cal() -> Calendar {
        Calendar::new(false, Default::default())
    }

    fn hours() -> OfficeHours {
        OfficeHours {
            open: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            close: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
        }
    }

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn k(code: &str) -> Kind {
        Kind::from_code(code).unwrap()
    }

    fn terms() -> Terms {
        Config::defaults().unwrap().terms
    }

    fn regime() -> Regime {
        Regime::from_config(&Config::defaults().unwrap())
    }

    fn due(kind: &str, received: NaiveDateTime) -> Option<NaiveDate> {
        dates(&cal(), hours(), &regime(), k(kind), received).due_on
    }

    #[test]
    fn every_kind_has_a_due_date_but_felicitaciones() {
        // Monday 2026-11-23 at 09:00.
        let r = at(2026, 11, 23, 9);
        let expected = [
            ("peticion", Some(day(2026, 12, 15))),
            ("documentos", Some(day(2026, 12, 7))),
            ("consulta", Some(day(2027, 1, 7))),
            ("queja", Some(day(2026, 12, 15))),
            ("reclamo", Some(day(2026, 12, 15))),
            ("sugerencia", Some(day(2026, 12, 15))),
            ("denuncia", Some(day(2026, 12, 15))),
            ("felicitacion", None),
            // 2 months from the 23rd: 2027-01-23 is a Saturday → Monday the 25th.
            ("recurso-reposicion", Some(day(2027, 1, 25))),
            ("recurso-apelacion", Some(day(2027, 1, 25))),
            ("habeas-consulta", Some(day(2026, 12, 7))),
            ("habeas-reclamo", Some(day(2026, 12, 15))),
        ];
        for (kind, want) in expected {
            assert_eq!(due(kind, r), want, "{kind}");
        }
    }

    #[test]
    fn receipt_after_hours_on_saturday_and_before_a_holiday_monday() {
        // Friday 2026-11-13 after closing, and the Saturday after it, count as filed on
        // Tuesday 17: Monday 16 is the Independencia de Cartagena holiday (moved).
        let after_hours = dates(
            &cal(),
            hours(),
            &regime(),
            Kind::Peticion,
            at(2026, 11, 13, 18),
        );
        assert_eq!(after_hours.filed_on, day(2026, 11, 17));
        let saturday = dates(
            &cal(),
            hours(),
            &regime(),
            Kind::Peticion,
            at(2026, 11, 14, 10),
        );
        assert_eq!(saturday.filed_on, day(2026, 11, 17));
        // Dec 8 is a holiday (Inmaculada Concepción): the 15th business day after the 17th is
        // Dec 9.
        assert_eq!(after_hours.due_on, Some(day(2026, 12, 9)));
        // Across the year end: Dec 30 → 15 business days skipping Jan 1 and Jan 11 (Reyes).
        let year_end = dates(
            &cal(),
            hours(),
            &regime(),
            Kind::Peticion,
            at(2026, 12, 30, 10),
        );
        assert_eq!(year_end.due_on, Some(day(2027, 1, 22)));
    }

    #[test]
    fn extension_is_refused_after_expiry_and_beyond_the_maximum() {
        let d = dates(
            &cal(),
            hours(),
            &regime(),
            Kind::Peticion,
            at(2026, 11, 23, 9),
        );
        let (due, max) = (d.due_on.unwrap(), d.max_extension_on.unwrap());
        assert_eq!(max, day(2027, 1, 7), "twice the term");
        assert!(check_extension(&cal(), day(2026, 12, 1), due, max, day(2027, 1, 7)).is_ok());
        let beyond = check_extension(&cal(), day(2026, 12, 1), due, max, day(2027, 1, 8));
        assert!(beyond.unwrap_err().contains("máximo legal"));
        let late = check_extension(&cal(), day(2026, 12, 16), due, max, day(2027, 1, 7));
        assert!(late.unwrap_err().contains("venció"));
        let weekend = check_extension(&cal(), day(2026, 12, 1), due, max, day(2026, 12, 19));
        assert!(weekend.unwrap_err().contains("no es un día hábil"));
    }

    #[test]
    fn pause_and_resume_shift_the_due_date_by_the_days_waited() {
        let d = dates(
            &cal(),
            hours(),
            &regime(),
            Kind::Peticion,
            at(2026, 11, 23, 9),
        );
        let due = d.due_on.unwrap();
        // asked on Friday Nov 27 (4 business days used): 11 remain
        let p = pause(
            &cal(),
            &terms(),
            Kind::Peticion,
            (d.filed_on, due, d.completion_request_by),
            day(2026, 11, 27),
        )
        .unwrap();
        assert_eq!(p.remaining, 11);
        assert_eq!(p.withdrawal_on, day(2026, 12, 27));
        // completed on Friday Dec 4: 11 business days from Monday Dec 7, skipping Dec 8
        let new_due = resume(&cal(), p.remaining, day(2026, 12, 4));
        assert_eq!(new_due, day(2026, 12, 22));
        assert!(new_due > due);
        let too_late = pause(
            &cal(),
            &terms(),
            Kind::Peticion,
            (d.filed_on, due, d.completion_request_by),
            day(2026, 12, 10),
        );
        assert!(too_late.is_err());
    }

    #[test]
    fn standing_colours_by_days_left() {
        assert_eq!(standing(Some(10), false, 3), Standing::ATiempo);
        assert_eq!(standing(Some(3), false, 3), Standing::PorVencer);
        assert_eq!(standing(Some(0), false, 3), Standing::PorVencer);
        assert_eq!(standing(Some(-1), false, 3), Standing::Vencida);
        assert_eq!(standing(Some(-1), true, 3), Standing::EnPausa);
        assert_eq!(standing(None, false, 3), Standing::SinTermino);
        assert_eq!(
            standing_of(Some(-1), false, 3, true),
            Standing::SilencioPositivo
        );
        assert_eq!(standing_of(Some(0), false, 3, true), Standing::PorVencer);
        assert_eq!(standing_of(Some(-1), true, 3, true), Standing::EnPausa);
        assert_eq!(standing_of(Some(-1), false, 3, false), Standing::Vencida);
    }

    #[test]
    fn radicado_is_code_year_and_six_digits() {
        assert_eq!(radicado("cali", 2026, 123), "CALI-2026-000123");
    }
}
