//! Turning TOML errors into messages that name the file, the line and the key.

use super::*;

pub(super) fn parse_table(text: &str, file: &Path) -> Result<toml::Table> {
    text.parse::<toml::Table>().map_err(|err| {
        let line = err.span().map(|s| line_at(text, s.start)).unwrap_or(1);
        Error::Config {
            file: file.to_path_buf(),
            line,
            key: key_at_line(text, line),
            message: first_line(err.message()),
        }
    })
}

pub(super) fn deserialize(value: toml::Value, text: &str, file: &Path) -> Result<Config> {
    serde_path_to_error::deserialize(value).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let key = clean_path(&path, &inner.to_string());
        Error::Config {
            file: file.to_path_buf(),
            line: line_of_key(text, &key),
            key,
            message: translate(&first_line(&inner.to_string())),
        }
    })
}

/// The dotted key path without array indices, plus an unknown field's own name.
pub(super) fn clean_path(path: &str, message: &str) -> String {
    let mut parts: Vec<String> = path
        .split('.')
        .filter(|p| !p.is_empty() && *p != "?")
        .map(|p| p.split('[').next().unwrap_or(p).to_string())
        .collect();
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|r| r.split('`').next());
    if let Some(field) = unknown.filter(|f| parts.last().map(String::as_str) != Some(*f)) {
        parts.push(field.to_string());
    }
    if parts.is_empty() {
        "(raíz)".into()
    } else {
        parts.join(".")
    }
}

pub(super) fn translate(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("clave desconocida «{field}»");
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("falta la clave «{field}»");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return format!("tipo de valor inválido ({rest})");
    }
    message.to_string()
}

pub(super) fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").trim().to_string()
}

pub(super) fn line_at(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

/// The line where `key` (dotted path) is assigned in `text`, or 1 when it cannot be found.
pub(super) fn line_of_key(text: &str, key: &str) -> usize {
    let leaf = key.rsplit('.').next().unwrap_or(key);
    let table = key.split('.').next().unwrap_or(key);
    let assigns = |l: &str| {
        let t = l.trim_start();
        t.strip_prefix(leaf)
            .is_some_and(|r| r.trim_start().starts_with('='))
    };
    if let Some(i) = text.lines().position(assigns) {
        return i + 1;
    }
    let header = |l: &str| {
        let t = l.trim().trim_start_matches('[').trim_end_matches(']');
        l.trim_start().starts_with('[') && t == table
    };
    text.lines().position(header).map(|i| i + 1).unwrap_or(1)
}

pub(super) fn key_at_line(text: &str, line: usize) -> String {
    let l = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    l.split('=')
        .next()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .unwrap_or("?")
        .to_string()
}

/// Deep-merges `over` into `base`: tables merge key by key, everything else (arrays too)
/// replaces.
pub(super) fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}
