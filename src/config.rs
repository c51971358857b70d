//! Configuration: the embedded defaults, overridden by one file (the `--config PATH` given, or
//! else the user's file in the config directory, when it exists).
//!
//! Errors name the file, the line and the key, so a person can fix them without guessing.

mod diagnostics;
mod validate;
use diagnostics::{deserialize, line_of_key, merge, parse_table};

use crate::error::{Error, Result};
use chrono::{FixedOffset, NaiveTime};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The defaults shipped inside the binary.
pub const DEFAULT_TOML: &str = include_str!("../assets/config/default.toml");

/// The effective configuration.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub branch: Branch,
    pub office_hours: OfficeHours,
    pub session: Session,
    pub services: Vec<ServiceDef>,
    pub windows: Vec<WindowDef>,
    pub queue: Queue,
    pub kiosk: Kiosk,
    pub display: Display,
    pub rating: Rating,
    pub indicators: Indicators,
    pub backup: Backup,
    pub files: Files,
    pub printing: Printing,
    pub consent: Consent,
    pub routing: std::collections::BTreeMap<String, Vec<String>>,
    pub attention: AttentionRecord,
    pub advisor: Advisor,
    pub pqrs: Pqrs,
    pub terms: Terms,
    pub regime: RegimeChoice,
    pub utilities: Utilities,
}

/// Which legal regime applies (see `domain::regime`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RegimeChoice {
    pub name: crate::domain::regime::RegimeKind,
}

/// The servicios públicos domiciliarios regime (Ley 142 de 1994 arts. 152–159).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Utilities {
    /// Business days to answer peticiones, quejas and reclamos.
    pub pqr_days: u32,
    /// Business days an extension may add; 0: no extension.
    pub extension_days: u32,
    /// What an unanswered PQR means at its due date.
    pub silence: crate::domain::regime::Silence,
    /// Business days after notification to file a recurso.
    pub recurso_filing_days: u32,
    /// Business days to decide a recurso de reposición.
    pub recurso_days: u32,
    /// The apelación is filed en subsidio and decided by the Superintendencia.
    pub apelacion_en_subsidio: bool,
    pub superintendencia: String,
}

/// Consent (habeas data) settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub purposes: Vec<String>,
    pub required: Vec<String>,
    pub channels: Vec<String>,
    pub policy_version: String,
}

/// Advisor states.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Advisor {
    /// Why an advisor steps away from the window.
    pub pause_reasons: Vec<String>,
}

/// The attention record (tipificación) made when an attention ends.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AttentionRecord {
    /// Whether the console asks for the record before the next call.
    pub record_required: bool,
    /// The topics of each service, with their sub-topics.
    pub topics: Vec<TopicDef>,
}

/// A topic of a service's catalogue.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TopicDef {
    pub service: String,
    pub topic: String,
    pub subtopics: Vec<String>,
}

impl AttentionRecord {
    /// The topics of `service`, in catalogue order.
    pub fn topics_of<'a>(&'a self, service: &'a str) -> impl Iterator<Item = &'a TopicDef> {
        self.topics.iter().filter(move |t| t.service == service)
    }
}

/// Turn queue policy.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Queue {
    pub max_preferential_streak: u32,
    pub starvation_minutes: u32,
    pub max_recalls: u32,
    pub default_service_minutes: u32,
    /// Minutes after a no-show during which the advisor may return the turn to the queue.
    pub no_show_return_minutes: u32,
}

/// Kiosk settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Kiosk {
    pub printer: String,
    pub idle_seconds: u32,
}

/// Waiting-room display settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Display {
    pub highlight_seconds: u32,
    pub recent_calls: u32,
    /// How calls are spoken ([`crate::tui::voice::Voice::parse`]).
    #[serde(default)]
    pub voice: String,
}

/// Targets of the customer-service process indicators (procedure 5).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Indicators {
    /// PQRSD decided in the user's favour, at most this share of the users attended (%).
    pub in_favor_max_percent: f64,
    /// PQRS answered within their legal term, at least this share (%).
    pub on_time_min_percent: f64,
    /// The supervisor is alerted when someone has waited longer than this (minutes).
    pub wait_alert_minutes: u32,
}

/// Automatic backups.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// Where backups go; empty: the folder `copias` beside the database.
    pub dir: String,
    /// Daily backups kept (older ones are removed).
    pub keep: u32,
}

/// Satisfaction rating settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// Share of 4–5 among ratings the office aims for, in percent.
    pub satisfaction_target: u32,
    /// A finished attention may still be rated this many minutes later.
    pub wake_minutes: u32,
    /// The rate screen returns to rest after this many seconds without an answer.
    pub timeout_seconds: u32,
}

