//! Sane maxima for the configuration's numbers, checked when it is loaded: a term of a million
//! days or a timeout of a year is a typing mistake, and left alone it makes business-day
//! arithmetic walk for minutes or a screen never wake up. Each limit names its key.

use crate::config::Config;

/// One limit: the key as written in the file, its value, the largest sensible value, and the
/// unit shown in the message.
type Limit = (&'static str, f64, f64, &'static str);

/// The limits table.
fn limits(c: &Config) -> Vec<Limit> {
    let t = &c.terms;
    let days = "días";
    let months = "meses";
    let mut all: Vec<Limit> = vec![
        ("terms.peticion", t.peticion.into(), 365.0, days),
        ("terms.documentos", t.documentos.into(), 365.0, days),
        ("terms.consulta", t.consulta.into(), 365.0, days),
        ("terms.queja", t.queja.into(), 365.0, days),
        ("terms.reclamo", t.reclamo.into(), 365.0, days),
        ("terms.sugerencia", t.sugerencia.into(), 365.0, days),
        ("terms.denuncia", t.denuncia.into(), 365.0, days),
        (
            "terms.habeas_consulta",
            t.habeas_consulta.into(),
            365.0,
            days,
        ),
        ("terms.habeas_reclamo", t.habeas_reclamo.into(), 365.0, days),
        (
            "terms.habeas_consulta_extension",
            t.habeas_consulta_extension.into(),
            365.0,
            days,
        ),
        (
            "terms.habeas_reclamo_extension",
            t.habeas_reclamo_extension.into(),
            365.0,
            days,
        ),
        (
            "terms.completion_request_days",
            t.completion_request_days.into(),
            365.0,
            days,
        ),
        (
            "terms.completion_months",
            t.completion_months.into(),
            60.0,
            months,
        ),
        (
            "terms.habeas_completion_request_days",
            t.habeas_completion_request_days.into(),
            365.0,
            days,
        ),
        (
            "terms.habeas_completion_months",
            t.habeas_completion_months.into(),
            60.0,
            months,
        ),
        (
            "terms.habeas_in_process_mark_days",
            t.habeas_in_process_mark_days.into(),
            365.0,
            days,
        ),
        (
            "terms.recurso_months",
            t.recurso_months.into(),
            60.0,
            months,
        ),
        (
            "terms.recurso_filing_days",
            t.recurso_filing_days.into(),
            365.0,
            days,
        ),
        ("terms.forward_days", t.forward_days.into(), 365.0, days),
        (
            "terms.habeas_forward_days",
            t.habeas_forward_days.into(),
            365.0,
            days,
        ),
        (
            "utilities.pqr_days",
            c.utilities.pqr_days.into(),
            365.0,
            days,
        ),
        (
            "utilities.extension_days",
            c.utilities.extension_days.into(),
            365.0,
            days,
        ),
        (
            "utilities.recurso_filing_days",
            c.utilities.recurso_filing_days.into(),
            365.0,
            days,
        ),
        (
            "utilities.recurso_days",
            c.utilities.recurso_days.into(),
            365.0,
            days,
        ),
        (
            "pqrs.due_soon_days",
            c.pqrs.due_soon_days.into(),
            365.0,
            days,
        ),
    ];
    let q = &c.queue;
    all.extend([
        (
            "queue.max_preferential_streak",
            q.max_preferential_streak.into(),
            1000.0,
            "turnos",
        ),
        (
            "queue.starvation_minutes",
            q.starvation_minutes.into(),
            1440.0,
            "minutos",
        ),
        ("queue.max_recalls", q.max_recalls.into(), 100.0, "llamados"),
        (
            "queue.default_service_minutes",
            q.default_service_minutes.into(),
            1440.0,
            "minutos",
        ),
        (
            "kiosk.idle_seconds",
            c.kiosk.idle_seconds.into(),
            86_400.0,
            "segundos",
        ),
        (
            "display.highlight_seconds",
            c.display.highlight_seconds.into(),
            3600.0,
            "segundos",
        ),
        (
            "display.recent_calls",
            c.display.recent_calls.into(),
            100.0,
            "llamados",
        ),
        (
            "indicators.in_favor_max_percent",
            c.indicators.in_favor_max_percent,
            100.0,
            "%",
        ),
        (
            "indicators.on_time_min_percent",
            c.indicators.on_time_min_percent,
            100.0,
            "%",
        ),
        (
            "indicators.wait_alert_minutes",
            c.indicators.wait_alert_minutes.into(),
            1440.0,
            "minutos",
        ),
        ("backup.keep", c.backup.keep.into(), 3660.0, "copias"),
        (
            "rating.satisfaction_target",
            c.rating.satisfaction_target.into(),
            100.0,
            "%",
        ),
        (
            "rating.wake_minutes",
            c.rating.wake_minutes.into(),
            1440.0,
            "minutos",
        ),
        (
            "rating.timeout_seconds",
            c.rating.timeout_seconds.into(),
            86_400.0,
            "segundos",
        ),
        (
            "session.idle_lock_minutes",
            c.session.idle_lock_minutes.into(),
            1440.0,
            "minutos",
        ),
    ]);
    all
}

