//! `ventanilla import ...` and `ventanilla export ...`.

use super::{Ctx, print_json};
use crate::cli::{CsvArg, ExportCommand, ImportCommand, RawExport};
use crate::desk;
use crate::desk::import::HEADER;
use crate::error::{Error, Result};
use crate::tables::{Cell, CsvDialect, Table, Title};
use std::io::IsTerminal;
use std::path::Path;

/// Imports a customers file.
pub fn import(ctx: &Ctx, cmd: ImportCommand) -> Result<()> {
    let ImportCommand::Customers {
        file,
        sheet,
        csv,
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
            sheet: sheet.as_deref(),
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
        write_errors(&out, &summary.errors, dialect(ctx, &csv)?)?;
    }
    if json {
        print_json(&summary)?;
    } else {
        for w in &summary.warnings {
            eprintln!("aviso: {w}");
        }
        for e in &summary.errors {
            eprintln!("línea {}: {}: {}", e.line, e.field, e.reason);
        }
        if summary.aborted {
            eprintln!(
                "Importación cancelada (--strict): {} filas con errores; no se guardó nada.",
                summary.rejected
            );
        }
        crate::say!(
            "Insertados: {}  Actualizados: {}  Rechazados: {}",
            summary.inserted,
            summary.updated,
            summary.rejected
        );
    }
    if summary.aborted {
        return Err(Error::refused("ninguna fila importada por --strict"));
    }
    if summary.rejected > 0 {
        return Err(Error::refused(format!(
            "{} fila(s) rechazada(s); las demás quedaron importadas",
            summary.rejected
        )));
    }
    Ok(())
}

fn write_errors(path: &Path, errors: &[desk::import::RowError], dialect: CsvDialect) -> Result<()> {
    let header = ["linea", "campo", "motivo"].map(String::from);
    let mut file = Table::create(path, "Errores", &Title::default(), &header, dialect)?;
    for e in errors {
        file.row(&[
            Cell::Int(e.line as i64),
            Cell::from(e.field.as_str()),
            Cell::from(e.reason.as_str()),
        ])?;
    }
    file.finish()?;
    Ok(())
}

/// Exports customers or a period's records to CSV (in the configured dialect) or Excel.
pub fn export(ctx: &Ctx, cmd: ExportCommand) -> Result<()> {
    let (kind, raw) = match cmd {
        ExportCommand::Customers {
            out,
            csv,
            solo_contactables,
        } => return export_customers(ctx, &out, &csv, solo_contactables),
        ExportCommand::Turns(r) => ("turns", r),
        ExportCommand::Attentions(r) => ("attentions", r),
        ExportCommand::Telecom(r) => ("telecom", r),
        ExportCommand::Tickets(r) => ("tickets", r),
        ExportCommand::Ratings(r) => ("ratings", r),
    };
    export_raw(ctx, kind, &raw)
}

/// The CSV dialect asked for, or the configured one.
pub fn dialect(ctx: &Ctx, arg: &CsvArg) -> Result<CsvDialect> {
    match &arg.csv {
        Some(text) => super::parse_vocab(text),
        None => Ok(ctx.loaded.config.csv_dialect()),
    }
}

/// A report's text to `out` (owner-only file, said so) or to the screen.
pub fn emit(text: &str, out: Option<&std::path::Path>) -> Result<()> {
    match out {
        Some(path) => {
            crate::files::write_private(path, text.as_bytes()).map_err(|e| {
                Error::Usage(format!("no se pudo escribir {}: {e}", path.display()))
            })?;
            crate::say!("Informe escrito en {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}

/// The title block of a file: what it is, the branch, the period, when it was made.
pub fn title(ctx: &Ctx, what: &str, period: Option<String>) -> Result<Title> {
    let store = ctx.store()?;
    let branch = crate::store::settings::get(store.conn(), "branch_name")?
        .unwrap_or_else(|| ctx.loaded.config.branch.name.clone());
    let now = crate::localtime::human(ctx.clock.now(), ctx.loaded.config.utc_offset());
    let mut lines = vec![what.to_string(), format!("Sede: {branch}")];
    lines.extend(period);
    lines.push(format!("Generado el {now}"));
    Ok(Title { lines })
}

fn export_raw(ctx: &Ctx, kind: &str, r: &RawExport) -> Result<()> {
    let (from, to) = (super::parse_date(&r.from)?, super::parse_date(&r.to)?);
    super::check_period(from, to, None)?;
    let dialect = dialect(ctx, &r.csv)?;
    let store = ctx.store()?;
    let config = &ctx.loaded.config;
    let (start, _) = crate::desk::turns::day_bounds(config, from);
    let (_, end) = crate::desk::turns::day_bounds(config, to);
    let (fd, td) = (from.to_string(), to.to_string());
    let sheet = match kind {
        "turns" => "Turnos",
        "attentions" => "Atenciones",
        "telecom" => "Registro de telecomunicaciones",
        "tickets" => "PQRS",
        _ => "Calificaciones",
    };
    let period = format!(
        "Del {} al {}",
        crate::localtime::human_date(from),
        crate::localtime::human_date(to)
    );
    let title = title(ctx, sheet, Some(period))?;
    let columns = crate::store::reports::raw_columns(store.conn(), kind)?;
    let (rows, header) = super::present::ExportRows::new(kind, &columns);
    let mut file = Table::create(&r.out, sheet, &title, &header, dialect)?;
    crate::store::reports::raw(store.conn(), kind, (&fd, &td), (&start, &end), |row| {
        file.row(&rows.cells(row))
    })?;
    let n = file.finish()?;
    crate::say!("{n} filas exportadas a {}", r.out.display());
    Ok(())
}

/// Exports the customers with their habeas data standing: the consent, the opt-out, the
/// "reclamo en trámite" legend and each purpose's consent; `only_contactable` keeps those a
/// mass communication may reach (consent in force, no opt-out, data not deleted, no reclamo in
/// process).
fn export_customers(ctx: &Ctx, out: &Path, csv: &CsvArg, only_contactable: bool) -> Result<()> {
    let dialect = dialect(ctx, csv)?;
    let store = ctx.store()?;
    let title = title(ctx, "Clientes", None)?;
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
    let yes_no = |b: bool| Cell::from(if b { "sí" } else { "no" });
    let mut file = Table::create(out, "Clientes", &title, &header, dialect)?;
    crate::store::customers::all(store.conn(), |c| {
        let contact = index.of(c);
        if only_contactable && !contact.contactable() {
            return Ok(());
        }
        let s = |v: &Option<String>| Cell::from(v.clone().unwrap_or_default());
        let birth = c
            .birth_date
            .as_deref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or(Cell::Empty, Cell::Date);
        let mut row = vec![
            Cell::from(c.doc_type.as_str()),
            Cell::from(c.doc_number.as_str()),
            Cell::from(c.names.as_str()),
            Cell::from(c.surnames.as_str()),
            birth,
            s(&c.phone),
            s(&c.email),
            Cell::from(c.affiliation.label()),
            s(&c.category),
            Cell::from(contact.consent.spanish()),
            yes_no(contact.opt_out),
            yes_no(contact.reclamo_en_tramite),
        ];
        row.extend(contact.purposes.iter().map(|(_, granted)| {
            Cell::from(match granted {
                Some(true) => "autorizada",
                Some(false) => "revocada",
                None => "sin autorización",
            })
        }));
        file.row(&row)
    })?;
    let n = file.finish()?;
    crate::say!("{n} clientes exportados a {}", out.display());
    Ok(())
}
