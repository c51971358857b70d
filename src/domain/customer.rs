//! Customer fields and their checks. A bad field gets a message naming it.

use super::ids::{self, DocType, Document};
use chrono::NaiveDate;
use serde::Serialize;

crate::closed_set! {
    /// Affiliation statuses at a caja de compensación (codes as stored).
    pub enum Affiliation: "estado de afiliación" {
        Afiliado = "afiliado", "afiliado", ["afiliada", "activo", "si"];
        NoAfiliado = "no afiliado", "no afiliado", ["no afiliada", "particular", "no"];
        Desafiliado = "desafiliado", "desafiliado", ["desafiliada", "retirado", "inactivo"];
    }
}

/// A customer's fields as typed (CLI, form or import), before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    pub doc_type: String,
    pub doc_number: String,
    pub names: String,
    pub surnames: String,
    pub birth_date: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub affiliation: String,
    pub category: String,
}

/// A customer's fields: the column name (files, `--json`, the change history) and what people
/// call it.
pub const FIELDS: [(&str, &str); 10] = [
    ("tipo_documento", "tipo de documento"),
    ("numero_documento", "número de documento"),
    ("nombres", "nombres"),
    ("apellidos", "apellidos"),
    ("fecha_nacimiento", "fecha de nacimiento"),
    ("telefono", "teléfono"),
    ("correo", "correo"),
    ("direccion", "dirección"),
    ("estado_afiliacion", "afiliación"),
    ("categoria", "categoría"),
];

/// What people call the field `name` (itself if it is not a customer field).
pub fn field_label(name: &str) -> &str {
    FIELDS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(name, |(_, label)| label)
}

/// The field people call `label` (its column name), leniently.
pub fn field_named(label: &str) -> Option<&'static str> {
    let key = super::vocab::fold(label);
    FIELDS
        .iter()
        .find(|(n, l)| super::vocab::fold(n) == key || super::vocab::fold(l) == key)
        .map(|(n, _)| *n)
}

/// A problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

