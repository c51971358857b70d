//! The lifecycle of a PQRS: which step leads where, and refusals that say what the step
//! needs and which steps are legal from where the PQRS stands.

use super::{Kind, Status, Step};

/// The state `step` leads to from `from`, for any kind of PQRS.
fn table(from: Status, step: Step) -> Option<Status> {
    use Status::*;
    match (step, from) {
        (Step::Assign, Radicada | Asignada | EnTramite) => Some(Asignada),
        (Step::Start, Asignada) => Some(EnTramite),
        (Step::RequestInfo, Radicada | Asignada | EnTramite) => Some(EsperaInformacion),
        (Step::Resume, EsperaInformacion) => Some(EnTramite),
        (Step::ExtendCompletion, EsperaInformacion) => Some(EsperaInformacion),
        (Step::Extend, Radicada | Asignada | EnTramite | Proyectada | Aprobada) => Some(from),
        (Step::Draft, Asignada | EnTramite) => Some(Proyectada),
        (Step::Approve, Proyectada) => Some(Aprobada),
        // GCO Df01 step 14 "No": the draft goes back to whoever projects it
        (Step::Return, Proyectada) => Some(EnTramite),
        (Step::Notify, Aprobada) => Some(Notificada),
        // the desistimiento is a decision notified like any other
        (Step::Notify, Desistida) => Some(Desistida),
        (Step::Close, Radicada | Notificada) => Some(Cerrada),
        (Step::Forward, Radicada | Asignada | EnTramite) => Some(Trasladada),
        (Step::Withdraw, EsperaInformacion) => Some(Desistida),
        (Step::Archive, Cerrada | Trasladada | Desistida) => Some(Archivada),
        // the affiliate may be talked to until the request is closed
        (Step::Converse, s) if s.is_open() || s == Notificada => Some(s),
        _ => None,
    }
}

/// The state `step` leads to from `from` for a PQRS of `kind`: a recurso is decided by the
/// legal area and notified, never closed at the window; a felicitación has nothing to answer
/// and may be closed while it is worked.
fn table_for(kind: Kind, from: Status, step: Step) -> Option<Status> {
    match (step, from) {
        (Step::Close, Status::Radicada) if kind.is_appeal() => None,
        (Step::Close, Status::Asignada | Status::EnTramite) if kind == Kind::Felicitacion => {
            Some(Status::Cerrada)
        }
        _ => table(from, step),
    }
}

/// The steps legal from `from` for a PQRS of `kind`, in lifecycle order (the conversation
/// with an affiliate, which only some requests wait for, is left out).
pub fn legal_steps(kind: Kind, from: Status) -> Vec<Step> {
    Step::ALL
        .iter()
        .copied()
        .filter(|s| *s != Step::Converse && table_for(kind, from, *s).is_some())
        .collect()
}

/// What `step` needs, whatever the state (the first half of a refusal).
fn needs(step: Step) -> &'static str {
    match step {
        Step::Assign => "se asigna antes de proyectar la respuesta",
        Step::Start => "el trámite empieza en una PQRS asignada",
        Step::RequestInfo => "se pide información antes de proyectar la respuesta",
        Step::Resume | Step::Withdraw | Step::ExtendCompletion => {
            "solo aplica a una PQRS en espera de información"
        }
        Step::Extend => "solo se amplía el término de una PQRS en trámite, antes de notificarla",
        Step::Draft => "se proyecta la respuesta de una PQRS asignada o en trámite",
        Step::Approve => "se aprueba una respuesta proyectada",
        Step::Return => "se devuelve para corrección una respuesta proyectada",
        Step::Notify => "se notifica una respuesta aprobada o un desistimiento",
        Step::Close => {
            "se cierra al resolverla en ventanilla (recién radicada) o después de notificar la \
             respuesta aprobada"
        }
        Step::Forward => "se traslada antes de proyectar la respuesta",
        Step::Archive => "solo se archiva cerrada, trasladada o desistida",
        Step::Converse => "la conversación se registra mientras la solicitud no esté cerrada",
    }
}

