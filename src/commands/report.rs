//! `ventanilla report day|month|range`: the management report as text, JSON, CSV or Excel.

use super::{Ctx, parse_date};
use crate::cli::{ReportCommand, ReportOutput};
use crate::desk::{self, reports::Group, reports::Report};
use crate::error::{Error, Result};
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
    write(&report, &output)
}

fn write(r: &Report, output: &ReportOutput) -> Result<()> {
    let text = match output.format.as_str() {
        "json" => serde_json::to_string_pretty(r)
            .map_err(|e| Error::Usage(format!("no se pudo producir JSON: {e}")))?,
        "csv" => csv(r),
        "xlsx" => {
            let out = output.out.as_ref().ok_or_else(|| {
                Error::Usage("el formato xlsx necesita --out ARCHIVO.xlsx".into())
            })?;
            xlsx(r, out)?;
            println!("Informe escrito en {}", out.display());
            return Ok(());
        }
        _ => text(r),
    };
    match &output.out {
        Some(path) => {
            crate::files::write_private(path, text.as_bytes()).map_err(|e| {
                Error::Usage(format!("no se pudo escribir {}: {e}", path.display()))
            })?;
            println!("Informe escrito en {}", path.display());
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
    }
    s
}

/// The report as one long CSV table: section, key, measure, value.
pub fn csv(r: &Report) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut row = |a: &str, b: &str, c: &str, d: String| {
        let _ = w.write_record([a, b, c, d.as_str()]);
    };
    row("seccion", "clave", "medida", "valor".into());
    for (section, groups) in [
        ("servicio", &r.by_service),
        ("asesor", &r.by_advisor),
        ("total", &vec![r.totals.clone()]),
    ] {
        for g in groups.iter() {
            for (m, v) in group_measures(g) {
                row(section, &g.key, m, v);
            }
        }
    }
    for (h, n) in r.arrivals_per_hour.iter().enumerate() {
        row("hora", &format!("{h:02}"), "llegadas", n.to_string());
        row(
            "hora",
            &format!("{h:02}"),
            "espera_mediana_min",
            num(r.wait_by_hour[h]),
        );
    }
    row(
        "calificaciones",
        "total",
        "registradas",
        r.ratings.to_string(),
    );
    row(
        "calificaciones",
        "total",
        "con_calificacion",
        r.rated.to_string(),
    );
    row(
        "calificaciones",
        "total",
        "satisfaccion_pct",
        num(r.satisfaction_percent),
    );
    let p = &r.pqrs;
    row("pqrs", "total", "radicadas", p.filed.to_string());
    row("pqrs", "total", "respondidas", p.answered.to_string());
    row("pqrs", "total", "a_tiempo", p.answered_on_time.to_string());
    row("pqrs", "total", "a_tiempo_pct", num(p.on_time_percent));
    row(
        "pqrs",
        "total",
        "cerradas_a_favor",
        p.closed_in_favor.to_string(),
    );
    for (m, map) in [
        ("tipo", &p.by_type),
        ("canal", &p.by_channel),
        ("area", &p.by_area),
        ("estado", &p.by_status),
    ] {
        for (k, v) in map {
            row(&format!("pqrs_{m}"), k, "radicadas", v.to_string());
        }
    }
    for (k, v) in &r.attentions_by_channel {
        row("atenciones", k, "atenciones", v.to_string());
    }
    for i in &r.indicators {
        row("indicador", &i.name, "valor_pct", num(i.value));
        row("indicador", &i.name, "meta", i.target.clone());
        row(
            "indicador",
            &i.name,
            "cumple",
            i.met
                .map_or("-".into(), |m| if m { "si".into() } else { "no".into() }),
        );
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn group_measures(g: &Group) -> [(&'static str, String); 9] {
    [
        ("turnos", g.issued.to_string()),
        ("atendidos", g.served.to_string()),
        ("no_se_presento", g.no_shows.to_string()),
        ("cancelados", g.cancelled.to_string()),
        ("espera_mediana_min", num(g.wait_median_min)),
        ("espera_p90_min", num(g.wait_p90_min)),
        ("atencion_mediana_min", num(g.service_median_min)),
        ("preferencial_pct", num(g.preferential_percent)),
        ("manuales", g.manual.to_string()),
    ]
}

/// The report as an Excel workbook: one sheet per section, charts of arrivals and waits.
pub fn xlsx(r: &Report, out: &std::path::Path) -> Result<()> {
    use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, XlsxError};
    let fail = |e: XlsxError| Error::Usage(format!("no se pudo escribir {}: {e}", out.display()));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
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
    for (name, groups) in [
        ("Servicios", &r.by_service),
        ("Asesores", &r.by_advisor),
        ("Total", &vec![r.totals.clone()]),
    ] {
        let sheet = book.add_worksheet().set_name(name).map_err(fail)?;
        for (c, h) in head.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, *h, &bold)
                .map_err(fail)?;
        }
        for (i, g) in groups.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, &g.key).map_err(fail)?;
            for (c, (_, v)) in group_measures(g).iter().enumerate() {
                match v.parse::<f64>() {
                    Ok(x) => sheet.write_number(row, c as u16 + 1, x),
                    Err(_) => sheet.write_string(row, c as u16 + 1, v),
                }
                .map_err(fail)?;
            }
        }
    }
    let sheet = book.add_worksheet().set_name("Horas").map_err(fail)?;
    for (c, h) in ["Hora", "Llegadas", "Espera mediana (min)"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(fail)?;
    }
    for h in 0..24usize {
        let row = h as u32 + 1;
        sheet
            .write_string(row, 0, format!("{h:02}h"))
            .map_err(fail)?;
        sheet
            .write_number(row, 1, r.arrivals_per_hour[h] as f64)
            .map_err(fail)?;
        if let Some(w) = r.wait_by_hour[h] {
            sheet.write_number(row, 2, w).map_err(fail)?;
        }
    }
    let mut arrivals = Chart::new(ChartType::Column);
    arrivals.title().set_name("Llegadas por hora");
    arrivals
        .add_series()
        .set_categories(("Horas", 1, 0, 24, 0))
        .set_values(("Horas", 1, 1, 24, 1))
        .set_name("Llegadas");
    sheet.insert_chart(1, 4, &arrivals).map_err(fail)?;
    let mut waits = Chart::new(ChartType::Line);
    waits.title().set_name("Espera mediana por hora (min)");
    waits
        .add_series()
        .set_categories(("Horas", 1, 0, 24, 0))
        .set_values(("Horas", 1, 2, 24, 2))
        .set_name("Espera");
    sheet.insert_chart(18, 4, &waits).map_err(fail)?;

    let sheet = book.add_worksheet().set_name("PQRS").map_err(fail)?;
    let p = &r.pqrs;
    let mut row = 0u32;
    for (k, v) in [
        ("Radicadas", p.filed as f64),
        ("Respondidas", p.answered as f64),
        ("Respondidas a tiempo", p.answered_on_time as f64),
        ("Cerradas a favor del usuario", p.closed_in_favor as f64),
    ] {
        sheet
            .write_string_with_format(row, 0, k, &bold)
            .map_err(fail)?;
        sheet.write_number(row, 1, v).map_err(fail)?;
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
            .write_string_with_format(row, 0, title, &bold)
            .map_err(fail)?;
        row += 1;
        for (k, v) in map {
            sheet.write_string(row, 0, k).map_err(fail)?;
            sheet.write_number(row, 1, *v as f64).map_err(fail)?;
            row += 1;
        }
    }

    let sheet = book.add_worksheet().set_name("Indicadores").map_err(fail)?;
    for (c, h) in ["Indicador", "Valor (%)", "Meta (%)", "Cumple"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(fail)?;
    }
    for (i, ind) in r.indicators.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &ind.name).map_err(fail)?;
        if let Some(v) = ind.value {
            sheet.write_number(row, 1, v).map_err(fail)?;
        }
        sheet.write_string(row, 2, &ind.target).map_err(fail)?;
        let met = ind.met.map_or("sin datos", |m| if m { "sí" } else { "no" });
        sheet.write_string(row, 3, met).map_err(fail)?;
    }
    let sheet = book
        .add_worksheet()
        .set_name("Calificaciones")
        .map_err(fail)?;
    for (i, (k, v)) in [
        ("Registradas", Some(r.ratings as f64)),
        ("Con calificación", Some(r.rated as f64)),
        ("Satisfacción (%)", r.satisfaction_percent),
    ]
    .iter()
    .enumerate()
    {
        sheet
            .write_string_with_format(i as u32, 0, *k, &bold)
            .map_err(fail)?;
        if let Some(v) = v {
            sheet.write_number(i as u32, 1, *v).map_err(fail)?;
        }
    }
    book.save_to_writer(crate::files::create_private(out)?)
        .map_err(fail)?;
    Ok(())
}
