//! Data-treatment requests (procedure 4): what a habeas data reclamo decided in the person's
//! favour does to their data, and the deletion that keeps filed PQRS without personal data.

use crate::desk::{Actor, audit, customers::EDITABLE, stamp};
use crate::domain::request::DataRequest;
use crate::domain::service::fold_accent;
use crate::error::{Error, Result};
use crate::store::pqrs::{self, Pqrs};
use crate::store::{Store, consents, customers};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, params};

/// Parses `campo=valor; campo=valor` against the editable customer fields.
pub fn parse_changes(text: &str) -> std::result::Result<Vec<(String, String)>, String> {
    let names: Vec<&str> = EDITABLE.iter().map(|(_, n)| *n).collect();
    text.split(';')
        .filter(|part| !part.trim().is_empty())
        .map(|part| {
            let (field, value) = part
                .split_once('=')
                .ok_or_else(|| format!("cambios: «{}» no es campo=valor", part.trim()))?;
            let field = field.trim().to_lowercase();
            if !names.contains(&field.as_str()) {
                return Err(format!(
                    "cambios: campo «{field}» desconocido; use {}",
                    names.join(", ")
                ));
            }
            Ok((field, value.trim().to_string()))
        })
        .collect()
}

/// Applies the data request of `p` (closed in the person's favour); the note to record.
pub(super) fn apply(
    tx: &Connection,
    now: DateTime<Utc>,
    actor: &Actor,
    today: NaiveDate,
    p: &Pqrs,
) -> Result<Option<String>> {
    let (Some(request), Some(id)) = (p.data_request, p.customer) else {
        return Ok(None);
    };
    let c = customers::by_id(tx, id)?
        .ok_or_else(|| Error::Database(format!("cliente {id} desaparecido")))?;
    if c.suppressed_at.is_some() {
        return Ok(Some("los datos ya estaban suprimidos".into()));
    }
    let at = stamp(now);
    Ok(Some(match request {
        DataRequest::Supresion => {
            suppress_in(tx, now, actor, &c)?;
            "Datos personales suprimidos; la PQRS conserva radicado, fechas y contenido.".into()
        }
        DataRequest::Oposicion => {
            tx.execute(
                "UPDATE customers SET mass_opt_out = 1, updated_at = ?2, updated_by = ?3
                 WHERE id = ?1",
                params![id, at, actor.principal],
            )?;
            customers::add_change(
                tx,
                id,
                &at,
                &actor.principal,
                "comunicaciones_masivas",
                Some("si"),
                Some("no"),
            )?;
            "Excluido de comunicaciones masivas.".into()
        }
        DataRequest::Revocatoria => {
            let mut granted: Vec<(String, String)> = Vec::new();
            for e in consents::of(tx, id)? {
                granted.retain(|(purpose, _)| *purpose != e.purpose);
                if e.action == "grant" {
                    granted.push((e.purpose, e.policy_version));
                }
            }
            for (purpose, version) in &granted {
                let channel = format!("pqrs:{}", p.radicado);
                consents::append(
                    tx,
                    id,
                    false,
                    purpose,
                    &channel,
                    version,
                    None,
                    &at,
                    &actor.principal,
                )?;
            }
            let names: Vec<String> = granted
                .iter()
                .map(|(p, _)| crate::domain::consent::purpose_label(p))
                .collect();
            if names.is_empty() {
                "No había autorizaciones vigentes que revocar.".into()
            } else {
                format!("Autorizaciones revocadas: {}.", names.join(", "))
            }
        }
        DataRequest::Actualizacion | DataRequest::Rectificacion => {
            let changes =
                parse_changes(p.data_changes.as_deref().unwrap_or("")).map_err(Error::Refused)?;
            match crate::desk::customers::edit_in(tx, now, actor, today, &c, &changes) {
                Ok(n) => format!("{n} dato(s) del titular corregido(s)."),
                Err(Error::NothingToDo(_)) => "Los datos ya estaban así.".into(),
                Err(e) => return Err(e),
            }
        }
    }))
}

