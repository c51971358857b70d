//! The Cliente pane: the search, its results, the open customer's card.

use crate::domain::consent::Status;
use crate::tui::action::Pane;
use crate::tui::app::{App, CustomerFormKind, Notice, card_who};
use crate::tui::form::Form;
use crate::tui::text;
use crate::tui::theme;
use crate::tui::widgets::{list::ScrollList, wrapped_height};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

fn consent_style(s: Status) -> Style {
    match s {
        Status::Vigente => Style::new().fg(Color::Green),
        Status::Falta => Style::new().fg(Color::Yellow),
        Status::Revocada => Style::new().fg(Color::Red),
    }
}

/// Draws the pane from the app's lookup state.
pub fn render(app: &App, focused: bool, frame: &mut Frame<'_>, area: Rect) {
    let l = &app.lookup;
    let cursor = if focused { "▏" } else { "" };
    let mut lines = vec![Line::from(vec![
        Span::styled("Buscar: ", theme::LABEL),
        Span::styled(format!("{}{cursor}", l.query), theme::INPUT_FOCUSED),
    ])];
    let searching = !l.query.trim().is_empty();
    let mut results = Vec::new();
    let mut position = l.selected;
    let mut capped = l.total;
    if let (Some(a), false) = (&app.attention, searching) {
        let whose = if a.customer.is_some() {
            format!("Atención del turno {}:", a.label)
        } else {
            format!(
                "Turno {} sin cliente: escriba su documento para buscarlo, o Ctrl+N para registrarlo.",
                a.label
            )
        };
        lines.push(Line::styled(whose, theme::PREFERENTIAL));
    }
    if let (Some(card), false) = (app.subject(), searching) {
        let c = &card.customer;
        lines.push(Line::styled(
            format!("{} {}", c.names, c.surnames),
            theme::TITLE,
        ));
        lines.push(Line::from(vec![
            Span::raw(format!("{} {}", c.doc_type, c.doc_number)),
            Span::styled(" · Ctrl+E corregir", theme::HINT),
        ]));
        let category = c
            .category
            .as_deref()
            .map(|k| format!(" · categoría {k}"))
            .unwrap_or_default();
        let age = c
            .birth_date
            .as_deref()
            .and_then(|b| chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d").ok())
            .and_then(|b| app.now.date_naive().years_since(b))
            .map(|y| format!(" · {y} años"))
            .unwrap_or_default();
        lines.push(Line::from(format!("{}{category}{age}", c.affiliation)));
        if card.reclamo_en_tramite {
            lines.push(Line::from(Span::styled(
                "RECLAMO EN TRÁMITE (habeas data)",
                theme::ERROR,
            )));
        }
        lines.push(Line::from(vec![
            Span::raw("Consentimiento: "),
            Span::styled(card.consent.spanish(), consent_style(card.consent)),
            Span::styled(
                if card.consent == Status::Vigente {
                    ""
                } else {
                    " · Ctrl+A registrar"
                },
                theme::HINT,
            ),
        ]));
        if !card.purposes.is_empty() {
            lines.push(purposes_line(card));
        }
        lines.extend(open_items(card));
        // contact data last: on a short pane consent and open PQRS matter more
        lines.extend(contact_line(c));
        // the whole history, as the shared list (Enter opens a PQRS of it); an event takes
        // two rows when the pane is narrow, so its radicado is never cut
        position = l.event;
        capped = None;
        let width = usize::from(area.width.saturating_sub(4 + 2)).max(10);
        results = card
            .timeline
            .iter()
            .map(|e| {
                let when = crate::localtime::human_stamp(&e.at, *app.now.offset());
                let day = when.get(..10).unwrap_or(&when).to_string();
                let text = format!("{day} {} · {}", e.kind, e.summary);
                let rows: Vec<Line> = crate::tui::widgets::wrap(&text, width)
                    .into_iter()
                    .take(2)
                    .map(|r| Line::styled(r, theme::HINT))
                    .collect();
                Text::from(rows)
            })
            .collect();
    } else if l.results.is_empty() && (searching || app.attention.is_none()) {
        let hint = if l.nothing_found {
            "No se encontró. Ctrl+N: registrar cliente nuevo."
        } else {
            "Escriba un documento o un nombre (sin importar tildes)."
        };
        lines.push(Line::styled(hint, theme::HINT));
    } else {
        results = l
            .results
            .iter()
            .map(|c| {
                // the full number is on the card once opened
                Text::from(format!(
                    "{} {} · {} {}",
                    c.doc_type,
                    crate::domain::ids::masked(&c.doc_number),
                    c.names,
                    c.surnames
                ))
            })
            .collect();
    }
    let block = super::pane::pane_block(Pane::Cliente, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // the list keeps at least four rows (three and its count) when it has any
    let list_rows = if results.is_empty() { 0 } else { 4 };
    let head_height =
        wrapped_height(&lines, inner.width).min(inner.height.saturating_sub(list_rows));
    let [top, list] =
        Layout::vertical([Constraint::Length(head_height), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), top);
    frame.render_widget(
        ScrollList::new(results, position, focused).capped(capped, text::SEARCH_CAPPED),
        list,
    );
}

/// Phone, e-mail and address, as far as they are known.
fn contact_line(c: &crate::store::customers::Customer) -> Option<Line<'static>> {
    let parts: Vec<String> = [
        c.phone.as_deref().map(|p| format!("Tel. {p}")),
        c.email.clone(),
        c.address.clone(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.trim().is_empty())
    .collect();
    (!parts.is_empty()).then(|| Line::from(parts.join(" · ")))
}

/// Each purpose's consent: ✓ granted, ✗ revoked, ? never asked.
fn purposes_line(card: &crate::desk::customers::Card) -> Line<'static> {
    let mut spans = vec![Span::raw("Finalidades: ")];
    for (i, p) in card.purposes.iter().enumerate() {
        let (mark, style) = match p.granted {
            Some(true) => ("✓", theme::OK),
            Some(false) => ("✗", theme::ERROR),
            None => ("?", theme::HINT),
        };
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(
            format!(
                "{mark}{}",
                crate::domain::consent::purpose_label(&p.purpose)
            ),
            style,
        ));
    }
    Line::from(spans)
}

