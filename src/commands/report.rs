//! `ventanilla report day|month|range`: the management report as text, JSON, CSV or Excel.

use super::{Ctx, parse_date};
use crate::cli::{ReportCommand, ReportOutput};
use crate::desk::{self, reports::Group, reports::Report};
use crate::error::{Error, Result};
use crate::tables::{Cell, CsvDialect, Formats, Title, csv_document, write_cell};
use std::fmt::Write as _;

/// Runs a report subcommand.
pub fn run(ctx: &Ctx, cmd: ReportCommand) -> Result<()> {
    let today = ctx
        .clock
        .now()
        .with_timezone(&ctx.loaded.config.utc_offset())
        .date_naive();
    let (from, to, output) = match cmd {
        ReportCommand::Day { date, output } => {
            let d = date
                .as_deref()
                .map(parse_date)
                .transpose()?
                .unwrap_or(today);
            (d, d, output)
        }
        ReportCommand::Month { month, output } => {
            let first = parse_date(&format!("{}-01", month.trim()))
                .map_err(|_| Error::Usage(format!("mes «{month}» inválido: use AAAA-MM")))?;
            let next = first
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(first);
            (first, next.pred_opt().unwrap_or(first), output)
        }
        ReportCommand::Range { from, to, output } => (parse_date(&from)?, parse_date(&to)?, output),
    };
    if to < from {
        return Err(Error::Usage(format!(
            "el periodo termina ({to}) antes de empezar ({from})"
        )));
    }
    let store = ctx.store()?;
    let report = desk::reports::build(&store, &ctx.loaded.config, from, to)?;
    let report = desk::reports::with_advisor_times(
        report,
        &store,
        &ctx.loaded.config,
        from,
        to,
        ctx.clock.now(),
    )?;
    let dialect = super::io::dialect(ctx, &output.csv)?;
    let period = if from == to {
        format!("Día {}", crate::localtime::human_date(from))
    } else {
        format!(
            "Del {} al {}",
            crate::localtime::human_date(from),
            crate::localtime::human_date(to)
        )
    };
    let title = super::io::title(ctx, "Informe de gestión", Some(period))?;
    write(&report, &output, dialect, &title)
}

