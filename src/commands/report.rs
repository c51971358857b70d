//! `ventanilla report day|month|range`: the management report as text, JSON, CSV or Excel.

use super::{Ctx, parse_date};
use crate::cli::{ReportCommand, ReportOutput};
use crate::desk::{self, reports::Group, reports::Report};
use crate::error::{Error, Result};
use crate::tables::{Cell, CsvDialect, Formats, Title, csv_document, write_cell};
use std::fmt::Write as _;

mod table;
mod xlsx;
use table::group_cells;
pub use table::table;
pub use xlsx::xlsx;

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
            let (first, last) = month_days(&month)?;
            (first, last, output)
        }
        ReportCommand::Range { from, to, output } => (parse_date(&from)?, parse_date(&to)?, output),
    };
    // ten years of days at most: a report builds its figures day by day
    super::check_period(from, to, Some(3660))?;
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

/// The first and last day of the month `AAAA-MM`.
pub fn month_days(month: &str) -> Result<(chrono::NaiveDate, chrono::NaiveDate)> {
    let first = parse_date(&format!("{}-01", month.trim()))
        .map_err(|_| Error::Usage(format!("mes «{month}» inválido: use AAAA-MM")))?;
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    Ok((first, next.pred_opt().unwrap_or(first)))
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
    super::io::emit(&text, output.out.as_deref())
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
    let w = &p.work_orders;
    let open: Vec<String> = w
        .open_by_area
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    let _ = writeln!(
        s,
        "Órdenes de trabajo: abiertas en el periodo {} · cerradas {} · pendientes hoy: {}",
        w.opened,
        w.closed,
        if open.is_empty() {
            "ninguna".to_string()
        } else {
            open.join(" · ")
        }
    );
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
