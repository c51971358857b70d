//! The configuration's sections, one struct each (the file's `[section]` tables).

use super::Config;
use serde::{Deserialize, Serialize};

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

/// The letters a PQRS produces (response letter, citation) and the answer's templates.
/// `{peticionario}`, `{radicado}`, `{tipo}`, `{sede}` and `{dias_recurso}` are replaced.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Letters {
    /// The city written before the date.
    pub city: String,
    /// The answer's greeting.
    pub greeting: String,
    /// The first paragraph of the answer.
    pub intro: String,
    /// The legal closing of a decision (the recursos it admits).
    pub closing: String,
    /// The signer's title under their name.
    pub signer_title: String,
    /// A body to start the answer from, per PQRS type code (`reclamo`, `peticion`, ...).
    pub bodies: std::collections::BTreeMap<String, String>,
}

impl Letters {
    /// `template` with its placeholders replaced.
    pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
        values.iter().fold(template.to_string(), |t, (k, v)| {
            t.replace(&format!("{{{k}}}"), v)
        })
    }
}

/// The organisation's central PostgreSQL, as this branch reaches it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Central {
    /// `postgresql://user@host/db`; `--central` and `VENTANILLA_CENTRAL` win over it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The seccional (regional) the branch reports under; empty: the branch itself.
    #[serde(default)]
    pub seccional: String,
    /// Whether attachments travel with their bytes.
    #[serde(default)]
    pub attachments: bool,
    /// The organisation's certificate authority (PEM) for TLS to the central server, besides
    /// the system's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<String>,
    /// Records per batch (one PostgreSQL transaction each).
    #[serde(default = "default_batch")]
    pub batch: u32,
    /// Seconds between rounds of `sync --watch`.
    #[serde(default = "default_every")]
    pub every_seconds: u32,
}

fn default_batch() -> u32 {
    5000
}

fn default_every() -> u32 {
    60
}

impl Default for Central {
    fn default() -> Self {
        Central {
            url: None,
            seccional: String::new(),
            attachments: false,
            ca_file: None,
            batch: default_batch(),
            every_seconds: default_every(),
        }
    }
}
