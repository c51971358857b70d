//! Legal deadlines of requests (Ley 1755 de 2015 art. 14, Ley 1581 de 2012 arts. 14–15).
//!
//! All terms are business days and come from configuration. Counting starts the business day
//! after the deemed filing day; a request received on a non-business day or after closing time
//! counts as received on the next business day; a term ends at the close of its last day.

use super::calendar::Calendar;
use super::regime::{Regime, Term};
use crate::config::Terms;
use chrono::{Months, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

pub use super::request::Kind as RequestType;

impl RequestType {
    /// The legal term in business days under `regime` (0 when the term is in months or there
    /// is none).
    pub fn term(self, regime: &Regime) -> u32 {
        match regime.rule(self).term {
            Term::Days(n) => n,
            Term::Months(_) | Term::None => 0,
        }
    }

    /// Business days an extension may add under `regime` (0: none).
    pub fn extension_days(self, regime: &Regime) -> u32 {
        regime.rule(self).extension_days
    }

    fn is_habeas_reclamo(self) -> bool {
        self == RequestType::HabeasReclamo
    }
}

/// Business days left on `today` until `due`: 0 on the due date itself, negative once expired
/// (at least -1 the day after, even if that day is not a business day).
pub fn days_left(cal: &Calendar, today: NaiveDate, due: NaiveDate) -> i64 {
    if today <= due {
        cal.between(today, due)
    } else {
        -cal.between(due, today).max(1)
    }
}

/// Checks an extension to `new_due` requested on `today`: before expiry, later than the
/// current due date, within the legal maximum, on a business day.
pub fn check_extension(
    cal: &Calendar,
    today: NaiveDate,
    due: NaiveDate,
    max: NaiveDate,
    new_due: NaiveDate,
) -> Result<(), String> {
    if today > due {
        return Err(format!(
            "el término venció el {due}: ya no se puede ampliar"
        ));
    }
    if new_due <= due {
        return Err(format!(
            "la nueva fecha debe ser posterior al vencimiento actual ({due})"
        ));
    }
    if new_due > max {
        return Err(format!(
            "la ampliación no puede pasar del {max} (máximo legal)"
        ));
    }
    if !cal.is_business_day(new_due) {
        return Err(format!("{new_due} no es un día hábil"));
    }
    Ok(())
}

/// Office hours that decide the deemed filing day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeHours {
    pub open: NaiveTime,
    pub close: NaiveTime,
}

/// A request's deadlines, computed from the instant it was received (local time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    #[serde(rename = "type")]
    pub kind: RequestType,
    pub received: NaiveDateTime,
    /// The day the request counts as filed.
    #[serde(rename = "deemed_filing_day")]
    pub filed: NaiveDate,
    /// The term in business days.
    pub term: u32,
    /// The last day to answer (the term ends at its close).
    pub due: NaiveDate,
    /// The latest date an extension may reach.
    pub max_extension: NaiveDate,
    /// The last day to ask the requester to complete an incomplete request.
    pub completion_request_by: NaiveDate,
    /// Habeas data reclamos: the last day to mark it "reclamo en trámite".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_process_mark_by: Option<NaiveDate>,
}

/// The day a request received at `received` counts as filed.
pub fn deemed_filing_day(cal: &Calendar, hours: OfficeHours, received: NaiveDateTime) -> NaiveDate {
    let day = received.date();
    if cal.is_business_day(day) && received.time() < hours.close {
        day
    } else {
        cal.next_business_day(day)
    }
}

/// Computes every deadline of a request.
pub fn compute(
    cal: &Calendar,
    hours: OfficeHours,
    regime: &Regime,
    kind: RequestType,
    received: NaiveDateTime,
) -> Deadline {
    let terms = regime.terms();
    let filed = deemed_filing_day(cal, hours, received);
    let term = kind.term(regime);
    let request_days = if kind.is_habeas_reclamo() {
        terms.habeas_completion_request_days
    } else {
        terms.completion_request_days
    };
    Deadline {
        kind,
        received,
        filed,
        term,
        due: cal.add(filed, term),
        max_extension: cal.add(filed, term + kind.extension_days(regime)),
        completion_request_by: cal.add(filed, request_days),
        in_process_mark_by: kind
            .is_habeas_reclamo()
            .then(|| cal.add(filed, terms.habeas_in_process_mark_days)),
    }
}