fn write(r: &Report, output: &ReportOutput, dialect: CsvDialect, title: &Title) -> Result<()> {
    let text = match output.format.as_str() {
        "json" => serde_json::to_string_pretty(r)
            .map_err(|e| Error::Usage(format!("no se pudo producir JSON: {e}")))?,
        "csv" => csv_document(&table(r), dialect, output.out.is_some()),
        "xlsx" => {
            let out = output.out.as_ref().ok_or_else(|| {
                Error::Usage("el formato xlsx necesita --out ARCHIVO.xlsx".into())
            })?;
            xlsx(r, title, out)?;
            crate::say!("Informe escrito en {}", out.display());
            return Ok(());
        }
        _ => text(r),
    };
    match &output.out {
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

fn num(v: Option<f64>) -> String {
    v.map_or("-".into(), |x| format!("{x:.1}"))
}

fn group_line(g: &Group) -> String {
    format!(
        "{:<12} {:>6} {:>9} {:>7} {:>10} {:>7} {:>7} {:>8} {:>5} {:>6}",
        g.key,
        g.issued,
        g.served,
        g.no_shows,
        g.cancelled,
        num(g.wait_median_min),
        num(g.wait_p90_min),
        num(g.service_median_min),
        num(g.preferential_percent),
        g.manual
    )
}

/// The report as text for the terminal.
pub fn text(r: &Report) -> String {
    let mut s = String::new();
    let period = if r.from == r.to {
        format!("del {}", r.from)
    } else {
        format!("del {} al {}", r.from, r.to)
    };
    let _ = writeln!(s, "INFORME DE GESTIÓN {period}\n");
    let head = format!(
        "{:<12} {:>6} {:>9} {:>7} {:>10} {:>7} {:>7} {:>8} {:>5} {:>6}",
        "",
        "turnos",
        "atendidos",
        "no vino",
        "cancelados",
        "esp med",
        "esp p90",
        "aten med",
        "%pref",
        "manual"
    );
    for (title, groups) in [
        ("Por servicio", &r.by_service),
        ("Por asesor", &r.by_advisor),
    ] {
        let _ = writeln!(s, "{title} (minutos)\n{head}");
        for g in groups.iter() {
            let _ = writeln!(s, "{}", group_line(g));
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "Total\n{head}\n{}\n", group_line(&r.totals));
    let _ = writeln!(s, "Llegadas por hora");
    let peak = r
        .arrivals_per_hour
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    for (h, n) in r
        .arrivals_per_hour
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
    {
        let bar = "█".repeat((40 * n).div_ceil(peak));
        let _ = writeln!(
            s,
            "  {h:02}h {n:>5} {bar}  espera med {}",
            num(r.wait_by_hour[h])
        );
    }
    let _ = writeln!(
        s,
        "\nCalificaciones: {} ({} con calificación) · satisfacción {}%",
        r.ratings,
        r.rated,
        num(r.satisfaction_percent)
    );
    let p = &r.pqrs;
    let _ = writeln!(
        s,
        "\nPQRS radicadas: {} · respondidas {} · a tiempo {} ({}%) · cerradas a favor {}",
        p.filed,
        p.answered,
        p.answered_on_time,
        num(p.on_time_percent),
        p.closed_in_favor
    );
    for (title, map) in [
        ("por tipo", &p.by_type),
        ("por canal", &p.by_channel),
        ("por área", &p.by_area),
        ("por estado", &p.by_status),
    ] {
        let items: Vec<String> = map.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let _ = writeln!(s, "  {title}: {}", items.join(" · "));
    }
    let items: Vec<String> = r
        .attentions_by_channel
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    let _ = writeln!(s, "\nAtenciones por canal: {}", items.join(" · "));
    let _ = writeln!(s, "Atenciones por nivel de información:");
    for (k, v) in &r.attentions_by_level {
        let _ = writeln!(s, "  nivel {k}: {v}");
    }
    if !r.advisor_times.is_empty() {
        let _ = writeln!(s, "\nTiempos por asesor (minutos)");
        for t in &r.advisor_times {
            let pauses: Vec<String> = t
                .paused_minutes
                .iter()
                .map(|(reason, m)| format!("{reason} {m:.0}"))
                .collect();
            let _ = writeln!(
                s,
                "  {}: disponible {:.0} · en atención {:.0} · en pausa {}",
                t.advisor,
                t.available_minutes,
                t.attention_minutes,
                if pauses.is_empty() {
                    "0".to_string()
                } else {
                    pauses.join(", ")
                }
            );
        }
    }
    let taken: usize = r.opportunities.values().sum();
    let by_service: Vec<String> = r
        .opportunities
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    let _ = writeln!(
        s,
        "Oportunidades (servicio tomado): {taken}{}",
        if by_service.is_empty() {
            String::new()
        } else {
            format!(" · {}", by_service.join(" · "))
        }
    );
    let _ = writeln!(s, "\nIndicadores");
    for i in &r.indicators {
        let met = match i.met {
            Some(true) => "cumple",
            Some(false) => "NO CUMPLE",
            None => "sin datos",
        };
        let _ = writeln!(
            s,
            "  {:<58} {:>6}%  meta {}%  {met}",
            i.name,
            num(i.value),
            i.target
        );
        let _ = writeln!(
            s,
            "      {} ÷ {}: {}",
            i.numerator, i.denominator, i.formula
        );
    }
    let silences = &r.pqrs.positive_silence;
    let _ = writeln!(
        s,
        "\nSilencio administrativo positivo: {} PQRS",
        silences.len()
    );
    for x in silences {
        let answered = x
            .answered_on
            .as_deref()
            .map_or("sin respuesta".to_string(), |d| {
                format!("respondida el {d}")
            });
        let _ = writeln!(
            s,
            "  {}  {}  venció el {}  {answered}  {}",
            x.radicado,
            x.kind.label(),
            x.due_on,
            x.area
        );
    }
    s
}

/// The report as one long table: section, key, measure, value (numbers typed).
pub fn table(r: &Report) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row = |a: &str, b: &str, c: &str, d: Cell| {
        rows.push(vec![Cell::from(a), Cell::from(b), Cell::from(c), d]);
    };
    row("seccion", "clave", "medida", Cell::from("valor"));
    let dec = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Decimal);
    let int = |n: usize| Cell::Int(n as i64);
    for (section, groups) in [
        ("servicio", &r.by_service),
        ("asesor", &r.by_advisor),
        ("total", &vec![r.totals.clone()]),
    ] {
        for g in groups.iter() {
            for (m, v) in group_cells(g) {
                row(section, &g.key, m, v);
            }
        }
    }
    for (h, n) in r.arrivals_per_hour.iter().enumerate() {
        row("hora", &format!("{h:02}"), "llegadas", int(*n));
        row(
            "hora",
            &format!("{h:02}"),
            "espera_mediana_min",
            dec(r.wait_by_hour[h]),
        );
    }
    row("calificaciones", "total", "registradas", int(r.ratings));
    row("calificaciones", "total", "con_calificacion", int(r.rated));
    row(
        "calificaciones",
        "total",
        "satisfaccion_pct",
        dec(r.satisfaction_percent),
    );
    let p = &r.pqrs;
    row("pqrs", "total", "radicadas", int(p.filed));
    row("pqrs", "total", "respondidas", int(p.answered));
    row("pqrs", "total", "a_tiempo", int(p.answered_on_time));
    row("pqrs", "total", "a_tiempo_pct", dec(p.on_time_percent));
    row("pqrs", "total", "cerradas_a_favor", int(p.closed_in_favor));
    for (m, map) in [
        ("tipo", &p.by_type),
        ("canal", &p.by_channel),
        ("area", &p.by_area),
        ("estado", &p.by_status),
    ] {
        for (k, v) in map {
            row(&format!("pqrs_{m}"), k, "radicadas", int(*v));
        }
    }
    for (k, v) in &r.attentions_by_channel {
        row("atenciones", k, "atenciones", int(*v));
    }
    for (k, v) in &r.attentions_by_level {
        row("atenciones_nivel", k, "atenciones", int(*v));
    }
    for (k, v) in &r.opportunities {
        row("oportunidades", k, "servicio_tomado", int(*v));
    }
    for t in &r.advisor_times {
        row(
            "asesor_estado",
            &t.advisor,
            "disponible_min",
            dec(Some(t.available_minutes)),
        );
        row(
            "asesor_estado",
            &t.advisor,
            "en_atencion_min",
            dec(Some(t.attention_minutes)),
        );
        for (reason, m) in &t.paused_minutes {
            row("asesor_pausa", &t.advisor, reason, dec(Some(*m)));
        }
    }
    for i in &r.indicators {
        row("indicador", &i.name, "valor_pct", dec(i.value));
        row("indicador", &i.name, "meta", Cell::from(i.target.as_str()));
        let met = i.met.map_or("-", |m| if m { "sí" } else { "no" });
        row("indicador", &i.name, "cumple", Cell::from(met));
        row("indicador", &i.name, "numerador", int(i.numerator));
        row("indicador", &i.name, "denominador", int(i.denominator));
    }
    row(
        "pqrs",
        "total",
        "vencidas_sin_respuesta",
        int(p.overdue_unanswered),
    );
    for x in &r.pqrs.positive_silence {
        row(
            "silencio_positivo",
            &x.radicado,
            "vencio",
            Cell::from(x.due_on.as_str()),
        );
    }
    rows
}

fn group_cells(g: &Group) -> [(&'static str, Cell); 9] {
    let dec = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Decimal);
    let int = |n: usize| Cell::Int(n as i64);
    [
        ("turnos", int(g.issued)),
        ("atendidos", int(g.served)),
        ("no_se_presento", int(g.no_shows)),
        ("cancelados", int(g.cancelled)),
        ("espera_mediana_min", dec(g.wait_median_min)),
        ("espera_p90_min", dec(g.wait_p90_min)),
        ("atencion_mediana_min", dec(g.service_median_min)),
        ("preferencial_pct", dec(g.preferential_percent)),
        ("manuales", int(g.manual)),
    ]
}

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
