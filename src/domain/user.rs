//! Staff users: roles, usernames, PINs and the login back-off rule.

use chrono::Duration;
use serde::Serialize;
use std::fmt;

/// What a staff member may do. Ordered: each role can do what the ones before it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Asesor de servicios at a window.
    Asesor,
    /// Supervisor / coordinador.
    Supervisor,
    /// Administrator of the installation.
    Administrador,
}

impl Role {
    /// The Spanish name, as typed on the command line and stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Asesor => "asesor",
            Role::Supervisor => "supervisor",
            Role::Administrador => "administrador",
        }
    }

    /// Parses a role name (case-insensitive).
    pub fn parse(text: &str) -> Option<Role> {
        match text.trim().to_lowercase().as_str() {
            "asesor" => Some(Role::Asesor),
            "supervisor" => Some(Role::Supervisor),
            "administrador" | "admin" => Some(Role::Administrador),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Checks a username: 3–32 of lower-case letters, digits, `.`, `-`, `_`, starting with a letter.
pub fn check_username(name: &str) -> Result<(), String> {
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    let starts = name.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    if (3..=32).contains(&name.len()) && ok_chars && starts {
        Ok(())
    } else {
        Err(format!(
            "usuario «{name}» inválido: use de 3 a 32 letras minúsculas sin tilde, dígitos, \
             punto, guion o guion bajo, empezando por una letra"
        ))
    }
}

/// How a username as typed may be written to the audit log or shown: as typed when it has the
/// form of a username; otherwise masked, since what does not fit (all digits, too short,
/// spaces) may be a PIN or a passphrase typed into the wrong field.
pub fn loggable_username(typed: &str) -> String {
    if check_username(typed).is_ok() {
        typed.to_string()
    } else {
        format!("(no válido, {} caracteres)", typed.chars().count())
    }
}

/// The shortest PIN any configuration may allow.
pub const PIN_MIN: usize = 4;
/// The longest PIN or passphrase accepted.
pub const PIN_MAX: usize = 64;

/// Checks a new PIN: from `min_len` (the configured `session.pin_min_length`, at least 4) to
/// 64 characters, digits or a passphrase, without control characters.
pub fn check_pin(pin: &str, min_len: usize) -> Result<(), String> {
    let min_len = min_len.clamp(PIN_MIN, PIN_MAX);
    let len = pin.chars().count();
    if (min_len..=PIN_MAX).contains(&len) && !pin.chars().any(char::is_control) {
        Ok(())
    } else {
        Err(format!(
            "el PIN debe tener de {min_len} a {PIN_MAX} caracteres (dígitos, o una frase con \
             letras y espacios)"
        ))
    }
}

/// Consecutive wrong PINs allowed before a delay is imposed.
pub const FREE_ATTEMPTS: u32 = 3;

/// The wait imposed after `failures` consecutive wrong PINs: none for the first two, then
/// 5 s after the third, doubling with each further failure, capped at 5 minutes.
pub fn login_delay(failures: u32) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::zero();
    }
    let doublings = (failures - FREE_ATTEMPTS).min(6);
    Duration::seconds((5_i64 << doublings).min(300))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_and_order() {
        assert_eq!(Role::parse("Supervisor"), Some(Role::Supervisor));
        assert_eq!(Role::parse("jefe"), None);
        assert!(Role::Administrador > Role::Supervisor && Role::Supervisor > Role::Asesor);
    }

    #[test]
    fn usernames_and_pins() {
        assert!(check_username("asesor1").is_ok());
        assert!(check_username("ana.gómez").is_err());
        assert!(check_username("1ana").is_err());
        assert!(check_username("ab").is_err());
        assert!(check_pin("1234", 4).is_ok());
        assert!(check_pin("12345678", 4).is_ok());
        assert!(check_pin("123", 4).is_err());
        assert!(check_pin("123", 0).is_err(), "never shorter than 4");
        assert!(check_pin("1234", 6).is_err());
        assert!(check_pin("caballo correcto", 12).is_ok());
        assert!(check_pin("caballo", 12).is_err());
        assert!(check_pin("12\n4", 4).is_err());
        assert!(check_pin(&"9".repeat(65), 4).is_err());
    }

    #[test]
    fn what_looks_like_a_pin_is_never_logged() {
        assert_eq!(loggable_username("asesor1"), "asesor1");
        for typed in ["1234", "98765432", "ab", "mi clave", "Ana"] {
            let shown = loggable_username(typed);
            assert!(!shown.contains(typed), "{typed} → {shown}");
        }
    }

    #[test]
    fn delay_grows_after_three_failures() {
        assert_eq!(login_delay(2), Duration::zero());
        assert_eq!(login_delay(3), Duration::seconds(5));
        assert_eq!(login_delay(4), Duration::seconds(10));
        assert_eq!(login_delay(5), Duration::seconds(20));
        assert_eq!(login_delay(40), Duration::seconds(300));
    }
}
