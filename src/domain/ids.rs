//! Colombian identity documents: types, parsing into a canonical form, the NIT check digit.
//!
//! Typical lengths only warn (they are customary, not normative); wrong characters and a wrong
//! NIT check digit are errors.

use serde::Serialize;
use std::fmt;

/// The document types the front desk accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum DocType {
    /// Cédula de ciudadanía.
    CC,
    /// Tarjeta de identidad.
    TI,
    /// Registro civil / NUIP.
    RC,
    /// Cédula de extranjería.
    CE,
    /// Pasaporte.
    PA,
    /// Permiso especial de permanencia.
    PEP,
    /// Permiso por protección temporal.
    PPT,
    /// Número de identificación tributaria (organisations), with its check digit.
    NIT,
}

/// Every document type, in the order menus show them.
pub const ALL: [DocType; 8] = [
    DocType::CC,
    DocType::TI,
    DocType::RC,
    DocType::CE,
    DocType::PA,
    DocType::PEP,
    DocType::PPT,
    DocType::NIT,
];

impl DocType {
    /// The code (`CC`, `NIT`, ...).
    pub fn code(self) -> &'static str {
        match self {
            DocType::CC => "CC",
            DocType::TI => "TI",
            DocType::RC => "RC",
            DocType::CE => "CE",
            DocType::PA => "PA",
            DocType::PEP => "PEP",
            DocType::PPT => "PPT",
            DocType::NIT => "NIT",
        }
    }

    /// The Spanish name.
    pub fn name(self) -> &'static str {
        match self {
            DocType::CC => "cédula de ciudadanía",
            DocType::TI => "tarjeta de identidad",
            DocType::RC => "registro civil",
            DocType::CE => "cédula de extranjería",
            DocType::PA => "pasaporte",
            DocType::PEP => "permiso especial de permanencia",
            DocType::PPT => "permiso por protección temporal",
            DocType::NIT => "NIT",
        }
    }

    /// Parses a code, case-insensitively.
    pub fn parse(code: &str) -> Option<DocType> {
        let code = code.trim().to_uppercase();
        ALL.into_iter().find(|t| t.code() == code)
    }

    /// Customary length range of the canonical number (check digit included for NIT).
    fn typical_len(self) -> (usize, usize) {
        match self {
            DocType::CC => (6, 10),
            DocType::TI => (10, 11),
            DocType::RC => (10, 11),
            DocType::CE => (3, 7),
            DocType::PA => (5, 12),
            DocType::PEP => (15, 15),
            DocType::PPT => (6, 8),
            DocType::NIT => (9, 10),
        }
    }
}

impl fmt::Display for DocType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A parsed document: its type and canonical number (digits only; passports upper-case
/// letters and digits; NIT with its check digit as the last digit).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Document {
    pub kind: DocType,
    pub number: String,
}

/// The outcome of a successful parse: the document and any warnings about customary lengths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub document: Document,
    pub warnings: Vec<String>,
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind, self.number)
    }
}

/// Parses `raw` as a document of type `kind`, accepting dots, spaces and a dash.
pub fn parse(kind: DocType, raw: &str) -> Result<Parsed, String> {
    let number: String = raw
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '-' | ','))
        .collect();
    if number.is_empty() {
        return Err(format!("el número de {} está vacío", kind.name()));
    }
    // Passports keep their letters; every other number loses the zeros Excel and some CRMs pad
    // it with, so «00000033» and «33» are the same person.
    let number = if kind == DocType::PA {
        number.to_uppercase()
    } else if number.bytes().all(|b| b == b'0') {
        number
    } else {
        number.trim_start_matches('0').to_string()
    };
    let allowed = |c: char| c.is_ascii_digit() || (kind == DocType::PA && c.is_ascii_uppercase());
    if let Some(bad) = number.chars().find(|c| !allowed(*c)) {
        let expected = if kind == DocType::PA {
            "letras y dígitos"
        } else {
            "solo dígitos"
        };
        return Err(format!(
            "carácter «{bad}» no permitido en {}: use {expected}",
            kind.name()
        ));
    }
    if kind == DocType::NIT {
        check_nit(&number)?;
    }
    let mut warnings = Vec::new();
    let (lo, hi) = kind.typical_len();
    if !(lo..=hi).contains(&number.len()) {
        let range = if lo == hi {
            lo.to_string()
        } else {
            format!("{lo} a {hi}")
        };
        warnings.push(format!(
            "la {} suele tener {range} caracteres y esta tiene {}",
            kind.name(),
            number.len()
        ));
    }
    Ok(Parsed {
        document: Document { kind, number },
        warnings,
    })
}

const WEIGHTS: [u32; 15] = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];

