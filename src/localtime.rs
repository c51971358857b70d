//! One time boundary. The database holds instants in UTC (RFC 3339 text); everything a person
//! or a program reads is in the organisation's offset: people get `30/11/2026 12:56`,
//! programs get RFC 3339 with the offset (`2026-11-30T12:56:14-05:00`). This is the only
//! module that formats instants for output, and the only one that parses dates people type.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

/// An instant as people read it: `30/11/2026 12:56`.
pub fn human(at: DateTime<Utc>, offset: FixedOffset) -> String {
    at.with_timezone(&offset)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// An instant as programs read it: RFC 3339 with the offset, to the second.
pub fn machine(at: DateTime<Utc>, offset: FixedOffset) -> String {
    at.with_timezone(&offset)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A local date and time as people read it (`30/11/2026 12:56`).
pub fn human_local(at: NaiveDateTime) -> String {
    at.format("%d/%m/%Y %H:%M").to_string()
}

/// A date as people read it (`30/11/2026`).
pub fn human_date(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

/// Parses a stored instant (RFC 3339, any offset).
pub fn parse_stored(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A stored instant (RFC 3339 UTC text) as people read it; stored local date-times
/// (`2026-11-30T12:56`) and dates are shown in the same style; anything else as it is.
pub fn human_stamp(text: &str, offset: FixedOffset) -> String {
    match parse_stored(text) {
        Some(at) => human(at, offset),
        None => human_stored_local(text),
    }
}

/// A stored local date-time (`2026-11-30T12:56`) or date (`2026-11-30`) as people read it
/// (`30/11/2026 12:56`, `30/11/2026`); anything else as it is.
pub fn human_stored_local(text: &str) -> String {
    if let Some(at) = parse_stored_local(text) {
        return human_local(at);
    }
    match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(day) => human_date(day),
        Err(_) => text.to_string(),
    }
}

/// A stored instant as programs read it (RFC 3339 with the offset); a stored local
/// date-time gets the offset attached; anything else as it is.
pub fn machine_stamp(text: &str, offset: FixedOffset) -> String {
    if let Some(at) = parse_stored(text) {
        return machine(at, offset);
    }
    if let Some(at) = parse_stored_local(text)
        && let Some(local) = at.and_local_timezone(offset).single()
    {
        return local.to_rfc3339_opts(SecondsFormat::Secs, false);
    }
    text.to_string()
}

fn parse_stored_local(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim();
    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M"))
        .ok()
}

/// Parses a date typed by a person: `AAAA-MM-DD` or `DD/MM/AAAA` (also `D/M/AAAA` and `-`
/// or `.` as separators in the day-first form).
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d);
    }
    let day_first = t.replace(['-', '.'], "/");
    NaiveDate::parse_from_str(&day_first, "%d/%m/%Y")
        .map_err(|_| format!("fecha «{t}» inválida: use AAAA-MM-DD o DD/MM/AAAA"))
}

/// Parses a local date and time typed by a person: `AAAA-MM-DDTHH:MM`, `AAAA-MM-DD HH:MM` or
/// `DD/MM/AAAA HH:MM`.
pub fn parse_local_datetime(text: &str) -> Result<NaiveDateTime, String> {
    let t = text.trim();
    let err = || format!("fecha y hora «{t}» inválidas: use AAAA-MM-DDTHH:MM o DD/MM/AAAA HH:MM");
    let (date, time) = t
        .split_once('T')
        .or_else(|| t.split_once(' '))
        .ok_or_else(err)?;
    let day = parse_date(date).map_err(|_| err())?;
    let time = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .or_else(|_| chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M:%S"))
        .map_err(|_| err())?;
    Ok(day.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bogota() -> FixedOffset {
        FixedOffset::west_opt(5 * 3600).unwrap()
    }

    #[test]
    fn instants_are_shown_in_local_time() {
        let at = parse_stored("2026-11-30T17:56:14Z").unwrap();
        assert_eq!(human(at, bogota()), "30/11/2026 12:56");
        assert_eq!(machine(at, bogota()), "2026-11-30T12:56:14-05:00");
        assert_eq!(
            human_stamp("2026-11-30T17:56:14Z", bogota()),
            "30/11/2026 12:56"
        );
        assert_eq!(
            human_stamp("2026-11-30T12:56", bogota()),
            "30/11/2026 12:56"
        );
        assert_eq!(human_stored_local("2026-11-23T09:30"), "23/11/2026 09:30");
        assert_eq!(human_stored_local("2026-12-15"), "15/12/2026");
        assert_eq!(human_stored_local("sin fecha"), "sin fecha");
        assert_eq!(
            machine_stamp("2026-11-30T12:56", bogota()),
            "2026-11-30T12:56:00-05:00"
        );
    }

    #[test]
    fn people_type_dates_both_ways() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(parse_date("2026-11-30"), Ok(d));
        assert_eq!(parse_date("30/11/2026"), Ok(d));
        assert_eq!(parse_date(" 30-11-2026 "), Ok(d));
        assert!(parse_date("31/02/2026").is_err());
        let t = parse_local_datetime("30/11/2026 12:56").unwrap();
        assert_eq!(t, parse_local_datetime("2026-11-30T12:56").unwrap());
    }
}