/// The PQRS and data requests still owed an answer, and open calls about them.
fn open_items(card: &crate::desk::customers::Card) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    // the first few; the others are in the history list below (↑↓ Enter opens them)
    const SHOWN: usize = 3;
    for p in card.open_pqrs.iter().take(SHOWN) {
        let due = p
            .due_date
            .as_deref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(|d| format!(" · vence {}", d.format("%d/%m")))
            .unwrap_or_default();
        let what = if p.data_request {
            "solicitud de datos"
        } else {
            p.kind.label()
        };
        lines.push(Line::styled(
            format!(
                "Abierta: {} {what} · {}{due}",
                p.radicado.rsplit('-').next().unwrap_or(&p.radicado),
                p.status.label()
            ),
            theme::PREFERENTIAL,
        ));
    }
    if let Some(more) = card.open_pqrs.len().checked_sub(SHOWN).filter(|n| *n > 0) {
        lines.push(Line::styled(
            format!("y {more} abiertas más (en la historia)"),
            theme::PREFERENTIAL,
        ));
    }
    match card.open_calls {
        0 => {}
        1 => lines.push(Line::styled(
            "1 llamada o chat abierto",
            theme::PREFERENTIAL,
        )),
        n => lines.push(Line::styled(
            format!("{n} llamadas o chats abiertos"),
            theme::PREFERENTIAL,
        )),
    }
    lines
}

/// The new-customer, edit and consent forms.
pub fn form(
    app: &App,
    kind: CustomerFormKind,
    form: &Form,
    notice: Option<&Notice>,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let (title, intro) = match kind {
        CustomerFormKind::New => (
            " Cliente nuevo ",
            "Obligatorios: tipo y número de documento, nombres y apellidos.".to_string(),
        ),
        CustomerFormKind::Edit => {
            let who = app.subject().map(card_who).unwrap_or_default();
            (
                " Corregir datos del cliente ",
                format!(
                    "{who}. Cada cambio queda en el historial con su autor. Vacío borra el dato opcional."
                ),
            )
        }
        CustomerFormKind::Consent => {
            let who = app.subject().map(card_who).unwrap_or_default();
            (
                " Autorización de datos personales ",
                format!(
                    "{who}. Un acto autoriza varias finalidades (Espacio marca cada una). Aviso de privacidad {}.",
                    app.consent_policy()
                ),
            )
        }
    };
    super::form_box(title, &intro, form, notice, frame, area);
}