/// The branch (sede) this installation serves.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub name: String,
    pub code: String,
    pub utc_offset: String,
}

/// Opening hours, used to decide the deemed filing day of a request.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OfficeHours {
    pub open: String,
    pub close: String,
    pub saturday_is_business_day: bool,
}

/// Console session settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub idle_lock_minutes: u32,
    /// The window of this station; when absent the console asks at login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<u32>,
    /// Shortest PIN or passphrase accepted when a PIN is set (4–64 characters).
    pub pin_min_length: u32,
}

/// A service as seeded into a new database.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ServiceDef {
    pub code: String,
    pub name: String,
}

/// A window as seeded into a new database.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WindowDef {
    pub number: u32,
    pub services: Vec<String>,
}

/// PQRS settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Pqrs {
    pub areas: Vec<String>,
    /// Business days left at or under which an open PQRS shows as "por vencer".
    pub due_soon_days: u32,
    /// The role that signs (approves or returns) a PQRS's answer.
    pub signing_role: String,
    /// Kinds that may be filed anonymously besides denuncias (e.g. quejas, sugerencias).
    pub anonymous_kinds: Vec<String>,
}

impl Pqrs {
    /// The role that signs answers (checked at load; supervisor if unreadable).
    pub fn signer(&self) -> crate::domain::user::Role {
        crate::domain::user::Role::parse(&self.signing_role)
            .unwrap_or(crate::domain::user::Role::Supervisor)
    }

    /// Whether a PQRS of `kind` may be filed anonymously: denuncias by law, and the kinds the
    /// organisation lists.
    pub fn allows_anonymous(&self, kind: crate::domain::request::Kind) -> bool {
        kind.may_be_anonymous()
            || self
                .anonymous_kinds
                .iter()
                .any(|k| crate::domain::request::Kind::parse(k).ok() == Some(kind))
    }
}

/// Legal terms, in business days unless the name says otherwise.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    pub peticion: u32,
    pub documentos: u32,
    pub consulta: u32,
    pub queja: u32,
    pub reclamo: u32,
    pub sugerencia: u32,
    pub denuncia: u32,
    pub habeas_consulta: u32,
    pub habeas_reclamo: u32,
    pub habeas_consulta_extension: u32,
    pub habeas_reclamo_extension: u32,
    pub completion_request_days: u32,
    pub completion_months: u32,
    pub habeas_completion_request_days: u32,
    pub habeas_completion_months: u32,
    pub habeas_in_process_mark_days: u32,
    pub recurso_months: u32,
    /// Business days after the notification of a decision to file a recurso against it.
    pub recurso_filing_days: u32,
    /// Business days to forward a request to the competent party (traslado por competencia).
    pub forward_days: u32,
    /// The same for habeas data reclamos.
    pub habeas_forward_days: u32,
}

/// Files written for office programs.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Files {
    /// The CSV dialect by default: `es` or `rfc` ([`crate::tables::CsvDialect`]).
    pub csv: String,
    /// The largest file that may be attached, in KB (1 KB = 1024 bytes).
    pub attachment_max_kb: u64,
}

impl Config {
    /// The configured CSV dialect (checked at load).
    pub fn csv_dialect(&self) -> crate::tables::CsvDialect {
        crate::tables::CsvDialect::parse(&self.files.csv).unwrap_or_default()
    }

    /// The largest attachment, in bytes.
    pub fn attachment_limit(&self) -> u64 {
        self.files.attachment_max_kb.saturating_mul(1024)
    }
}

/// Ticket and constancia printing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Printing {
    /// Characters per line: 32, 42 or 48.
    pub columns: u16,
    /// A QR code of the radicado or turn label.
    pub qr: bool,
}

impl Printing {
    /// The paper as the printer module takes it.
    pub fn paper(&self) -> crate::printer::Paper {
        crate::printer::Paper {
            columns: usize::from(self.columns),
            qr: self.qr,
        }
    }
}

/// Where the effective configuration came from.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The user's file in the config directory (may not exist).
    pub user_file: Option<PathBuf>,
    /// The file that was actually applied over the defaults, if any.
    pub applied: Option<PathBuf>,
}

/// The loaded configuration and its provenance.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub sources: Sources,
}

impl Config {
    /// The embedded defaults (a unit test proves they parse).
    pub fn defaults() -> Result<Config> {
        Self::from_text(DEFAULT_TOML, Path::new("(predeterminado)"))
    }

