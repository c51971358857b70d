//! The report as one long table (CSV and the raw sheet).

use super::*;

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
    let w = &p.work_orders;
    row(
        "ordenes_de_trabajo",
        "total",
        "abiertas_en_el_periodo",
        int(w.opened),
    );
    row(
        "ordenes_de_trabajo",
        "total",
        "cerradas_en_el_periodo",
        int(w.closed),
    );
    for (k, v) in &w.open_by_area {
        row("ordenes_de_trabajo_pendientes", k, "abiertas", int(*v));
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

pub(super) fn group_cells(g: &Group) -> [(&'static str, Cell); 9] {
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