/// The NIT check digit (DV) of `base` (digits only, at most 15). `None` if `base` is not that.
pub fn nit_dv(base: &str) -> Option<u8> {
    if base.is_empty() || base.len() > WEIGHTS.len() || !base.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = base
        .bytes()
        .rev()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let r = (sum % 11) as u8;
    Some(if r <= 1 { r } else { 11 - r })
}

/// Verifies a canonical NIT whose last digit is the check digit.
fn check_nit(number: &str) -> Result<(), String> {
    if number.len() < 2 {
        return Err("el NIT debe incluir el dígito de verificación (p. ej. 890399010-6)".into());
    }
    let (base, dv) = number.split_at(number.len() - 1);
    let expected = nit_dv(base).ok_or_else(|| {
        "el NIT tiene más de 15 dígitos antes del dígito de verificación".to_string()
    })?;
    if dv != expected.to_string() {
        return Err(format!(
            "dígito de verificación incorrecto: para {base} es {expected}, no {dv}"
        ));
    }
    Ok(())
}

/// A document number for lists where the full number is not needed: all but the last four
/// characters hidden ("••••2337"); short numbers keep only their last character.
pub fn masked(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let shown = if chars.len() > 4 {
        4
    } else {
        1.min(chars.len())
    };
    let hidden = chars.len() - shown;
    let tail: String = chars[hidden..].iter().collect();
    format!("{}{tail}", "•".repeat(hidden))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_numbers_keep_the_last_four() {
        assert_eq!(masked("1144052337"), "••••••2337");
        assert_eq!(masked("1234"), "•••4");
        assert_eq!(masked(""), "");
    }
    use proptest::prelude::*;

    fn residue(base: &str) -> u32 {
        base.bytes()
            .rev()
            .zip(WEIGHTS)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum::<u32>()
            % 11
    }

    #[test]
    fn dv_blind_spot() {
        // 100000008: residue 10 -> DV 1; change the last digit to 5: residue 1 -> DV 1 too.
        // The official algorithm cannot tell these apart; we check it exactly as DIAN defines it.
        let (a, b) = ("100000008", "100000005");
        assert_eq!((residue(a), residue(b)), (10, 1));
        assert_eq!((nit_dv(a), nit_dv(b)), (Some(1), Some(1)));
    }

    #[test]
    fn known_nits() {
        assert_eq!(nit_dv("890399010"), Some(6));
        assert_eq!(nit_dv("899999068"), Some(1));
        assert_eq!(nit_dv("860034313"), Some(7));
        let p = parse(DocType::NIT, "890.399.010-6").unwrap();
        assert_eq!(p.document.number, "8903990106");
        assert!(p.warnings.is_empty());
        assert!(
            parse(DocType::NIT, "890399010-5")
                .unwrap_err()
                .contains("es 6, no 5")
        );
    }

    #[test]
    fn separators_and_characters() {
        let p = parse(DocType::CC, " 1.144.052.337 ").unwrap();
        assert_eq!(p.document.number, "1144052337");
        assert!(parse(DocType::CC, "12A45678").unwrap_err().contains("«A»"));
        assert_eq!(
            parse(DocType::PA, "ab-12 3456").unwrap().document.number,
            "AB123456"
        );
        assert!(parse(DocType::CC, " .- ").is_err());
    }

    #[test]
    fn lengths_only_warn() {
        let p = parse(DocType::CC, "123").unwrap();
        assert_eq!(p.warnings.len(), 1);
        assert!(
            parse(DocType::PEP, "123456789012345")
                .unwrap()
                .warnings
                .is_empty()
        );
        assert_eq!(DocType::parse("ppt"), Some(DocType::PPT));
        assert_eq!(DocType::parse("XX"), None);
    }

    proptest! {
        #[test]
        fn dv_round_trips(base in "[1-9][0-9]{5,14}") {
            let dv = nit_dv(&base).unwrap();
            let nit = format!("{base}-{dv}");
            prop_assert!(parse(DocType::NIT, &nit).is_ok());
        }

        /// Every single-digit change is caught, except the one blind spot of the official
        /// scheme: residues 1 and 10 both give check digit 1 (see `dv_blind_spot`).
        #[test]
        fn any_single_digit_change_fails(base in "[1-9][0-9]{8}", pos in 0usize..10, delta in 1u8..10) {
            let dv = nit_dv(&base).unwrap();
            let valid = format!("{base}{dv}");
            let mut bytes = valid.into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            let blind = pos < 9 && residue(&base) + residue(&changed[..9]) == 11
                && residue(&base) % 9 == 1;
            prop_assert!(blind || parse(DocType::NIT, &changed).is_err(), "{} accepted", changed);
        }
    }
}
