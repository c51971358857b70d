//! Display mode: the waiting-room screen. The latest call in big digits ("TURNO E-023 →
//! VENTANILLA 3"), the previous calls below, the waiting count per service. It notices other
//! processes' calls by polling `PRAGMA data_version` on every tick, highlights a new call for a
//! few seconds and rings the terminal bell.

use super::Mode;
use super::event::Event;
use crate::clock::Clock;
use crate::config::Config;
use crate::desk::{self, turns::Board};
use crate::error::Result;
use crate::store::Store;
use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{KeyCode, KeyModifiers};

/// The display's state.
pub struct Display {
    store: Store,
    clock: Box<dyn Clock>,
    config: Config,
    pub branch: String,
    pub board: Board,
    /// When the newest call appeared (for the highlight).
    pub highlight_until: Option<DateTime<Utc>>,
    pub now: DateTime<FixedOffset>,
    now_utc: DateTime<Utc>,
    data_version: i64,
    /// The newest call already announced.
    last_call: i64,
    speaker: super::voice::Speaker,
    bell: bool,
    quit: bool,
}

impl Display {
    /// A display on `store`.
    pub fn new(store: Store, clock: Box<dyn Clock>, config: Config) -> Result<Display> {
        let branch = desk::setup::branch_info(&store)?
            .map(|b| b.name)
            .unwrap_or_else(|| config.branch.name.clone());
        let now = clock.now();
        let mut display = Display {
            store,
            branch,
            board: Board::default(),
            highlight_until: None,
            now: now.with_timezone(&config.utc_offset()),
            now_utc: now,
            data_version: -1,
            last_call: 0,
            speaker: super::voice::Speaker::start(super::voice::Voice::parse(
                &config.display.voice,
            )),
            bell: false,
            quit: false,
            clock,
            config,
        };
        display.refresh(false);
        Ok(display)
    }

    /// Whether the newest call is still highlighted.
    pub fn highlighted(&self) -> bool {
        self.highlight_until
            .is_some_and(|until| self.now_utc < until)
    }

    fn refresh(&mut self, announce: bool) {
        let Ok(version) = self.store.data_version() else {
            return;
        };
        if version == self.data_version {
            return;
        }
        self.data_version = version;
        let recent = self.config.display.recent_calls;
        let Ok(board) = desk::turns::board(&self.store, &self.config, self.now_utc, recent) else {
            return;
        };
        let newest = |b: &Board| b.calls.first().map(|c| c.event);
        if announce && newest(&board).is_some() && newest(&board) != newest(&self.board) {
            let secs = i64::from(self.config.display.highlight_seconds);
            self.highlight_until = Some(self.now_utc + chrono::Duration::seconds(secs));
            self.bell = true;
        }
        // Every call since the last one announced, oldest first (two windows may call within
        // one tick); the calls already on the board when the display starts are not repeated.
        if announce {
            for call in board
                .calls
                .iter()
                .rev()
                .filter(|c| c.event > self.last_call)
            {
                self.speaker
                    .say(super::voice::announcement(&call.label, call.window));
            }
        }
        self.last_call = newest(&board).unwrap_or(0).max(self.last_call);
        self.board = board;
    }

    /// Why the room hears no voice although one is configured, if speaking failed.
    pub fn silence(&self) -> Option<String> {
        self.speaker.silence()
    }
}

impl Mode for Display {
    fn handle(&mut self, event: Event) {
        self.now_utc = self.clock.now();
        self.now = self.now_utc.with_timezone(&self.config.utc_offset());
        match event {
            Event::Key(k)
                if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') =>
            {
                self.quit = true;
            }
            Event::Key(k) if k.code == KeyCode::Char('q') => self.quit = true,
            Event::Tick => self.refresh(true),
            _ => {}
        }
    }

    fn render(&self, frame: &mut ratatui::Frame<'_>) {
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
    use super::Display;
    use crate::tui::{text, theme};
    use ratatui::Frame;
    use ratatui::layout::{Constraint, Layout, Rect};
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::{Line, Span};
    use ratatui::widgets::{Block, Paragraph, Wrap};
    use tui_big_text::{BigText, PixelSize};

    const CALL: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
    const FLASH: Style = Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD);

