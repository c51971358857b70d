//! Stations: the devices of a branch that reach the branch server over OpenSSH, each forced to
//! one mode (and window, where the mode needs one).

crate::closed_set! {
    /// What a station runs.
    pub enum Mode: "modo del equipo" {
        Console = "console", "consola", ["asesor", "ventanilla"];
        Kiosk = "kiosk", "quiosco", ["atril", "dispensador", "turnero"];
        Display = "display", "pantalla", ["tv", "televisor", "sala"];
        Rate = "rate", "calificación", ["calificador", "teclado", "encuesta"];
        Supervisor = "supervisor", "supervisor", ["supervision"];
        Pqrs = "pqrs", "PQRS", ["back office", "oficina de pqrs"];
    }
}

impl Mode {
    /// The modes that serve one window (the console and the rating device).
    pub fn needs_window(self) -> bool {
        matches!(self, Mode::Console | Mode::Rate)
    }
}

/// Whether `key` looks like one line of an OpenSSH public key: a known key type, base64 data,
/// an optional comment, no line breaks or options (which would let it widen its own rights).
pub fn valid_public_key(key: &str) -> bool {
    const TYPES: [&str; 6] = [
        "ssh-ed25519",
        "ssh-rsa",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com",
    ];
    if key.contains(['\n', '\r', '"']) {
        return false;
    }
    let mut parts = key.split_whitespace();
    let (Some(kind), Some(data)) = (parts.next(), parts.next()) else {
        return false;
    };
    TYPES.contains(&kind)
        && data.len() >= 16
        && data
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_keys_are_one_plain_line() {
        let ok = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeFakeFakeFakeFakeFakeFakeFake pc-v1";
        assert!(valid_public_key(ok));
        assert!(!valid_public_key(
            "command=\"/bin/sh\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5"
        ));
        assert!(!valid_public_key("ssh-ed25519 AAAA\nssh-rsa BBBB"));
        assert!(!valid_public_key("ssh-dss AAAAB3NzaC1kc3MAAACBAP"));
        assert!(!valid_public_key("ssh-ed25519"));
    }
}
