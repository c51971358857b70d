//! Drawing the supervisor's screen from state.

use super::{FILTERS, FormKind, SORTS, Supervisor, Tab};
use crate::desk::reports::Group;
use crate::domain::turn::Status;
use crate::tui::view::{form_box, key_hints, notice_line};
use crate::tui::widgets::table::ScrollTable;
use crate::tui::{text, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Cell, Gauge, Paragraph, Row, Table, Tabs};

/// The smallest terminal the supervisor screen draws in: the indicator tables (79 columns)
/// with their targets, satisfaction and PQRS below them, every column with its header.
pub const MIN: (u16, u16) = (100, 40);

/// The live queue's column headers.
pub const QUEUE_COLUMNS: [&str; 8] = [
    "Turno",
    "Serv.",
    "Estado",
    "Vent.",
    "Asesor",
    "Llegó",
    "Espera",
    "Atención",
];

/// Columns of the satisfaction, targets and PQRS-by-area boxes.
const SIDE: u16 = 56;

/// From this width the targets and PQRS go beside the indicator tables.
const WIDE: u16 = 79 + SIDE;

pub fn render(s: &Supervisor, frame: &mut Frame<'_>) {
    let area = frame.area();
    if crate::tui::view::smaller_than(frame, MIN) {
        return;
    }
    if let Some(form) = &s.login {
        frame.render_widget(
            Paragraph::new(" ventanilla · modo supervisor").style(theme::HEADER),
            Rect { height: 1, ..area },
        );
        form_box(
            " Ingreso de supervisor ",
            "Solo supervisores y administradores.",
            form,
            s.notice.as_ref(),
            frame,
            area,
        );
        return;
    }
    // the sync's line takes the rows its sentence needs rather than cutting it (up to 4)
    let sync = super::sync_line::rows(s.sync.as_ref(), s.central_configured(), s.now, area.width);
    let sync_rows = u16::try_from(sync.len()).unwrap_or(1).max(1);
    let [header, tabs, alerts, body, status, central, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(sync_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    let user = s
        .user
        .as_ref()
        .map_or(String::new(), |u| format!("{} — {}", u.username, u.name));
    let contingency = if s.live.as_ref().is_some_and(|l| l.contingency) {
        " · CONTINGENCIA MANUAL"
    } else {
        ""
    };
    let clock = format!(
        "{}  {} ",
        text::long_date(s.now.date_naive()),
        s.now.format("%H:%M:%S")
    );
    let left = format!(" Supervisor · {user}{contingency}");
    let pad = usize::from(area.width).saturating_sub(left.chars().count() + clock.chars().count());
    frame.render_widget(
        Paragraph::new(format!("{left}{}{clock}", " ".repeat(pad))).style(theme::HEADER),
        header,
    );
    let selected = match s.tab {
        Tab::Fila => 0,
        Tab::Indicadores => 1,
        Tab::Ventanillas => 2,
    };
    frame.render_widget(
        Tabs::new(vec!["1 Fila del día", "2 Indicadores", "3 Ventanillas"])
            .select(selected)
            .highlight_style(theme::FOCUS_LABEL),
        tabs,
    );
    frame.render_widget(alert_line(s, alerts.width), alerts);
    match s.tab {
        Tab::Fila => queue(s, frame, body),
        Tab::Indicadores => indicators(s, frame, body),
        Tab::Ventanillas => super::windows::render(s, frame, body),
    }
    frame.render_widget(notice_line(s.notice.as_ref()), status);
    frame.render_widget(Paragraph::new(sync), central);
    frame.render_widget(
        key_hints(&[
            ("Tab", "vista"),
            ("f", "filtro"),
            ("o", "orden"),
            // the live queue selects a row; the other views scroll
            (
                "↑↓",
                if s.tab == Tab::Fila {
                    "elegir fila"
                } else {
                    "desplazar"
                },
            ),
            ("v", "ventanilla"),
            ("m", "contingencia"),
            ("p", "PQRS"),
            ("q", "salir"),
        ]),
        footer,
    );
    if let Some((kind, form)) = &s.form {
        let (title, intro) = match kind {
            FormKind::Window => (
                " Servicios de una ventanilla ",
                "Marque con Espacio los servicios en el orden en que la ventanilla los llama.",
            ),
            FormKind::Reassign => (
                " Reasignar PQRS ",
                "Área por competencia y, si se quiere, el usuario que la tramita.",
            ),
        };
        form_box(title, intro, form, s.notice.as_ref(), frame, area);
        if s.discarding {
            crate::tui::view::discard_question(frame, area);
        }
    }
}

fn alert_line(s: &Supervisor, width: u16) -> Line<'static> {
    let Some(live) = &s.live else {
        return Line::default();
    };
    if live.alerts.is_empty() {
        return Line::styled(
            format!(
                " Sin alertas: nadie espera más de {} min.",
                s.alert_minutes()
            ),
            theme::OK,
        );
    }
    let items: Vec<String> = live
        .alerts
        .iter()
        .map(|(svc, label, min)| format!("{svc}: {label} espera {min:.0} min"))
        .collect();
    // whole alerts only, then how many more did not fit
    let mut text = " ⚠".to_string();
    for (i, item) in items.iter().enumerate() {
        let sep = if i == 0 { " " } else { " · " };
        let rest = items.len() - i - 1;
        let tail = if rest > 0 {
            format!(" · y {rest} más")
        } else {
            String::new()
        };
        let wanted = [text.as_str(), sep, item, &tail]
            .iter()
            .map(|t| t.chars().count())
            .sum::<usize>();
        let fits = wanted <= usize::from(width);
        if !fits {
            text.push_str(&format!(" · y {} más", items.len() - i));
            break;
        }
        text.push_str(sep);
        text.push_str(item);
    }
    Line::styled(text, theme::ERROR)
}

fn status_word(status: &str) -> &'static str {
    Status::from_code(status).map_or("", Status::label)
}

