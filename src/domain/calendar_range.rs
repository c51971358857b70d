//! The calendar's supported range (1984–2200, where holidays are computed by rule) enforced on
//! what people type: business-day arithmetic with a count or a date past the range is refused
//! with a Spanish sentence instead of walking day by day for minutes.

use super::calendar::Calendar;
use super::holidays::{FIRST_YEAR, LAST_YEAR};
use chrono::{NaiveDate, NaiveDateTime};

/// The first supported day.
pub fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The last supported day.
pub fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// Refuses a date outside the supported range; `what` names it in the message.
pub fn check_date(d: NaiveDate, what: &str) -> Result<NaiveDate, String> {
    if (first_day()..=last_day()).contains(&d) {
        Ok(d)
    } else {
        Err(format!(
            "{what} {} está fuera del calendario que maneja ventanilla ({FIRST_YEAR}–{LAST_YEAR})",
            d.format("%Y-%m-%d")
        ))
    }
}

/// Refuses a date and time (a receipt) outside the supported range.
pub fn check_instant(at: NaiveDateTime, what: &str) -> Result<NaiveDateTime, String> {
    check_date(at.date(), what).map(|_| at)
}

/// Refuses a count of business days that would end past the supported range, counting from
/// `from`: `n` business days need at least `n` calendar days.
pub fn check_count(from: NaiveDate, n: i64) -> Result<u32, String> {
    let left = (last_day() - from).num_days();
    match u32::try_from(n) {
        Ok(n) if i64::from(n) <= left => Ok(n),
        _ if n < 0 => Err(format!(
            "el número de días hábiles ({n}) no puede ser negativo"
        )),
        _ => Err(format!(
            "{n} días hábiles desde {} pasan del {}: el calendario llega hasta {LAST_YEAR}",
            from.format("%Y-%m-%d"),
            last_day().format("%d/%m/%Y")
        )),
    }
}

/// [`Calendar::add`] for counts people type: refuses dates and results past the range.
pub fn checked_add(cal: &Calendar, d: NaiveDate, n: i64) -> Result<NaiveDate, String> {
    let d = check_date(d, "la fecha")?;
    let n = check_count(d, n)?;
    let end = cal.add(d, n);
    check_date(end, "el resultado").map_err(|_| {
        format!(
            "{n} días hábiles desde {} pasan del {}: el calendario llega hasta {LAST_YEAR}",
            d.format("%Y-%m-%d"),
            last_day().format("%d/%m/%Y")
        )
    })
}

/// [`Calendar::between`] for dates people type: both must be in the range.
pub fn checked_between(cal: &Calendar, from: NaiveDate, to: NaiveDate) -> Result<i64, String> {
    let from = check_date(from, "la fecha inicial")?;
    let to = check_date(to, "la fecha final")?;
    Ok(cal.between(from, to))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn counts_and_dates_past_the_range_are_refused_quickly() {
        let cal = Calendar::legal();
        let start = day(2026, 1, 1);
        assert!(
            checked_add(&cal, start, 999_999_999)
                .unwrap_err()
                .contains("2200")
        );
        assert!(
            checked_add(&cal, start, -1)
                .unwrap_err()
                .contains("negativo")
        );
        // just under the count of calendar days left, but past the last business day
        let left = (last_day() - start).num_days();
        assert!(checked_add(&cal, start, left).is_err());
        assert_eq!(checked_add(&cal, start, 10).unwrap(), cal.add(start, 10));
        assert!(
            checked_add(&cal, day(1, 1, 1), 1)
                .unwrap_err()
                .contains("0001-01-01")
        );
        assert!(checked_between(&cal, day(2026, 1, 1), day(9999, 1, 1)).is_err());
        assert_eq!(
            checked_between(&cal, start, day(2026, 1, 31)).unwrap(),
            cal.between(start, day(2026, 1, 31))
        );
    }
}
