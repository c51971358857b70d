//! Configuration: the embedded defaults, overridden by one file (the `--config PATH` given, or
//! else the user's file in the config directory, when it exists).
//!
//! Errors name the file, the line and the key, so a person can fix them without guessing.

pub mod central_terms;
mod diagnostics;
mod sections;
mod validate;
use diagnostics::{deserialize, line_of_key, merge, parse_table};
pub use sections::*;

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
    pub letters: Letters,
    #[serde(default)]
    pub central: Central,
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
