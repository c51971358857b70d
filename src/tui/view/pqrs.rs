//! The PQRS pane (my deadline watch), the filing form, the constancia and a PQRS's history.

use crate::domain::pqrs::Standing;
use crate::tui::action::Pane;
use crate::tui::app::{App, Notice, PqrsDetail, card_who};
use crate::tui::form::Form;
use crate::tui::theme;
use crate::tui::widgets::scroll_box::ScrollBox;
use crate::tui::widgets::{list::ScrollList, wrapped_height};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

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
    let block = super::pane::pane_block(Pane::Pqrs, focused);
    let inner = block.inner(area);
    let count = format!("{} abiertas ({whose})", p.total);
    let keys = " · Ctrl+N radicar · Ctrl+T mías/todas";
    // the keys are in the footer too: on a narrow pane the count keeps its one line
    let mut head = vec![Span::styled(count.clone(), theme::LABEL)];
    if count.chars().count() + keys.chars().count() <= usize::from(inner.width) {
        head.push(Span::styled(keys, theme::HINT));
    }
    let head = Line::from(head);
    // a narrow pane gives the subject its own line instead of cutting it to a few letters
    let subject_below = inner.width < 64;
    let mut rows = Vec::new();
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
        let first = format!("{mark}{} {due} {left}", short(&l.row.radicado));
        let mut row = if subject_below {
            let mut row = Text::from(Line::from(vec![
                Span::styled(format!("{:<10} ", standing), standing_style(l.standing)),
                Span::raw(first),
            ]));
            row.push_line(Line::from(format!("  {}", l.row.subject)));
            row
        } else {
            Text::from(Line::from(vec![
                Span::styled(format!("{:<10} ", standing), standing_style(l.standing)),
                Span::raw(format!("{first} {}", l.row.subject)),
            ]))
        };
        // the selected priority PQRS says why it goes first (Ley 1437 art. 20)
        if let (true, Some(reason)) = (focused && i == p.selected, &l.row.priority_reason) {
            row.push_line(Line::styled(
                format!("! prioritaria: {reason}"),
                theme::PREFERENTIAL,
            ));
        }
        rows.push(row);
    }
    frame.render_widget(block, area);
    let head_height = wrapped_height(std::slice::from_ref(&head), inner.width).min(inner.height);
    let [top, list] =
        Layout::vertical([Constraint::Length(head_height), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: true }), top);
    if p.lines.is_empty() {
        let empty = Line::styled("Sin PQRS abiertas. Ctrl+N: radicar una.", theme::HINT);
        frame.render_widget(Paragraph::new(empty).wrap(Wrap { trim: true }), list);
        return;
    }
    let capped = (p.total > p.lines.len()).then_some(p.total);
    frame.render_widget(
        ScrollList::new(rows, p.selected, focused).capped(capped, crate::tui::text::PQRS_CAPPED),
        list,
    );
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

/// A document over the console: wrapped by words, scrolled with the arrows and pages.
fn document(
    title: &str,
    lines: Vec<Line<'static>>,
    hint: &str,
    scroll: usize,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let doc = ScrollBox {
        title: title.to_string(),
        lines,
        scroll,
        hint,
        width: 72,
    };
    frame.render_widget(doc, area);
}

/// The constancia de radicación just filed.
pub fn receipt(lines: &[String], scroll: usize, frame: &mut Frame<'_>, area: Rect) {
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
        scroll,
        frame,
        area,
    );
}

/// A PQRS with its whole history (it scrolls).
pub fn detail(
    d: &PqrsDetail,
    offset: chrono::FixedOffset,
    scroll: usize,
    frame: &mut Frame<'_>,
    area: Rect,
) {
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
    for e in &d.events {
        let when = crate::localtime::human_stamp(&e.at, offset);
        let day = when.get(..10).unwrap_or(&when);
        let event = crate::domain::request::event_text(&e.step, &e.note);
        lines.push(Line::styled(format!("{day} {} {event}", e.by), theme::HINT));
    }
    document(" PQRS ", lines, "Enter/Esc cerrar", scroll, frame, area);
}
