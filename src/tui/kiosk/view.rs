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

/// Columns the kiosk's questions take at most (wider screens centre them).
const CONTENT_WIDTH: u16 = 90;

/// Where a question of `lines` goes inside the body: as wide as its longest line (at most
/// [`CONTENT_WIDTH`]) and centred both ways, so a wide screen is not left half empty.
fn content(inner: Rect, lines: &[Line<'_>]) -> Rect {
    let longest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    let width = longest.clamp(1, CONTENT_WIDTH).min(inner.width);
    let rows = crate::tui::widgets::wrapped_height(lines, width);
    let [row] = Layout::vertical([Constraint::Length(rows.min(inner.height))])
        .flex(ratatui::layout::Flex::Center)
        .areas(inner);
    let [rect] = Layout::horizontal([Constraint::Length(width)])
        .flex(ratatui::layout::Flex::Center)
        .areas(row);
    rect
}

/// The key a touch at (`col`, `row`) stands for: a service's letter on the first screen, a
/// preferential reason's number on the third. Choices are drawn one per line (services with a
/// blank line between them) below a title and a blank line.
pub fn key_at(k: &Kiosk, area: Rect, col: u16, row: u16) -> Option<char> {
    let inner = inner_area(area);
    if k.step == Step::Service
        && let Some(key) = super::big::key_at(k, inner, (col, row).into())
    {
        return key;
    }
    let lines = match k.step {
        Step::Service => service_lines(k),
        Step::Preferential => preferential_lines(),
        _ => return None,
    };
    let inner = content(inner, &lines);
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
        Step::Ticket => {
            ticket(k, frame, inner, footer);
            return exit_prompt(k, frame, area);
        }
    };
    let big = k.step == Step::Service && super::big::render(k, frame, inner, BIG);
    if !big {
        let rect = content(inner, &lines);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), rect);
    }
    frame.render_widget(key_hints(hints), footer);
    exit_prompt(k, frame, area);
}

/// The staff's exit prompt (F10), over whatever the kiosk shows.
fn exit_prompt(k: &Kiosk, frame: &mut Frame<'_>, area: Rect) {
    let Some(p) = &k.exit else {
        return;
    };
    let field = |label: &str, value: String, on: bool| {
        let style = if on { SELECTED } else { CHOICE };
        Line::from(vec![
            Span::raw(format!("{label:<9}")),
            Span::styled(format!("{value}▏"), style),
        ])
    };
    let mut lines = vec![
        Line::from("Salida del modo quiosco: solo personal de la sede."),
        Line::default(),
        field("Usuario:", p.username.clone(), !p.on_pin),
        field("PIN:", "•".repeat(p.pin.chars().count()), p.on_pin),
    ];
    if let Some(n) = &p.notice {
        lines.push(Line::default());
        lines.push(Line::styled(n.clone(), theme::ERROR));
    }
    lines.push(Line::default());
    lines.push(Line::styled("Enter: salir · Esc: volver", theme::HINT));
    let rect = crate::tui::view::centered(area, 60, lines.len() as u16 + 2);
    frame.render_widget(ratatui::widgets::Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(" Personal ")
                .border_style(theme::BORDER_FOCUS),
        ),
        rect,
    );
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
        Line::styled(
            "Aviso de privacidad (Ley 1581 de 2012): su documento se usa solo para atenderlo \
             y se trata según la política de datos de la sede, que puede pedir en ventanilla.",
            theme::HINT,
        ),
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
    let [ahead, wait] = crate::printer::wait_lines(issued.ahead, issued.estimated_minutes);
    let mut lines = vec![Line::styled(format!("{ahead}."), CHOICE), Line::from(wait)];
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
