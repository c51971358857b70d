//! PIN hashing: argon2id with parameters chosen so that one guess costs at least a quarter of a
//! second on the branch server (figure and command in BENCHMARKS.md).
//!
//! A stored hash is a PHC string that carries its own parameters, so hashes written with other
//! parameters (older releases used argon2's defaults: 19 MiB, 2 passes) still verify; a
//! successful login rehashes them with the current ones.
//!
//! Tests create many users, so a test process may lower the cost with
//! [`use_test_cost`] (in-process) or `VENTANILLA_PIN_COSTE=pruebas` (child processes). Both
//! only make *new* hashes cheaper; the product default is the strong cost, and a hash stored
//! with the test cost is upgraded at the next login made at the strong cost.

use crate::error::{Error, Result};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::atomic::{AtomicBool, Ordering};

/// Memory per guess, in KiB (128 MiB).
pub const MEMORY_KIB: u32 = 128 * 1024;
/// Passes over that memory.
pub const ITERATIONS: u32 = 3;
/// Lanes (one: an attacker's extra cores do not help a single guess less than ours).
pub const LANES: u32 = 1;

/// The environment variable that lowers the cost for test processes.
pub const TEST_COST_ENV: &str = "VENTANILLA_PIN_COSTE";

static TEST_COST: AtomicBool = AtomicBool::new(false);

/// Lowers the cost of new hashes in this process (tests only: the product never calls it).
pub fn use_test_cost() {
    TEST_COST.store(true, Ordering::Relaxed);
}

fn test_cost() -> bool {
    cfg!(test)
        || TEST_COST.load(Ordering::Relaxed)
        || std::env::var(TEST_COST_ENV).is_ok_and(|v| v == "pruebas")
}

/// The parameters new hashes are made with.
pub fn current_params() -> Params {
    let (m, t) = if test_cost() {
        (Params::MIN_M_COST.max(8 * LANES), Params::MIN_T_COST)
    } else {
        (MEMORY_KIB, ITERATIONS)
    };
    Params::new(m, t, LANES, None).unwrap_or_default()
}

fn hasher(params: Params) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a PIN with argon2id, the current parameters and a fresh random salt.
pub fn hash(pin: &str) -> Result<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    hasher(current_params())
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Usage(format!("no se pudo proteger el PIN: {e}")))
}

/// The outcome of checking a PIN against a stored hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Wrong PIN, or a hash that cannot be read.
    Wrong,
    /// Right PIN, and the hash already uses the current algorithm and parameters.
    Right,
    /// Right PIN, but the hash is weaker than the current parameters: store a new one.
    RightButWeak,
}

/// Checks `pin` against `stored` with the parameters recorded in the hash itself.
pub fn verify(pin: &str, stored: &str) -> Verdict {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return Verdict::Wrong;
    };
    if Argon2::default()
        .verify_password(pin.as_bytes(), &parsed)
        .is_err()
    {
        return Verdict::Wrong;
    }
    if weaker_than_current(&parsed) {
        Verdict::RightButWeak
    } else {
        Verdict::Right
    }
}

fn weaker_than_current(parsed: &PasswordHash<'_>) -> bool {
    let current = current_params();
    let Ok(stored) = Params::try_from(parsed) else {
        return true;
    };
    parsed.algorithm.as_str() != "argon2id"
        || stored.m_cost() < current.m_cost()
        || stored.t_cost() < current.t_cost()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_wrong_pin() {
        let h = hash("4321").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert_eq!(verify("4321", &h), Verdict::Right);
        assert_eq!(verify("4322", &h), Verdict::Wrong);
        assert_eq!(verify("4321", "not a hash"), Verdict::Wrong);
    }

    #[test]
    fn an_older_default_hash_still_verifies_and_asks_for_a_rehash() {
        // What earlier releases stored: argon2's defaults (argon2id, 19 MiB, 2 passes) are
        // stronger than the test cost, so build a weaker one (argon2i) to see the upgrade.
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        let old = Argon2::new(Algorithm::Argon2i, Version::V0x13, current_params())
            .hash_password(b"1234", &salt)
            .unwrap()
            .to_string();
        assert_eq!(verify("1234", &old), Verdict::RightButWeak);
        assert_eq!(verify("9999", &old), Verdict::Wrong);
    }

    #[test]
    fn the_product_cost_is_the_strong_one() {
        let strong = Params::new(MEMORY_KIB, ITERATIONS, LANES, None).unwrap();
        assert!(strong.m_cost() >= 64 * 1024 && strong.t_cost() >= 3);
    }
}
