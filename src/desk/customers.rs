//! Customers: add, edit (keeping who changed what), show with consent and history, find.

mod card;
pub use card::{Card, Event, PurposeStatus, card};

mod contact;
pub use contact::{Contact, ContactIndex, reclamo_en_tramite};

mod search;
pub use search::{find, find_counted, fts_query};

use super::{Actor, audit, stamp};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::consent::{self, Status};
use crate::domain::customer::{self, FieldError, Input, Valid};
use crate::domain::ids::Document;
use crate::domain::service::fold_accent;
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::attentions::{self, Attention};
use crate::store::consents;
use crate::store::customers::{self, Change, Customer, NewCustomer};
use serde::Serialize;

/// Joins field errors into one message ("campo: motivo; ...").
pub fn describe(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", customer::field_label(e.field), e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<Valid> for NewCustomer {
    fn from(v: Valid) -> NewCustomer {
        NewCustomer {
            doc_type: v.document.kind.code().into(),
            doc_number: v.document.number,
            names: v.names,
            surnames: v.surnames,
            birth_date: v.birth_date,
            phone: v.phone,
            email: v.email,
            address: v.address,
            affiliation: v.affiliation,
            category: v.category,
        }
    }
}

fn today(clock: &dyn Clock, config: &Config) -> chrono::NaiveDate {
    clock.now().with_timezone(&config.utc_offset()).date_naive()
}

/// Adds a customer; refuses a document already registered.
pub fn add(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    input: &Input,
) -> Result<Customer> {
    actor.require(Role::Asesor, "registrar clientes")?;
    let valid =
        customer::check(input, today(clock, config)).map_err(|e| Error::Refused(describe(&e)))?;
    let new = NewCustomer::from(valid);
    let now = clock.now();
    let tx = store.write()?;
    if customers::by_document(&tx, &new.doc_type, &new.doc_number)?.is_some() {
        return Err(Error::refused(format!(
            "ya existe un cliente con {} {}",
            new.doc_type, new.doc_number
        )));
    }
    let id = customers::insert(&tx, &new, &stamp(now), &actor.principal)?;
    let object = format!("customer:{}:{}", new.doc_type, new.doc_number);
    audit::record(&tx, now, actor, "customer.add", &object, "")?;
    let created = customers::by_document(&tx, &new.doc_type, &new.doc_number)?
        .filter(|c| c.id == id)
        .ok_or_else(|| Error::Database("cliente desaparecido".into()))?;
    tx.commit()?;
    Ok(created)
}

/// The editable fields: (column, name shown and used on the CLI).
pub const EDITABLE: [(&str, &str); 8] = [
    ("names", "nombres"),
    ("surnames", "apellidos"),
    ("birth_date", "fecha_nacimiento"),
    ("phone", "telefono"),
    ("email", "correo"),
    ("address", "direccion"),
    ("affiliation", "estado_afiliacion"),
    ("category", "categoria"),
];

/// Changes some fields of a customer (`changes`: Spanish field name → new value, empty clears);
/// each changed field leaves a history row. Returns how many fields changed.
pub fn edit(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    doc: &Document,
    changes: &[(String, String)],
) -> Result<usize> {
    actor.require(Role::Asesor, "editar clientes")?;
    let now = clock.now();
    let tx = store.write()?;
    let current = customers::by_document(&tx, doc.kind.code(), &doc.number)?.ok_or_else(|| {
        Error::refused(format!("no hay un cliente con {} {}", doc.kind, doc.number))
    })?;
    let changed = edit_in(&tx, now, actor, today(clock, config), &current, changes)?;
    tx.commit()?;
    Ok(changed)
}

/// [`edit`] inside the caller's transaction, on the customer as it is now.
pub(crate) fn edit_in(
    tx: &rusqlite::Connection,
    now: chrono::DateTime<chrono::Utc>,
    actor: &Actor,
    today: chrono::NaiveDate,
    current: &Customer,
    changes: &[(String, String)],
) -> Result<usize> {
    let at = stamp(now);
    let mut input = input_of(current);
    for (field, value) in changes {
        let slot = field_mut(&mut input, field).ok_or_else(|| {
            let names: Vec<&str> = EDITABLE.iter().map(|(_, n)| *n).collect();
            Error::Usage(format!(
                "campo «{field}» desconocido: use {}",
                names.join(", ")
            ))
        })?;
        *slot = value.clone();
    }
    let valid = customer::check(&input, today).map_err(|e| Error::Refused(describe(&e)))?;
    let new = NewCustomer::from(valid);
    let before = NewCustomer::from(
        customer::check(&input_of(current), today).map_err(|e| Error::Refused(describe(&e)))?,
    );
    let mut changed = 0;
    for (column, name) in EDITABLE {
        let (old, value) = (column_value(&before, column), column_value(&new, column));
        if old != value {
            customers::set_field(
                tx,
                current.id,
                column,
                value.as_deref(),
                &at,
                &actor.principal,
            )?;
            customers::add_change(
                tx,
                current.id,
                &at,
                &actor.principal,
                name,
                old.as_deref(),
                value.as_deref(),
            )?;
            changed += 1;
        }
    }
    if changed == 0 {
        return Err(Error::NothingToDo("no hay cambios que guardar".into()));
    }
    let object = format!("customer:{}:{}", current.doc_type, current.doc_number);
    audit::record(
        tx,
        now,
        actor,
        "customer.edit",
        &object,
        &format!("{changed} campos"),
    )?;
    Ok(changed)
}