/// Checked customer fields, in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valid {
    pub document: Document,
    pub names: String,
    pub surnames: String,
    pub birth_date: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub affiliation: Affiliation,
    pub category: Option<String>,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Longest names or surnames kept (a person's full name is far shorter).
pub const MAX_NAME: usize = 120;
/// Longest e-mail address (RFC 5321 path limit).
pub const MAX_EMAIL: usize = 254;
/// Longest postal address.
pub const MAX_ADDRESS: usize = 200;

/// Checks every field; returns all the problems at once.
pub fn check(input: &Input, today: NaiveDate) -> Result<Valid, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut err = |field: &'static str, message: String| errors.push(FieldError { field, message });
    let document = match DocType::parse(&input.doc_type) {
        None => {
            err(
                "tipo_documento",
                format!(
                    "tipo «{}» desconocido: use CC, TI, RC, CE, PA, PEP, PPT o NIT",
                    input.doc_type.trim()
                ),
            );
            None
        }
        Some(kind) => match ids::parse(kind, &input.doc_number) {
            Ok(p) => Some(p.document),
            Err(m) => {
                err("numero_documento", m);
                None
            }
        },
    };
    let names = input.names.split_whitespace().collect::<Vec<_>>().join(" ");
    let surnames = input
        .surnames
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let is_org = document.as_ref().is_some_and(|d| d.kind == DocType::NIT);
    if names.is_empty() {
        err("nombres", "los nombres son obligatorios".into());
    }
    if surnames.is_empty() && !is_org {
        err("apellidos", "los apellidos son obligatorios".into());
    }
    // Dates as people and Excel in Spanish write them (DD/MM/AAAA) or ISO; kept as ISO.
    let birth_date = opt(&input.birth_date)
        .map(|b| crate::localtime::parse_date(&b).map_or(b, |d| d.format("%Y-%m-%d").to_string()));
    for (field, text, max) in [
        ("nombres", &names, MAX_NAME),
        ("apellidos", &surnames, MAX_NAME),
        ("correo", &input.email, MAX_EMAIL),
        ("direccion", &input.address, MAX_ADDRESS),
    ] {
        let n = text.chars().count();
        if n > max {
            err(field, format!("tiene {n} caracteres; el máximo es {max}"));
        } else if text.chars().any(char::is_control) {
            err(
                field,
                "tiene caracteres de control; escríbalo de nuevo".into(),
            );
        }
    }
    if let Some(b) = &birth_date {
        match NaiveDate::parse_from_str(b, "%Y-%m-%d") {
            Ok(d) if d > today => err("fecha_nacimiento", format!("la fecha {b} es futura")),
            Ok(d) if today.years_since(d).is_some_and(|y| y > 120) => {
                err("fecha_nacimiento", format!("la fecha {b} no es verosímil"))
            }
            Ok(_) => {}
            Err(_) => err(
                "fecha_nacimiento",
                format!("fecha «{b}» inválida: use AAAA-MM-DD o DD/MM/AAAA"),
            ),
        }
    }
    let phone = opt(&input.phone).map(|p| {
        p.chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
            .collect::<String>()
    });
    if let Some(p) = &phone {
        let digits = p.trim_start_matches('+');
        if !(7..=13).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            err(
                "telefono",
                format!("teléfono «{p}» inválido: use de 7 a 13 dígitos"),
            );
        }
    }
    let email = opt(&input.email).map(|e| e.to_lowercase());
    if let Some(e) = &email {
        let ok = e.split_once('@').is_some_and(|(u, d)| {
            !u.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
        }) && !e.contains(char::is_whitespace);
        if !ok {
            err("correo", format!("correo «{e}» inválido"));
        }
    }
    let affiliation = match opt(&input.affiliation) {
        None => Affiliation::NoAfiliado,
        Some(a) => Affiliation::parse(&a).unwrap_or_else(|e| {
            err("estado_afiliacion", e.to_string());
            Affiliation::NoAfiliado
        }),
    };
    let category = opt(&input.category).map(|c| c.to_uppercase());
    match (&category, affiliation.code()) {
        (Some(c), "afiliado") if !matches!(c.as_str(), "A" | "B" | "C") => err(
            "categoria",
            format!("categoría «{c}» inválida: use A, B o C"),
        ),
        (Some(_), a) if a != "afiliado" => {
            err("categoria", "solo los afiliados tienen categoría".into())
        }
        _ => {}
    }
    match (document, errors.is_empty()) {
        (Some(document), true) => Ok(Valid {
            document,
            names,
            surnames,
            birth_date,
            phone,
            email,
            address: opt(&input.address),
            affiliation,
            category,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn good() -> Input {
        Input {
            doc_type: "cc".into(),
            doc_number: "1.144.052.337".into(),
            names: " José  Luis ".into(),
            surnames: "Pérez Muñoz".into(),
            birth_date: "1990-05-17".into(),
            phone: "310 555 1234".into(),
            email: "Jose.Perez@Correo.com".into(),
            affiliation: "Afiliado".into(),
            category: "b".into(),
            ..Default::default()
        }
    }

    #[test]
    fn canonical_forms() {
        let v = check(&good(), today()).unwrap();
        assert_eq!(v.document.number, "1144052337");
        assert_eq!(v.names, "José Luis");
        assert_eq!(v.phone.as_deref(), Some("3105551234"));
        assert_eq!(v.email.as_deref(), Some("jose.perez@correo.com"));
        assert_eq!(
            (v.affiliation.code(), v.category.as_deref()),
            ("afiliado", Some("B"))
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = Input {
            doc_type: "CC".into(),
            doc_number: "12X".into(),
            names: "".into(),
            surnames: "Pérez".into(),
            birth_date: "2030-01-01".into(),
            phone: "12".into(),
            email: "jose@".into(),
            affiliation: "no afiliado".into(),
            category: "A".into(),
            ..Default::default()
        };
        let fields: Vec<&str> = check(&bad, today())
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "numero_documento",
                "nombres",
                "fecha_nacimiento",
                "telefono",
                "correo",
                "categoria"
            ]
        );
    }
}
