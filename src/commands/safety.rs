//! `ventanilla backup`, `restore` and `check`.

use super::{Ctx, print_json};
use crate::desk;
use crate::error::{Error, Result};
use crate::store::backup::Health;
use std::io::IsTerminal;
use std::path::Path;

fn describe(h: &Health) -> Vec<String> {
    let mut lines = Vec::new();
    if h.integrity == ["ok"] {
        lines.push("Integridad de la base: correcta.".to_string());
    } else {
        lines.push(format!(
            "Integridad de la base: {} problema(s): {}",
            h.integrity.len(),
            h.integrity.join("; ")
        ));
    }
    lines.push(match h.foreign_key_problems {
        0 => "Referencias entre tablas: correctas.".to_string(),
        n => format!("Referencias entre tablas: {n} fila(s) apuntan a registros que no existen."),
    });
    lines.push(match &h.audit_broken_at {
        None => format!("Auditoría: cadena íntegra ({} registros).", h.audit_records),
        Some((id, why)) => format!("Auditoría: cadena rota en el registro {id}: {why}."),
    });
    lines.push(format!("Versión del esquema: {}.", h.schema_version));
    lines
}

/// Makes a verified backup.
pub fn backup(ctx: &Ctx, file: Option<&Path>, json: bool) -> Result<()> {
    let store = ctx.store()?;
    let made = desk::backup::backup(&store, &ctx.loaded.config, ctx.clock.now(), file)?;
    if json {
        return print_json(&made);
    }
    println!(
        "Copia verificada en {} ({:.1} MB).",
        made.path,
        made.bytes as f64 / 1e6
    );
    Ok(())
}

/// Restores a backup after asking (unless `--yes`).
pub fn restore(ctx: &Ctx, file: &Path, yes: bool) -> Result<()> {
    let mut store = ctx.store()?;
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Error::Usage(
                "restaurar reemplaza toda la base: confirme con --yes".into(),
            ));
        }
        eprint!(
            "Se reemplazará {} por {}. Las consolas abiertas verán los datos de la copia. \
             Escriba SI para continuar: ",
            store
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            file.display()
        );
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if answer.trim() != "SI" {
            return Err(Error::NothingToDo("restauración cancelada".into()));
        }
    }
    let actor = ctx.actor(&store, None)?;
    let aside = desk::backup::restore(
        &mut store,
        ctx.clock.as_ref(),
        &actor,
        &ctx.loaded.config,
        file,
    )?;
    println!(
        "Base restaurada desde {}. La anterior quedó en {}.",
        file.display(),
        aside.display()
    );
    Ok(())
}

/// Checks the database; exit 1 when something is wrong.
pub fn check(ctx: &Ctx, json: bool) -> Result<()> {
    let store = ctx.store()?;
    let h = desk::backup::check(&store)?;
    if json {
        print_json(&h)?;
    } else {
        for l in describe(&h) {
            println!("{l}");
        }
    }
    if h.sound() {
        Ok(())
    } else {
        Err(Error::Refused("la revisión encontró problemas".into()))
    }
}
