//! Rate mode: the customer-facing rating screen at a window. At rest it shows a greeting; when
//! its window finishes an attention (in any process: it polls `PRAGMA data_version`) it wakes
//! with five big numbers, takes one key, thanks the customer and returns to rest. Without an
//! answer it goes back to rest after the configured seconds (the attention stays unrated; the
//! advisor's console can still record it).

use super::Mode;
use super::event::Event;
use crate::clock::Clock;
use crate::config::Config;
use crate::desk::{self, Actor, ratings::Target};
use crate::domain::user::Role;
use crate::error::Result;
use crate::store::Store;
use chrono::{DateTime, Duration, Utc};
use crossterm::event::{KeyCode, KeyModifiers};

/// What the screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    Rest,
    /// Asking about this turn since this instant.
    Asking {
        label: String,
        since: DateTime<Utc>,
    },
    /// Thanking until this instant.
    Thanks {
        until: DateTime<Utc>,
        score: u8,
    },
}

/// The rate screen's state.
pub struct Rate {
    store: Store,
    clock: Box<dyn Clock>,
    config: Config,
    pub window: u32,
    pub branch: String,
    pub phase: Phase,
    /// A message when saving failed (shown while asking).
    pub error: Option<String>,
    /// Turns this screen already asked about (not asked again after a timeout).
    asked: Vec<String>,
    data_version: i64,
    bell: bool,
    quit: bool,
    /// The screen's size at the last draw, to know what a touch touched.
    size: std::cell::Cell<(u16, u16)>,
}

/// Seconds the thanks stay on screen.
const THANKS_SECONDS: i64 = 4;

impl Rate {
    /// A rate screen for `window`.
    pub fn new(store: Store, clock: Box<dyn Clock>, config: Config, window: u32) -> Result<Rate> {
        let branch = desk::setup::branch_info(&store)?
            .map(|b| b.name)
            .unwrap_or_else(|| config.branch.name.clone());
        let mut rate = Rate {
            store,
            clock,
            config,
            window,
            branch,
            phase: Phase::Rest,
            error: None,
            asked: Vec::new(),
            data_version: -1,
            bell: false,
            quit: false,
            size: std::cell::Cell::new((0, 0)),
        };
        rate.tick();
        Ok(rate)
    }

    fn device(&self) -> Actor {
        Actor {
            principal: format!("rate:{}", self.window),
            on_behalf: None,
            role: Role::Asesor,
        }
    }

    fn tick(&mut self) {
        let now = self.clock.now();
        match &self.phase {
            Phase::Thanks { until, .. } if now >= *until => self.phase = Phase::Rest,
            Phase::Asking { since, .. }
                if now - *since
                    >= Duration::seconds(i64::from(self.config.rating.timeout_seconds)) =>
            {
                self.phase = Phase::Rest;
            }
            _ => {}
        }
        let Ok(version) = self.store.data_version() else {
            return;
        };
        if version == self.data_version {
            return;
        }
        self.data_version = version;
        match desk::ratings::awaiting(&self.store, &self.config, now, self.window) {
            Ok(Some(a)) if !self.asked.contains(&a.label) && self.phase == Phase::Rest => {
                self.asked.push(a.label.clone());
                self.phase = Phase::Asking {
                    label: a.label,
                    since: now,
                };
                self.error = None;
                self.bell = true;
            }
            // rated at the console meanwhile: stop asking
            Ok(None) if matches!(self.phase, Phase::Asking { .. }) => self.phase = Phase::Rest,
            _ => {}
        }
    }

    fn answer(&mut self, score: u8) {
        let Phase::Asking { label, .. } = &self.phase else {
            return;
        };
        let target = Target::Turn(label.clone());
        let actor = self.device();
        match desk::ratings::rate(
            &mut self.store,
            self.clock.as_ref(),
            &actor,
            &self.config,
            &target,
            Some(score),
            "",
        ) {
            Ok(_) => {
                self.phase = Phase::Thanks {
                    until: self.clock.now() + Duration::seconds(THANKS_SECONDS),
                    score,
                };
                self.data_version = self.store.data_version().unwrap_or(self.data_version);
            }
            Err(e) => {
                desk::audit::denied(&mut self.store, self.clock.as_ref(), &e);
                self.error = Some(e.to_string());
                self.phase = Phase::Rest;
            }
        }
    }
}

impl Mode for Rate {
    fn handle(&mut self, event: Event) {
        match event {
            Event::Key(k)
                if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') =>
            {
                self.quit = true;
            }
            Event::Key(k) => match k.code {
                KeyCode::Char(c @ '1'..='5') => self.answer(c as u8 - b'0'),
                KeyCode::Char('q') if self.phase == Phase::Rest => self.quit = true,
                _ => {}
            },
            Event::Mouse(m) => {
                // A touch on one of the five numbers is that answer.
                if let Phase::Asking { .. } = self.phase {
                    let (w, h) = self.size.get();
                    let area = ratatui::layout::Rect::new(0, 0, w, h);
                    if let Some(score) = view::score_at(area, m.column, m.row) {
                        self.answer(score);
                    }
                }
            }
            Event::Tick => self.tick(),
            Event::Resize(..) => {}
        }
    }

    fn wants_mouse(&self) -> bool {
        true
    }

