//! Drawing the PQRS workspace from state: the list, or a PQRS's detail, with the keys that
//! work now; forms and the answer editor over them.

use super::{KEYS, Overlay, PqrsDesk, Scope, steps};
use crate::desk::pqrs::Detail;
use crate::domain::request::event_text;
use crate::localtime;
use crate::tui::view::{form_box, key_hints, notice_line, pqrs::short};
use crate::tui::widgets::list::ScrollList;
use crate::tui::{text, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Text;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

mod overlays;
use overlays::overlay;

/// The smallest terminal the workspace draws in.
const MIN: (u16, u16) = (80, 24);

pub fn render(s: &PqrsDesk, frame: &mut Frame<'_>) {
    let area = frame.area();
    if crate::tui::view::smaller_than(frame, MIN) {
        return;
    }
    if let Some(form) = &s.login {
        frame.render_widget(
            Paragraph::new(" ventanilla · PQRS").style(theme::HEADER),
            Rect { height: 1, ..area },
        );
        form_box(
            " Ingreso al área de trabajo de PQRS ",
            "Usuario y PIN del personal.",
            form,
            s.notice.as_ref(),
            frame,
            area,
        );
        return;
    }
    // the whole message, wrapped (up to four lines), never a cut sentence
    let notice = notice_line(s.notice.as_ref()).to_string();
    let notice_rows = textwrap::wrap(&notice, usize::from(area.width.max(1)))
        .len()
        .clamp(1, 4) as u16;
    let keys = footer_line(s);
    let footer_rows = textwrap::wrap(&keys.to_string(), usize::from(area.width.max(1)))
        .len()
        .clamp(1, 3) as u16;
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(notice_rows),
        Constraint::Length(footer_rows),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(header_line(s)).style(theme::HEADER), header);
    match &s.detail {
        Some(d) => detail(s, d, frame, body),
        None => list(s, frame, body),
    }
    frame.render_widget(
        Paragraph::new(notice_line(s.notice.as_ref())).wrap(Wrap { trim: true }),
        status,
    );
    frame.render_widget(Paragraph::new(keys).wrap(Wrap { trim: true }), footer);
    overlay(s, frame, area);
    if s.discarding {
        crate::tui::view::discard_question(frame, area);
    }
}

fn header_line(s: &PqrsDesk) -> String {
    let who = s
        .user
        .as_ref()
        .map_or(String::new(), |u| u.username.clone());
    let clock = s.now.format("%d/%m/%Y %H:%M");
    format!(" PQRS · {who} · {}  {clock}", s.scope.label())
}

/// The filters in force, for the list's title.
fn filters(s: &PqrsDesk) -> String {
    let f = &s.filters;
    let mut parts = Vec::new();
    if s.scope != Scope::Approvals {
        parts.push(
            f.status
                .map_or("abiertas".into(), |x| x.label().to_string()),
        );
    }
    if let Some(k) = f.kind {
        parts.push(k.label().to_string());
    }
    if let Some(a) = &f.area {
        parts.push(a.clone());
    }
    if let Some(n) = f.due_within {
        parts.push(format!("vencen en ≤{n} días"));
    }
    if f.overdue {
        parts.push("vencidas".into());
    }
    parts.join(" · ")
}

