//! `ventanilla import ...` and `ventanilla export ...`.

use super::{Ctx, print_json};
use crate::cli::{ExportCommand, ImportCommand};
use crate::desk;
use crate::desk::import::HEADER;
use crate::error::{Error, Result};
use std::io::IsTerminal;
use std::path::Path;

/// Imports a customers file.
pub fn import(ctx: &Ctx, cmd: ImportCommand) -> Result<()> {
    let ImportCommand::Customers {
        file,
        strict,
        errors,
        json,
        on_behalf,
    } = cmd;
    let mut store = ctx.store()?;
    let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
    let bytes = std::fs::read(&file)
        .map_err(|e| Error::Usage(format!("no se puede leer {}: {e}", file.display())))?;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(bytes.len() as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {percent}% ({eta})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message("Leyendo");
        bar
    });
    let name = file.display().to_string();
    let summary = desk::import::import(
        &mut store,
        ctx.clock.as_ref(),
        &actor,
        &ctx.loaded.config,
        desk::import::File {
            bytes: &bytes,
            name: &name,
            strict,
        },
        |done| {
            if let Some(b) = &bar {
                b.set_position(done);
            }
        },
    )?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if let Some(out) = errors {
        write_errors(&out, &summary.errors)?;
    }
    if json {
        print_json(&summary)?;
    } else {
        for e in &summary.errors {
            eprintln!("línea {}: {}: {}", e.line, e.field, e.reason);
        }
        if summary.aborted {
            eprintln!(
                "Importación cancelada (--strict): {} filas con errores; no se guardó nada.",
                summary.rejected
            );
        }
        println!(
            "Insertados: {}  Actualizados: {}  Rechazados: {}",
            summary.inserted, summary.updated, summary.rejected
        );
    }
    if summary.aborted {
        return Err(Error::refused("ninguna fila importada por --strict"));
    }
    Ok(())
}

fn write_errors(path: &Path, errors: &[desk::import::RowError]) -> Result<()> {
    let mut w = csv::Writer::from_path(path)
        .map_err(|e| Error::Usage(format!("no se puede escribir {}: {e}", path.display())))?;
    let fail =
        |e: csv::Error| Error::Usage(format!("no se puede escribir {}: {e}", path.display()));
    w.write_record(["linea", "campo", "motivo"]).map_err(fail)?;
    for e in errors {
        w.write_record([e.line.to_string(), e.field.clone(), e.reason.clone()])
            .map_err(fail)?;
    }
    w.flush()?;
    Ok(())
}

/// Exports customers to CSV (UTF-8 with BOM, as Excel expects) or XLSX.
pub fn export(ctx: &Ctx, cmd: ExportCommand) -> Result<()> {
    let ExportCommand::Customers { out } = cmd;
    let store = ctx.store()?;
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    let mut n = 0u64;
    let row = |c: &crate::store::customers::Customer| -> [String; 9] {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        [
            c.doc_type.clone(),
            c.doc_number.clone(),
            c.names.clone(),
            c.surnames.clone(),
            s(&c.birth_date),
            s(&c.phone),
            s(&c.email),
            c.affiliation.clone(),
            s(&c.category),
        ]
    };
    match ext.as_str() {
        "csv" => {
            let fail = |e: csv::Error| {
                Error::Usage(format!("no se puede escribir {}: {e}", out.display()))
            };
            let mut file = std::fs::File::create(&out)?;
            std::io::Write::write_all(&mut file, b"\xEF\xBB\xBF")?;
            let mut w = csv::Writer::from_writer(file);
            w.write_record(HEADER).map_err(fail)?;
            crate::store::customers::all(store.conn(), |c| {
                n += 1;
                w.write_record(row(c)).map_err(fail)
            })?;
            w.flush()?;
        }
        "xlsx" => {
            let fail = |e: rust_xlsxwriter::XlsxError| {
                Error::Usage(format!("no se puede escribir {}: {e}", out.display()))
            };
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet().set_name("Clientes").map_err(fail)?;
            let bold = rust_xlsxwriter::Format::new().set_bold();
            for (col, h) in HEADER.iter().enumerate() {
                sheet
                    .write_string_with_format(0, col as u16, *h, &bold)
                    .map_err(fail)?;
            }
            crate::store::customers::all(store.conn(), |c| {
                n += 1;
                for (col, v) in row(c).iter().enumerate() {
                    sheet.write_string(n as u32, col as u16, v).map_err(fail)?;
                }
                Ok(())
            })?;
            book.save(&out).map_err(fail)?;
        }
        _ => return Err(Error::Usage("use un archivo .csv o .xlsx en --out".into())),
    }
    println!("{n} clientes exportados a {}", out.display());
    Ok(())
}
