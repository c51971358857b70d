//! The report as an Excel workbook.

use super::*;

/// The report as an Excel workbook: one sheet per section, each under the title block (what,
/// branch, period, generated at), numbers as numbers with their formats, headers frozen, and
/// the charts of arrivals and waits placed to print on one landscape page.
pub fn xlsx(r: &Report, title: &Title, out: &std::path::Path) -> Result<()> {
    use rust_xlsxwriter::{Chart, ChartType, Workbook, Worksheet, XlsxError};
    let fail = |e: XlsxError| Error::Usage(format!("no se pudo escribir {}: {e}", out.display()));
    let f = Formats::new();
    let mut book = Workbook::new();
    // Writes the title block and a header row; returns the first data row.
    let start = |sheet: &mut Worksheet, header: &[&str], widths: &[f64]| -> Result<u32> {
        for (i, line) in title.lines.iter().enumerate() {
            let format = if i == 0 { &f.title } else { &f.bold };
            sheet
                .write_string_with_format(i as u32, 0, line, format)
                .map_err(fail)?;
        }
        let head = title.lines.len() as u32 + 1;
        for (c, h) in header.iter().enumerate() {
            write_cell(sheet, (head, c as u16), &Cell::from(*h), &f, true).map_err(fail)?;
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, *w).map_err(fail)?;
        }
        sheet.set_freeze_panes(head + 1, 0).map_err(fail)?;
        sheet.set_landscape();
        sheet.set_paper_size(9); // A4
        sheet.set_print_fit_to_pages(1, 0);
        Ok(head + 1)
    };
    let head = [
        "",
        "Turnos",
        "Atendidos",
        "No se presentó",
        "Cancelados",
        "Espera mediana (min)",
        "Espera p90 (min)",
        "Atención mediana (min)",
        "% preferencial",
        "Manuales",
    ];
    let widths = [22.0, 9.0, 11.0, 15.0, 12.0, 21.0, 17.0, 23.0, 15.0, 11.0];
    for (name, groups) in [
        ("Servicios", &r.by_service),
        ("Asesores", &r.by_advisor),
        ("Total", &vec![r.totals.clone()]),
    ] {
        let sheet = book.add_worksheet().set_name(name).map_err(fail)?;
        let first = start(sheet, &head, &widths)?;
        for (i, g) in groups.iter().enumerate() {
            let row = first + i as u32;
            sheet.write_string(row, 0, &g.key).map_err(fail)?;
            for (c, (m, v)) in group_cells(g).into_iter().enumerate() {
                let v = match (m, v) {
                    ("preferencial_pct", Cell::Decimal(x)) => Cell::Percent(x),
                    (_, v) => v,
                };
                write_cell(sheet, (row, c as u16 + 1), &v, &f, false).map_err(fail)?;
            }
        }
        if !groups.is_empty() {
            let last = first + groups.len() as u32 - 1;
            sheet.autofilter(first - 1, 0, last, 9).map_err(fail)?;
        }
    }
    let sheet = book.add_worksheet().set_name("Horas").map_err(fail)?;
    let first = start(
        sheet,
        &["Hora", "Llegadas", "Espera mediana (min)"],
        &[8.0, 10.0, 21.0],
    )?;
    for h in 0..24usize {
        let row = first + h as u32;
        sheet
            .write_string(row, 0, format!("{h:02}h"))
            .map_err(fail)?;
        let arrivals = Cell::Int(r.arrivals_per_hour[h] as i64);
        write_cell(sheet, (row, 1), &arrivals, &f, false).map_err(fail)?;
        if let Some(w) = r.wait_by_hour[h] {
            write_cell(sheet, (row, 2), &Cell::Decimal(w), &f, false).map_err(fail)?;
        }
    }
    let (top, bottom) = (first, first + 23);
    // Both charts side by side beside the table, each 480×288 px: one landscape A4 page.
    let mut arrivals = Chart::new(ChartType::Column);
    arrivals.title().set_name("Llegadas por hora");
    arrivals
        .add_series()
        .set_categories(("Horas", top, 0, bottom, 0))
        .set_values(("Horas", top, 1, bottom, 1))
        .set_name("Llegadas");
    arrivals.set_width(480).set_height(288);
    sheet.insert_chart(first, 4, &arrivals).map_err(fail)?;
    let mut waits = Chart::new(ChartType::Line);
    waits.title().set_name("Espera mediana por hora (min)");
    waits
        .add_series()
        .set_categories(("Horas", top, 0, bottom, 0))
        .set_values(("Horas", top, 2, bottom, 2))
        .set_name("Espera");
    waits.set_width(480).set_height(288);
    sheet.insert_chart(first, 12, &waits).map_err(fail)?;

    let sheet = book.add_worksheet().set_name("PQRS").map_err(fail)?;
    let p = &r.pqrs;
    let mut row = start(sheet, &["PQRS", "Cantidad"], &[34.0, 10.0])?;
    for (k, v) in [
        ("Radicadas", p.filed),
        ("Respondidas", p.answered),
        ("Respondidas a tiempo", p.answered_on_time),
        ("Cerradas a favor del usuario", p.closed_in_favor),
    ] {
        sheet.write_string(row, 0, k).map_err(fail)?;
        write_cell(sheet, (row, 1), &Cell::Int(v as i64), &f, false).map_err(fail)?;
        row += 1;
    }
    for (title, map) in [
        ("Por tipo", &p.by_type),
        ("Por canal", &p.by_channel),
        ("Por área", &p.by_area),
        ("Por estado", &p.by_status),
    ] {
        row += 1;
        sheet
            .write_string_with_format(row, 0, title, &f.bold)
            .map_err(fail)?;
        row += 1;
        for (k, v) in map {
            sheet.write_string(row, 0, k).map_err(fail)?;
            write_cell(sheet, (row, 1), &Cell::Int(*v as i64), &f, false).map_err(fail)?;
            row += 1;
        }
    }

    let sheet = book.add_worksheet().set_name("Indicadores").map_err(fail)?;
    let first = start(
        sheet,
        &[
            "Indicador",
            "Valor",
            "Meta",
            "Cumple",
            "Numerador",
            "Denominador",
        ],
        &[58.0, 10.0, 10.0, 10.0, 12.0, 12.0],
    )?;
    for (i, ind) in r.indicators.iter().enumerate() {
        let row = first + i as u32;
        sheet.write_string(row, 0, &ind.name).map_err(fail)?;
        if let Some(v) = ind.value {
            write_cell(sheet, (row, 1), &Cell::Percent(v), &f, false).map_err(fail)?;
        }
        sheet
            .write_string(row, 2, format!("{} %", ind.target))
            .map_err(fail)?;
        let met = ind.met.map_or("sin datos", |m| if m { "sí" } else { "no" });
        sheet.write_string(row, 3, met).map_err(fail)?;
        sheet
            .write_number(row, 4, ind.numerator as f64)
            .map_err(fail)?;
        sheet
            .write_number(row, 5, ind.denominator as f64)
            .map_err(fail)?;
    }
    let sheet = book
        .add_worksheet()
        .set_name("Calificaciones")
        .map_err(fail)?;
    let first = start(sheet, &["Calificaciones", "Valor"], &[24.0, 10.0])?;
    let rows = [
        ("Registradas", Cell::Int(r.ratings as i64)),
        ("Con calificación", Cell::Int(r.rated as i64)),
        (
            "Satisfacción",
            r.satisfaction_percent.map_or(Cell::Empty, Cell::Percent),
        ),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        let row = first + i as u32;
        sheet.write_string(row, 0, *k).map_err(fail)?;
        write_cell(sheet, (row, 1), v, &f, false).map_err(fail)?;
    }
    book.save_to_writer(crate::files::create_private(out)?)
        .map_err(fail)?;
    Ok(())
}
