//! `ventanilla import ...` and `ventanilla export ...`.

use super::{Ctx, print_json};
use crate::cli::{ExportCommand, ImportCommand, RawExport};
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
    let file = crate::files::create_private(path)
        .map_err(|e| Error::Usage(format!("no se puede escribir {}: {e}", path.display())))?;
    let mut w = csv::Writer::from_writer(file);
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
    let (kind, raw) = match cmd {
        ExportCommand::Customers {
            out,
            solo_contactables,
        } => return export_customers(ctx, out, solo_contactables),
        ExportCommand::Turns(r) => ("turns", r),
        ExportCommand::Attentions(r) => ("attentions", r),
        ExportCommand::Tickets(r) => ("tickets", r),
        ExportCommand::Ratings(r) => ("ratings", r),
    };
    export_raw(ctx, kind, &raw)
}

/// Writes rows to a .csv (UTF-8 with BOM, as Excel expects) or .xlsx file as they come.
struct TableFile {
    out: std::path::PathBuf,
    csv: Option<csv::Writer<std::fs::File>>,
    book: Option<rust_xlsxwriter::Workbook>,
    row: u32,
}

impl TableFile {
    fn create(out: &std::path::Path, sheet: &str, header: &[String]) -> Result<TableFile> {
        let ext = out
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_lowercase();
        let mut t = TableFile {
            out: out.to_path_buf(),
            csv: None,
            book: None,
            row: 0,
        };
        match ext.as_str() {
            "csv" => {
                let mut file = crate::files::create_private(out)?;
                std::io::Write::write_all(&mut file, b"\xEF\xBB\xBF")?;
                t.csv = Some(csv::Writer::from_writer(file));
            }
            "xlsx" => {
                let mut book = rust_xlsxwriter::Workbook::new();
                book.add_worksheet()
                    .set_name(sheet)
                    .map_err(|e| t.fail(e))?;
                t.book = Some(book);
            }
            _ => {
                return Err(Error::Usage(format!(
                    "{}: use un archivo .csv o .xlsx",
                    out.display()
                )));
            }
        }
        t.write(header, true)?;
        Ok(t)
    }

    fn fail(&self, e: impl std::fmt::Display) -> Error {
        Error::Usage(format!("no se puede escribir {}: {e}", self.out.display()))
    }

    fn write(&mut self, values: &[String], header: bool) -> Result<()> {
        if let Some(w) = &mut self.csv {
            let r = w.write_record(values);
            r.map_err(|e| {
                Error::Usage(format!("no se puede escribir {}: {e}", self.out.display()))
            })?;
        }
        if let Some(book) = &mut self.book {
            let bold = rust_xlsxwriter::Format::new().set_bold();
            let out = self.out.display().to_string();
            let fail = |e: rust_xlsxwriter::XlsxError| {
                Error::Usage(format!("no se puede escribir {out}: {e}"))
            };
            let sheet = book.worksheet_from_index(0).map_err(fail)?;
            for (c, v) in values.iter().enumerate() {
                let col = c as u16;
                if header {
                    sheet.write_string_with_format(self.row, col, v, &bold)
                } else {
                    sheet.write_string(self.row, col, v)
                }
                .map_err(fail)?;
            }
        }
        self.row += 1;
        Ok(())
    }

    fn finish(mut self) -> Result<u32> {
        if let Some(mut w) = self.csv.take() {
            w.flush()?;
        }
        if let Some(mut book) = self.book.take() {
            let file = crate::files::create_private(&self.out)?;
            book.save_to_writer(file).map_err(|e| self.fail(e))?;
        }
        Ok(self.row.saturating_sub(1))
    }
}

fn export_raw(ctx: &Ctx, kind: &str, r: &RawExport) -> Result<()> {
    let (from, to) = (super::parse_date(&r.from)?, super::parse_date(&r.to)?);
    if to < from {
        return Err(Error::Usage(format!(
            "el periodo termina ({to}) antes de empezar ({from})"
        )));
    }
    let store = ctx.store()?;
    let config = &ctx.loaded.config;
    let (start, _) = crate::desk::turns::day_bounds(config, from);
    let (_, end) = crate::desk::turns::day_bounds(config, to);
    let (fd, td) = (from.to_string(), to.to_string());
    let sheet = match kind {
        "turns" => "Turnos",
        "attentions" => "Atenciones",
        "tickets" => "PQRS",
        _ => "Calificaciones",
    };
    let columns = crate::store::reports::raw_columns(store.conn(), kind)?;
    let (rows, header) = super::present::ExportRows::new(kind, &columns);
    let mut file = TableFile::create(&r.out, sheet, &header)?;
    crate::store::reports::raw(store.conn(), kind, (&fd, &td), (&start, &end), |row| {
        file.write(&rows.row(row), false)
    })?;
    let n = file.finish()?;
    println!("{n} filas exportadas a {}", r.out.display());
    Ok(())
}

/// Exports the customers with their habeas data standing: the opt-out, each purpose's consent
/// and the "reclamo en trámite" legend; `only_contactable` keeps those a mass communication
/// may reach (consent in force, no opt-out, data not deleted, no reclamo in process).
fn export_customers(ctx: &Ctx, out: std::path::PathBuf, only_contactable: bool) -> Result<()> {
    let store = ctx.store()?;
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    if ext != "csv" && ext != "xlsx" {
        return Err(Error::Usage("use un archivo .csv o .xlsx en --out".into()));
    }
    let index = crate::desk::customers::ContactIndex::load(&store, &ctx.loaded.config)?;
    let mut header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
    header.extend(
        [
            "consentimiento",
            "no_comunicaciones_masivas",
            "reclamo_en_tramite",
        ]
        .map(String::from),
    );
    header.extend(index.purposes().iter().map(|p| format!("autoriza_{p}")));
    let yes_no = |b: bool| if b { "sí" } else { "no" }.to_string();
    let mut file = TableFile::create(&out, "Clientes", &header)?;
    crate::store::customers::all(store.conn(), |c| {
        let contact = index.of(c);
        if only_contactable && !contact.contactable() {
            return Ok(());
        }
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut row = vec![
            c.doc_type.clone(),
            c.doc_number.clone(),
            c.names.clone(),
            c.surnames.clone(),
            s(&c.birth_date),
            s(&c.phone),
            s(&c.email),
            c.affiliation.label().to_string(),
            s(&c.category),
            contact.consent.spanish().to_string(),
            yes_no(contact.opt_out),
            yes_no(contact.reclamo_en_tramite),
        ];
        row.extend(contact.purposes.iter().map(|(_, granted)| {
            match granted {
                Some(true) => "autorizada",
                Some(false) => "revocada",
                None => "sin autorización",
            }
            .to_string()
        }));
        file.write(&row, false)
    })?;
    let n = file.finish()?;
    println!("{n} clientes exportados a {}", out.display());
    Ok(())
}
