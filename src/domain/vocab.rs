//! One vocabulary: every closed set of the front desk is a Rust enum with three faces — a
//! stable ASCII code (what the database and `--json` hold), a Spanish label (what every
//! person reads) and a lenient parser (code, label or a common synonym; any case, with or
//! without accents, NFC-normalised first, `-`/`_` read as spaces).
//!
//! Declare a set with [`closed_set!`](crate::closed_set); adding a value is adding one line,
//! and the compiler then finds every `match` to update.

use std::fmt;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text typed by a person in canonical composition (NFC): macOS and some keyboards send
/// "e\u{301}" for "é"; after this both are the same string.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// A value folded for lenient comparison: NFC, accents removed, lower case, `-` and `_` as
/// spaces, runs of white space collapsed ("  Petición_General " → "peticion general").
pub fn fold(text: &str) -> String {
    let bare: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect::<String>()
        .to_lowercase();
    bare.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A closed set declared with [`closed_set!`](crate::closed_set).
pub trait Vocab: Sized + Copy + PartialEq + 'static {
    /// What the set is called in messages ("tipo de PQRS", "canal").
    const WHAT: &'static str;
    /// Every value, in the order menus show them.
    const ALL: &'static [Self];
    /// The stable ASCII code.
    fn code(self) -> &'static str;
    /// The Spanish label.
    fn label(self) -> &'static str;
    /// Other words people use for it.
    fn synonyms(self) -> &'static [&'static str];

    /// Parses a code, a label or a synonym, leniently; an unknown value gets a Spanish
    /// message listing the valid labels.
    fn parse(text: &str) -> Result<Self, VocabError> {
        let key = fold(text);
        Self::ALL
            .iter()
            .copied()
            .find(|v| {
                fold(v.code()) == key
                    || fold(v.label()) == key
                    || v.synonyms().iter().any(|s| fold(s) == key)
            })
            .ok_or_else(|| VocabError::new::<Self>(text))
    }

    /// Parses an exact stored code (the database's and `--json`'s form).
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }

    /// Every label, in menu order.
    fn labels() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.label()).collect()
    }
}

/// The labels of a set as a person reads a list of choices: «A, B, C o D».
pub fn choices<V: Vocab>() -> String {
    let labels = V::labels();
    match labels.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} o {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A CLI help line: `what` followed by the set's choices («Canal: Presencial, … o WhatsApp»).
pub fn help<V: Vocab>(what: &str) -> String {
    format!("{what}: {}", choices::<V>())
}

/// An unknown value of a closed set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabError {
    /// What the set is called.
    pub what: &'static str,
    /// What was typed.
    pub input: String,
    /// The valid labels.
    pub labels: Vec<&'static str>,
    /// The label of the value a typo most likely meant, if one is close.
    pub suggestion: Option<&'static str>,
}

/// The label among `candidates` (each: the words that name it, and its label) closest to
/// `input` when it is a plausible typo of one of them: at most one edit in four letters, and
/// at least one.
pub fn closest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = (Vec<String>, &'a str)>,
) -> Option<&'a str> {
    let key = fold(input);
    if key.is_empty() {
        return None;
    }
    let allowed = (key.chars().count() / 4).max(1);
    candidates
        .into_iter()
        .filter_map(|(words, label)| {
            let d = words
                .iter()
                .map(|w| strsim::levenshtein(&key, &fold(w)))
                .min()?;
            (d <= allowed).then_some((d, label))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, label)| label)
}

impl VocabError {
    /// The error for `input` in the set `V`.
    pub fn new<V: Vocab>(input: &str) -> Self {
        let candidates = V::ALL.iter().map(|v| {
            let mut words = vec![v.code().to_string(), v.label().to_string()];
            words.extend(v.synonyms().iter().map(|s| s.to_string()));
            (words, v.label())
        });
        VocabError {
            what: V::WHAT,
            input: echoed(&nfc(input.trim())),
            labels: V::labels(),
            suggestion: closest(input, candidates),
        }
    }
}

/// What a refusal repeats of the input: all of it, or its first 40 characters and "…" (a
/// pasted page does not come back as a page of error).
pub fn echoed(input: &str) -> String {
    const SHOWN: usize = 40;
    match input.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &input[..cut]),
        None => input.to_string(),
    }
}

impl fmt::Display for VocabError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = self.labels.join(", ");
        if self.input.is_empty() {
            write!(f, "{}: indique uno de: {list}", self.what)
        } else {
            write!(f, "{}: «{}» no existe; ", self.what, self.input)?;
            match self.suggestion {
                Some(s) => write!(f, "¿quiso decir «{s}»? Use uno de: {list}"),
                None => write!(f, "use uno de: {list}"),
            }
        }
    }
}

impl std::error::Error for VocabError {}

impl From<VocabError> for crate::error::Error {
    fn from(e: VocabError) -> Self {
        crate::error::Error::Refused(e.to_string())
    }
}

