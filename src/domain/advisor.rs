//! Advisor states over the day: available, in attention, paused (with a configured reason),
//! logged out; and the time spent in each.

crate::closed_set! {
    /// What an advisor is doing. Stored: available, paused, logged out; in attention is read
    /// from the turns being served.
    pub enum State: "estado del asesor" {
        Available = "available", "disponible", ["libre", "activo"];
        InAttention = "in_attention", "en atención", ["atendiendo", "en atencion"];
        Paused = "paused", "en pausa", ["pausa", "ausente"];
        LoggedOut = "logged_out", "fuera de línea", ["salio", "desconectado", "fuera de linea"];
    }
}

/// One stored change of state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Seconds since the start of the day.
    pub at: i64,
    pub state: State,
    pub reason: String,
}

/// Seconds per state of one advisor's day: (paused per reason, signed-in seconds). `end` is
/// the end of the period looked at (the end of the day, or now).
pub fn paused_and_signed_in(changes: &[Change], end: i64) -> (Vec<(String, i64)>, i64) {
    let mut paused: Vec<(String, i64)> = Vec::new();
    let mut signed_in = 0;
    for (i, c) in changes.iter().enumerate() {
        let until = changes.get(i + 1).map_or(end, |n| n.at).max(c.at);
        let span = until - c.at;
        match c.state {
            State::LoggedOut => {}
            State::Paused => {
                signed_in += span;
                match paused.iter_mut().find(|(r, _)| *r == c.reason) {
                    Some((_, s)) => *s += span,
                    None => paused.push((c.reason.clone(), span)),
                }
            }
            State::Available | State::InAttention => signed_in += span,
        }
    }
    (paused, signed_in)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(at: i64, state: State, reason: &str) -> Change {
        Change {
            at,
            state,
            reason: reason.into(),
        }
    }

    #[test]
    fn pauses_add_up_per_reason_inside_the_signed_in_time() {
        let day = [
            at(100, State::Available, ""),
            at(400, State::Paused, "almuerzo"),
            at(700, State::Available, ""),
            at(800, State::Paused, "pausa activa"),
            at(850, State::Paused, "almuerzo"),
            at(900, State::LoggedOut, ""),
            at(1000, State::Available, ""),
        ];
        let (paused, signed_in) = paused_and_signed_in(&day, 1100);
        assert_eq!(
            paused,
            vec![
                ("almuerzo".to_string(), 350),
                ("pausa activa".to_string(), 50)
            ]
        );
        assert_eq!(signed_in, 800 + 100);
    }
}
