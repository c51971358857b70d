//! Legal terms decided by the organisation at its central server. They reach a branch at its
//! next sync (stored in its settings as `central_terms`) and apply over the branch's own
//! `[terms]`, once, when a command or mode starts.

use super::{Config, Terms};
use crate::error::{Error, Result};

/// The setting holding the terms central handed down (JSON of [`Terms`]).
pub const SETTING: &str = "central_terms";

/// Terms from a TOML text with a `[terms]` table naming only what changes; the rest keep the
/// shipped defaults. Unknown keys and unreasonable values are refused, naming the key.
pub fn from_toml(text: &str) -> Result<Terms> {
    let table: toml::Table = text
        .parse()
        .map_err(|e| Error::Usage(format!("el archivo de términos no es TOML válido: {e}")))?;
    let Some(given) = table.get("terms").and_then(toml::Value::as_table) else {
        return Err(Error::Usage(
            "el archivo de términos necesita una tabla [terms] (p. ej. [terms]\\nqueja = 10)"
                .into(),
        ));
    };
    let defaults = Config::defaults()?.terms;
    let mut merged =
        toml::Table::try_from(&defaults).map_err(|e| Error::Usage(format!("términos: {e}")))?;
    for (key, value) in given {
        if !merged.contains_key(key) {
            return Err(Error::Usage(format!(
                "terms.{key}: no es un término de ventanilla"
            )));
        }
        merged.insert(key.clone(), value.clone());
    }
    let terms: Terms = toml::Value::Table(merged)
        .try_into()
        .map_err(|e| Error::Usage(format!("términos: {e}")))?;
    check(&terms)?;
    Ok(terms)
}

/// Refuses terms the configuration's own limits would refuse.
pub fn check(terms: &Terms) -> Result<()> {
    let mut candidate = Config::defaults()?;
    candidate.terms = terms.clone();
    crate::config_limits::check(&candidate)
        .map_err(|(key, message)| Error::Usage(format!("{key}: {message}")))
}

/// Applies the terms stored at the branch by the last sync, if any and still valid; returns
/// whether they apply.
pub fn overlay(config: &mut Config, conn: &rusqlite::Connection) -> bool {
    let stored: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [SETTING],
            |r| r.get(0),
        )
        .ok();
    let Some(terms) = stored.and_then(|s| serde_json::from_str::<Terms>(&s).ok()) else {
        return false;
    };
    if check(&terms).is_err() {
        return false;
    }
    config.terms = terms;
    true
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_partial_table_changes_only_what_it_names() {
        let t = from_toml("[terms]\nqueja = 10\n").unwrap();
        let d = Config::defaults().unwrap().terms;
        assert_eq!(t.queja, 10);
        assert_eq!(t.reclamo, d.reclamo);
        assert!(from_toml("[terms]\nquejas = 10\n").is_err());
        assert!(from_toml("[terms]\nqueja = 0\n").is_err());
        assert!(from_toml("[terms]\nqueja = 100000\n").is_err());
        assert!(from_toml("queja = 10\n").is_err());
        assert!(from_toml("[terms]\nqueja = \"diez\"\n").is_err());
    }
}