fn list(s: &PqrsDesk, frame: &mut Frame<'_>, area: Rect) {
    let shown = filters(s);
    let shown = if shown.is_empty() {
        String::new()
    } else {
        format!(" · {shown}")
    };
    let title = format!(" {}{shown} ", s.scope.label());
    let block = Block::bordered()
        .title(title)
        .border_style(theme::BORDER_FOCUS);
    if s.lines.is_empty() {
        frame.render_widget(
            Paragraph::new("No hay PQRS con estos filtros.").block(block),
            area,
        );
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    // the shared list draws its marker in the first two columns
    let heading = row_text([
        "Radic.", "Vence", "Días", "Tipo", "Estado", "Asignada", "Asunto",
    ]);
    frame.render_widget(
        Paragraph::new(format!("  {heading}")).style(theme::TITLE),
        head,
    );
    let rows = s
        .lines
        .iter()
        .map(|l| {
            let r = &l.row;
            let due = r
                .due_on
                .as_deref()
                .and_then(|d| d.parse().ok())
                .map_or("-".to_string(), |d: chrono::NaiveDate| {
                    d.format("%d/%m").to_string()
                });
            let left = l.days_left.map_or("-".to_string(), |d| d.to_string());
            let priority = if r.priority { "!" } else { "" };
            let who = r.assignee.clone().unwrap_or_else(|| r.area.clone());
            Text::from(row_text([
                &format!("{priority}{}", short(&r.radicado)),
                &due,
                &left,
                r.kind.label(),
                r.status.label(),
                &who,
                &r.subject,
            ]))
        })
        .collect();
    let capped = (s.lines.len() >= super::LIST_LIMIT as usize).then_some(s.total);
    frame.render_widget(
        ScrollList::new(rows, s.selected, true).capped(capped, text::PQRS_LIST_CAPPED),
        body,
    );
}

/// Widths of the list's columns (the last one takes the rest).
const COLUMNS: [usize; 6] = [7, 5, 4, 9, 20, 11];

/// One row of the list: each value cut to its column.
fn row_text(values: [&str; 7]) -> String {
    let mut out = String::new();
    for (i, v) in values.iter().enumerate() {
        match COLUMNS.get(i) {
            Some(w) => {
                let cut: String = v.chars().take(*w).collect();
                out.push_str(&format!("{cut:<w$} "));
            }
            None => out.push_str(v),
        }
    }
    out
}

fn detail_lines(s: &PqrsDesk, d: &Detail) -> Vec<Line<'static>> {
    let p = &d.pqrs;
    let off = s.config().utc_offset();
    let mut lines = vec![Line::styled(
        format!("{} · {} · {}", p.radicado, p.kind.label(), p.status.label()),
        theme::TITLE,
    )];
    lines.push(Line::from(format!(
        "Peticionario: {}",
        d.customer.as_deref().unwrap_or("anónimo")
    )));
    lines.push(Line::from(format!("Asunto: {}", p.subject)));
    lines.push(Line::from(format!(
        "Área: {}{}",
        p.area,
        p.assignee
            .as_deref()
            .map(|u| format!(" · {u}"))
            .unwrap_or_default()
    )));
    let day = |d: &str| {
        d.parse().map_or(d.to_string(), |d: chrono::NaiveDate| {
            localtime::human_date(d)
        })
    };
    let due = match (&p.due_date, d.days_left, d.standing) {
        (Some(due), Some(left), Some(st)) => {
            format!(
                " · vence el {} ({left} días hábiles, {})",
                day(due),
                st.label()
            )
        }
        _ => String::new(),
    };
    lines.push(Line::from(format!("Radicada el {}{due}", day(&p.filed_on))));
    lines.push(Line::default());
    match d.answers.last() {
        Some(a) => {
            let state = if p.answer_approved == Some(a.version) {
                "aprobada"
            } else {
                "borrador"
            };
            lines.push(Line::styled(
                format!(
                    "Respuesta · versión {} · {state} · {}",
                    a.version, a.saved_by
                ),
                theme::TITLE,
            ));
            lines.extend(a.body.lines().map(|l| Line::from(format!("  {l}"))));
        }
        None => lines.push(Line::styled("Sin respuesta escrita.", theme::HINT)),
    }
    lines.push(Line::default());
    lines.push(Line::styled("Historia", theme::TITLE));
    for e in &d.events {
        lines.push(Line::from(format!(
            "  {} {} · {}",
            localtime::human_stamp(&e.at, off),
            e.by,
            event_text(&e.step, &e.note)
        )));
    }
    if !d.deliveries.is_empty() {
        lines.push(Line::styled("Entregas", theme::TITLE));
        for x in &d.deliveries {
            let back = if x.returned { " · DEVUELTA" } else { "" };
            lines.push(Line::from(format!(
                "  {} · {} · {} · {}{back}",
                x.delivered_on,
                x.letter.label(),
                x.to_whom,
                x.how.label()
            )));
        }
    }
    if !d.attachments.is_empty() {
        lines.push(Line::styled("Adjuntos", theme::TITLE));
        for a in &d.attachments {
            lines.push(Line::from(format!(
                "  #{} {} · {}",
                a.id,
                a.name,
                crate::domain::attachment::human_size(u64::try_from(a.size).unwrap_or(0))
            )));
        }
    }
    if !d.work_orders.is_empty() {
        lines.push(Line::styled("Órdenes de trabajo", theme::TITLE));
        for w in &d.work_orders {
            lines.push(Line::from(format!(
                "  #{} {} · {} · {}{}",
                w.id,
                w.area,
                w.status,
                w.description,
                w.result
                    .as_deref()
                    .map(|r| format!(" → {r}"))
                    .unwrap_or_default()
            )));
        }
    }
    lines
}

fn detail(s: &PqrsDesk, d: &Detail, frame: &mut Frame<'_>, area: Rect) {
    let lines = detail_lines(s, d);
    let block = Block::bordered()
        .title(format!(" {} ", d.pqrs.radicado))
        .border_style(theme::BORDER_FOCUS);
    let scroll = u16::try_from(s.scroll.min(lines.len().saturating_sub(1))).unwrap_or(0);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(block),
        area,
    );
}

fn footer_line(s: &PqrsDesk) -> Line<'static> {
    match s.overlay {
        Some(Overlay::Editor { .. }) => {
            return key_hints(&[
                ("Enter", "nueva línea"),
                ("Ctrl+S", "guardar borrador"),
                ("Esc", "guardar y volver"),
            ]);
        }
        Some(Overlay::Help) => return Line::from(text::PQRS_HELP_CLOSE),
        Some(_) => {
            return key_hints(&[("Tab", "campo"), ("Enter", "aceptar"), ("Esc", "cancelar")]);
        }
        None => {}
    }
    match (&s.detail, &s.user) {
        (Some(d), Some(u)) => {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (c, key, what) in KEYS {
                if steps::offered(key, d, u.role, s.config()) {
                    spans.push(Span::styled(format!(" {c} "), theme::KEY));
                    spans.push(Span::raw(what.to_string()));
                }
            }
            spans.push(Span::styled(" Esc ", theme::KEY));
            spans.push(Span::raw("lista"));
            Line::from(spans)
        }
        _ => key_hints(&[
            ("Enter", "abrir"),
            ("Tab", "lista"),
            ("e", "estado"),
            ("t", "tipo"),
            ("a", "área"),
            ("d", "vence"),
            ("v", "vencidas"),
            ("g", "radicado"),
            ("r", "reasignar"),
            ("?", "ayuda"),
            ("q", "salir"),
        ]),
    }
}