impl Deadline {
    /// Business days left on `today` until the due date (0 on the due date itself, negative
    /// once expired).
    pub fn days_left(&self, cal: &Calendar, today: NaiveDate) -> i64 {
        days_left(cal, today, self.due)
    }

    /// Whether `today` the term may still be extended (only before expiry).
    pub fn extension_allowed(&self, today: NaiveDate) -> bool {
        today <= self.due
    }

    /// Checks a proposed extension: before expiry, after the current due date, within the
    /// legal maximum, on a business day.
    pub fn check_extension(
        &self,
        cal: &Calendar,
        today: NaiveDate,
        new_due: NaiveDate,
    ) -> Result<(), String> {
        check_extension(cal, today, self.due, self.max_extension, new_due)
    }
}

/// The clock of a request paused while the requester completes it (incomplete petition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pause {
    /// The day the requester was asked to complete the request.
    pub paused_on: NaiveDate,
    /// Business days of the term still to run when the clock stopped.
    pub remaining: i64,
    /// The day the request is deemed withdrawn (desistimiento tácito) if not completed.
    pub withdrawal_on: NaiveDate,
}

impl Deadline {
    /// Stops the clock on `paused_on`. `extended`: the requester asked in time for the one
    /// extension of equal length.
    pub fn pause(
        &self,
        cal: &Calendar,
        terms: &Terms,
        paused_on: NaiveDate,
        extended: bool,
    ) -> Pause {
        let months = if self.kind.is_habeas_reclamo() {
            terms.habeas_completion_months
        } else {
            terms.completion_months
        };
        let months = if extended { months * 2 } else { months };
        Pause {
            paused_on,
            remaining: i64::from(self.term) - cal.between(self.filed, paused_on).max(0),
            withdrawal_on: paused_on
                .checked_add_months(Months::new(months))
                .unwrap_or(NaiveDate::MAX),
        }
    }

