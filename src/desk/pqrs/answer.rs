//! The written answer: drafts saved as versions, projection, approval or return by the
//! signing role, and the rules that keep a PQRS from being notified or closed without one.

use super::lifecycle::may_work;
use super::*;
use crate::store::pqrs::Answer;

/// The statuses in which the answer may be written.
fn writable(status: Status) -> bool {
    matches!(
        status,
        Status::Asignada | Status::EnTramite | Status::Proyectada
    )
}

/// Saves `body` as the next version of the answer of `radicado` (nothing is overwritten; the
/// same text as the latest version saves nothing new). Returns the latest version.
pub fn save_answer(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    radicado: &str,
    body: &str,
) -> Result<Answer> {
    actor.require(Role::Asesor, "escribir la respuesta de una PQRS")?;
    let now = clock.now();
    let tx = store.write()?;
    let p = get(&tx, radicado)?;
    may_work(actor, &p, "escribir su respuesta")?;
    if !writable(p.status) {
        return Err(Error::Refused(format!(
            "la respuesta se escribe con la PQRS asignada, en trámite o proyectada, y esta está \
             {}; {}",
            p.status.label(),
            rules::what_next(p.kind, p.status)
        )));
    }
    let by = actor.staff_user().unwrap_or(&actor.principal).to_string();
    let version = keep(&tx, &p, body, &stamp(now), &by)?;
    audit::record(
        &tx,
        now,
        actor,
        "pqrs.respuesta",
        &p.radicado,
        &format!("versión {version}"),
    )?;
    let latest = pqrs::latest_answer(&tx, p.id)?
        .ok_or_else(|| Error::Database("respuesta desaparecida".into()))?;
    tx.commit()?;
    Ok(latest)
}

/// Appends `body` as a new version unless it repeats the latest; returns the latest version.
fn keep(tx: &Connection, p: &Pqrs, body: &str, at: &str, by: &str) -> Result<i64> {
    let body = body.trim_end();
    if body.trim().is_empty() {
        return Err(Error::refused(
            "respuesta: escriba el texto de la respuesta",
        ));
    }
    if body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::refused(
            "respuesta: tiene caracteres de control; escríbala de nuevo",
        ));
    }
    match pqrs::latest_answer(tx, p.id)? {
        Some(a) if a.body == body => Ok(a.version),
        _ => pqrs::add_answer(tx, p.id, body, at, by),
    }
}

/// Projects the answer: `body` (empty: the latest saved draft) becomes the version to sign.
pub(super) fn draft(tx: &Connection, at: &str, by: &str, p: &Pqrs, body: &str) -> Result<String> {
    if p.needs_conversation {
        return Err(Error::refused(
            "el peticionario es afiliado: registre primero la conversación con él \
             (conversación con el afiliado)",
        ));
    }
    let version = if body.trim().is_empty() {
        pqrs::latest_answer(tx, p.id)?
            .map(|a| a.version)
            .ok_or_else(|| {
                Error::refused(
                    "no hay respuesta que proyectar: escriba primero la respuesta y guárdela \
                     como borrador",
                )
            })?
    } else {
        keep(tx, p, body, at, by)?
    };
    Ok(format!("versión {version}"))
}

/// The signing role approves the projected answer's latest version.
pub(super) fn approve(tx: &Connection, p: &mut Pqrs) -> Result<String> {
    let a = pqrs::latest_answer(tx, p.id)?.ok_or_else(|| {
        Error::refused(
            "no hay respuesta escrita que aprobar: devuélvala para corrección (devolución de \
             la respuesta para corrección)",
        )
    })?;
    p.answer_approved = Some(a.version);
    Ok(format!("versión {}", a.version))
}

/// The signing role returns the draft for correction with what must change.
pub(super) fn give_back(p: &mut Pqrs, note: &str) -> Result<String> {
    let note = required(note, "qué debe corregirse en la respuesta")?;
    p.answer_approved = None;
    Ok(note)
}

/// A decision is notified only once its answer is approved (a desistimiento is its own act).
pub(super) fn check_notify(p: &Pqrs) -> Result<()> {
    if p.status != Status::Desistida && p.answer_approved.is_none() {
        return Err(Error::refused(format!(
            "la PQRS {} no tiene una respuesta aprobada que notificar; {}",
            p.radicado,
            rules::what_next(p.kind, p.status)
        )));
    }
    Ok(())
}

/// Closing needs an approved answer, except a PQRS solved at the window (with a note of what
/// was done) and a felicitación (nothing to answer).
pub(super) fn check_close(p: &Pqrs, note: &str) -> Result<()> {
    if p.kind == Kind::Felicitacion {
        return Ok(());
    }
    if p.status == Status::Radicada {
        if note.trim().is_empty() {
            return Err(Error::refused(
                "para cerrarla resuelta en ventanilla escriba en la nota qué se hizo; si no se \
                 resolvió allí, asígnela (asignación) para que un área la responda por escrito",
            ));
        }
        return Ok(());
    }
    if p.answer_approved.is_none() {
        return Err(Error::refused(format!(
            "la PQRS {} no tiene una respuesta aprobada: no se puede cerrar; {}",
            p.radicado,
            rules::what_next(p.kind, p.status)
        )));
    }
    Ok(())
}
