//! Consent for processing personal data (Ley 1581 de 2012): the status is derived from the
//! append-only ledger, per purpose and overall.

/// One ledger event as the rule sees it, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub purpose: String,
    pub granted: bool,
}

crate::closed_set! {
    /// The consent status shown to the advisor.
    pub enum Status: "estado del consentimiento" {
        /// Every required purpose is granted.
        Vigente = "vigente", "vigente";
        /// Some required purpose was never granted.
        Falta = "falta", "falta", ["sin autorizacion", "pendiente"];
        /// Some required purpose was revoked.
        Revocada = "revocada", "revocada", ["revocado"];
    }
}

impl Status {
    /// The Spanish word.
    pub fn spanish(self) -> &'static str {
        self.label()
    }
}

/// Purposes and channels come from the configuration (`[consent]`); these are the labels of
/// the shipped ones. Other configured codes are shown humanised ("mi-proposito" →
/// "Mi proposito").
const PURPOSE_LABELS: [(&str, &str); 3] = [
    ("envio-informacion", "Envío de información"),
    ("contacto-comercial", "Contacto comercial"),
    ("datos-sensibles", "Datos sensibles"),
];

const CHANNEL_LABELS: [(&str, &str); 4] = [
    ("formato-fisico", "Formato físico firmado"),
    ("whatsapp", "WhatsApp"),
    ("verbal", "Verbal"),
    ("web", "Web"),
];

/// The label of a shipped purpose code.
pub fn known_purpose_label(code: &str) -> Option<&'static str> {
    PURPOSE_LABELS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
}

/// The label of a shipped consent channel code.
pub fn known_channel_label(code: &str) -> Option<&'static str> {
    CHANNEL_LABELS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
}

fn humanise(code: &str) -> String {
    let spaced = code.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The label of a configured purpose code.
pub fn purpose_label(code: &str) -> String {
    known_purpose_label(code).map_or_else(|| humanise(code), str::to_string)
}

/// The label of a configured consent channel code.
pub fn channel_label(code: &str) -> String {
    known_channel_label(code).map_or_else(|| humanise(code), str::to_string)
}

/// Finds, among the configured `codes`, the one `text` names (code or label, leniently);
/// an unknown value gets a Spanish message listing the labels.
pub fn pick_configured(
    what: &str,
    codes: &[String],
    label: fn(&str) -> String,
    text: &str,
) -> Result<String, String> {
    let key = super::vocab::fold(text);
    codes
        .iter()
        .find(|c| super::vocab::fold(c) == key || super::vocab::fold(&label(c)) == key)
        .cloned()
        .ok_or_else(|| {
            let labels: Vec<String> = codes.iter().map(|c| label(c)).collect();
            let typed = super::vocab::nfc(text.trim());
            let list = labels.join(", ");
            if typed.is_empty() {
                return format!("{what}: indique uno de: {list}");
            }
            let candidates = codes
                .iter()
                .zip(&labels)
                .map(|(c, l)| (vec![c.clone(), l.clone()], l.as_str()));
            match super::vocab::closest(&typed, candidates) {
                Some(s) => {
                    format!("{what}: «{typed}» no existe; ¿quiso decir «{s}»? Use uno de: {list}")
                }
                None => format!("{what}: «{typed}» no existe; use uno de: {list}"),
            }
        })
}

/// A purpose of data processing from the organisation's configuration (`[consent]
/// purposes`): made only by [`Purpose::parse`], so a desk function holding one knows it is
/// configured. Stored and serialised as its code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Purpose(String);

impl Purpose {
    /// The configured purpose `text` names (code or label, leniently).
    pub fn parse(purposes: &[String], text: &str) -> Result<Self, String> {
        pick_configured("finalidad", purposes, purpose_label, text).map(Purpose)
    }

    /// The stable code.
    pub fn code(&self) -> &str {
        &self.0
    }

    /// The Spanish label.
    pub fn label(&self) -> String {
        purpose_label(&self.0)
    }
}

impl std::fmt::Display for Purpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// A way consent is given from the configuration (`[consent] channels`: verbal, formato
/// físico, …); made only by [`Way::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Way(String);

impl Way {
    /// The configured way `text` names (code or label, leniently).
    pub fn parse(channels: &[String], text: &str) -> Result<Self, String> {
        pick_configured("canal del consentimiento", channels, channel_label, text).map(Way)
    }

    /// The stable code.
    pub fn code(&self) -> &str {
        &self.0
    }

    /// The Spanish label.
    pub fn label(&self) -> String {
        channel_label(&self.0)
    }

    /// Given by word of mouth (no document to keep as evidence).
    pub fn is_verbal(&self) -> bool {
        self.0 == "verbal"
    }
}

impl std::fmt::Display for Way {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
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