    /// Resumes on `completed_on` (the day the requester completed it): the remaining business
    /// days run again from the next business day. Returns the new due date.
    pub fn resume(&self, cal: &Calendar, pause: &Pause, completed_on: NaiveDate) -> NaiveDate {
        cal.add(
            completed_on,
            u32::try_from(pause.remaining.max(0)).unwrap_or(0),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use proptest::prelude::*;

    fn hours() -> OfficeHours {
        OfficeHours {
            open: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            close: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
        }
    }

    fn terms() -> Terms {
        Config::defaults().unwrap().terms
    }

    fn regime() -> Regime {
        Regime::from_config(&Config::defaults().unwrap())
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn general_petition_on_a_business_morning() {
        // Monday 23 Nov 2026 at 09:30; 15 business days from Tuesday 24 Nov: 8 Dec is a holiday.
        let dl = compute(
            &Calendar::legal(),
            hours(),
            &regime(),
            RequestType::Peticion,
            at(2026, 11, 23, 9, 30),
        );
        assert_eq!(dl.filed, d(2026, 11, 23));
        assert_eq!(dl.due, d(2026, 12, 15));
        // 30 business days: 8 and 25 Dec and 1 Jan are holidays; Reyes 2027 moves to 11 Jan.
        assert_eq!(dl.max_extension, d(2027, 1, 7));
    }

    #[test]
    fn after_closing_or_on_a_weekend_counts_next_business_day() {
        let cal = Calendar::legal();
        assert_eq!(
            deemed_filing_day(&cal, hours(), at(2026, 11, 23, 17, 0)),
            d(2026, 11, 24)
        );
        assert_eq!(
            deemed_filing_day(&cal, hours(), at(2026, 11, 23, 16, 59)),
            d(2026, 11, 23)
        );
        assert_eq!(
            deemed_filing_day(&cal, hours(), at(2026, 11, 21, 10, 0)),
            d(2026, 11, 23)
        );
        // Friday 13 Nov evening → Tuesday 17 (Monday 16 is a holiday)
        assert_eq!(
            deemed_filing_day(&cal, hours(), at(2026, 11, 13, 18, 0)),
            d(2026, 11, 17)
        );
        // Before opening on a business day still counts that day.
        assert_eq!(
            deemed_filing_day(&cal, hours(), at(2026, 11, 23, 6, 0)),
            d(2026, 11, 23)
        );
    }

    #[test]
    fn terms_per_type() {
        let cal = Calendar::legal();
        let r = regime();
        let received = at(2026, 11, 23, 9, 0);
        let due = |k| compute(&cal, hours(), &r, k, received);
        assert_eq!(
            due(RequestType::Documentos).due,
            cal.add(d(2026, 11, 23), 10)
        );
        assert_eq!(due(RequestType::Consulta).term, 30);
        let hc = due(RequestType::HabeasConsulta);
        assert_eq!(hc.max_extension, cal.add(hc.filed, 15));
        let hr = due(RequestType::HabeasReclamo);
        assert_eq!(hr.max_extension, cal.add(hr.filed, 23));
        assert_eq!(hr.in_process_mark_by, Some(d(2026, 11, 25)));
        assert_eq!(hr.completion_request_by, cal.add(hr.filed, 5));
        assert!(due(RequestType::Queja).in_process_mark_by.is_none());
    }

    #[test]
    fn days_left_and_extensions() {
        let cal = Calendar::legal();
        let dl = compute(
            &cal,
            hours(),
            &regime(),
            RequestType::Peticion,
            at(2026, 11, 23, 9, 30),
        );
        assert_eq!(dl.days_left(&cal, d(2026, 11, 23)), 15);
        assert_eq!(dl.days_left(&cal, dl.due), 0);
        assert_eq!(dl.days_left(&cal, d(2026, 12, 16)), -1);
        assert!(dl.extension_allowed(dl.due));
        assert!(!dl.extension_allowed(d(2026, 12, 16)));
        assert!(
            dl.check_extension(&cal, d(2026, 12, 1), d(2026, 12, 22))
                .is_ok()
        );
        assert!(
            dl.check_extension(&cal, d(2026, 12, 1), d(2027, 1, 11))
                .unwrap_err()
                .contains("máximo legal")
        );
        assert!(
            dl.check_extension(&cal, d(2026, 12, 16), d(2026, 12, 22))
                .unwrap_err()
                .contains("venció")
        );
        assert!(
            dl.check_extension(&cal, d(2026, 12, 1), d(2026, 12, 19))
                .unwrap_err()
                .contains("hábil")
        );
    }

    #[test]
    fn pause_and_resume_keep_the_remaining_days() {
        let cal = Calendar::legal();
        let t = terms();
        let dl = compute(
            &cal,
            hours(),
            &regime(),
            RequestType::Peticion,
            at(2026, 11, 23, 9, 30),
        );
        // asked to complete on Friday 27 Nov: 4 business days used, 11 remain
        let pause = dl.pause(&cal, &t, d(2026, 11, 27), false);
        assert_eq!(pause.remaining, 11);
        assert_eq!(pause.withdrawal_on, d(2026, 12, 27));
        assert_eq!(
            dl.pause(&cal, &t, d(2026, 11, 27), true).withdrawal_on,
            d(2027, 1, 27)
        );
        // completed Thursday 10 Dec: 11 business days from Friday 11 Dec
        assert_eq!(
            dl.resume(&cal, &pause, d(2026, 12, 10)),
            cal.add(d(2026, 12, 10), 11)
        );
        let hr = compute(
            &cal,
            hours(),
            &regime(),
            RequestType::HabeasReclamo,
            at(2026, 11, 23, 9, 30),
        );
        assert_eq!(
            hr.pause(&cal, &t, d(2026, 11, 24), false).withdrawal_on,
            d(2027, 1, 24)
        );
    }

    #[test]
    fn names_round_trip() {
        for &kind in RequestType::ALL {
            assert_eq!(RequestType::parse(kind.code()), Ok(kind));
            assert_eq!(RequestType::parse(kind.label()), Ok(kind));
        }
        assert!(RequestType::parse("tutela").is_err());
    }

    proptest! {
        #[test]
        fn due_dates_are_business_days(day in 0i64..80_000, minute in 0u32..1440, k in 0usize..12) {
            let cal = Calendar::legal();
            let received = d(1984, 1, 1).and_hms_opt(minute / 60, minute % 60, 0).unwrap() + chrono::Duration::days(day);
            let kind = RequestType::ALL[k];
            prop_assume!(kind.has_business_day_term());
            let dl = compute(&cal, hours(), &regime(), kind, received);
            prop_assert!(cal.is_business_day(dl.filed));
            prop_assert!(cal.is_business_day(dl.due));
            prop_assert!(cal.is_business_day(dl.max_extension));
            prop_assert!(dl.filed >= received.date() && dl.due > dl.filed && dl.max_extension > dl.due);
        }
    }
}
