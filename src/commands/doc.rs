//! `ventanilla doc check|dv`.

use super::print_json;
use crate::cli::DocCommand;
use crate::domain::ids::{self, DocType};
use crate::error::{Error, Result};

/// Runs a document subcommand.
pub fn run(cmd: DocCommand) -> Result<()> {
    match cmd {
        DocCommand::Check { kind, number, json } => {
            let kind = DocType::parse(&kind).ok_or_else(|| {
                let codes: Vec<&str> = ids::ALL.iter().map(|t| t.code()).collect();
                Error::Usage(format!(
                    "tipo de documento «{kind}» desconocido: use {}",
                    codes.join(", ")
                ))
            })?;
            let parsed = ids::parse(kind, &number).map_err(Error::Refused)?;
            if json {
                return print_json(&serde_json::json!({
                    "type": kind.code(),
                    "number": parsed.document.number,
                    "valid": true,
                    "warnings": parsed.warnings,
                }));
            }
            for w in &parsed.warnings {
                eprintln!("aviso: {w}");
            }
            crate::say!("{}\tválido", parsed.document.number);
        }
        DocCommand::Dv { number } => {
            let digits: String = number
                .chars()
                .filter(|c| !matches!(c, '.' | ' ' | ','))
                .collect();
            let dv = ids::nit_dv(&digits).ok_or_else(|| {
                Error::refused(format!(
                    "«{number}» no es un NIT sin dígito de verificación (hasta 15 dígitos)"
                ))
            })?;
            crate::say!("{dv}");
        }
    }
    Ok(())
}