fn queue(s: &Supervisor, frame: &mut Frame<'_>, area: Rect) {
    let rows = s.rows();
    let header = Row::new(QUEUE_COLUMNS.map(|h| Cell::from(h).style(theme::TITLE)));
    let threshold = f64::from(s.alert_minutes());
    let body: Vec<Row> = rows
        .iter()
        .map(|t| {
            let waiting = t.status == "waiting";
            let wait_style = if waiting && t.waited > threshold {
                theme::ERROR
            } else {
                Style::new()
            };
            Row::new(vec![
                Cell::from(format!(
                    "{}{}",
                    t.label,
                    if t.preferential { " ★" } else { "" }
                )),
                Cell::from(t.service.clone()),
                Cell::from(status_word(&t.status)),
                Cell::from(t.window.map_or("-".into(), |w| w.to_string())),
                Cell::from(t.advisor.clone().unwrap_or_default()),
                Cell::from(t.issued.clone()),
                Cell::from(format!("{:.0} min", t.waited)).style(wait_style),
                Cell::from(t.served.map_or("-".into(), |m| format!("{m:.0} min"))),
            ])
        })
        .collect();
    let title = format!(
        " Fila del día · {} turnos · filtro: {} · orden: {} ",
        rows.len(),
        FILTERS[s.filter].0,
        SORTS[s.sort]
    );
    let table = Table::new(
        body,
        [
            Constraint::Length(10),
            Constraint::Length(6),
            Constraint::Length(16),
            Constraint::Length(6),
            Constraint::Length(12),
            Constraint::Length(7),
            Constraint::Length(9),
            Constraint::Length(9),
        ],
    )
    .header(header);
    let block = Block::bordered()
        .title(title)
        .border_style(theme::BORDER_FOCUS);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // the shared list's scrolling: the selection marked and always shown, "n de m"
    frame.render_widget(ScrollTable::new(table, rows.len(), s.selected, true), inner);
}

