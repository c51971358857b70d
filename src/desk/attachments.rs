//! Attachments: a file (scanned petition, evidence, answer, delivery proof, signed consent)
//! copied into the database with its name, type, size, SHA-256, who and when; listed, and
//! exported only after its SHA-256 is checked again.

use super::{Actor, audit, stamp};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::attachment::{self as rules, Owner};
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::attachments::{self, Attachment, New};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The id of the record `reference` names: a PQRS by radicado (or its short consecutive), a
/// consent or an attention by number.
fn owner_id(conn: &Connection, owner: Owner, reference: &str) -> Result<i64> {
    let r = reference.trim();
    if owner == Owner::Pqrs {
        return super::pqrs::resolve(conn, r).map(|p| p.id);
    }
    let id: i64 = r.parse().map_err(|_| {
        Error::refused(format!(
            "{}: «{r}» no es un número; use el número que muestra la lista",
            owner.label()
        ))
    })?;
    let table = match owner {
        Owner::Consent => "consents",
        _ => "attentions",
    };
    let found: bool = conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
        [id],
        |row| row.get(0),
    )?;
    if !found {
        return Err(Error::refused(format!(
            "no hay una {} número {id}",
            owner.label()
        )));
    }
    Ok(id)
}

/// Reads the file at `path`, refusing one over `limit` bytes before reading it.
fn read_limited(path: &Path, limit: u64) -> Result<(String, Vec<u8>)> {
    let shown = crate::domain::vocab::echoed(&path.display().to_string());
    let unreadable =
        |e: std::io::Error| Error::refused(format!("archivo: no se puede leer «{shown}»: {e}"));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::refused(format!("archivo: «{shown}» no es un archivo")))?;
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(Error::refused(format!(
            "archivo: «{shown}» no es un archivo"
        )));
    }
    rules::check_size(&name, meta.len(), limit).map_err(Error::Refused)?;
    let data = std::fs::read(path).map_err(unreadable)?;
    // the file may have grown between the check and the read
    rules::check_size(&name, data.len() as u64, limit).map_err(Error::Refused)?;
    Ok((name, data))
}

/// Copies the file at `path` into the database, attached to `owner` `reference`.
pub fn attach(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    owner: Owner,
    reference: &str,
    path: &Path,
) -> Result<Attachment> {
    actor.require(Role::Asesor, "adjuntar archivos")?;
    let (name, data) = read_limited(path, config.attachment_limit())?;
    let sha = rules::sha256_hex(&data);
    let now = clock.now();
    let at = stamp(now);
    let by = actor.staff_user().unwrap_or(&actor.principal).to_string();
    let tx = store.write()?;
    let owner_id = owner_id(&tx, owner, reference)?;
    let id = attachments::insert(
        &tx,
        &New {
            owner,
            owner_id,
            name: &name,
            media_type: rules::media_type(&name),
            sha256: &sha,
            data: &data,
            at: &at,
            by: &by,
        },
    )?;
    audit::record(
        &tx,
        now,
        actor,
        "adjunto.agregar",
        &format!("{}:{}", owner.code(), reference.trim()),
        &format!("#{id} {name} sha256:{sha}"),
    )?;
    let saved = attachments::of(&tx, owner, owner_id)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::Database("adjunto desaparecido".into()))?;
    tx.commit()?;
    Ok(saved)
}

/// The attachments of `owner` `reference`, oldest first.
pub fn list(store: &Store, owner: Owner, reference: &str) -> Result<Vec<Attachment>> {
    let conn = store.conn();
    let id = owner_id(conn, owner, reference)?;
    attachments::of(conn, owner, id)
}

/// Writes attachment `id` to `to` (a folder: the file keeps its name), owner-only and never
/// over an existing file, after checking its SHA-256. Returns it and the path written.
pub fn export(store: &Store, id: i64, to: &Path) -> Result<(Attachment, PathBuf)> {
    let (meta, data) = attachments::with_data(store.conn(), id)?
        .ok_or_else(|| Error::refused(format!("no hay un adjunto número {id}")))?;
    let sha = rules::sha256_hex(&data);
    if sha != meta.sha256 {
        return Err(Error::Database(format!(
            "el adjunto #{id} ({}) no coincide con su SHA-256 (guardado {}, ahora {sha}): \
             la base de datos fue alterada; verifíquela con `ventanilla audit verify`",
            meta.name, meta.sha256
        )));
    }
    let path = if to.is_dir() {
        to.join(&meta.name)
    } else {
        to.to_path_buf()
    };
    crate::files::write_new_private(&path, &data).map_err(|e| {
        Error::refused(format!(
            "no se puede escribir {}: {e} (no se sobrescribe un archivo existente)",
            path.display()
        ))
    })?;
    Ok((meta, path))
}
