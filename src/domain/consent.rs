//! Consent for processing personal data (Ley 1581 de 2012): the status is derived from the
//! append-only ledger, per purpose and overall.

use serde::Serialize;

/// One ledger event as the rule sees it, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub purpose: String,
    pub granted: bool,
}

/// The status shown to the advisor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every required purpose is granted.
    Vigente,
    /// Some required purpose was never granted.
    Falta,
    /// Some required purpose was revoked.
    Revocada,
}

impl Status {
    /// The Spanish word.
    pub fn spanish(self) -> &'static str {
        match self {
            Status::Vigente => "vigente",
            Status::Falta => "falta",
            Status::Revocada => "revocada",
        }
    }
}

/// The latest decision per purpose (`None`: never asked).
pub fn per_purpose(events: &[Event], purpose: &str) -> Option<bool> {
    events
        .iter()
        .rev()
        .find(|e| e.purpose == purpose)
        .map(|e| e.granted)
}

/// The overall status given the purposes that must be granted.
pub fn overall(events: &[Event], required: &[String]) -> Status {
    let states: Vec<Option<bool>> = required.iter().map(|p| per_purpose(events, p)).collect();
    if states.contains(&Some(false)) {
        Status::Revocada
    } else if states.contains(&None) {
        Status::Falta
    } else {
        Status::Vigente
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(purpose: &str, granted: bool) -> Event {
        Event {
            purpose: purpose.into(),
            granted,
        }
    }

    #[test]
    fn derivation() {
        let required = vec!["envio-informacion".to_string()];
        assert_eq!(overall(&[], &required), Status::Falta);
        assert_eq!(
            overall(&[ev("contacto-comercial", true)], &required),
            Status::Falta
        );
        let granted = [ev("envio-informacion", true)];
        assert_eq!(overall(&granted, &required), Status::Vigente);
        let revoked = [
            ev("envio-informacion", true),
            ev("envio-informacion", false),
        ];
        assert_eq!(overall(&revoked, &required), Status::Revocada);
        let regranted = [
            ev("envio-informacion", false),
            ev("envio-informacion", true),
        ];
        assert_eq!(overall(&regranted, &required), Status::Vigente);
        assert_eq!(per_purpose(&revoked, "datos-sensibles"), None);
    }
}
