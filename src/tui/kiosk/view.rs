//! Drawing the kiosk: large, high-contrast, one question per screen.

use super::{Kiosk, Printed, Step};
use crate::domain::{ids, turn::PreferentialReason};
use crate::tui::{text, theme, view::key_hints};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

const BIG: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
const CHOICE: Style = Style::new().fg(Color::White).add_modifier(Modifier::BOLD);
const SELECTED: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Cyan)
    .add_modifier(Modifier::BOLD);

/// The inside of the kiosk's framed body on a screen of `area` (below the header line, above
/// the footer).
fn inner_area(area: Rect) -> Rect {
    let [_, body, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    Block::bordered().inner(body)
}

/// The key a touch at (`col`, `row`) stands for: a service's letter on the first screen, a
/// preferential reason's number on the third. Choices are drawn one per line (services with a
/// blank line between them) below a title and a blank line.
pub fn key_at(k: &Kiosk, area: Rect, col: u16, row: u16) -> Option<char> {
    let inner = inner_area(area);
    if area.width < 40 || area.height < 16 || !inner.contains((col, row).into()) {
        return None;
    }
    let line = usize::from(row - inner.y).checked_sub(2)?;
    match k.step {
        Step::Service if !k.contingency => (line % 2 == 0)
            .then(|| k.services.get(line / 2))
            .flatten()
            .and_then(|s| s.code.chars().next()),
        Step::Preferential if line <= PreferentialReason::ALL.len() => {
            char::from_digit(line as u32, 10)
        }
        _ => None,
    }
}

pub fn render(k: &Kiosk, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width < 40 || area.height < 16 {
        let msg = format!(
            "{} ({}×{}; mínimo 40×16)",
            text::TOO_SMALL,
            area.width,
            area.height
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let clock = format!(
        "{} {} ",
        text::long_date(k.now.date_naive()),
        k.now.format("%H:%M")
    );
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {} ", k.branch), theme::HEADER_CLOCK),
            Span::styled(
                format!(
                    "{:>w$}",
                    clock,
                    w = usize::from(area.width).saturating_sub(k.branch.chars().count() + 2)
                ),
                theme::HEADER,
            ),
        ])),
        header,
    );
    let block = Block::bordered().border_style(theme::BORDER_FOCUS);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let (lines, hints): (Vec<Line<'static>>, &[(&str, &str)]) = match k.step {
        Step::Service => (
            service_lines(k),
            &[("letra", "elegir servicio"), ("↑↓ Enter", "elegir")],
        ),
        Step::Document => (
            document_lines(k),
            &[
                ("Enter", "continuar (vacío: sin documento)"),
                ("←→", "tipo"),
                ("Esc", "volver"),
            ],
        ),
        Step::Preferential => (
            preferential_lines(),
            &[("0-5", "elegir"), ("Enter", "no"), ("Esc", "volver")],
        ),
        Step::Ticket => return ticket(k, frame, inner, footer),
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    frame.render_widget(key_hints(hints), footer);
}

fn title(text: &str) -> Line<'static> {
    Line::styled(text.to_string(), BIG)
}

fn service_lines(k: &Kiosk) -> Vec<Line<'static>> {
    if k.contingency {
        return vec![
            title("Turnero en contingencia"),
            Line::default(),
            Line::styled(
                "Por favor solicite una ficha de papel al personal de la sede.",
                theme::ERROR,
            ),
        ];
    }
    let mut lines = vec![
        title("Bienvenido(a). ¿Qué servicio necesita?"),
        Line::default(),
    ];
    for (i, s) in k.services.iter().enumerate() {
        let style = if i == k.selected { SELECTED } else { CHOICE };
        lines.push(Line::styled(format!("  [{}]  {}  ", s.code, s.name), style));
        lines.push(Line::default());
    }
    if let Some(n) = &k.notice {
        lines.push(Line::styled(n.clone(), theme::ERROR));
    }
    lines
}

fn document_lines(k: &Kiosk) -> Vec<Line<'static>> {
    let kind = ids::ALL[k.doc_type];
    let service = k
        .services
        .get(k.selected)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let mut lines = vec![
        title(&format!("Servicio: {service}")),
        Line::default(),
        Line::from("Si desea, digite su número de documento (opcional)."),
        Line::default(),
        Line::from(vec![
            Span::raw("Tipo:   ◀ "),
            Span::styled(format!("{} — {}", kind.code(), kind.name()), CHOICE),
            Span::raw(" ▶"),
        ]),
        Line::from(vec![
            Span::raw("Número: "),
            Span::styled(format!("{}▏", k.doc_input), SELECTED),
        ]),
    ];
    if let Some(n) = &k.notice {
        lines.push(Line::default());
        lines.push(Line::styled(n.clone(), theme::ERROR));
    }
    lines
}

fn preferential_lines() -> Vec<Line<'static>> {
    let mut lines = vec![
        title("¿Tiene derecho a atención preferencial?"),
        Line::default(),
        Line::styled("  0  No", CHOICE),
    ];
    for (i, reason) in PreferentialReason::ALL.iter().enumerate() {
        lines.push(Line::styled(
            format!("  {}  {}", i + 1, reason.label()),
            CHOICE,
        ));
    }
    lines
}

fn ticket(k: &Kiosk, frame: &mut Frame<'_>, area: Rect, footer: Rect) {
    let Some((issued, printed)) = &k.issued else {
        return;
    };
    let [top, big, rest] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(8),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(title(&format!("Su turno — {}", issued.service_name))).centered(),
        top,
    );
    let size = if area.width >= 8 * issued.label.chars().count() as u16 {
        PixelSize::Full
    } else {
        PixelSize::Quadrant
    };
    let label = BigText::builder()
        .pixel_size(size)
        .style(BIG)
        .lines(vec![issued.label.clone().into()])
        .centered()
        .build();
    frame.render_widget(label, big);
    let ahead = match issued.ahead {
        0 => "Usted es el siguiente.".to_string(),
        1 => "1 persona antes que usted.".to_string(),
        n => format!("{n} personas antes que usted."),
    };
    let mut lines = vec![
        Line::styled(ahead, CHOICE),
        Line::from(format!("Espera estimada: {} min", issued.estimated_minutes)),
    ];
    if let Some(p) = &issued.preferential {
        lines.push(Line::styled(
            format!("Atención preferencial: {p}"),
            theme::PREFERENTIAL,
        ));
    }
    lines.push(match printed {
        Printed::Ok => Line::styled("Tome su tiquete impreso.", theme::OK),
        Printed::ScreenOnly => {
            Line::styled("Recuerde su turno: aparecerá en la pantalla.", theme::HINT)
        }
        Printed::Failed(msg) => Line::styled(
            format!("{msg}. Su turno está registrado; pulse R para reimprimir."),
            theme::ERROR,
        ),
    });
    frame.render_widget(
        Paragraph::new(lines).centered().wrap(Wrap { trim: true }),
        rest,
    );
    frame.render_widget(
        key_hints(&[("R", "reimprimir"), ("Enter", "terminar")]),
        footer,
    );
}