fn input_of(c: &Customer) -> Input {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    Input {
        doc_type: c.doc_type.clone(),
        doc_number: c.doc_number.clone(),
        names: c.names.clone(),
        surnames: c.surnames.clone(),
        birth_date: s(&c.birth_date),
        phone: s(&c.phone),
        email: s(&c.email),
        address: s(&c.address),
        affiliation: c.affiliation.label().to_string(),
        category: s(&c.category),
    }
}

fn field_mut<'a>(input: &'a mut Input, name: &str) -> Option<&'a mut String> {
    Some(match name {
        "nombres" => &mut input.names,
        "apellidos" => &mut input.surnames,
        "fecha_nacimiento" => &mut input.birth_date,
        "telefono" => &mut input.phone,
        "correo" => &mut input.email,
        "direccion" => &mut input.address,
        "estado_afiliacion" => &mut input.affiliation,
        "categoria" => &mut input.category,
        _ => return None,
    })
}

fn column_value(c: &NewCustomer, column: &str) -> Option<String> {
    match column {
        "names" => Some(c.names.clone()),
        "surnames" => Some(c.surnames.clone()),
        "birth_date" => c.birth_date.clone(),
        "phone" => c.phone.clone(),
        "email" => c.email.clone(),
        "address" => c.address.clone(),
        "affiliation" => Some(c.affiliation.code().to_string()),
        "category" => c.category.clone(),
        _ => None,
    }
}

/// The consent purpose that allows recording sensitive data (Ley 1581 de 2012 art. 6).
pub const SENSITIVE_PURPOSE: &str = "datos-sensibles";

/// Records disability or other sensitive notes; refused unless the customer granted the
/// explicit consent for sensitive data. An empty text clears them. Kept in the history.
pub fn set_sensitive_notes(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    doc: &Document,
    notes: &str,
) -> Result<()> {
    actor.require(Role::Asesor, "registrar datos sensibles")?;
    let now = clock.now();
    let at = stamp(now);
    let tx = store.write()?;
    let c = customers::by_document(&tx, doc.kind.code(), &doc.number)?.ok_or_else(|| {
        Error::refused(format!("no hay un cliente con {} {}", doc.kind, doc.number))
    })?;
    let ledger: Vec<consent::Event> = consents::of(&tx, c.id)?
        .into_iter()
        .map(|e| consent::Event {
            purpose: e.purpose,
            granted: e.action == "grant",
        })
        .collect();
    let value = notes.trim();
    if !value.is_empty() && consent::per_purpose(&ledger, SENSITIVE_PURPOSE) != Some(true) {
        return Err(Error::refused(format!(
            "para registrar datos sensibles se necesita la autorización expresa «{SENSITIVE_PURPOSE}» del cliente"
        )));
    }
    let new = (!value.is_empty()).then_some(value);
    customers::set_field(&tx, c.id, "sensitive_notes", new, &at, &actor.principal)?;
    // The history records that the notes changed, not their content.
    let marker = |v: Option<&str>| v.map(|_| "(registradas)");
    customers::add_change(
        &tx,
        c.id,
        &at,
        &actor.principal,
        "notas_sensibles",
        marker(c.sensitive_notes.as_deref()),
        marker(new),
    )?;
    audit::record(
        &tx,
        now,
        actor,
        "customer.sensitive",
        &format!("customer:{}:{}", c.doc_type, c.doc_number),
        "",
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_queries_are_safe_prefixes() {
        assert_eq!(
            fts_query("José  Pérez", false).as_deref(),
            Some("\"jose\"* \"perez\"*")
        );
        assert_eq!(
            fts_query("José  Pérez", true).as_deref(),
            Some("\"jose\" \"perez\"*")
        );
        assert_eq!(
            fts_query("o'neil \"x", false),
            Some("\"o\"* \"neil\"* \"x\"*".to_string())
        );
        assert_eq!(fts_query(" -- ", true), None);
    }
}
