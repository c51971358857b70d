//! Business days: Monday to Friday (Saturday too if the organisation says so), minus legal
//! holidays, plus the organisation's own changes (extra closed days, reopened dates).
//!
//! Each year's non-business days are computed once, on first use, into a bitset; after that a
//! day check is an index and a bit test.

use super::holidays::{self, FIRST_YEAR, Holiday, LAST_YEAR};
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// An organisation's change to the legal calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The office is closed that day (e.g. a regional holiday), with the reason.
    Closed(String),
    /// The office opens that day although the legal calendar says otherwise.
    Open(String),
}

/// One year's non-business days as a bitset over the day of the year (0-based).
#[derive(Debug)]
struct Year {
    closed: [u64; 6],
}

impl Year {
    fn is_closed(&self, ordinal0: u32) -> bool {
        self.closed[(ordinal0 / 64) as usize] & (1 << (ordinal0 % 64)) != 0
    }
}

/// The calendar of one organisation.
#[derive(Debug)]
pub struct Calendar {
    saturday_business: bool,
    changes: BTreeMap<NaiveDate, Change>,
    years: Vec<OnceLock<Year>>,
}

impl Calendar {
    /// A calendar with the organisation's `changes` and Saturday rule.
    pub fn new(saturday_business: bool, changes: BTreeMap<NaiveDate, Change>) -> Calendar {
        let years = (FIRST_YEAR..=LAST_YEAR).map(|_| OnceLock::new()).collect();
        Calendar {
            saturday_business,
            changes,
            years,
        }
    }

    /// The legal calendar, Monday to Friday, no changes.
    pub fn legal() -> Calendar {
        Calendar::new(false, BTreeMap::new())
    }

    /// The organisation's changes.
    pub fn changes(&self) -> &BTreeMap<NaiveDate, Change> {
        &self.changes
    }

    fn year(&self, year: i32) -> Option<&Year> {
        let slot = self.years.get(usize::try_from(year - FIRST_YEAR).ok()?)?;
        Some(slot.get_or_init(|| self.build_year(year)))
    }

    fn build_year(&self, year: i32) -> Year {
        let mut closed = [0u64; 6];
        let mut set = |d: NaiveDate, on: bool| {
            let o = d.ordinal0();
            let (word, bit) = ((o / 64) as usize, 1u64 << (o % 64));
            if on {
                closed[word] |= bit
            } else {
                closed[word] &= !bit
            }
        };
        let mut day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        while day.year() == year {
            set(day, holidays::is_weekend(day, self.saturday_business));
            day = day.succ_opt().unwrap_or(NaiveDate::MAX);
        }
        for h in holidays::of_year(year) {
            set(h.date, true);
        }
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
        for (d, change) in self.changes.range(first..=last) {
            set(*d, matches!(change, Change::Closed(_)));
        }
        Year { closed }
    }

    /// Whether `d` is a business day. Outside 1984–2200 the same rules are computed uncached.
    pub fn is_business_day(&self, d: NaiveDate) -> bool {
        match self.year(d.year()) {
            Some(y) => !y.is_closed(d.ordinal0()),
            None => !self.build_year(d.year()).is_closed(d.ordinal0()),
        }
    }

    /// The date `n` business days after `d`. With `n = 0`: `d` itself if it is a business day,
    /// else the next business day.
    pub fn add(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut day = d;
        if n == 0 {
            while !self.is_business_day(day) {
                day = next(day);
            }
            return day;
        }
        let mut left = n;
        while left > 0 {
            day = next(day);
            if self.is_business_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// How many business days fall after `from` up to and including `to` (negative when `to`
    /// is before `from`).
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.between(to, from);
        }
        let mut count = 0;
        let mut day = from;
        while day < to {
            day = next(day);
            if self.is_business_day(day) {
                count += 1;
            }
        }
        count
    }

    /// The next business day strictly after `d`.
    pub fn next_business_day(&self, d: NaiveDate) -> NaiveDate {
        self.add(d, 1)
    }

    /// The year's holidays with the organisation's changes applied: reopened dates drop out,
    /// closed days appear with their reason. Sorted by date.
    pub fn holidays(&self, year: i32) -> Vec<Holiday> {
        let mut out: Vec<Holiday> = holidays::of_year(year)
            .into_iter()
            .filter(|h| !matches!(self.changes.get(&h.date), Some(Change::Open(_))))
            .collect();
        for (d, change) in &self.changes {
            if let (true, Change::Closed(reason)) = (d.year() == year, change) {
                out.push(Holiday {
                    date: *d,
                    name: format!("Cierre de la entidad: {reason}"),
                });
            }
        }
        out.sort();
        out
    }
}

