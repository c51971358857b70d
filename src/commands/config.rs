//! `ventanilla config show`.

use super::{Ctx, print_json};
use crate::cli::ConfigCommand;
use crate::error::{Error, Result};

/// Prints the effective configuration and where it came from.
pub fn run(ctx: &Ctx, cmd: ConfigCommand) -> Result<()> {
    let ConfigCommand::Show { json } = cmd;
    let loaded = &ctx.loaded;
    // a password written into the central server's URL is never shown
    let mut config = loaded.config.clone();
    config.central.url = config.central.url.as_deref().map(crate::central::redacted);
    let user_file = loaded
        .sources
        .user_file
        .as_ref()
        .map(|p| p.display().to_string());
    let applied = loaded
        .sources
        .applied
        .as_ref()
        .map(|p| p.display().to_string());
    if json {
        return print_json(&serde_json::json!({
            "user_file": user_file,
            "applied_file": applied,
            "database": ctx.db_path().ok(),
            "config": config,
        }));
    }
    let user_state = match &loaded.sources.user_file {
        Some(p) if p.exists() => format!("{} (existe)", p.display()),
        Some(p) => format!("{} (no existe)", p.display()),
        None => "(sin carpeta de configuración)".into(),
    };
    crate::say!("# Valores predeterminados: incluidos en el programa");
    crate::say!("# Archivo del usuario:     {user_state}");
    crate::say!(
        "# Archivo aplicado:        {}",
        applied.unwrap_or_else(|| "ninguno".into())
    );
    let db = ctx
        .db_path()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|e| e.to_string());
    crate::say!("# Base de datos:           {db}");
    if central_terms(ctx) {
        crate::say!("# Términos de ley:         los del servidor central (última sincronización)");
    }
    crate::say!();
    let text = toml::to_string_pretty(&config)
        .map_err(|e| Error::Usage(format!("no se pudo mostrar la configuración: {e}")))?;
    print!("{text}");
    Ok(())
}

/// Whether the branch applies terms handed down by the central server.
fn central_terms(ctx: &Ctx) -> bool {
    ctx.store().is_ok_and(|s| {
        crate::store::settings::get(s.conn(), crate::config::central_terms::SETTING)
            .ok()
            .flatten()
            .is_some()
    })
}
