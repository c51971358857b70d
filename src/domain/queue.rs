//! Who is next at a window: a pure function, property-tested.
//!
//! A window calls from the services it serves. Preferential turns go first; within a class the
//! window's service order decides, then the issue time (first come, first served). After
//! `max_preferential_streak` consecutive preferential calls at the window, a regular turn that
//! has waited at least `starvation_minutes` is called first, so regular turns never starve.

use chrono::{DateTime, Duration, Utc};

/// A waiting turn as the policy sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    pub service: String,
    pub preferential: bool,
    /// When the customer took the turn (kept across transfers).
    pub issued_at: DateTime<Utc>,
}

/// The policy's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub max_preferential_streak: u32,
    pub starvation_minutes: i64,
}

/// Picks the next turn for a window serving `services` (in order), given how many of the
/// window's latest calls in a row were preferential.
pub fn next<'a>(
    waiting: &'a [Candidate],
    services: &[String],
    policy: Policy,
    preferential_streak: u32,
    now: DateTime<Utc>,
) -> Option<&'a Candidate> {
    let rank = |c: &Candidate| services.iter().position(|s| *s == c.service);
    let eligible = || waiting.iter().filter(|c| rank(c).is_some());
    let key = |c: &&Candidate| (rank(c), c.issued_at, c.id);
    let oldest_regular = eligible().filter(|c| !c.preferential).min_by_key(key);
    if preferential_streak >= policy.max_preferential_streak {
        let limit = Duration::minutes(policy.starvation_minutes);
        let starving = eligible()
            .filter(|c| !c.preferential && now - c.issued_at >= limit)
            .min_by_key(|c| (c.issued_at, c.id));
        if starving.is_some() {
            return starving;
        }
    }
    eligible()
        .filter(|c| c.preferential)
        .min_by_key(key)
        .or(oldest_regular)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    const POLICY: Policy = Policy {
        max_preferential_streak: 3,
        starvation_minutes: 20,
    };

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 13, 0, 0).unwrap()
    }

    fn c(id: i64, service: &str, pref: bool, minute: i64) -> Candidate {
        Candidate {
            id,
            service: service.into(),
            preferential: pref,
            issued_at: t0() + Duration::minutes(minute),
        }
    }

    fn svc(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn preferential_first_then_service_order_then_fifo() {
        let w = [
            c(1, "E", false, 0),
            c(2, "R", false, -5),
            c(3, "R", true, 3),
            c(4, "E", true, 4),
        ];
        let now = t0() + Duration::minutes(5);
        assert_eq!(next(&w, &svc(&["E", "R"]), POLICY, 0, now).unwrap().id, 4);
        let regular = [
            c(1, "E", false, 2),
            c(2, "R", false, -5),
            c(5, "E", false, 1),
        ];
        assert_eq!(
            next(&regular, &svc(&["E", "R"]), POLICY, 0, now)
                .unwrap()
                .id,
            5
        );
        assert_eq!(
            next(&regular, &svc(&["R", "E"]), POLICY, 0, now)
                .unwrap()
                .id,
            2
        );
        assert!(next(&regular, &svc(&["S"]), POLICY, 0, now).is_none());
    }

    #[test]
    fn starving_regular_goes_first_after_the_streak() {
        let w = [c(1, "E", false, 0), c(2, "E", true, 10)];
        let now = t0() + Duration::minutes(25);
        assert_eq!(next(&w, &svc(&["E"]), POLICY, 2, now).unwrap().id, 2);
        assert_eq!(next(&w, &svc(&["E"]), POLICY, 3, now).unwrap().id, 1);
        // not waited long enough yet: preferential keeps priority
        assert_eq!(
            next(&w, &svc(&["E"]), POLICY, 3, t0() + Duration::minutes(19))
                .unwrap()
                .id,
            2
        );
    }

    fn candidates() -> impl Strategy<Value = Vec<Candidate>> {
        prop::collection::vec(
            (
                prop::sample::select(vec!["A", "E", "R"]),
                any::<bool>(),
                0i64..120,
            ),
            0..40,
        )
        .prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (s, p, m))| c(i as i64, s, p, m))
                .collect()
        })
    }

    /// Calls until the queue empties, one call per simulated minute; returns the call order.
    fn drain(mut waiting: Vec<Candidate>, services: &[String]) -> Vec<Candidate> {
        let mut order = Vec::new();
        let mut streak = 0;
        let mut now = t0() + Duration::minutes(120);
        while let Some(pick) = next(&waiting, services, POLICY, streak, now).cloned() {
            streak = if pick.preferential { streak + 1 } else { 0 };
            waiting.retain(|c| c.id != pick.id);
            order.push(pick);
            now += Duration::minutes(1);
        }
        order
    }

    proptest! {
        /// Every eligible turn is eventually called, and only eligible ones.
        #[test]
        fn never_skips_an_eligible_turn_forever(w in candidates()) {
            let services = svc(&["E", "R"]);
            let order = drain(w.clone(), &services);
            let eligible = w.iter().filter(|c| c.service != "A").count();
            prop_assert_eq!(order.len(), eligible);
            prop_assert!(order.iter().all(|c| c.service != "A"));
        }

        /// Within a class and service, first come first served.
        #[test]
        fn fifo_within_class_and_service(w in candidates()) {
            let order = drain(w, &svc(&["A", "E", "R"]));
            for (i, a) in order.iter().enumerate() {
                for b in &order[i + 1..] {
                    if a.service == b.service && a.preferential == b.preferential {
                        prop_assert!(a.issued_at <= b.issued_at);
                    }
                }
            }
        }

        /// A regular turn is called only when no preferential one waits, unless the streak
        /// bound was reached; and the streak never exceeds the bound while a starving regular waits.
        #[test]
        fn preferential_first_within_the_starvation_bound(w in candidates(), streak in 0u32..6) {
            let now = t0() + Duration::minutes(60);
            let services = svc(&["A", "E", "R"]);
            if let Some(pick) = next(&w, &services, POLICY, streak, now) {
                let any_pref = w.iter().any(|c| c.preferential);
                if !pick.preferential && any_pref {
                    prop_assert!(streak >= POLICY.max_preferential_streak);
                    prop_assert!(now - pick.issued_at >= Duration::minutes(POLICY.starvation_minutes));
                }
            }
        }
    }
}