fn num(v: Option<f64>) -> String {
    v.map_or("-".into(), |x| format!("{x:.1}"))
}

fn group_table<'a>(title: &'a str, groups: &'a [Group]) -> Table<'a> {
    let header = Row::new(
        [
            "", "Turnos", "Atend.", "No vino", "Canc.", "Esp.med", "Esp.p90", "Aten.med", "%Pref",
            "Man.",
        ]
        .map(|h| Cell::from(h).style(theme::TITLE)),
    );
    let rows: Vec<Row> = groups
        .iter()
        .map(|g| {
            Row::new(vec![
                g.key.clone(),
                g.issued.to_string(),
                g.served.to_string(),
                g.no_shows.to_string(),
                g.cancelled.to_string(),
                num(g.wait_median_min),
                num(g.wait_p90_min),
                num(g.service_median_min),
                num(g.preferential_percent),
                g.manual.to_string(),
            ])
        })
        .collect();
    Table::new(
        rows,
        [
            Constraint::Length(11),
            Constraint::Length(6),
            Constraint::Length(6),
            Constraint::Length(7),
            Constraint::Length(5),
            Constraint::Length(7),
            Constraint::Length(7),
            Constraint::Length(8),
            Constraint::Length(6),
            Constraint::Length(5),
        ],
    )
    .header(header)
    .block(
        Block::bordered()
            .title(format!(" {title} (minutos) "))
            .border_style(theme::BORDER),
    )
}

