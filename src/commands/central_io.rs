//! What `central …` reads and writes: master data in, calendar changes in, the report and the
//! status out.

use super::Ctx;
use crate::central::push::PULLED_LOCK;
use crate::central::report::{CentralReport, Line};
use crate::central::{explain, status::BranchStatus};
use crate::cli::ReportOutput;
use crate::error::{Error, Result};
use crate::tables::{Cell, Formats, csv_document, write_cell};
use postgres::Client;
use std::path::Path;

/// Loads the affiliates' master data: every good row is written (or updated when it changed),
/// every bad row is named with its line.
pub fn import_customers(
    ctx: &Ctx,
    client: &mut Client,
    shown: &str,
    file: &Path,
    sheet: Option<&str>,
) -> Result<()> {
    let bytes = std::fs::read(file)
        .map_err(|e| Error::Usage(format!("no se pudo leer {}: {e}", file.display())))?;
    let name = file.display().to_string();
    let source = crate::desk::import::sources::read(&bytes, &name, sheet)?;
    for w in &source.warnings {
        crate::say!("{w}");
    }
    let today = ctx
        .clock
        .now()
        .with_timezone(&ctx.loaded.config.utc_offset())
        .date_naive();
    let mut chunks = Vec::new();
    let errors = crate::desk::import::parse(
        &source.text,
        source.line_offset,
        today,
        |_| {},
        |rows| chunks.push(rows),
    )?;
    // a row whose affiliation or category cell is empty (or a file without that column) says
    // nothing about them: central keeps what it had, rather than "no afiliado" or no category
    let given = affiliation_given(&source.text, source.line_offset);
    let mut written = 0u64;
    let mut tx = client.transaction().map_err(|e| explain(&e, shown))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PULLED_LOCK])
        .map_err(|e| explain(&e, shown))?;
    for chunk in &chunks {
        let col = |f: &dyn Fn(&crate::store::customers::NewCustomer) -> Option<String>| {
            chunk
                .iter()
                .map(|(_, c)| f(c))
                .collect::<Vec<Option<String>>>()
        };
        let (types, numbers, names, surnames, affiliations, categories) = (
            col(&|c| Some(c.doc_type.clone())),
            col(&|c| Some(c.doc_number.clone())),
            col(&|c| Some(c.names.clone())),
            col(&|c| Some(c.surnames.clone())),
            chunk
                .iter()
                .map(|(line, c)| {
                    given
                        .contains(line)
                        .then(|| c.affiliation.code().to_string())
                })
                .collect::<Vec<Option<String>>>(),
            col(&|c| c.category.clone()),
        );
        written += tx
            .execute(
                "INSERT INTO master_customers
                     (doc_type, doc_number, names, surnames, affiliation, category)
                 SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                                      $6::text[])
                 ON CONFLICT (doc_type, doc_number) DO UPDATE SET
                     names = EXCLUDED.names, surnames = EXCLUDED.surnames,
                     affiliation = coalesce(EXCLUDED.affiliation, master_customers.affiliation),
                     category = coalesce(EXCLUDED.category, master_customers.category),
                     seq = nextval('central_seq'), loaded_at = now()
                 WHERE (master_customers.names, master_customers.surnames,
                        master_customers.affiliation, master_customers.category)
                       IS DISTINCT FROM (EXCLUDED.names, EXCLUDED.surnames,
                                         coalesce(EXCLUDED.affiliation,
                                                  master_customers.affiliation),
                                         coalesce(EXCLUDED.category,
                                                  master_customers.category))",
                &[
                    &types,
                    &numbers,
                    &names,
                    &surnames,
                    &affiliations,
                    &categories,
                ],
            )
            .map_err(|e| explain(&e, shown))?;
    }
    tx.commit().map_err(|e| explain(&e, shown))?;
    for e in &errors {
        crate::say!("línea {}: {}: {}", e.line, e.field, e.reason);
    }
    let read: usize = chunks.iter().map(Vec::len).sum();
    crate::say!(
        "Datos maestros en {shown}: {read} filas leídas, {written} nuevas o cambiadas, {} con \
         errores. Las sedes las traen en su próxima sincronización.",
        errors.len()
    );
    Ok(())
}