fn next(d: NaiveDate) -> NaiveDate {
    d + Duration::days(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        let cal = Calendar::legal();
        assert!(cal.is_business_day(d(2026, 11, 23)));
        assert!(!cal.is_business_day(d(2026, 11, 16))); // Independencia de Cartagena
        assert!(!cal.is_business_day(d(2026, 11, 21))); // Saturday
        // Friday 13 Nov 2026 + 1 → Tuesday 17 (weekend, then Monday holiday)
        assert_eq!(cal.add(d(2026, 11, 13), 1), d(2026, 11, 17));
        assert_eq!(cal.add(d(2026, 11, 14), 0), d(2026, 11, 17));
        assert_eq!(cal.add(d(2026, 11, 17), 0), d(2026, 11, 17));
        assert_eq!(cal.between(d(2026, 11, 13), d(2026, 11, 17)), 1);
        assert_eq!(cal.between(d(2026, 11, 17), d(2026, 11, 13)), -1);
    }

    #[test]
    fn leap_year_counts_29_february() {
        let cal = Calendar::legal();
        assert!(cal.is_business_day(d(2024, 2, 29))); // Thursday
        assert_eq!(cal.add(d(2024, 2, 28), 1), d(2024, 2, 29));
        assert_eq!(cal.add(d(2024, 2, 28), 2), d(2024, 3, 1));
        assert!(
            cal.is_business_day(d(2024, 12, 31)),
            "day 366 of a leap year is a Tuesday"
        );
    }

    #[test]
    fn holy_week_in_march_and_april() {
        let cal = Calendar::legal();
        // 2024: Easter 31 March, Thursday 28 and Friday 29 March off.
        assert_eq!(cal.add(d(2024, 3, 27), 1), d(2024, 4, 1));
        // 2025: Easter 20 April.
        assert_eq!(cal.add(d(2025, 4, 16), 1), d(2025, 4, 21));
    }

    #[test]
    fn organisation_changes_close_and_open() {
        let mut changes = BTreeMap::new();
        changes.insert(d(2026, 12, 28), Change::Closed("Feria de Cali".into()));
        changes.insert(d(2026, 12, 8), Change::Open("jornada especial".into()));
        let cal = Calendar::new(false, changes);
        assert!(!cal.is_business_day(d(2026, 12, 28)));
        assert!(cal.is_business_day(d(2026, 12, 8)));
        let list = cal.holidays(2026);
        assert!(
            list.iter()
                .any(|h| h.date == d(2026, 12, 28) && h.name.contains("Feria de Cali"))
        );
        assert!(!list.iter().any(|h| h.date == d(2026, 12, 8)));
    }

    #[test]
    fn saturday_can_be_a_business_day() {
        let cal = Calendar::new(true, BTreeMap::new());
        assert!(cal.is_business_day(d(2026, 11, 21)));
        assert!(!cal.is_business_day(d(2026, 11, 22)));
        assert!(
            cal.is_business_day(d(2026, 12, 26)),
            "Saturday 26 Dec 2026 is open"
        );
        assert!(
            !cal.is_business_day(d(2026, 12, 25)),
            "holidays still close"
        );
    }

    #[test]
    fn outside_the_cached_range_still_answers() {
        let cal = Calendar::legal();
        assert!(!cal.is_business_day(d(2201, 1, 1)));
        assert_eq!(cal.add(d(2200, 12, 30), 2), d(2201, 1, 2));
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (FIRST_YEAR..LAST_YEAR, 1u32..=366).prop_map(|(y, o)| {
            NaiveDate::from_yo_opt(y, o).unwrap_or_else(|| NaiveDate::from_yo_opt(y, 365).unwrap())
        })
    }

    proptest! {
        #[test]
        fn add_lands_on_a_business_day(start in any_date(), n in 0u32..400) {
            prop_assert!(Calendar::legal().is_business_day(Calendar::legal().add(start, n)));
        }

        /// Composition holds once the first step lands on a business day (a ≥ 1); with a = 0
        /// from a closed day, `add(d, 0)` already moved to the next business day.
        #[test]
        fn add_composes(start in any_date(), a in 1u32..200, b in 0u32..200) {
            let cal = Calendar::legal();
            prop_assert_eq!(cal.add(cal.add(start, a), b), cal.add(start, a + b));
        }

        #[test]
        fn between_inverts_add(start in any_date(), n in 1u32..400) {
            let cal = Calendar::legal();
            prop_assert_eq!(cal.between(start, cal.add(start, n)), i64::from(n));
        }

        #[test]
        fn between_inverts_add_from_business_days(start in any_date(), n in 0u32..400) {
            let cal = Calendar::legal();
            let from = cal.add(start, 0);
            prop_assert_eq!(cal.between(from, cal.add(from, n)), i64::from(n));
        }
    }
}
