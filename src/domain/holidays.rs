//! Colombian public holidays (Ley 51 de 1983 and later laws), computed by rule.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A public holiday: its observed date and its name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
}

/// First and last year the calendar is defined for.
pub const FIRST_YEAR: i32 = 1984;
pub const LAST_YEAR: i32 = 2200;

/// Holidays kept on their date, even on a Sunday.
const FIXED: [(u32, u32, &str); 6] = [
    (1, 1, "Año Nuevo"),
    (5, 1, "Día del Trabajo"),
    (7, 20, "Día de la Independencia"),
    (8, 7, "Batalla de Boyacá"),
    (12, 8, "Inmaculada Concepción"),
    (12, 25, "Navidad"),
];

/// Holidays moved to the following Monday when they fall on another weekday (Ley 51 de 1983),
/// with the first year each applies.
const MOVED: [(u32, u32, &str, i32); 8] = [
    (1, 6, "Día de los Reyes Magos", FIRST_YEAR),
    (3, 19, "Día de San José", FIRST_YEAR),
    (6, 29, "San Pedro y San Pablo", FIRST_YEAR),
    (7, 9, "Nuestra Señora del Rosario de Chiquinquirá", 2026),
    (8, 15, "Asunción de la Virgen", FIRST_YEAR),
    (10, 12, "Día de la Raza", FIRST_YEAR),
    (11, 1, "Todos los Santos", FIRST_YEAR),
    (11, 11, "Independencia de Cartagena", FIRST_YEAR),
];

/// Holidays relative to Easter Sunday, in days (the last three are already Mondays).
const EASTER_BASED: [(i64, &str); 5] = [
    (-3, "Jueves Santo"),
    (-2, "Viernes Santo"),
    (43, "Ascensión del Señor"),
    (64, "Corpus Christi"),
    (71, "Sagrado Corazón de Jesús"),
];

/// Easter Sunday of `year` (Gregorian computus, anonymous algorithm).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as u32, day as u32)
}

/// The following Monday, or the date itself if it is a Monday.
fn to_monday(d: NaiveDate) -> NaiveDate {
    let ahead = (7 - d.weekday().num_days_from_monday()) % 7;
    d + Duration::days(i64::from(ahead))
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// The legal holidays of `year`, sorted by date; two on one date appear twice.
pub fn of_year(year: i32) -> Vec<Holiday> {
    let mut out = Vec::with_capacity(19);
    for (m, d, name) in FIXED {
        out.push(Holiday {
            date: date(year, m, d),
            name: name.into(),
        });
    }
    for (m, d, name, since) in MOVED {
        if year >= since {
            out.push(Holiday {
                date: to_monday(date(year, m, d)),
                name: name.into(),
            });
        }
    }
    let e = easter(year);
    for (offset, name) in EASTER_BASED {
        out.push(Holiday {
            date: e + Duration::days(offset),
            name: name.into(),
        });
    }
    out.sort();
    out
}

/// Whether `d` is a weekend day (Saturday counts only when it is not a business day).
pub fn is_weekend(d: NaiveDate, saturday_business: bool) -> bool {
    match d.weekday() {
        Weekday::Sun => true,
        Weekday::Sat => !saturday_business,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(year: i32) -> Vec<String> {
        of_year(year)
            .iter()
            .map(|h| h.date.format("%m-%d").to_string())
            .collect()
    }

    #[test]
    fn easter_sundays() {
        assert_eq!(easter(2024), date(2024, 3, 31)); // March
        assert_eq!(easter(2016), date(2016, 3, 27)); // March
        assert_eq!(easter(2025), date(2025, 4, 20)); // April
        assert_eq!(easter(2026), date(2026, 4, 5));
        assert_eq!(easter(2038), date(2038, 4, 25)); // latest possible
        assert_eq!(easter(2285), date(2285, 3, 22)); // earliest possible
    }

    /// The official 2024 calendar (18 holidays).
    #[test]
    fn official_2024() {
        assert_eq!(
            dates(2024),
            [
                "01-01", "01-08", "03-25", "03-28", "03-29", "05-01", "05-13", "06-03", "06-10",
                "07-01", "07-20", "08-07", "08-19", "10-14", "11-04", "11-11", "12-08", "12-25"
            ]
        );
    }

    /// The official 2025 calendar: San Pedro and Sagrado Corazón share Monday 30 June.
    #[test]
    fn official_2025_with_two_holidays_on_one_monday() {
        assert_eq!(
            dates(2025),
            [
                "01-01", "01-06", "03-24", "04-17", "04-18", "05-01", "06-02", "06-23", "06-30",
                "06-30", "07-20", "08-07", "08-18", "10-13", "11-03", "11-17", "12-08", "12-25"
            ]
        );
        let june_30: Vec<_> = of_year(2025)
            .into_iter()
            .filter(|h| h.date == date(2025, 6, 30))
            .collect();
        let names: Vec<_> = june_30.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, ["Sagrado Corazón de Jesús", "San Pedro y San Pablo"]);
    }

    /// The official 2026 calendar, with the new 9 July holiday moved to Monday 13 July.
    #[test]
    fn official_2026() {
        assert_eq!(
            dates(2026),
            [
                "01-01", "01-12", "03-23", "04-02", "04-03", "05-01", "05-18", "06-08", "06-15",
                "06-29", "07-13", "07-20", "08-07", "08-17", "10-12", "11-02", "11-16", "12-08",
                "12-25"
            ]
        );
        assert!(
            !dates(2025).contains(&"07-14".to_string()),
            "9 July only from 2026"
        );
    }

    #[test]
    fn fixed_holidays_stay_on_sundays() {
        // 20 July 2025 is a Sunday and is not moved.
        assert!(of_year(2025).iter().any(|h| h.date == date(2025, 7, 20)));
    }
}
