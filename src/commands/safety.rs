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
    if h.audit_problems.is_empty() {
        lines.push(format!(
            "Auditoría: cadena íntegra ({} registros).",
            h.audit_records
        ));
    }
    for p in &h.audit_problems {
        lines.push(format!("Auditoría alterada: {p}."));
    }
    lines.push(format!("Versión del esquema: {}.", h.schema_version));
    for (path, n) in &h.copies_with_deleted {
        lines.push(format!(
            "Copia con {n} persona(s) suprimida(s) después de hacerla: {path}. Bórrela cuando \
             ya no la necesite; si debe usarla, restáurela con `ventanilla restore`, que vuelve \
             a aplicar las supresiones."
        ));
    }
    if h.cleanup_pending {
        lines.push(
            "Limpieza pendiente tras una supresión: un proceso tenía abierta una lectura \
             antigua y el archivo aún guarda páginas viejas; se completa sola al abrir la base \
             cuando no haya lectores (cierre las consolas y ejecute cualquier orden)."
                .to_string(),
        );
    }
    lines
}

/// Makes a verified backup.
pub fn backup(ctx: &Ctx, file: Option<&Path>, json: bool) -> Result<()> {
    let store = ctx.store()?;
    let made = desk::backup::backup(&store, &ctx.loaded.config, ctx.clock.now(), file)?;
    if json {
        return print_json(&made);
    }
    crate::say!(
        "Copia verificada en {} ({:.1} MB).",
        made.path,
        made.bytes as f64 / 1e6
    );
    Ok(())
}

/// The environment variable that allows restoring, without a question, a backup of another
/// branch: it must hold that branch's code (`--yes` alone restores only this branch's copies).
pub const OTHER_BRANCH_ENV: &str = "VENTANILLA_RESTAURAR_OTRA_SEDE";

/// Restores a backup after naming the branch it belongs to and asking (unless `--yes`); a
/// backup of another branch needs its code typed, or `--yes` with
/// `VENTANILLA_RESTAURAR_OTRA_SEDE=CODE`.
pub fn restore(ctx: &Ctx, file: &Path, yes: bool) -> Result<()> {
    let mut store = ctx.store()?;
    let theirs = desk::backup::inspect(file)?;
    let here = desk::setup::branch_info(&store)?;
    let name = theirs.branch.clone().unwrap_or_else(|| "sin nombre".into());
    let code = theirs.branch_code.clone().unwrap_or_default();
    let other = here.as_ref().is_some_and(|h| h.code != code);
    let target = store
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    if other && yes && std::env::var(OTHER_BRANCH_ENV).ok().as_deref() != Some(code.as_str()) {
        return Err(Error::refused(format!(
            "{} es una copia de la sede «{name}» ({code}), no de esta ({}): para restaurarla \
             sin preguntar, indique también {OTHER_BRANCH_ENV}={code}",
            file.display(),
            here.map(|h| h.code).unwrap_or_default()
        )));
    }
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Error::Usage(format!(
                "restaurar reemplaza toda la base (la copia es de la sede «{name}»): confirme \
                 con --yes"
            )));
        }
        let (word, warning) = if other {
            (
                code.clone(),
                format!("ATENCIÓN: la copia es de OTRA sede, «{name}» ({code}). "),
            )
        } else {
            (
                "SI".to_string(),
                format!("La copia es de la sede «{name}». "),
            )
        };
        eprint!(
            "{warning}Se reemplazará {target} por {}. Las consolas abiertas verán los datos de \
             la copia. Escriba {word} para continuar: ",
            file.display()
        );
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if answer.trim() != word {
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
    crate::say!(
        "Base restaurada desde {} (sede «{name}»). La anterior quedó en {}.",
        file.display(),
        aside.display()
    );
    Ok(())
}

/// Checks the database as it is (no upgrade, nothing sealed); exit 1 when something is wrong.
pub fn check(ctx: &Ctx, json: bool) -> Result<()> {
    let store = crate::store::Store::open_as_is(&ctx.db_path()?)?;
    let h = desk::backup::check_all(&store, &ctx.loaded.config)?;
    if json {
        print_json(&h)?;
    } else {
        for l in describe(&h) {
            crate::say!("{l}");
        }
    }
    match h.audit_problems.first() {
        _ if h.sound() => Ok(()),
        Some(p) => Err(Error::Refused(format!(
            "la revisión encontró problemas; auditoría alterada: {p}"
        ))),
        None => Err(Error::Refused("la revisión encontró problemas".into())),
    }
}