    /// Parses `text` as an override file applied over the defaults.
    pub fn from_override(text: &str, file: &Path) -> Result<Config> {
        let mut base = parse_table(DEFAULT_TOML, Path::new("(predeterminado)"))?;
        let over = parse_table(text, file)?;
        merge(&mut base, over);
        let cfg = deserialize(toml::Value::Table(base), text, file)?;
        cfg.validate(text, file)?;
        Ok(cfg)
    }

    fn from_text(text: &str, file: &Path) -> Result<Config> {
        let table = parse_table(text, file)?;
        let cfg = deserialize(toml::Value::Table(table), text, file)?;
        cfg.validate(text, file)?;
        Ok(cfg)
    }

    /// The organisation's offset from UTC.
    pub fn utc_offset(&self) -> FixedOffset {
        parse_offset(&self.branch.utc_offset).unwrap_or_else(colombia)
    }

    /// Opening time of the office.
    pub fn open_time(&self) -> NaiveTime {
        parse_hhmm(&self.office_hours.open).unwrap_or(NaiveTime::MIN)
    }

    /// Closing time of the office.
    pub fn close_time(&self) -> NaiveTime {
        parse_hhmm(&self.office_hours.close).unwrap_or(NaiveTime::MIN)
    }
}

/// Loads the effective configuration: defaults, then `explicit` if given, else the user file.
pub fn load(explicit: Option<&Path>) -> Result<Loaded> {
    let user_file = crate::paths::config_file();
    let chosen = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => user_file.clone().filter(|p| p.exists()),
    };
    let config = match &chosen {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Error::Usage(format!(
                    "no se puede leer el archivo de configuración {}: {e}",
                    path.display()
                ))
            })?;
            Config::from_override(&text, path)?
        }
        None => Config::defaults()?,
    };
    Ok(Loaded {
        config,
        sources: Sources {
            user_file,
            applied: chosen,
        },
    })
}

pub fn colombia() -> FixedOffset {
    use chrono::Offset as _;
    FixedOffset::west_opt(5 * 3600).unwrap_or_else(|| chrono::Utc.fix())
}

/// Parses `±HH:MM`.
pub fn parse_offset(text: &str) -> Option<FixedOffset> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 14 || m > 59 || rest.len() != 5 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// Parses `HH:MM` (24 h).
pub fn parse_hhmm(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_defaults_parse_and_validate() {
        let cfg = Config::from_text(DEFAULT_TOML, Path::new("x")).unwrap();
        assert_eq!(cfg.branch.utc_offset, "-05:00");
        assert_eq!(cfg.services.len(), 7);
        assert_eq!(cfg.utc_offset().local_minus_utc(), -5 * 3600);
    }

    #[test]
    fn override_keeps_unnamed_keys() {
        let cfg =
            Config::from_override("[branch]\nname = \"Sede Cali\"\n", Path::new("u.toml")).unwrap();
        assert_eq!(cfg.branch.name, "Sede Cali");
        assert_eq!(cfg.branch.code, "PRIN");
        assert_eq!(cfg.terms.consulta, 30);
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let text = "[branch]\nname = \"X\"\nnombre = \"Y\"\n";
        let err = Config::from_override(text, Path::new("u.toml")).unwrap_err();
        match err {
            Error::Config {
                line, key, file, ..
            } => {
                assert_eq!((line, key.as_str()), (3, "branch.nombre"));
                assert_eq!(file, Path::new("u.toml"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn wrong_type_and_bad_syntax_are_located() {
        let err = Config::from_override(
            "[session]\n\nidle_lock_minutes = \"diez\"\n",
            Path::new("u"),
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::Config { line: 3, ref key, .. } if key == "session.idle_lock_minutes"),
            "{err}"
        );
        let err = Config::from_override("[branch\nname = 1", Path::new("u")).unwrap_err();
        assert!(matches!(err, Error::Config { line: 1, .. }), "{err}");
    }

    #[test]
    fn semantic_errors_name_the_key() {
        let err =
            Config::from_override("[branch]\nutc_offset = \"5\"\n", Path::new("u")).unwrap_err();
        assert!(
            matches!(err, Error::Config { line: 2, ref key, .. } if key == "branch.utc_offset"),
            "{err}"
        );
        let err = Config::from_override(
            "[[windows]]\nnumber = 9\nservices = [\"Z\"]\n",
            Path::new("u"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("«Z»"), "{err}");
    }

    #[test]
    fn offsets_parse() {
        assert_eq!(parse_offset("-05:00").unwrap().local_minus_utc(), -18000);
        assert_eq!(parse_offset("+01:30").unwrap().local_minus_utc(), 5400);
        assert!(parse_offset("05:00").is_none());
        assert!(parse_offset("-5:00").is_none());
    }
}