/// Legal terms that cannot be zero: a zero term makes the due date the filing day (extensions
/// and the habeas data extras may be 0: "no extension").
const NOT_ZERO: &[&str] = &[
    "terms.peticion",
    "terms.documentos",
    "terms.consulta",
    "terms.queja",
    "terms.reclamo",
    "terms.sugerencia",
    "terms.denuncia",
    "terms.habeas_consulta",
    "terms.habeas_reclamo",
    "terms.completion_request_days",
    "terms.completion_months",
    "terms.habeas_completion_request_days",
    "terms.habeas_completion_months",
    "terms.habeas_in_process_mark_days",
    "terms.recurso_months",
    "terms.recurso_filing_days",
    "terms.forward_days",
    "terms.habeas_forward_days",
    "utilities.pqr_days",
    "utilities.recurso_filing_days",
    "utilities.recurso_days",
];

/// The first value past its limit, as the key and a Spanish sentence.
pub fn check(c: &Config) -> Result<(), (&'static str, String)> {
    for (key, value, max, unit) in limits(c) {
        if value == 0.0 && NOT_ZERO.contains(&key) {
            return Err((
                key,
                format!("un término de 0 {unit} no es válido: use un valor entre 1 y {max}"),
            ));
        }
        if !(0.0..=max).contains(&value) {
            return Err((
                key,
                format!("{value} {unit} está fuera de lo razonable: use un valor entre 0 y {max}"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn defaults_are_within_limits_and_huge_values_name_their_key() {
        let mut c = Config::defaults().unwrap();
        assert_eq!(check(&c), Ok(()));
        c.terms.queja = 999_999_999;
        assert_eq!(check(&c).unwrap_err().0, "terms.queja");
        c.terms.queja = 15;
        c.indicators.on_time_min_percent = 250.0;
        assert_eq!(check(&c).unwrap_err().0, "indicators.on_time_min_percent");
    }

    #[test]
    fn zero_legal_terms_are_refused_naming_their_key() {
        for key in NOT_ZERO {
            let mut c = Config::defaults().unwrap();
            let (table, name) = key.split_once('.').unwrap();
            let mut value = toml::Value::try_from(&c).unwrap();
            value[table][name] = toml::Value::Integer(0);
            c = value.try_into().unwrap();
            let (got, message) = check(&c).unwrap_err();
            assert_eq!(got, *key);
            assert!(message.contains("0"), "{message}");
        }
        let mut c = Config::defaults().unwrap();
        c.utilities.extension_days = 0;
        assert_eq!(check(&c), Ok(()), "no extension is a valid choice");
    }
}