/// The lines (as the import numbers them) whose `estado_afiliacion` cell is not empty.
fn affiliation_given(text: &str, line_offset: u64) -> std::collections::HashSet<u64> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(crate::desk::import::separator(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let Some(column) = reader.headers().ok().and_then(|h| {
        h.iter()
            .position(|name| name.trim().to_lowercase() == "estado_afiliacion")
    }) else {
        return Default::default();
    };
    let mut lines = std::collections::HashSet::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => continue, // the import names the bad row
        }
        if record.get(column).is_some_and(|v| !v.is_empty()) {
            lines.insert(record.position().map_or(0, |p| p.line()) + line_offset);
        }
    }
    lines
}

/// Records an organisation-wide calendar change.
pub fn calendar(
    client: &mut Client,
    shown: &str,
    date: chrono::NaiveDate,
    closed: bool,
    reason: &str,
) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(Error::Usage("indique el motivo (--reason)".into()));
    }
    let kind = if closed { "cerrado" } else { "abierto" };
    let mut tx = client.transaction().map_err(|e| explain(&e, shown))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PULLED_LOCK])
        .map_err(|e| explain(&e, shown))?;
    tx.execute(
        "INSERT INTO org_calendar (date, kind, reason) VALUES ($1, $2, $3)
         ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, reason = EXCLUDED.reason,
             seq = nextval('central_seq'), at = now()",
        &[&date, &kind, &reason.trim()],
    )
    .map_err(|e| explain(&e, shown))?;
    tx.commit().map_err(|e| explain(&e, shown))?;
    crate::say!(
        "El {} queda {} en todas las sedes desde su próxima sincronización",
        crate::localtime::human_date(date),
        if closed { "cerrado" } else { "abierto" }
    );
    Ok(())
}

/// Records the organisation's legal terms from a TOML file.
pub fn set_terms(client: &mut Client, shown: &str, file: &Path) -> Result<()> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Error::Usage(format!("no se pudo leer {}: {e}", file.display())))?;
    let terms = crate::config::central_terms::from_toml(&text)?;
    let json = serde_json::to_value(&terms).map_err(|e| Error::Usage(format!("términos: {e}")))?;
    let mut tx = client.transaction().map_err(|e| explain(&e, shown))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PULLED_LOCK])
        .map_err(|e| explain(&e, shown))?;
    tx.execute("INSERT INTO org_terms (terms) VALUES ($1)", &[&json])
        .map_err(|e| explain(&e, shown))?;
    tx.commit().map_err(|e| explain(&e, shown))?;
    crate::say!(
        "Términos de la organización guardados en {shown}: las sedes los aplican desde su \
         próxima sincronización"
    );
    Ok(())
}

/// Prints the organisation's current legal terms.
pub fn show_terms(
    client: &mut Client,
    shown: &str,
    offset: chrono::FixedOffset,
    json: bool,
) -> Result<()> {
    let row = client
        .query_opt(
            "SELECT terms, at FROM org_terms ORDER BY seq DESC LIMIT 1",
            &[],
        )
        .map_err(|e| explain(&e, shown))?;
    let Some(row) = row else {
        crate::say!("La organización no ha fijado términos: cada sede usa los de su configuración");
        return Ok(());
    };
    let terms: serde_json::Value = row.get(0);
    if json {
        return super::print_json(&terms);
    }
    let at: chrono::DateTime<chrono::Utc> = row.get(1);
    crate::say!(
        "# Términos de la organización, fijados el {}",
        crate::localtime::human(at, offset)
    );
    let parsed: crate::config::Terms =
        serde_json::from_value(terms).map_err(|e| Error::Usage(format!("términos: {e}")))?;
    let text =
        toml::to_string_pretty(&parsed).map_err(|e| Error::Usage(format!("términos: {e}")))?;
    print!("[terms]\n{text}");
    Ok(())
}

fn num(v: Option<f64>) -> String {
    v.map_or("-".into(), |x| format!("{x:.1}"))
}

