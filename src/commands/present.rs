//! What `--json` prints: every closed-set code gets its Spanish label beside it (`status` and
//! `status_label`), and every instant is in the organisation's offset (RFC 3339 with
//! `-05:00`), never UTC. One pass over the serialised value, so no command can forget.

use crate::domain::request::{self, DataRequest, NotifyWay, Standing};
use crate::domain::{consent, customer, turn, vocab::Vocab};
use crate::localtime;
use crate::tables::Cell;
use chrono::FixedOffset;
use serde_json::{Map, Value};
use std::sync::OnceLock;

static OFFSET: OnceLock<FixedOffset> = OnceLock::new();

/// Sets the organisation's offset for this process's output (once, at start-up).
pub fn set_offset(offset: FixedOffset) {
    let _ = OFFSET.set(offset);
}

fn offset() -> FixedOffset {
    OFFSET
        .get()
        .copied()
        .unwrap_or_else(crate::config::colombia)
}

/// The label of a code found under `key`, if `key` holds a closed set and the code is one.
fn label_of(key: &str, code: &str) -> Option<String> {
    fn find<V: Vocab>(code: &str) -> Option<String> {
        V::from_code(code).map(|v| v.label().to_string())
    }
    match key {
        "type" | "kind" => find::<request::Kind>(code),
        "channel" => find::<request::Channel>(code)
            .or_else(|| find::<crate::domain::attention::Channel>(code))
            .or_else(|| consent::known_channel_label(code).map(str::to_string)),
        "status" => find::<request::Status>(code)
            .or_else(|| find::<turn::Status>(code))
            .or_else(|| find::<consent::Status>(code)),
        "consent" => find::<consent::Status>(code),
        "state" => find::<crate::domain::advisor::State>(code),
        "standing" => find::<Standing>(code),
        "notify_via" | "notified_via" => find::<NotifyWay>(code),
        "data_request" => find::<DataRequest>(code),
        "preferential" | "preferential_reason" | "reason" => find::<turn::PreferentialReason>(code),
        "affiliation" => find::<customer::Affiliation>(code),
        "step" => find::<request::EventKind>(code),
        "event" => find::<turn::EventKind>(code),
        "action" => Some(crate::desk::audit::action_label(code)).filter(|l| l != code),
        "detail" => Some(crate::desk::audit::detail_label(code)).filter(|l| l != code),
        "purpose" => consent::known_purpose_label(code).map(str::to_string),
        _ => None,
    }
}

/// The label function of a coded column of a raw export (`export turns|attentions|tickets`).
/// Gives the label of a code, if it is one.
type Labeller = fn(&str) -> Option<String>;

fn export_labeller(export: &str, column: &str) -> Option<Labeller> {
    fn f<V: Vocab>(code: &str) -> Option<String> {
        V::from_code(code).map(|v| v.label().to_string())
    }
    Some(match (export, column) {
        ("turns", "estado") => f::<turn::Status>,
        ("turns", "preferencial") => f::<turn::PreferentialReason>,
        ("attentions" | "telecom", "canal") => f::<crate::domain::attention::Channel>,
        ("attentions", "nivel") => f::<crate::domain::attention::Level>,
        ("tickets", "tipo") => f::<request::Kind>,
        ("tickets", "canal") => f::<request::Channel>,
        ("tickets", "estado") => f::<request::Status>,
        _ => return None,
    })
}

/// Rows of a raw export as people read them: beside each coded column its Spanish label
/// (`estado`, `estado_etiqueta`), instants in the organisation's offset.
pub struct ExportRows {
    labellers: Vec<Option<Labeller>>,
}

impl ExportRows {
    /// The plan for `export`'s columns; returns it with the header to write.
    pub fn new(export: &str, columns: &[String]) -> (Self, Vec<String>) {
        let labellers: Vec<_> = columns.iter().map(|c| export_labeller(export, c)).collect();
        let mut header = Vec::with_capacity(columns.len() + 3);
        for (c, l) in columns.iter().zip(&labellers) {
            header.push(c.clone());
            if l.is_some() {
                header.push(format!("{c}_etiqueta"));
            }
        }
        (ExportRows { labellers }, header)
    }

    /// One stored row as it is written: numbers as numbers, dates and instants as local
    /// dates and times, each code followed by its label.
    pub fn cells(&self, values: &[rusqlite::types::Value]) -> Vec<Cell> {
        use rusqlite::types::Value as V;
        let mut out = Vec::with_capacity(values.len() + 3);
        for (v, l) in values.iter().zip(&self.labellers) {
            let text = match v {
                V::Text(t) => Some(t.as_str()),
                _ => None,
            };
            out.push(match v {
                V::Null => Cell::Empty,
                V::Integer(n) => Cell::Int(*n),
                V::Real(x) => Cell::Decimal(*x),
                V::Text(t) => text_cell(t),
                V::Blob(_) => Cell::Empty,
            });
            if let Some(l) = l {
                let code = match v {
                    V::Integer(n) => n.to_string(),
                    _ => text.unwrap_or_default().to_string(),
                };
                out.push(Cell::from(l(&code).unwrap_or_default()));
            }
        }
        out
    }
}

/// Adds the labels and converts the instants, recursively.
pub fn present(value: &mut Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(present),
        Value::Object(map) => present_object(map),
        _ => {}
    }
}

fn present_object(map: &mut Map<String, Value>) {
    let mut labels = Vec::new();
    for (key, v) in map.iter_mut() {
        match v {
            Value::String(s) => {
                if let Some(label) = label_of(key, s) {
                    labels.push((format!("{key}_label"), label));
                } else if looks_like_instant(s) {
                    *s = localtime::machine_stamp(s, offset());
                }
            }
            other => present(other),
        }
    }
    for (key, label) in labels {
        map.entry(key).or_insert_with(|| Value::String(label));
    }
}

/// A stored text as a cell: an instant or a local date-time as a local date and time (with the
/// RFC 3339 form for programs), a date as a date, anything else as text.
fn text_cell(t: &str) -> Cell {
    if looks_like_instant(t) {
        let machine = localtime::machine_stamp(t, offset());
        if let Ok(at) = chrono::DateTime::parse_from_rfc3339(&machine) {
            return Cell::DateTime(at.naive_local(), machine);
        }
    }
    if t.len() == 10
        && let Ok(d) = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
    {
        return Cell::Date(d);
    }
    Cell::from(t)
}

/// `2026-11-30T17:56:14Z`, `…+00:00` or a stored local `2026-11-30T12:56`.
fn looks_like_instant(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 16
        && b.len() <= 32
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[..4].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_get_labels_and_instants_the_offset() {
        let mut v = serde_json::json!({
            "status": "finished",
            "type": "peticion",
            "issued_at": "2026-11-30T17:56:14Z",
            "nested": [{ "status": "en-tramite", "subject": "2026 factura" }]
        });
        present(&mut v);
        assert_eq!(v["status_label"], "atendido");
        assert_eq!(v["type_label"], "Petición general");
        assert_eq!(v["issued_at"], "2026-11-30T12:56:14-05:00");
        assert_eq!(v["nested"][0]["status_label"], "en trámite");
        assert_eq!(v["nested"][0]["subject"], "2026 factura");
    }
}