    fn render(&self, frame: &mut ratatui::Frame<'_>) {
        let area = frame.area();
        self.size.set((area.width, area.height));
        view::render(self, frame);
    }

    fn should_quit(&self) -> bool {
        self.quit
    }

    fn take_bell(&mut self) -> bool {
        std::mem::take(&mut self.bell)
    }
}

mod view {
    use super::{Phase, Rate};
    use crate::tui::{text, theme};
    use ratatui::Frame;
    use ratatui::layout::{Constraint, Flex, Layout, Rect};
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Paragraph, Wrap};
    use tui_big_text::{BigText, PixelSize};

    const FACES: [(&str, Color); 5] = [
        ("Muy insatisfecho", Color::Red),
        ("Insatisfecho", Color::LightRed),
        ("Regular", Color::Yellow),
        ("Satisfecho", Color::LightGreen),
        ("Muy satisfecho", Color::Green),
    ];

    /// The screen below its header line.
    fn body(area: Rect) -> Rect {
        let [_, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        body
    }

    /// Where the question, the five numbers and their names go on the asking screen.
    fn asking_layout(area: Rect) -> (Rect, Vec<Rect>, Vec<Rect>) {
        let [top, row, names] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(8),
            Constraint::Length(2),
        ])
        .flex(Flex::Center)
        .areas(area);
        let cells = Layout::horizontal([Constraint::Fill(1); 5])
            .split(row)
            .to_vec();
        let name_cells = Layout::horizontal([Constraint::Fill(1); 5])
            .split(names)
            .to_vec();
        (top, cells, name_cells)
    }

    /// The answer under a touch at (`col`, `row`) of a screen of `area`: the number's box or its
    /// name below it.
    pub fn score_at(area: Rect, col: u16, row: u16) -> Option<u8> {
        if area.width < 40 || area.height < 12 {
            return None;
        }
        let (_, cells, names) = asking_layout(body(area));
        let at = ratatui::layout::Position::new(col, row);
        (0..5u8)
            .find(|i| {
                let i = usize::from(*i);
                cells[i].contains(at) || names[i].contains(at)
            })
            .map(|i| i + 1)
    }

    pub fn render(r: &Rate, frame: &mut Frame<'_>) {
        let area = frame.area();
        if area.width < 40 || area.height < 12 {
            let msg = format!(
                "{} ({}×{}; mínimo 40×12)",
                text::TOO_SMALL,
                area.width,
                area.height
            );
            frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
            return;
        }
        let [header, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        frame.render_widget(
            Paragraph::new(format!(" {} · Ventanilla {}", r.branch, r.window)).style(theme::HEADER),
            header,
        );
        match &r.phase {
            Phase::Rest => {
                let mut lines = vec![
                    Line::styled("Bienvenido(a)", theme::TITLE),
                    Line::from(""),
                    Line::from("Al terminar su atención podrá calificarnos aquí."),
                ];
                if let Some(e) = &r.error {
                    lines.push(Line::styled(e.clone(), theme::ERROR));
                }
                let [mid] = Layout::vertical([Constraint::Length(lines.len() as u16)])
                    .flex(Flex::Center)
                    .areas(body);
                frame.render_widget(Paragraph::new(lines).centered(), mid);
            }
            Phase::Asking { label, .. } => asking(label, frame, body),
            Phase::Thanks { score, .. } => {
                let [top, big, bottom] = Layout::vertical([
                    Constraint::Length(2),
                    Constraint::Length(8),
                    Constraint::Length(2),
                ])
                .flex(Flex::Center)
                .areas(body);
                frame.render_widget(
                    Paragraph::new(Line::styled("¡Gracias por calificarnos!", theme::TITLE))
                        .centered(),
                    top,
                );
                let (name, color) = FACES[usize::from(score.saturating_sub(1)).min(4)];
                let big_text = BigText::builder()
                    .pixel_size(PixelSize::Full)
                    .style(Style::new().fg(color))
                    .centered()
                    .lines(vec![score.to_string().into()])
                    .build();
                frame.render_widget(big_text, big);
                frame.render_widget(Paragraph::new(name).centered(), bottom);
            }
        }
    }

    fn asking(label: &str, frame: &mut Frame<'_>, area: Rect) {
        let (top, cells, name_cells) = asking_layout(area);
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(format!("Turno {label}"), theme::TITLE),
                Line::from("¿Cómo le pareció la atención? Toque u oprima un número del 1 al 5."),
            ])
            .centered(),
            top,
        );
        let row_width: u16 = cells.iter().map(|c| c.width).sum();
        let size = if row_width >= 5 * 10 {
            PixelSize::Full
        } else {
            PixelSize::Quadrant
        };
        for (i, (name, color)) in FACES.iter().enumerate() {
            let block = Block::bordered().border_style(Style::new().fg(*color));
            let inner = block.inner(cells[i]);
            frame.render_widget(block, cells[i]);
            let digit = BigText::builder()
                .pixel_size(size)
                .style(Style::new().fg(*color).add_modifier(Modifier::BOLD))
                .centered()
                .lines(vec![(i + 1).to_string().into()])
                .build();
            frame.render_widget(digit, inner);
            frame.render_widget(
                Paragraph::new(*name).centered().wrap(Wrap { trim: true }),
                name_cells[i],
            );
        }
    }
}