/// Each branch's line of `central status`.
pub fn status_text(lines: &[BranchStatus]) -> String {
    let mut s = format!(
        "{:<10} {:<14} {:>10} {:>9} {:>9} {:>8} {:>9} {:>10}\n",
        "Sede", "Seccional", "Retraso", "PQRS ab.", "Vencidas", "Turnos", "Atendid.", "Espera med"
    );
    for b in lines {
        let lag = match b.lag_s {
            None => "nunca".to_string(),
            Some(s) if s < 120 => format!("{s} s"),
            Some(s) if s < 7200 => format!("{} min", s / 60),
            Some(s) => format!("{} h", s / 3600),
        };
        s.push_str(&format!(
            "{:<10} {:<14} {:>10} {:>9} {:>9} {:>8} {:>9} {:>10}\n",
            b.code,
            b.seccional,
            lag,
            b.open_pqrs,
            b.overdue_pqrs,
            b.turns_today,
            b.served_today,
            num(b.wait_median_min)
        ));
    }
    if lines.is_empty() {
        s.push_str("Ninguna sede ha sincronizado todavía.\n");
    }
    s
}

const HEADER: [&str; 19] = [
    "Nivel",
    "Seccional",
    "Sede",
    "Turnos",
    "Atendidos",
    "No se presentó",
    "Cancelados",
    "Espera mediana (min)",
    "Espera p90 (min)",
    "Calificaciones",
    "Satisfacción %",
    "PQRS radicadas",
    "PQRSD a favor",
    "Personas atendidas",
    "A favor / personas %",
    "PQRS vencidas",
    "Satisf. presencial %",
    "Satisf. virtual %",
    "PQRS a tiempo %",
];

fn cells(l: &Line) -> Vec<Cell> {
    let opt = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Decimal);
    let pct = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Percent);
    vec![
        Cell::from(l.level),
        Cell::from(l.seccional.clone().unwrap_or_default()),
        Cell::from(l.branch.clone().unwrap_or_default()),
        Cell::Int(l.issued),
        Cell::Int(l.served),
        Cell::Int(l.no_shows),
        Cell::Int(l.cancelled),
        opt(l.wait_median_min),
        opt(l.wait_p90_min),
        Cell::Int(l.ratings),
        pct(l.satisfaction_percent),
        Cell::Int(l.pqrs_filed),
        Cell::Int(l.in_favor),
        Cell::Int(l.persons),
        pct(l.in_favor_percent),
        Cell::Int(l.overdue),
        pct(l.satisfaction_in_person_percent),
        pct(l.satisfaction_virtual_percent),
        pct(l.on_time_percent),
    ]
}

