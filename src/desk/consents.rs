//! The consent ledger: grants and revocations with their evidence (Ley 1581 de 2012).

use super::{Actor, audit, stamp};
use crate::clock::Clock;
use crate::domain::consent::{Purpose, Way};
use crate::domain::ids::Document;
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::consents::{self, Entry};
use crate::store::customers;
use serde::Serialize;
use std::path::Path;

/// A grant or revocation as given.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    pub grant: bool,
    pub purpose: Purpose,
    pub channel: Way,
    pub policy_version: &'a str,
    pub evidence: Option<&'a Path>,
}

/// SHA-256 of a file, in hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::refused(format!(
            "no se puede leer la evidencia {}: {e}",
            path.display()
        ))
    })?;
    Ok(crate::domain::attachment::sha256_hex(&bytes))
}

/// Appends a grant or revocation for the customer with `doc`.
pub fn record(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    doc: &Document,
    r: &Record<'_>,
) -> Result<()> {
    record_purposes(
        store,
        clock,
        actor,
        doc,
        r,
        std::slice::from_ref(&r.purpose),
    )
}

/// One act that grants (or revokes) several purposes at once, as the law allows: every
/// purpose gets its ledger entry and audit row, in one transaction (`r.purpose` is ignored).
pub fn record_purposes(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    doc: &Document,
    r: &Record<'_>,
    purposes: &[Purpose],
) -> Result<()> {
    actor.require(Role::Asesor, "registrar consentimientos")?;
    if r.policy_version.trim().is_empty() {
        return Err(Error::refused("indique la versión del aviso de privacidad"));
    }
    if r.grant && !r.channel.is_verbal() && r.evidence.is_none() {
        return Err(Error::refused(
            "una autorización por escrito o digital necesita su evidencia (--evidence)",
        ));
    }
    // the evidence is copied into the database too (an attachment of the act): never only
    // a path
    let evidence = match r.evidence {
        Some(path) => {
            let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            let bytes = std::fs::read(path).map_err(|e| {
                Error::refused(format!(
                    "no se puede leer la evidencia {}: {e}",
                    path.display()
                ))
            })?;
            let sha = crate::domain::attachment::sha256_hex(&bytes);
            Some((full.display().to_string(), sha, bytes))
        }
        None => None,
    };
    let now = clock.now();
    let tx = store.write()?;
    let customer = customers::by_document(&tx, doc.kind.code(), &doc.number)?.ok_or_else(|| {
        Error::refused(format!("no hay un cliente con {} {}", doc.kind, doc.number))
    })?;
    let ev = evidence.as_ref().map(|(p, h, _)| (p.as_str(), h.as_str()));
    let mut attached = false;
    let action = if r.grant {
        "consent.grant"
    } else {
        "consent.revoke"
    };
    for purpose in purposes {
        consents::append(
            &tx,
            customer.id,
            r.grant,
            purpose.code(),
            r.channel.code(),
            r.policy_version.trim(),
            ev,
            &stamp(now),
            &actor.principal,
        )?;
        if let (Some((path, sha, bytes)), false) = (&evidence, attached) {
            let name = std::path::Path::new(path)
                .file_name()
                .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
            crate::store::attachments::insert(
                &tx,
                &crate::store::attachments::New {
                    owner: crate::domain::attachment::Owner::Consent,
                    owner_id: tx.last_insert_rowid(),
                    name: &name,
                    media_type: crate::domain::attachment::media_type(&name),
                    sha256: sha,
                    data: bytes,
                    at: &stamp(now),
                    by: actor.staff_user().unwrap_or(&actor.principal),
                },
            )?;
            attached = true;
        }
        audit::record(
            &tx,
            now,
            actor,
            action,
            &format!("customer:{}:{}", doc.kind, doc.number),
            purpose.code(),
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// A ledger entry with the check of its evidence today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checked {
    #[serde(flatten)]
    pub entry: Entry,
    /// "intacta", "alterada", "no encontrada" or "sin evidencia".
    pub evidence_check: &'static str,
}

/// The customer's ledger with each evidence file re-hashed: tampering shows as "alterada".
pub fn ledger(store: &Store, doc: &Document) -> Result<Vec<Checked>> {
    let customer =
        customers::by_document(store.conn(), doc.kind.code(), &doc.number)?.ok_or_else(|| {
            Error::refused(format!("no hay un cliente con {} {}", doc.kind, doc.number))
        })?;
    Ok(consents::of(store.conn(), customer.id)?
        .into_iter()
        .map(|entry| {
            let evidence_check = match (&entry.evidence_path, &entry.evidence_sha256) {
                (Some(p), Some(h)) => match sha256_file(Path::new(p)) {
                    Ok(now) if &now == h => "intacta",
                    Ok(_) => "alterada",
                    Err(_) => "no encontrada",
                },
                _ => "sin evidencia",
            };
            Checked {
                entry,
                evidence_check,
            }
        })
        .collect())
}