/// Declares a closed set: the enum, its [`Vocab`] faces, `Display` (the label), `Serialize`
/// (the code), `FromStr` (the lenient parser) and the SQLite conversions (the code).
///
/// ```ignore
/// closed_set! {
///     /// Ways an answer is notified.
///     pub enum NotifyWay: "notificación" {
///         Personal = "personal", "Personal";
///         Electronica = "electronica", "Electrónica", ["correo electronico", "email"];
///     }
/// }
/// ```
#[macro_export]
macro_rules! closed_set {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $what:literal {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $code:literal, $label:literal $(, [$($syn:literal),* $(,)?])?
            );+ $(;)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $crate::domain::vocab::Vocab for $name {
            const WHAT: &'static str = $what;
            const ALL: &'static [Self] = &[ $( $name::$variant, )+ ];
            fn code(self) -> &'static str {
                match self { $( $name::$variant => $code, )+ }
            }
            fn label(self) -> &'static str {
                match self { $( $name::$variant => $label, )+ }
            }
            fn synonyms(self) -> &'static [&'static str] {
                match self { $( $name::$variant => &[ $( $($syn),* )? ], )+ }
            }
        }

        #[allow(dead_code)]
        impl $name {
            /// Every value, in menu order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];
            /// The stable ASCII code (database, `--json`).
            pub fn code(self) -> &'static str {
                <Self as $crate::domain::vocab::Vocab>::code(self)
            }
            /// The Spanish label.
            pub fn label(self) -> &'static str {
                <Self as $crate::domain::vocab::Vocab>::label(self)
            }
            /// Parses a code, label or synonym leniently.
            pub fn parse(text: &str) -> Result<Self, $crate::domain::vocab::VocabError> {
                <Self as $crate::domain::vocab::Vocab>::parse(text)
            }
            /// Parses an exact stored code.
            pub fn from_code(code: &str) -> Option<Self> {
                <Self as $crate::domain::vocab::Vocab>::from_code(code)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::vocab::VocabError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as $crate::domain::vocab::Vocab>::parse(s)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.code()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_code(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!("{} desconocido en la base de datos: «{text}»", $what).into(),
                    )
                })
            }
        }
    };
}

/// A closed set seen without its type: what tests and output checks need to walk every set.
#[derive(Debug, Clone)]
pub struct SetInfo {
    /// The Rust path of the type (`request::Kind`).
    pub name: &'static str,
    /// What the set is called in messages.
    pub what: &'static str,
    /// Every value: its code, label and synonyms.
    pub values: Vec<(&'static str, &'static str, &'static [&'static str])>,
    /// The set's lenient parser, answering the code of the value found.
    pub parse: fn(&str) -> Option<&'static str>,
}

fn info<V: Vocab>(name: &'static str) -> SetInfo {
    SetInfo {
        name,
        what: V::WHAT,
        values: V::ALL
            .iter()
            .map(|v| (v.code(), v.label(), v.synonyms()))
            .collect(),
        parse: |text| V::parse(text).ok().map(|v| v.code()),
    }
}

/// Every closed set of the product. A set declared with [`closed_set!`](crate::closed_set)
/// and missing here fails the vocabulary tests.
pub fn every_set() -> Vec<SetInfo> {
    use super::{
        advisor, attachment, attention, consent, customer, regime, request, station, turn,
    };
    vec![
        info::<attachment::Owner>("attachment::Owner"),
        info::<advisor::State>("advisor::State"),
        info::<turn::Status>("turn::Status"),
        info::<turn::EventKind>("turn::EventKind"),
        info::<turn::PreferentialReason>("turn::PreferentialReason"),
        info::<YesNo>("vocab::YesNo"),
        info::<attention::Channel>("attention::Channel"),
        info::<attention::Level>("attention::Level"),
        info::<customer::Affiliation>("customer::Affiliation"),
        info::<consent::Status>("consent::Status"),
        info::<request::Kind>("request::Kind"),
        info::<request::Channel>("request::Channel"),
        info::<request::NotifyWay>("request::NotifyWay"),
        info::<request::DataRequest>("request::DataRequest"),
        info::<request::Letter>("request::Letter"),
        info::<request::DeliveryWay>("request::DeliveryWay"),
        info::<request::Status>("request::Status"),
        info::<request::Step>("request::Step"),
        info::<request::EventKind>("request::EventKind"),
        info::<request::Standing>("request::Standing"),
        info::<regime::RegimeKind>("regime::RegimeKind"),
        info::<regime::Silence>("regime::Silence"),
        info::<crate::tables::CsvDialect>("tables::CsvDialect"),
        info::<station::Mode>("station::Mode"),
    ]
}

crate::closed_set! {
    /// A yes/no answer ("sí", "si", "no").
    pub enum YesNo: "respuesta (sí o no)" {
        Si = "si", "sí", ["s", "yes", "y", "verdadero", "true", "1", "a favor"];
        No = "no", "no", ["n", "falso", "false", "0", "en contra"];
    }
}

impl YesNo {
    /// As a boolean.
    pub fn is_yes(self) -> bool {
        self == YesNo::Si
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_accents_case_spaces_and_composition() {
        assert_eq!(fold("  Petición_General "), "peticion general");
        assert_eq!(fold("Jose\u{301}"), fold("José"));
        assert_eq!(nfc("Jose\u{301}"), "José");
        assert_eq!(fold("ÑANDÚ"), "nandu");
    }

    #[test]
    fn yes_no_parses_leniently_and_lists_labels() {
        assert_eq!(YesNo::parse("Sí").unwrap(), YesNo::Si);
        assert_eq!(YesNo::parse("SI").unwrap(), YesNo::Si);
        assert_eq!(YesNo::parse("si\u{301}").unwrap(), YesNo::Si);
        assert_eq!(YesNo::parse(" no ").unwrap(), YesNo::No);
        let e = YesNo::parse("quizá").unwrap_err();
        assert_eq!(
            e.to_string(),
            "respuesta (sí o no): «quizá» no existe; use uno de: sí, no"
        );
    }
}