/// The report as text for the terminal.
pub fn report_text(r: &CentralReport) -> String {
    let mut s = format!(
        "Informe central del {} al {}\n\n{:<22} {:>7} {:>7} {:>6} {:>6} {:>7} {:>7} {:>7} {:>8} {:>8}\n",
        r.from,
        r.to,
        "Sede / seccional",
        "Turnos",
        "Atend.",
        "Esp.m",
        "Calif",
        "Satisf",
        "PQRS",
        "Favor",
        "Personas",
        "Fav/pers"
    );
    for l in &r.lines {
        let name = match l.level {
            "sede" => format!("  {}", l.branch.clone().unwrap_or_default()),
            "seccional" => format!("Seccional {}", l.seccional.clone().unwrap_or_default()),
            _ => "Total".to_string(),
        };
        let favor = match (l.in_favor_percent, l.in_favor_met) {
            (Some(v), Some(false)) => format!("{v:.2}!"),
            (Some(v), _) => format!("{v:.2}"),
            _ => "-".into(),
        };
        s.push_str(&format!(
            "{:<22} {:>7} {:>7} {:>6} {:>6} {:>7} {:>7} {:>7} {:>8} {:>8}\n",
            name.chars().take(22).collect::<String>(),
            l.issued,
            l.served,
            num(l.wait_median_min),
            l.ratings,
            num(l.satisfaction_percent),
            l.pqrs_filed,
            l.in_favor,
            l.persons,
            favor
        ));
    }
    s.push_str(&format!(
        "\nPQRSD a favor / personas atendidas: meta ≤ {} %; «!» marca la que no la cumple.\n",
        r.in_favor_max_percent
    ));
    let t = &r.targets;
    s.push_str(&format!(
        "\nIndicadores por seccional          Satisf. presencial  Satisf. virtual  PQRS a tiempo\n\
         (meta)                             {:>18}  {:>15}  {:>13}\n",
        format!("≥ {}", t.satisfaction_percent),
        format!("≥ {}", t.satisfaction_percent),
        format!("≥ {}", t.on_time_min_percent)
    ));
    let mark = |v: Option<f64>, met: Option<bool>| match (v, met) {
        (Some(v), Some(false)) => format!("{v:.1}!"),
        (Some(v), _) => format!("{v:.1}"),
        _ => "-".into(),
    };
    for l in r.lines.iter().filter(|l| l.level != "sede") {
        let name = match l.level {
            "seccional" => format!("Seccional {}", l.seccional.clone().unwrap_or_default()),
            _ => "Total".to_string(),
        };
        s.push_str(&format!(
            "{:<34} {:>18}  {:>15}  {:>13}\n",
            name.chars().take(34).collect::<String>(),
            mark(
                l.satisfaction_in_person_percent,
                l.satisfaction_in_person_met
            ),
            mark(l.satisfaction_virtual_percent, l.satisfaction_virtual_met),
            mark(l.on_time_percent, l.on_time_met)
        ));
    }
    if !r.by_service.is_empty() {
        s.push_str(&format!(
            "\n{:<22} {:>8} {:>9} {:>8} {:>8}\n",
            "Servicio (todas)", "Turnos", "Atendid.", "Esp.med", "Esp.p90"
        ));
        for g in &r.by_service {
            s.push_str(&format!(
                "{:<22} {:>8} {:>9} {:>8} {:>8}\n",
                g.service.chars().take(22).collect::<String>(),
                g.issued,
                g.served,
                num(g.wait_median_min),
                num(g.wait_p90_min)
            ));
        }
    }
    let list = |m: &std::collections::BTreeMap<String, i64>| {
        m.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    if !r.pqrs_by_type.is_empty() {
        s.push_str(&format!("\nPQRS por tipo: {}\n", list(&r.pqrs_by_type)));
    }
    if !r.attentions_by_channel.is_empty() {
        s.push_str(&format!(
            "Atenciones por canal: {}\n",
            list(&r.attentions_by_channel)
        ));
    }
    s
}

/// The report as an Excel workbook: the title block, one row per branch, seccional and total
/// (seccional and total rows in bold), numbers with their formats, the header frozen, printed
/// landscape on A4, one page wide.
fn workbook(ctx: &Ctx, r: &CentralReport, out: &Path) -> Result<()> {
    use rust_xlsxwriter::{Format, Workbook, XlsxError};
    let fail = |e: XlsxError| Error::Usage(format!("no se pudo escribir {}: {e}", out.display()));
    let f = Formats::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Sedes").map_err(fail)?;
    let when = crate::localtime::human(ctx.clock.now(), ctx.loaded.config.utc_offset());
    let day = |d: &str| {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(crate::localtime::human_date)
            .unwrap_or_else(|_| d.to_string())
    };
    let title = [
        "Informe de gestión de todas las sedes".to_string(),
        format!("Del {} al {}", day(&r.from), day(&r.to)),
        format!(
            "Indicador PQRSD a favor / personas atendidas: meta ≤ {} % por seccional",
            r.in_favor_max_percent
        ),
        format!("Generado el {when}"),
    ];
    for (i, line) in title.iter().enumerate() {
        let format = if i == 0 { &f.title } else { &f.bold };
        sheet
            .write_string_with_format(i as u32, 0, line, format)
            .map_err(fail)?;
    }
    let head = title.len() as u32 + 1;
    // long headers wrap over two lines instead of being cut by the next column
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    for (c, h) in HEADER.iter().enumerate() {
        sheet
            .write_string_with_format(head, c as u16, *h, &header)
            .map_err(fail)?;
        let width = if c < 3 { 12.0 } else { 12.5 };
        sheet.set_column_width(c as u16, width).map_err(fail)?;
    }
    sheet.set_row_height(head, 44).map_err(fail)?;
    let bold = Format::new().set_bold();
    for (i, l) in r.lines.iter().enumerate() {
        let row = head + 1 + i as u32;
        for (c, cell) in cells(l).iter().enumerate() {
            write_cell(sheet, (row, c as u16), cell, &f, false).map_err(fail)?;
        }
        if l.level != "sede" {
            sheet.set_row_format(row, &bold).map_err(fail)?;
        }
    }
    sheet.set_freeze_panes(head + 1, 3).map_err(fail)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    // the network's turns by service, and PQRS and attentions by kind, on a second sheet
    let more = book.add_worksheet();
    more.set_name("Servicios y canales").map_err(fail)?;
    more.write_string_with_format(0, 0, &title[0], &f.title)
        .map_err(fail)?;
    more.write_string_with_format(1, 0, &title[1], &f.bold)
        .map_err(fail)?;
    let mut row = 3u32;
    for (c, h) in [
        "Servicio",
        "Turnos",
        "Atendidos",
        "Espera mediana (min)",
        "Espera p90 (min)",
    ]
    .iter()
    .enumerate()
    {
        more.write_string_with_format(row, c as u16, *h, &header)
            .map_err(fail)?;
        more.set_column_width(c as u16, if c == 0 { 34.0 } else { 14.0 })
            .map_err(fail)?;
    }
    more.set_row_height(row, 30).map_err(fail)?;
    for g in &r.by_service {
        row += 1;
        let cells = [
            Cell::from(g.service.as_str()),
            Cell::Int(g.issued),
            Cell::Int(g.served),
            g.wait_median_min.map_or(Cell::Empty, Cell::Decimal),
            g.wait_p90_min.map_or(Cell::Empty, Cell::Decimal),
        ];
        for (c, cell) in cells.iter().enumerate() {
            write_cell(more, (row, c as u16), cell, &f, false).map_err(fail)?;
        }
    }
    for (what, map) in [
        ("PQRS por tipo", &r.pqrs_by_type),
        ("Atenciones por canal", &r.attentions_by_channel),
    ] {
        row += 2;
        more.write_string_with_format(row, 0, what, &header)
            .map_err(fail)?;
        more.write_string_with_format(row, 1, "Cantidad", &header)
            .map_err(fail)?;
        for (k, v) in map {
            row += 1;
            more.write_string(row, 0, k).map_err(fail)?;
            more.write_number(row, 1, *v as f64).map_err(fail)?;
        }
    }
    more.set_landscape();
    more.set_paper_size(9);
    more.set_print_fit_to_pages(1, 0);
    let file = crate::files::create_private(out)
        .map_err(|e| Error::Usage(format!("no se pudo escribir {}: {e}", out.display())))?;
    book.save_to_writer(file).map_err(fail)
}

/// Writes the report in the format asked.
pub fn write_report(ctx: &Ctx, r: &CentralReport, output: &ReportOutput) -> Result<()> {
    let dialect = super::io::dialect(ctx, &output.csv)?;
    let text = match output.format.as_str() {
        "json" => serde_json::to_string_pretty(r)
            .map_err(|e| Error::Usage(format!("no se pudo producir JSON: {e}")))?,
        "csv" => {
            let mut rows = vec![HEADER.iter().map(|h| Cell::from(*h)).collect::<Vec<_>>()];
            rows.extend(r.lines.iter().map(cells));
            csv_document(&rows, dialect, true)
        }
        "xlsx" => {
            let out = output.out.as_ref().ok_or_else(|| {
                Error::Usage("el formato xlsx necesita --out ARCHIVO.xlsx".into())
            })?;
            workbook(ctx, r, out)?;
            crate::say!("Informe escrito en {}", out.display());
            return Ok(());
        }
        _ => report_text(r),
    };
    super::io::emit(&text, output.out.as_deref())
}
