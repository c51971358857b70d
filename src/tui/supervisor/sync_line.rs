//! The supervisor's line about the sync with the central server: when the branch last synced,
//! how many records wait, and the last error in plain Spanish. Read from the branch's own
//! database: the screen never waits on the network.

use crate::store::sync::Status;
use crate::tui::theme;
use chrono::{DateTime, FixedOffset};
use ratatui::text::{Line, Span};

fn parse(t: Option<&str>) -> Option<DateTime<FixedOffset>> {
    t.and_then(|t| DateTime::parse_from_rfc3339(t).ok())
}

/// "hace 3 min", "hace 2 h", or the date when older than a day.
fn ago(t: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> String {
    let s = (now - t).num_seconds().max(0);
    match s {
        0..120 => "hace un momento".into(),
        120..7200 => format!("hace {} min", s / 60),
        7200..86_400 => format!("hace {} h", s / 3600),
        _ => format!(
            "el {}",
            t.with_timezone(&now.timezone()).format("%d/%m/%Y %H:%M")
        ),
    }
}

/// The line for `status` at `now`; `configured`: the configuration names a central server.
pub fn line(
    status: Option<&Status>,
    configured: bool,
    now: DateTime<FixedOffset>,
) -> Line<'static> {
    let Some(s) = status else {
        return Line::default();
    };
    if !configured && s.last_ok.is_none() && s.last_error.is_none() {
        return Line::styled(
            " Central: sin servidor central configurado (la sede trabaja sola)",
            theme::HINT,
        );
    }
    let pending = match s.pending {
        0 => "nada por enviar".to_string(),
        1 => "1 registro por enviar".to_string(),
        n => format!("{n} registros por enviar"),
    };
    let last_ok = parse(s.last_ok.as_deref());
    let head = match last_ok {
        Some(t) => format!(" Central: sincronizada {} · {pending}", ago(t, now)),
        None => format!(" Central: aún no sincronizada · {pending}"),
    };
    let mut spans = vec![Span::styled(head, theme::HINT)];
    if let Some(e) = &s.last_error {
        let when = parse(s.last_error_at.as_deref()).map_or(String::new(), |t| ago(t, now));
        spans = vec![
            Span::styled(head_text(last_ok, now, &pending), theme::ERROR),
            Span::styled(format!(" · falló {when}: {e}"), theme::ERROR),
        ];
    }
    Line::from(spans)
}

/// The line wrapped by words into the rows it needs at `width`, at most four: a longer one
/// ends its fourth row with "…" (`sync --status` shows it whole).
pub fn rows(
    status: Option<&Status>,
    configured: bool,
    now: DateTime<FixedOffset>,
    width: u16,
) -> Vec<Line<'static>> {
    let line = line(status, configured, now);
    let style = line.spans.last().map_or(theme::HINT, |s| s.style);
    crate::tui::widgets::message::fit_with(&line.to_string(), width, 4, "… sync --status")
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

fn head_text(
    last_ok: Option<DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
    pending: &str,
) -> String {
    match last_ok {
        Some(t) => format!(
            " Central: última sincronización {} · {pending}",
            ago(t, now)
        ),
        None => format!(" Central: nunca sincronizada · {pending}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(l: &Line<'_>) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_long_failure_takes_the_rows_it_needs_and_never_cuts_silently() {
        let now = DateTime::parse_from_rfc3339("2026-12-01T11:00:00-05:00").unwrap();
        let failing = Status {
            last_ok: None,
            pending: 12,
            last_error: Some("palabra ".repeat(60)),
            last_error_at: Some("2026-12-01T15:58:00Z".into()),
        };
        let r = rows(Some(&failing), true, now, 100);
        assert_eq!(r.len(), 4);
        assert!(r[3].to_string().ends_with("… sync --status"), "{r:?}");
        assert!(r.iter().all(|l| l.width() <= 100));
        let short = rows(Some(&Status::default()), true, now, 100);
        assert_eq!(short.len(), 1);
    }

    #[test]
    fn says_when_how_much_and_why_it_failed() {
        let now = DateTime::parse_from_rfc3339("2026-12-01T11:00:00-05:00").unwrap();
        let ok = Status {
            last_ok: Some("2026-12-01T15:55:00Z".into()),
            pending: 3,
            last_error: None,
            last_error_at: None,
        };
        assert_eq!(
            text(&line(Some(&ok), true, now)),
            " Central: sincronizada hace 5 min · 3 registros por enviar"
        );
        let failing = Status {
            last_error: Some("no se pudo conectar con el servidor central".into()),
            last_error_at: Some("2026-12-01T15:58:00Z".into()),
            ..ok
        };
        assert_eq!(
            text(&line(Some(&failing), false, now)),
            " Central: última sincronización hace 5 min · 3 registros por enviar · falló hace \
             2 min: no se pudo conectar con el servidor central"
        );
        assert_eq!(
            text(&line(Some(&Status::default()), true, now)),
            " Central: aún no sincronizada · nada por enviar"
        );
        assert_eq!(
            text(&line(Some(&Status::default()), false, now)),
            " Central: sin servidor central configurado (la sede trabaja sola)"
        );
    }
}
