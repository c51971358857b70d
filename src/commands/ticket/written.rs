//! The written side of a PQRS on the command line: answer drafts, letters (PDF, printed)
//! and their deliveries.

use super::*;

/// Writes the PDF of a decision's letter, and prints it where a printer is configured.
pub(super) fn letter(
    ctx: &Ctx,
    radicado: &str,
    which: crate::domain::request::Letter,
    out: Option<&std::path::Path>,
    print: bool,
) -> Result<()> {
    let store = ctx.store()?;
    let config = &ctx.loaded.config;
    let (title, blocks) = desk::pqrs::letter(&store, config, today(ctx), radicado, which)?;
    if let Some(out) = out {
        let bytes = crate::pdf::letter(&title, &blocks);
        crate::files::write_new_private(out, &bytes).map_err(|e| {
            Error::Usage(format!(
                "no se puede escribir {}: {e} (no se sobrescribe un archivo existente)",
                out.display()
            ))
        })?;
        crate::say!("{title}: {}", out.display());
    }
    if print {
        let target = printer::Target::parse(&config.kiosk.printer);
        if target == printer::Target::None {
            return Err(Error::Usage(
                "no hay impresora configurada (kiosk.printer en la configuración)".into(),
            ));
        }
        let lines = crate::pdf::plain_lines(&blocks);
        let bytes = printer::document_bytes(&title, &lines, None, config.printing.paper());
        printer::send(&target, &bytes).map_err(Error::Usage)?;
        crate::say!("{title}: impresa");
    }
    Ok(())
}

pub(super) fn deliver(
    ctx: &Ctx,
    radicado: &str,
    input: &desk::pqrs::DeliveryInput,
    common: &StepArgs,
) -> Result<()> {
    let mut store = ctx.store()?;
    let actor = ctx.actor(&store, common.on_behalf.user.as_deref())?;
    let config = &ctx.loaded.config;
    let d = desk::pqrs::record_delivery(
        &mut store,
        ctx.clock.as_ref(),
        &actor,
        config,
        radicado,
        input,
    )?;
    if common.json {
        return print_json(&d);
    }
    let state = if d.returned { "devuelta" } else { "entregada" };
    crate::say!(
        "{} {state} a {} el {} ({})",
        d.letter.label(),
        d.to_whom,
        d.delivered_on,
        d.how.label()
    );
    Ok(())
}

/// The answer typed with `--text` or read from `--file`.
pub(super) fn answer_text(t: &AnswerText) -> Result<String> {
    match (&t.text, &t.file) {
        (Some(text), _) => Ok(text.clone()),
        (None, Some(path)) => std::fs::read_to_string(path).map_err(|e| {
            Error::Usage(format!(
                "archivo: no se puede leer {} como texto UTF-8: {e}",
                path.display()
            ))
        }),
        (None, None) => Err(Error::Usage(
            "respuesta: indique el texto (--text) o el archivo (--file)".into(),
        )),
    }
}

pub(super) fn save_answer(
    ctx: &Ctx,
    radicado: &str,
    text: &AnswerText,
    common: &StepArgs,
) -> Result<()> {
    let body = answer_text(text)?;
    let mut store = ctx.store()?;
    let actor = ctx.actor(&store, common.on_behalf.user.as_deref())?;
    let a = desk::pqrs::save_answer(&mut store, ctx.clock.as_ref(), &actor, radicado, &body)?;
    if common.json {
        return print_json(&a);
    }
    crate::say!(
        "PQRS {}: borrador de respuesta guardado (versión {})",
        radicado.trim(),
        a.version
    );
    Ok(())
}
