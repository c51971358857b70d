//! The central report as text, CSV and an Excel workbook.

use super::num;
use crate::central::report::{CentralReport, Line};
use crate::cli::ReportOutput;
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::tables::{Cell, Formats, csv_document, write_cell};
use std::path::Path;

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
    let dialect = crate::commands::io::dialect(ctx, &output.csv)?;
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
    crate::commands::io::emit(&text, output.out.as_deref())
}