    pub fn render(d: &Display, frame: &mut Frame<'_>) {
        let area = frame.area();
        if area.width < 40 || area.height < 14 {
            let msg = format!(
                "{} ({}×{}; mínimo 40×14)",
                text::TOO_SMALL,
                area.width,
                area.height
            );
            frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
            return;
        }
        let [header, latest, rest] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(12),
            Constraint::Min(0),
        ])
        .areas(area);
        let clock = format!(
            "{}  {} ",
            text::long_date(d.now.date_naive()),
            d.now.format("%H:%M")
        );
        let head = format!(" {} — turnos", d.branch);
        let pad =
            usize::from(area.width).saturating_sub(head.chars().count() + clock.chars().count());
        frame.render_widget(
            Paragraph::new(format!("{head}{}{clock}", " ".repeat(pad))).style(theme::HEADER),
            header,
        );
        latest_call(d, frame, latest);
        // Without voice although one was configured: say why, once, at the bottom.
        let (rest, notice) = match d.silence() {
            Some(why) => {
                let [r, n] =
                    Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(rest);
                (r, Some((n, format!(" Sin voz: {why}"))))
            }
            None => (rest, None),
        };
        if let Some((n, why)) = notice {
            frame.render_widget(Paragraph::new(why).style(theme::HINT), n);
        }
        let [calls, waiting] =
            Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(rest);
        previous_calls(d, frame, calls);
        let counts: Vec<Line<'static>> = d
            .board
            .waiting
            .iter()
            .map(|(code, name, n)| Line::from(format!(" {code} {name:<22}{n:>3}")))
            .collect();
        let block = Block::bordered()
            .title(" En espera ")
            .border_style(theme::BORDER);
        frame.render_widget(Paragraph::new(counts).block(block), waiting);
    }

    /// The largest font size in which `chars` characters fit in `width` × `height` cells
    /// (glyphs are 8×8 pixels; each size packs more pixels in a cell). Only sizes drawn with
    /// block elements every terminal font has (not the sextants and octants of Unicode 13).
    pub fn fit(chars: u16, width: u16, height: u16) -> Option<PixelSize> {
        [
            (PixelSize::Full, 8, 8),
            (PixelSize::HalfHeight, 8, 4),
            (PixelSize::Quadrant, 4, 4),
        ]
        .into_iter()
        .find(|(_, w, h)| chars * w <= width && *h <= height)
        .map(|(size, _, _)| size)
    }

    /// The calls before the latest, in big text when the room's screen has space for them all,
    /// as a list otherwise.
    fn previous_calls(d: &Display, frame: &mut Frame<'_>, area: Rect) {
        let block = Block::bordered()
            .title(" Llamados anteriores ")
            .border_style(theme::BORDER);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let calls: Vec<_> = d.board.calls.iter().skip(1).collect();
        if calls.is_empty() {
            return;
        }
        let n = calls.len() as u16;
        let widest = calls
            .iter()
            .map(|c| c.label.chars().count())
            .max()
            .unwrap_or(5) as u16;
        let window_chars = 3u16;
        // Each row: the label, a gap, the window; one blank line between rows.
        let row_height = (inner.height + 1) / n;
        let size = fit(
            widest + window_chars + 1,
            inner.width.saturating_sub(4),
            row_height.saturating_sub(1),
        );
        let Some(size) = size else {
            let lines: Vec<Line<'static>> = calls
                .iter()
                .map(|c| {
                    Line::from(vec![
                        Span::styled(format!("  {:<8}", c.label), theme::TITLE),
                        Span::raw(format!("→ ventanilla {}", c.window)),
                    ])
                })
                .collect();
            frame.render_widget(Paragraph::new(lines), inner);
            return;
        };
        let rows = Layout::vertical(vec![Constraint::Length(row_height); calls.len()]).split(inner);
        for (c, row) in calls.iter().zip(rows.iter()) {
            let text = format!("{:<w$} {:>3}", c.label, c.window, w = widest as usize);
            let big = BigText::builder()
                .pixel_size(size)
                .style(theme::TITLE)
                .lines(vec![text.into()])
                .centered()
                .build();
            frame.render_widget(big, *row);
        }
    }

    fn latest_call(d: &Display, frame: &mut Frame<'_>, area: Rect) {
        let flash = d.highlighted();
        let border = if flash { FLASH } else { theme::BORDER_FOCUS };
        let block = Block::bordered().border_style(border).title(if flash {
            " ¡NUEVO LLAMADO! "
        } else {
            " Último llamado "
        });
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(call) = d.board.calls.first() else {
            frame.render_widget(
                Paragraph::new("Aún no se han llamado turnos hoy.").centered(),
                inner,
            );
            return;
        };
        let [labels, big] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        let label_cells = 8 * call.label.chars().count() as u16;
        let window = call.window.to_string();
        let window_cells = 8 * window.len() as u16;
        let full = inner.width >= label_cells + window_cells + 6 && big.height >= 8;
        let (lw, ww) = if full {
            (label_cells, window_cells)
        } else {
            (label_cells / 2, window_cells / 2)
        };
        let [left, arrow, right] = Layout::horizontal([
            Constraint::Length(lw + 2),
            Constraint::Length(4),
            Constraint::Min(ww),
        ])
        .areas(big);
        let [tl, _, tr] = Layout::horizontal([
            Constraint::Length(lw + 2),
            Constraint::Length(4),
            Constraint::Min(ww),
        ])
        .areas(labels);
        let style = if flash { FLASH } else { CALL };
        frame.render_widget(Line::styled(" TURNO", theme::TITLE), tl);
        frame.render_widget(Line::styled("VENTANILLA", theme::TITLE), tr);
        let size = if full {
            PixelSize::Full
        } else {
            PixelSize::Quadrant
        };
        let big_label = BigText::builder()
            .pixel_size(size)
            .style(style)
            .lines(vec![call.label.clone().into()])
            .build();
        frame.render_widget(big_label, left.inner(ratatui::layout::Margin::new(1, 0)));
        let arrow_area = Rect {
            y: arrow.y + arrow.height / 2,
            height: 1,
            ..arrow
        };
        frame.render_widget(Line::styled(" →", CALL), arrow_area);
        let big_window = BigText::builder()
            .pixel_size(size)
            .style(style)
            .lines(vec![window.into()])
            .build();
        frame.render_widget(big_window, right);
    }
}
