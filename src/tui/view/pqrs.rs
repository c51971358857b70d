//! The PQRS pane (my deadline watch), the filing form, the constancia and a PQRS's history.

use crate::domain::pqrs::Standing;
use crate::tui::action::Pane;
use crate::tui::app::{App, Notice, PqrsDetail, card_who};
use crate::tui::form::Form;
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// The colour of a deadline standing.
pub fn standing_style(s: Option<Standing>) -> Style {
    match s {
        Some(Standing::ATiempo) => Style::new().fg(Color::Green),
        Some(Standing::PorVencer) => Style::new().fg(Color::Yellow),
        Some(Standing::Vencida) => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        Some(Standing::SilencioPositivo) => Style::new()
            .fg(Color::Red)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED),
        Some(Standing::EnPausa) | Some(Standing::SinTermino) | None => theme::HINT,
    }
}

/// Draws the pane.
pub fn render(app: &App, focused: bool, frame: &mut Frame<'_>, area: Rect) {
    let p = &app.pqrs;
    let whose = if p.all { "todas" } else { "mías" };
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{} abiertas ({whose})", p.lines.len()),
            theme::LABEL,
        ),
        Span::styled(" · Ctrl+N radicar · Ctrl+T mías/todas", theme::HINT),
    ])];
    for (i, l) in p.lines.iter().enumerate() {
        let standing = l.standing.map_or("", Standing::label);
        let due = l
            .row
            .due_on
            .as_deref()
            .map_or("sin término", |d| d.get(5..).unwrap_or(d));
        let left = l
            .days_left
            .map(|d| format!("{d:>3}d"))
            .unwrap_or_else(|| "   -".into());
        let mark = if l.row.priority { "!" } else { " " };
        let row_style = if focused && i == p.selected {
            theme::CURRENT
        } else {
            theme::INPUT
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<10}", standing), standing_style(l.standing)),
            Span::styled(
                format!(
                    "{mark}{} {due} {left} {}",
                    short(&l.row.radicado),
                    l.row.subject
                ),
                row_style,
            ),
        ]));
        // the selected priority PQRS says why it goes first (Ley 1437 art. 20)
        if let (true, Some(reason)) = (focused && i == p.selected, &l.row.priority_reason) {
            lines.push(Line::styled(
                format!("  ! prioritaria: {reason}"),
                theme::PREFERENTIAL,
            ));
        }
    }
    if p.lines.is_empty() {
        lines.push(Line::styled(
            "Sin PQRS abiertas. Ctrl+N: radicar una.",
            theme::HINT,
        ));
    }
    let block = super::pane::pane_block(Pane::Pqrs, focused);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// `CALI-2026-000123` → `000123` (the pane is narrow; the year is this one's).
pub fn short(radicado: &str) -> &str {
    radicado.rsplit('-').next().unwrap_or(radicado)
}

/// The filing form.
pub fn form(app: &App, form: &Form, notice: Option<&Notice>, frame: &mut Frame<'_>, area: Rect) {
    // The choices of each closed field are listed when a value is not understood.
    let intro = "Alt+Enter: nueva línea · Sin registro: «Nombre; contacto»";
    let title = match (&app.attention, app.subject()) {
        (Some(a), Some(card)) => format!(" Radicar PQRS · turno {} · {} ", a.label, card_who(card)),
        (None, Some(card)) => format!(" Radicar PQRS · {} ", card_who(card)),
        _ => " Radicar PQRS ".to_string(),
    };
    super::form_box(&title, intro, form, notice, frame, area);
}

fn document(title: &str, lines: Vec<Line<'static>>, hint: &str, frame: &mut Frame<'_>, area: Rect) {
    let mut lines = lines;
    lines.push(Line::default());
    lines.push(Line::styled(hint.to_string(), theme::HINT));
    let rect = super::centered(area, 72, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(title.to_string())
        .border_style(theme::BORDER_FOCUS);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        rect,
    );
}

/// The constancia de radicación just filed.
pub fn receipt(lines: &[String], frame: &mut Frame<'_>, area: Rect) {
    let body = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 1 {
                Line::styled(l.clone(), theme::CURRENT_TEXT)
            } else {
                Line::from(l.clone())
            }
        })
        .collect();
    document(
        " Constancia de radicación ",
        body,
        "p imprimir · Enter/Esc cerrar",
        frame,
        area,
    );
}

/// A PQRS with its history (the latest steps that fit).
pub fn detail(d: &PqrsDetail, offset: chrono::FixedOffset, frame: &mut Frame<'_>, area: Rect) {
    let p = &d.pqrs;
    let mut lines = vec![
        Line::styled(format!("{} · {}", p.radicado, p.kind.label()), theme::TITLE),
        Line::from(format!(
            "{} · {}{}",
            p.status.label(),
            p.area,
            p.assignee
                .as_deref()
                .map(|u| format!(" · {u}"))
                .unwrap_or_default()
        )),
        Line::from(format!(
            "Peticionario: {}",
            d.customer.as_deref().unwrap_or("anónimo")
        )),
        Line::from(format!("Asunto: {}", p.subject)),
    ];
    let due = match (&p.due_date, d.days_left) {
        (Some(due), Some(left)) => format!("Vence el {due} ({left} días hábiles)"),
        (Some(due), None) => format!("Vencía el {due}"),
        (None, _) => "Sin término legal".to_string(),
    };
    lines.push(Line::from(vec![
        Span::raw(format!("Radicada el {} · {due} ", p.filed_on)),
        Span::styled(
            d.standing.map_or("", Standing::label).to_string(),
            standing_style(d.standing),
        ),
    ]));
    let room = usize::from(area.height.saturating_sub(lines.len() as u16 + 6));
    let skip = d.events.len().saturating_sub(room);
    for e in &d.events[skip..] {
        let when = crate::localtime::human_stamp(&e.at, offset);
        let day = when.get(..10).unwrap_or(&when);
        let step = crate::domain::request::event_label(&e.step);
        lines.push(Line::styled(
            format!("{day} {} {step} {}", e.by, e.note),
            theme::HINT,
        ));
    }
    document(" PQRS ", lines, "Enter/Esc cerrar", frame, area);
}
