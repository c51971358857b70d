//! Turns: labels, statuses and the transitions between them.

use serde::Serialize;

crate::closed_set! {
    /// Where a turn is in its life. Codes are the stored ones.
    pub enum Status: "estado del turno" {
        /// In the queue.
        Waiting = "waiting", "en espera", ["espera", "esperando", "pendiente"];
        /// Called to a window; the customer is walking there.
        Called = "called", "llamado", ["llamada"];
        /// Being attended.
        InAttention = "in_attention", "en atención", ["atendiendo", "en atencion"];
        /// Put aside during attention (e.g. the customer went for a document); resumable.
        Parked = "parked", "en pausa", ["pausa", "pausado", "aparcado"];
        /// Attention finished.
        Finished = "finished", "atendido", ["finalizado", "terminado", "atendida"];
        /// Called and did not come.
        NoShow = "no_show", "no se presentó", ["ausente", "no presentado", "no vino"];
        /// Cancelled.
        Cancelled = "cancelled", "cancelado", ["anulado"];
        /// Sent to another service's queue (a new turn with the same label continues there).
        Transferred = "transferred", "trasladado", ["transferido"];
        /// Still open when its business day ended.
        Expired = "expired", "vencido", ["expirado"];
    }
}

impl Status {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        self.code()
    }

    /// The Spanish word shown to people.
    pub fn spanish(self) -> &'static str {
        self.label()
    }

    /// Whether the turn's life is over.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Finished
                | Status::NoShow
                | Status::Cancelled
                | Status::Transferred
                | Status::Expired
        )
    }
}

crate::closed_set! {
    /// What a turn's history line records (the codes are the stored ones).
    pub enum EventKind: "evento del turno" {
        Issue = "issue", "entregado";
        Call = "call", "llamado";
        Recall = "recall", "llamado de nuevo";
        Start = "start", "atención iniciada";
        Finish = "finish", "atención finalizada";
        NoShow = "no_show", "no se presentó";
        Cancel = "cancel", "cancelado";
        Transfer = "transfer", "trasladado";
        Park = "park", "en pausa";
        Resume = "resume", "reanudado";
        Requeue = "requeue", "devuelto a la fila";
        Expire = "expire", "cerrado por cambio de día";
    }
}

/// Something that happens to a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    Call,
    Recall,
    Start,
    Finish,
    NoShow,
    Cancel,
    Transfer,
    Park,
    Resume,
    Expire,
}

impl Transition {
    /// The Spanish verb for messages ("no se puede {verb} un turno ...").
    pub fn spanish(self) -> &'static str {
        match self {
            Transition::Call => "llamar",
            Transition::Recall => "volver a llamar",
            Transition::Start => "atender",
            Transition::Finish => "finalizar",
            Transition::NoShow => "marcar como no presentado",
            Transition::Cancel => "cancelar",
            Transition::Transfer => "trasladar",
            Transition::Park => "pausar",
            Transition::Resume => "reanudar",
            Transition::Expire => "cerrar por cambio de día",
        }
    }
}

/// The status after `t` from `from`, or `None` when the transition is not allowed.
pub fn apply(from: Status, t: Transition) -> Option<Status> {
    use Status as S;
    use Transition as T;
    match (from, t) {
        (S::Waiting, T::Call) => Some(S::Called),
        (S::Called, T::Recall) => Some(S::Called),
        (S::Called, T::Start) => Some(S::InAttention),
        (S::Called, T::NoShow) => Some(S::NoShow),
        (S::InAttention, T::Finish) => Some(S::Finished),
        (S::InAttention, T::Park) => Some(S::Parked),
        (S::Parked, T::Resume) => Some(S::InAttention),
        (S::Called | S::InAttention | S::Parked, T::Transfer) => Some(S::Transferred),
        (S::Waiting | S::Called | S::Parked, T::Cancel) => Some(S::Cancelled),
        (s, T::Expire) if !s.is_final() => Some(S::Expired),
        _ => None,
    }
}

/// A turn's printed label: service letter and number (`E-023`); manual (paper) turns carry
/// an `M` (`ME-015`) so they never collide with digital numbers.
pub fn label(service: &str, number: u32, manual: bool) -> String {
    let m = if manual { "M" } else { "" };
    format!("{m}{service}-{number:03}")
}

crate::closed_set! {
    /// Reasons that entitle to preferential attention (Ley 1437 de 2011 art. 5).
    pub enum PreferentialReason: "motivo preferencial" {
        Discapacidad = "discapacidad", "Persona con discapacidad", ["discapacitado"];
        AdultoMayor = "adulto-mayor", "Adulto mayor", ["tercera edad", "mayor"];
        Gestante = "gestante", "Mujer gestante", ["embarazada", "embarazo"];
        Ninez = "ninez", "Niña, niño o adolescente",
            ["niñez", "nino", "nina", "menor", "adolescente", "niños"];
        Vulnerabilidad = "vulnerabilidad", "Persona en situación de vulnerabilidad",
            ["vulnerable"];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn labels() {
        assert_eq!(label("E", 23, false), "E-023");
        assert_eq!(label("E", 1234, false), "E-1234");
        assert_eq!(label("E", 15, true), "ME-015");
    }

    #[test]
    fn happy_path_and_refusals() {
        let s = apply(Status::Waiting, Transition::Call).unwrap();
        let s = apply(s, Transition::Recall).unwrap();
        let s = apply(s, Transition::Start).unwrap();
        let s = apply(s, Transition::Park).unwrap();
        let s = apply(s, Transition::Resume).unwrap();
        assert_eq!(apply(s, Transition::Finish), Some(Status::Finished));
        assert_eq!(apply(Status::Waiting, Transition::Finish), None);
        assert_eq!(apply(Status::Finished, Transition::Cancel), None);
        assert_eq!(apply(Status::InAttention, Transition::Cancel), None);
    }

    fn any_transition() -> impl Strategy<Value = Transition> {
        prop::sample::select(vec![
            Transition::Call,
            Transition::Recall,
            Transition::Start,
            Transition::Finish,
            Transition::NoShow,
            Transition::Cancel,
            Transition::Transfer,
            Transition::Park,
            Transition::Resume,
            Transition::Expire,
        ])
    }

    proptest! {
        /// Random sequences never leave a final status and never call a turn twice.
        #[test]
        fn lifecycle_never_reaches_an_illegal_state(steps in prop::collection::vec(any_transition(), 0..40)) {
            let mut status = Status::Waiting;
            let mut calls = 0;
            for t in steps {
                if let Some(next) = apply(status, t) {
                    prop_assert!(!status.is_final(), "moved out of final {:?}", status);
                    if t == Transition::Call { calls += 1; }
                    status = next;
                }
            }
            prop_assert!(calls <= 1);
        }
    }
}
