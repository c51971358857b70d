//! Writing and reading the audit log.

use super::{Actor, stamp};
use crate::error::Result;
use crate::store::audit::{self, Entry, NewEntry};
use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// Appends one record for `actor` (inside the caller's transaction).
pub fn record(
    conn: &Connection,
    at: DateTime<Utc>,
    actor: &Actor,
    action: &str,
    object: &str,
    detail: &str,
) -> Result<()> {
    let detail = match ORIGIN.get() {
        Some(origin) if detail.is_empty() => origin.clone(),
        Some(origin) => format!("{detail} · {origin}"),
        None => detail.to_string(),
    };
    audit::append(
        conn,
        &NewEntry {
            at: &stamp(at),
            actor: &actor.principal,
            on_behalf: actor.on_behalf.as_deref(),
            action,
            object,
            detail: &detail,
        },
    )
}

/// Records one action in a transaction of its own (a refusal that changes nothing else).
pub fn record_alone(
    store: &mut crate::store::Store,
    clock: &dyn crate::clock::Clock,
    actor: &Actor,
    action: &str,
    object: &str,
    detail: &str,
) -> Result<()> {
    let tx = store.write()?;
    record(&tx, clock.now(), actor, action, object, detail)?;
    tx.commit()?;
    Ok(())
}

/// Where this process's actions come from, when it is a station over SSH ("equipo V1 desde
/// 10.0.0.21"): written with every audit record it makes.
static ORIGIN: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets this process's origin for the audit log (once, when a station starts).
pub fn set_origin(origin: String) {
    let _ = ORIGIN.set(origin);
}

/// Records since `since` (any instant; the whole log when `None`).
pub fn list(conn: &Connection, since: Option<DateTime<Utc>>) -> Result<Vec<Entry>> {
    let since = since.map(stamp).unwrap_or_default();
    audit::list(conn, &since)
}

/// Records a denied action (an [`Error::Denied`]) in the audit log, in a transaction of its
/// own; other errors are ignored. Never fails the caller: a denial must be reported even if
/// recording it fails.
pub fn denied(
    store: &mut crate::store::Store,
    clock: &dyn crate::clock::Clock,
    err: &crate::error::Error,
) {
    let crate::error::Error::Denied {
        message,
        principal,
        on_behalf,
        what,
    } = err
    else {
        return;
    };
    let mut record = || -> crate::error::Result<()> {
        let tx = store.write()?;
        audit::append(
            &tx,
            &NewEntry {
                at: &stamp(clock.now()),
                actor: principal,
                on_behalf: on_behalf.as_deref(),
                action: "denied",
                object: what,
                detail: message,
            },
        )?;
        tx.commit()
    };
    let _ = record();
}

/// What an audit action means, in Spanish («turn.start» → «turno: atención iniciada»): the
/// stored action stays the stable code; people read this.
pub fn action_label(action: &str) -> String {
    use crate::domain::request::Step;
    use crate::domain::turn::EventKind;
    let (object, verb) = action.split_once('.').unwrap_or(("", action));
    let object_label = match object {
        "turn" => "turno",
        "pqrs" => "PQRS",
        "workorder" => "orden de trabajo",
        "attention" => "atención",
        "customer" => "cliente",
        "consent" => "consentimiento",
        "rating" => "calificación",
        "user" => "usuario",
        "login" => "ingreso",
        "service" => "servicio",
        "window" => "ventanilla",
        "calendar" => "calendario",
        "contingency" => "contingencia",
        "branch" => "sede",
        "backup" => "copia de seguridad",
        "station" => "equipo",
        other => other,
    };
    let verb_label = match (object, verb) {
        ("turn", v) if EventKind::from_code(v).is_some() => {
            EventKind::from_code(v).map(|k| k.label())
        }
        ("turn", "manual") => Some("ficha manual registrada"),
        ("turn", "call_chosen") => Some("llamado fuera de orden"),
        ("window", "claim") => Some("abierta en una consola"),
        ("window", "takeover") => Some("tomada por un supervisor"),
        ("window", "release") => Some("liberada"),
        ("station", "key") => Some("llave cambiada"),
        ("station", "remove") => Some("baja"),
        ("station", "connect") => Some("conexión"),
        ("station", "refused") => Some("conexión rechazada"),
        ("pqrs", "file") => Some("radicación"),
        ("pqrs", v) => Step::from_code(v).map(|s| s.label()),
        (_, "add") => Some("alta"),
        (_, "new") => Some("creación"),
        (_, "edit") => Some("cambio de datos"),
        (_, "close") => Some("cierre"),
        (_, "open") => Some("apertura"),
        (_, "grant") => Some("autorización otorgada"),
        (_, "revoke") => Some("autorización revocada"),
        (_, "disable") => Some("desactivación"),
        (_, "set") => Some("cambio"),
        (_, "pin") => Some("cambio de PIN"),
        (_, "import") => Some("importación"),
        (_, "sensitive") => Some("notas sensibles"),
        (_, "suppress") => Some("supresión de datos"),
        (_, "restore") => Some("restauración"),
        (_, "init") => Some("creación"),
        (_, "on") => Some("activada"),
        (_, "off") => Some("desactivada"),
        ("login", "ok") => Some("correcto"),
        ("login", "failed") => Some("fallido"),
        ("login", "blocked") => Some("bloqueado"),
        _ => None,
    };
    match verb_label {
        Some(v) => format!("{object_label}: {v}"),
        None => action.to_string(),
    }
}

/// An audit detail as people read it: a closed-set code alone becomes its label.
pub fn detail_label(detail: &str) -> String {
    use crate::domain::request::Kind;
    use crate::domain::turn::PreferentialReason;
    Kind::from_code(detail)
        .map(|k| k.label())
        .or_else(|| PreferentialReason::from_code(detail).map(|r| r.label()))
        .or_else(|| crate::domain::consent::known_purpose_label(detail))
        .map_or_else(|| detail.to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_read_in_spanish() {
        assert_eq!(action_label("turn.start"), "turno: atención iniciada");
        assert_eq!(action_label("pqrs.en-tramite"), "PQRS: inicio del trámite");
        assert_eq!(action_label("pqrs.file"), "PQRS: radicación");
        assert_eq!(
            action_label("consent.grant"),
            "consentimiento: autorización otorgada"
        );
        assert_eq!(action_label("algo.raro"), "algo.raro");
        assert_eq!(detail_label("ninez"), "Niña, niño o adolescente");
        assert_eq!(detail_label("ventanilla 3"), "ventanilla 3");
    }
}