/// The second half of a refusal: the steps legal from `from`, by their Spanish names.
pub fn what_next(kind: Kind, from: Status) -> String {
    let legal: Vec<&str> = legal_steps(kind, from)
        .into_iter()
        .map(|s| s.label())
        .collect();
    match legal.as_slice() {
        [] => format!("una PQRS {} no admite más pasos", from.label()),
        [one] => format!("desde «{}» el paso posible es: {one}", from.label()),
        many => format!(
            "desde «{}» los pasos posibles son: {}",
            from.label(),
            many.join(", ")
        ),
    }
}

/// The state `step` leads to from `from`, or why it is not allowed (Spanish), for a PQRS of
/// any kind but the special ones (see [`next_for`]).
pub fn next(from: Status, step: Step) -> Result<Status, String> {
    next_for(Kind::Peticion, from, step)
}

/// [`next`] for a PQRS of `kind`; the refusal names what the step needs and the steps legal
/// from `from`.
pub fn next_for(kind: Kind, from: Status, step: Step) -> Result<Status, String> {
    table_for(kind, from, step).ok_or_else(|| {
        let need = if kind.is_appeal() && step == Step::Close && from == Status::Radicada {
            format!(
                "un {} no se resuelve en ventanilla; el área jurídica lo decide y notifica",
                kind.label().to_lowercase()
            )
        } else {
            needs(step).to_string()
        };
        format!(
            "no se puede pasar a «{}» una PQRS {}: {need}; {}",
            step.outcome(),
            from.label(),
            what_next(kind, from)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_follow_the_lifecycle() {
        use Status::*;
        assert_eq!(next(Radicada, Step::Assign), Ok(Asignada));
        assert_eq!(next(Asignada, Step::Start), Ok(EnTramite));
        assert_eq!(next(EnTramite, Step::Draft), Ok(Proyectada));
        assert_eq!(next(Proyectada, Step::Return), Ok(EnTramite));
        assert_eq!(next(Proyectada, Step::Approve), Ok(Aprobada));
        assert_eq!(next(Aprobada, Step::Notify), Ok(Notificada));
        assert_eq!(next(Notificada, Step::Close), Ok(Cerrada));
        assert_eq!(next(Cerrada, Step::Archive), Ok(Archivada));
        assert_eq!(
            next(Radicada, Step::Close),
            Ok(Cerrada),
            "solved at the window"
        );
        let refused = next(EnTramite, Step::Close).unwrap_err();
        assert!(refused.contains("después de notificar"), "{refused}");
        assert!(next(Archivada, Step::Assign).is_err());
        assert!(next(Radicada, Step::Approve).is_err());
        assert!(next(EnTramite, Step::Withdraw).is_err());
        assert_eq!(
            next_for(Kind::Felicitacion, EnTramite, Step::Close),
            Ok(Cerrada)
        );
        assert!(next_for(Kind::RecursoReposicion, Radicada, Step::Close).is_err());
    }

    #[test]
    fn a_closed_pqrs_is_not_told_to_approve_its_answer() {
        let refused = next(Status::Cerrada, Step::Notify).unwrap_err();
        assert!(!refused.contains("primero apruebe"), "{refused}");
        assert!(refused.contains("archivo"), "{refused}");
    }

    #[test]
    fn every_refusal_names_a_step_legal_from_that_state() {
        for kind in Kind::ALL.iter().copied() {
            for from in Status::ALL.iter().copied() {
                let legal = legal_steps(kind, from);
                for step in Step::ALL.iter().copied() {
                    let Err(why) = next_for(kind, from, step) else {
                        continue;
                    };
                    if legal.is_empty() {
                        assert!(why.contains("no admite más pasos"), "{why}");
                        continue;
                    }
                    assert!(
                        legal.iter().any(|s| why.contains(s.label())),
                        "{kind:?} {from:?} {step:?}: {why}"
                    );
                    // every step it names is really legal from there
                    for s in legal.iter() {
                        assert!(next_for(kind, from, *s).is_ok());
                    }
                }
            }
        }
    }
}
