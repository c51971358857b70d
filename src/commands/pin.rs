//! Reading a PIN: without echo on a terminal (asked twice), else the first line of stdin.

use crate::error::{Error, Result};
use std::io::{BufRead, IsTerminal};

/// Reads a new PIN for `who`.
pub fn read_new(who: &str, cfg: &crate::config::Config) -> Result<String> {
    if std::io::stdin().is_terminal() {
        let min = cfg.session.pin_min_length;
        let first = prompt(&format!("PIN para {who} (al menos {min} caracteres): "))?;
        let second = prompt("Repita el PIN: ")?;
        if first != second {
            return Err(Error::refused(
                "los dos PIN no coinciden; no se guardó nada",
            ));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

fn prompt(text: &str) -> Result<String> {
    rpassword::prompt_password(text).map_err(Error::from)
}