fn indicators(s: &Supervisor, frame: &mut Frame<'_>, area: Rect) {
    let Some(live) = &s.live else {
        return;
    };
    let r = &live.today;
    // every table at its full height (rows + header + borders); the charts take what is left
    let n_services = r.by_service.len() as u16 + 4;
    let n_advisors = r.by_advisor.len() as u16 + 3;
    let wide = area.width >= WIDE;
    // the satisfaction gauge, then every target with the box's borders
    let side_rows = 3 + r.indicators.len() as u16 + 2;
    // wide: the satisfaction, targets and PQRS beside the tables; else in a row below them
    let tables_height = n_services + n_advisors;
    let side_height = if wide {
        tables_height.max(side_rows)
    } else {
        tables_height + side_rows
    };
    let [top, charts] =
        Layout::vertical([Constraint::Length(side_height), Constraint::Min(0)]).areas(area);
    let (tables, gauge, ind, pqrs) = if wide {
        let [tables, side] =
            Layout::horizontal([Constraint::Min(79), Constraint::Length(SIDE)]).areas(top);
        let [gauge, ind, pqrs] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(side_rows - 3),
            Constraint::Min(0),
        ])
        .areas(side);
        (tables, gauge, ind, pqrs)
    } else {
        let [tables, below] =
            Layout::vertical([Constraint::Length(tables_height), Constraint::Min(0)]).areas(top);
        let [left, pqrs] =
            Layout::horizontal([Constraint::Length(44), Constraint::Min(0)]).areas(below);
        let [gauge, ind] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(left);
        (tables, gauge, ind, pqrs)
    };
    let [services, advisors] =
        Layout::vertical([Constraint::Length(n_services), Constraint::Min(0)]).areas(tables);
    let mut with_total = r.by_service.clone();
    with_total.push(r.totals.clone());
    frame.render_widget(group_table("Por servicio", &with_total), services);
    frame.render_widget(group_table("Por asesor", &r.by_advisor), advisors);
    let target = s.satisfaction_target();
    let (ratio, label, color) = match r.satisfaction_percent {
        Some(p) => (
            (p / 100.0).clamp(0.0, 1.0),
            format!("{p:.0}% de {} calificaciones · meta {target}%", r.rated),
            if p >= f64::from(target) {
                Color::Green
            } else {
                Color::Red
            },
        ),
        None => (0.0, "sin calificaciones hoy".to_string(), Color::DarkGray),
    };
    frame.render_widget(
        Gauge::default()
            .block(
                Block::bordered()
                    .title(" Satisfacción ")
                    .border_style(theme::BORDER),
            )
            .gauge_style(Style::new().fg(color))
            .ratio(ratio)
            .label(label),
        gauge,
    );
    let lines: Vec<Line> = r
        .indicators
        .iter()
        .map(|i| {
            let (word, style) = match i.met {
                Some(true) => ("cumple", theme::OK),
                Some(false) => ("no cumple", theme::ERROR),
                None => ("sin datos", theme::HINT),
            };
            Line::from(vec![
                Span::raw(format!(
                    "{:<18} {:>5} {:>6} ",
                    i.short,
                    num(i.value),
                    i.target
                )),
                Span::styled(word, style),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(" Indicadores (%) ")
                .border_style(theme::BORDER),
        ),
        ind,
    );
    let header = Row::new(
        ["Área", "Abiertas", "Por vencer", "Vencidas"].map(|h| Cell::from(h).style(theme::TITLE)),
    );
    let rows: Vec<Row> = live
        .pqrs_by_area
        .iter()
        .map(|a| {
            Row::new(vec![
                Cell::from(a.area.clone()),
                Cell::from(a.open.to_string()),
                Cell::from(a.due_soon.to_string()).style(Style::new().fg(Color::Yellow)),
                Cell::from(a.overdue.to_string()).style(if a.overdue > 0 {
                    theme::ERROR
                } else {
                    Style::new()
                }),
            ])
        })
        .collect();
    // the area column as wide as the longest name: no name cut mid-word
    let area_width = live
        .pqrs_by_area
        .iter()
        .map(|a| a.area.chars().count() as u16)
        .max()
        .unwrap_or(4)
        .max(4);
    frame.render_widget(
        Table::new(
            rows,
            [
                Constraint::Length(area_width),
                Constraint::Length(8),
                Constraint::Length(10),
                Constraint::Length(8),
            ],
        )
        .header(header)
        .block(
            Block::bordered()
                .title(" PQRS por área ")
                .border_style(theme::BORDER),
        ),
        pqrs,
    );

    if charts.height < 6 {
        // no room for readable charts: the tables and targets come first
        return;
    }
    let [bars, line] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(charts);
    let hours: Vec<usize> = (0..24).filter(|h| r.arrivals_per_hour[*h] > 0).collect();
    let (lo, hi) = (
        hours.first().copied().unwrap_or(7).min(7),
        hours.last().copied().unwrap_or(17).max(17),
    );
    let bars_of = |values: Vec<u64>| -> Vec<Bar<'static>> {
        (lo..=hi)
            .zip(values)
            .map(|(h, v)| Bar::default().value(v).label(Line::from(format!("{h:02}"))))
            .collect()
    };
    let chart = |title: String, color: Color, data: Vec<Bar<'static>>| {
        BarChart::default()
            .block(Block::bordered().title(title).border_style(theme::BORDER))
            .bar_width(3)
            .bar_gap(1)
            .bar_style(Style::new().fg(color))
            .value_style(Style::new().fg(Color::Black).bg(color))
            .data(BarGroup::default().bars(&data))
    };
    let arrivals = bars_of((lo..=hi).map(|h| r.arrivals_per_hour[h] as u64).collect());
    frame.render_widget(
        chart(" Llegadas por hora ".into(), Color::Cyan, arrivals),
        bars,
    );
    let waits = bars_of(
        (lo..=hi)
            .map(|h| r.wait_by_hour[h].map_or(0, |w| w.round() as u64))
            .collect(),
    );
    frame.render_widget(
        chart(
            " Espera mediana (min) por hora de llegada ".into(),
            Color::Yellow,
            waits,
        ),
        line,
    );
}
