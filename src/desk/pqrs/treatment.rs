//! Data-treatment requests (procedure 4): what a habeas data reclamo decided in the person's
//! favour does to their data, and the deletion that keeps filed PQRS without personal data.

use crate::desk::{Actor, audit, customers::EDITABLE, stamp};
use crate::domain::request::DataRequest;
use crate::domain::service::fold_accent;
use crate::error::{Error, Result};
use crate::store::pqrs::Pqrs;
use crate::store::{Store, consents, customers, deletions, personal, settings};
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
/// `note`, the closing note about to be written, loses the person's data when they are
/// deleted.
pub(super) fn apply(
    tx: &Connection,
    now: DateTime<Utc>,
    actor: &Actor,
    today: NaiveDate,
    p: &Pqrs,
    note: &mut String,
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
            let secrets = suppress_in(tx, now, actor, &c, &p.radicado)?;
            if let Some(clean) = secrets.rewrite(note, true) {
                *note = clean;
            }
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

/// What a deletion removes: the person's identifiers (document, contact data, full names,
/// with the values their change history kept), found in anyone's text; and the single words
/// of their names, removed only from texts about them (their own records, or a text that
/// names them by an identifier), so another person who shares a first name keeps it.
pub struct Secrets {
    strong: Vec<String>,
    words: Vec<String>,
}

impl Secrets {
    fn of(tx: &Connection, c: &customers::Customer) -> Result<Secrets> {
        let mut names = vec![c.names.clone()];
        let mut surnames = vec![c.surnames.clone()];
        let mut strong: Vec<String> = [&c.phone, &c.email, &c.address]
            .into_iter()
            .flatten()
            .cloned()
            .chain([c.doc_number.clone()])
            .collect();
        for (field, value) in personal::history(tx, c.id)? {
            match field.as_str() {
                "nombres" | "names" => names.push(value),
                "apellidos" | "surnames" => surnames.push(value),
                _ => strong.push(value),
            }
        }
        for n in &names {
            for s in &surnames {
                strong.push(format!("{n} {s}"));
                if let Some(first) = s.split_whitespace().next() {
                    strong.push(format!("{n} {first}"));
                }
            }
        }
        strong.extend(surnames.iter().filter(|s| s.contains(' ')).cloned());
        let words = names
            .iter()
            .chain(&surnames)
            .flat_map(|n| n.split_whitespace())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_string)
            .collect();
        Ok(Secrets {
            strong: longest_first(strong),
            words: longest_first(words),
        })
    }

    /// `text` without the person's data, or `None` when it holds none. `own`: the text is
    /// part of the person's own records.
    pub fn rewrite(&self, text: &str, own: bool) -> Option<String> {
        let once = redact(text, &self.strong);
        let out = if own || once != text {
            redact(&once, &self.words)
        } else {
            once
        };
        (out != text).then_some(out)
    }
}

fn longest_first(mut v: Vec<String>) -> Vec<String> {
    v.retain(|s| s.trim().chars().count() >= 3);
    v.iter_mut().for_each(|s| *s = s.trim().to_string());
    v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    v.dedup();
    v
}

/// Removes a person's personal data everywhere, inside the caller's transaction: every
/// free-text column the registry (`store::personal`) lists is rewritten without them; the
/// customer record is pseudonymised (kept, so filed PQRS keep their requester link); their
/// change history, evidence paths, documents on turns and PQRS contact data go; the deletion
/// is written to the ledger (`radicado`); the audit chain is sealed again from the first
/// record rewritten. Returns the secrets, for texts the caller is about to write.
pub fn suppress_in(
    tx: &Connection,
    now: DateTime<Utc>,
    actor: &Actor,
    c: &customers::Customer,
    radicado: &str,
) -> Result<Secrets> {
    suppress(tx, now, actor, c, radicado, true)
}

/// [`suppress_in`] for someone the ledger already lists (a restored copy brought them back):
/// the ledger is not written again.
pub fn suppress_again(
    tx: &Connection,
    now: DateTime<Utc>,
    actor: &Actor,
    c: &customers::Customer,
    radicado: &str,
) -> Result<()> {
    suppress(tx, now, actor, c, radicado, false).map(|_| ())
}

