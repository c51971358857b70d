//! Turns: labels, statuses and the transitions between them.

use serde::Serialize;

/// Where a turn is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In the queue.
    Waiting,
    /// Called to a window; the customer is walking there.
    Called,
    /// Being attended.
    InAttention,
    /// Put aside during attention (e.g. the customer went for a document); resumable.
    Parked,
    /// Attention finished.
    Finished,
    /// Called and did not come.
    NoShow,
    /// Cancelled.
    Cancelled,
    /// Sent to another service's queue (a new turn with the same label continues there).
    Transferred,
    /// Still open when its business day ended.
    Expired,
}

/// Every status with its stored name.
pub const ALL: [(Status, &str); 9] = [
    (Status::Waiting, "waiting"),
    (Status::Called, "called"),
    (Status::InAttention, "in_attention"),
    (Status::Parked, "parked"),
    (Status::Finished, "finished"),
    (Status::NoShow, "no_show"),
    (Status::Cancelled, "cancelled"),
    (Status::Transferred, "transferred"),
    (Status::Expired, "expired"),
];

impl Status {
    /// The stored (English) name.
    pub fn as_str(self) -> &'static str {
        ALL.iter()
            .find(|(s, _)| *s == self)
            .map(|(_, n)| *n)
            .unwrap_or("waiting")
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Status> {
        ALL.iter().find(|(_, n)| *n == name).map(|(s, _)| *s)
    }

    /// The Spanish word shown to people.
    pub fn spanish(self) -> &'static str {
        match self {
            Status::Waiting => "en espera",
            Status::Called => "llamado",
            Status::InAttention => "en atención",
            Status::Parked => "en pausa",
            Status::Finished => "atendido",
            Status::NoShow => "no se presentó",
            Status::Cancelled => "cancelado",
            Status::Transferred => "trasladado",
            Status::Expired => "vencido",
        }
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

/// Reasons that entitle to preferential attention (Ley 1437 de 2011 art. 5).
pub const PREFERENTIAL_REASONS: [(&str, &str); 5] = [
    ("discapacidad", "Persona con discapacidad"),
    ("adulto-mayor", "Adulto mayor"),
    ("gestante", "Mujer gestante"),
    ("ninez", "Niña, niño o adolescente"),
    ("vulnerabilidad", "Persona en situación de vulnerabilidad"),
];

/// Checks a preferential reason code.
pub fn check_reason(code: &str) -> Result<&'static str, String> {
    let code = code.trim().to_lowercase();
    PREFERENTIAL_REASONS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(c, _)| *c)
        .ok_or_else(|| {
            let codes: Vec<&str> = PREFERENTIAL_REASONS.iter().map(|(c, _)| *c).collect();
            format!(
                "motivo preferencial «{code}» desconocido: use {}",
                codes.join(", ")
            )
        })
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