/// Replaces every occurrence of any of `secrets` in `text` (ignoring case and accents) with a
/// mark.
pub fn redact(text: &str, secrets: &[String]) -> String {
    let fold = |c: char| fold_accent(c).to_lowercase().next().unwrap_or(c);
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = chars.iter().map(|&c| fold(c)).collect();
    let secrets: Vec<Vec<char>> = secrets
        .iter()
        .map(|s| s.chars().map(fold).collect::<Vec<char>>())
        .filter(|s| !s.is_empty())
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        match secrets.iter().find(|s| folded[i..].starts_with(s)) {
            Some(s) => {
                out.push_str("[dato suprimido]");
                i += s.len();
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// Removes a person's personal data everywhere, inside the caller's transaction: the customer
/// record is pseudonymised (kept, so filed PQRS keep their requester link), its history and
/// evidence paths go, and attentions, turns, PQRS texts and the audit log lose every mention of
/// the name, document and contact data.
pub fn suppress_in(
    tx: &Connection,
    now: DateTime<Utc>,
    actor: &Actor,
    c: &customers::Customer,
) -> Result<()> {
    let at = stamp(now);
    let pseudonym = format!("SUPRIMIDO-{}", c.id);
    let mut secrets: Vec<String> = [
        Some(format!("{} {}", c.names, c.surnames)),
        Some(c.names.clone()),
        Some(c.surnames.clone()),
        Some(c.doc_number.clone()),
        c.phone.clone(),
        c.email.clone(),
        c.address.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    secrets.extend(
        c.names
            .split_whitespace()
            .chain(c.surnames.split_whitespace())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_string),
    );
    // longest first, so a full name is one mark rather than several
    secrets.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    tx.execute(
        "UPDATE customers SET names = 'Titular', surnames = 'suprimido', doc_number = ?2,
             birth_date = NULL, phone = NULL, email = NULL, address = NULL, category = NULL,
             sensitive_notes = NULL, mass_opt_out = 1, suppressed_at = ?3, updated_at = ?3,
             updated_by = ?4
         WHERE id = ?1",
        params![c.id, pseudonym, at, actor.principal],
    )?;
    tx.execute("DELETE FROM customer_changes WHERE customer = ?1", [c.id])?;
    customers::add_change(tx, c.id, &at, &actor.principal, "supresion", None, None)?;
    tx.execute(
        "UPDATE consents SET evidence_path = NULL WHERE customer = ?1",
        [c.id],
    )?;
    tx.execute(
        "UPDATE turns SET doc_type = NULL, doc_number = NULL
         WHERE doc_type = ?1 AND doc_number = ?2",
        params![c.doc_type, c.doc_number],
    )?;
    rewrite(
        tx,
        "attentions",
        &["topic", "notes"],
        "customer = ?1",
        c.id,
        &secrets,
    )?;
    pqrs::redact(tx, c.id, |t| redact(t, &secrets))?;
    let like: Vec<String> = secrets.iter().map(|s| format!("%{s}%")).collect();
    let mut rewritten: Option<i64> = None;
    for pattern in &like {
        let ids: Vec<i64> = {
            let mut stmt =
                tx.prepare("SELECT id FROM audit_log WHERE object LIKE ?1 OR detail LIKE ?1")?;
            stmt.query_map([pattern], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        for id in ids {
            let (object, detail): (String, String) = tx.query_row(
                "SELECT object, detail FROM audit_log WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let object = object.replace(&c.doc_number, &pseudonym);
            tx.execute(
                "UPDATE audit_log SET object = ?2, detail = ?3 WHERE id = ?1",
                params![id, redact(&object, &secrets), redact(&detail, &secrets)],
            )?;
            rewritten = Some(rewritten.map_or(id, |r: i64| r.min(id)));
        }
    }
    // the law asks the personal data to go from the audit log too: the chain is sealed again
    // from the first record rewritten, and that is itself recorded
    let detail = match rewritten {
        Some(first) => {
            crate::store::audit::reseal_from(tx, first)?;
            format!("registros de auditoría sin datos personales y resellados desde el {first}")
        }
        None => String::new(),
    };
    audit::record(
        tx,
        now,
        actor,
        "customer.suppress",
        &format!("customer:{}:{pseudonym}", c.doc_type),
        &detail,
    )?;
    Ok(())
}

/// Redacts `columns` of the rows of `table` matching `filter` (with `?1` = `id`).
fn rewrite(
    tx: &Connection,
    table: &str,
    columns: &[&str],
    filter: &str,
    id: i64,
    secrets: &[String],
) -> Result<()> {
    let rows: Vec<(i64, Vec<String>)> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT id, {} FROM {table} WHERE {filter}",
            columns.join(", ")
        ))?;
        stmt.query_map([id], |r| {
            let values = (0..columns.len())
                .map(|i| r.get::<_, String>(i + 1))
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok((r.get(0)?, values))
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    let sets: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect();
    let sql = format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", "));
    for (row, values) in rows {
        let mut params: Vec<Box<dyn rusqlite::ToSql>> = vec![Box::new(row)];
        params.extend(
            values
                .iter()
                .map(|v| Box::new(redact(v, secrets)) as Box<dyn rusqlite::ToSql>),
        );
        tx.execute(&sql, rusqlite::params_from_iter(params))?;
    }
    Ok(())
}

/// After a deletion: merges the name index so no old token stays in it, and checkpoints the
/// write-ahead log into the file with freed pages zeroed (`secure_delete`), so the old data are
/// not left in free space or in the log.
pub(super) fn scrub(store: &mut Store) -> Result<()> {
    {
        let tx = store.write()?;
        tx.execute_batch("INSERT INTO customers_fts (customers_fts) VALUES ('optimize')")?;
        tx.commit()?;
    }
    store
        .conn()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    store.conn().pragma_update(None, "secure_delete", false)?;
    Ok(())
}