fn suppress(
    tx: &Connection,
    now: DateTime<Utc>,
    actor: &Actor,
    c: &customers::Customer,
    radicado: &str,
    to_ledger: bool,
) -> Result<Secrets> {
    let at = stamp(now);
    let pseudonym = format!("SUPRIMIDO-{}", c.id);
    let secrets = Secrets::of(tx, c)?;
    let person = personal::Person {
        customer: c.id,
        doc_type: &c.doc_type,
        doc_number: &c.doc_number,
    };
    let (rows, first_audit) =
        personal::rewrite_free_text(tx, &person, &|text, own| secrets.rewrite(text, own))?;
    personal::clear_identity(tx, &person)?;
    tx.execute(
        "UPDATE customers SET names = 'Titular', surnames = 'suprimido', doc_number = ?2,
             birth_date = NULL, phone = NULL, email = NULL, address = NULL, category = NULL,
             sensitive_notes = NULL, mass_opt_out = 1, suppressed_at = ?3, updated_at = ?3,
             updated_by = ?4
         WHERE id = ?1",
        params![c.id, pseudonym, at, actor.principal],
    )?;
    customers::add_change(tx, c.id, &at, &actor.principal, "supresion", None, None)?;
    if to_ledger {
        deletions::record(tx, &c.doc_type, &c.doc_number, &at, radicado)?;
    }
    // the law asks the personal data to go from the audit log too: the chain is sealed again
    // from the first record rewritten, and that is itself recorded
    let mut detail = format!("{rows} texto(s) reescritos sin datos personales");
    if let Some(first) = first_audit {
        crate::store::audit::reseal_from(tx, first)?;
        detail.push_str(&format!("; auditoría resellada desde el registro {first}"));
    }
    audit::record(
        tx,
        now,
        actor,
        "customer.suppress",
        &format!("customer:{}:{pseudonym}", c.doc_type),
        &format!("{radicado}: {detail}"),
    )?;
    Ok(secrets)
}

/// How long a deletion waits for readers of older snapshots before leaving the cleanup
/// pending.
const READER_PATIENCE: std::time::Duration = std::time::Duration::from_secs(5);

/// After a deletion: merges the name index so no old token stays in it, and checkpoints the
/// write-ahead log into the file with freed pages zeroed (`secure_delete`), so the old data are
/// not left in free space or in the log; when the file still holds any of `needles` (bytes a
/// page reorganised earlier kept), or always when `needles` is `None`, rebuilds it (`VACUUM`). A reader that keeps an older
/// snapshot open blocks the checkpoint: it is retried for a few seconds, then left pending
/// (the next open of the database finishes it, rebuilding the file) and reported: `false`.
pub fn scrub(store: &mut Store, now: DateTime<Utc>, needles: Option<&[String]>) -> Result<bool> {
    // the deletion is committed already: a failure here leaves the cleanup pending, it does
    // not turn the deletion into an error
    let done = matches!(cleanup(store, needles), Ok(true));
    if !done {
        let tx = store.write()?;
        settings::set(&tx, crate::store::CLEANUP_PENDING, &stamp(now))?;
        tx.commit()?;
    }
    store.conn().pragma_update(None, "secure_delete", false)?;
    Ok(done)
}

fn cleanup(store: &mut Store, needles: Option<&[String]>) -> Result<bool> {
    let tx = store.write()?;
    tx.execute_batch("INSERT INTO customers_fts (customers_fts) VALUES ('optimize')")?;
    tx.commit()?;
    let done = store.checkpoint_all(READER_PATIENCE)?;
    // pages reorganised before the deletion (a split leaves the old cells in the free space
    // of a page that stays in use) can still hold the person's bytes: rebuild the file then
    let needed = match (needles, store.path()) {
        (None, Some(_)) => true,
        (Some(needles), Some(path)) => file_holds(path, needles)?,
        (_, None) => false,
    };
    if done && needed {
        return store.rebuild(READER_PATIENCE);
    }
    Ok(done)
}

/// The strongest identifiers of the person a deletion request `radicado` is about (document,
/// contact data, full names, also as their history had them), whose bytes the file must not
/// keep; empty when the request is not a deletion or the person is gone already.
pub(super) fn needles(conn: &Connection, radicado: &str) -> Result<Vec<String>> {
    let Ok(p) = super::resolve(conn, radicado) else {
        return Ok(Vec::new());
    };
    let (Some(DataRequest::Supresion), Some(id)) = (p.data_request, p.customer) else {
        return Ok(Vec::new());
    };
    match customers::by_id(conn, id)? {
        Some(c) if c.suppressed_at.is_none() => Ok(Secrets::of(conn, &c)?.strong),
        _ => Ok(Vec::new()),
    }
}

/// Whether the file at `path` holds any of `needles` (UTF-8), read in chunks.
fn file_holds(path: &std::path::Path, needles: &[String]) -> Result<bool> {
    use std::io::Read;
    let longest = needles.iter().map(String::len).max().unwrap_or(0);
    if longest == 0 {
        return Ok(false);
    }
    let mut file = std::fs::File::open(path)?;
    let mut buf = vec![0u8; (1 << 20) + longest];
    let mut kept = 0;
    loop {
        let n = file.read(&mut buf[kept..])?;
        if n == 0 {
            return Ok(false);
        }
        let end = kept + n;
        let window = &buf[..end];
        if needles
            .iter()
            .any(|s| window.windows(s.len()).any(|w| w == s.as_bytes()))
        {
            return Ok(true);
        }
        kept = longest.min(end);
        buf.copy_within(end - kept..end, 0);
    }
}

/// Whether a deletion's cleanup is still waiting for a reader to finish (see [`scrub`]).
pub fn cleanup_pending(store: &Store) -> Result<bool> {
    Ok(settings::get(store.conn(), crate::store::CLEANUP_PENDING)?.is_some())
}
