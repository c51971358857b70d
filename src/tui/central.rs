//! The central supervisor screen (`ventanilla central supervisor`): every branch as central
//! sees it, and the month's indicator per seccional, read-only. A background thread asks
//! PostgreSQL every few seconds; the screen never waits on the network and keeps the last
//! answer on screen, saying how old it is, while the server does not answer.

use super::Mode;
use super::event::Event;
use super::theme;
use super::widgets::table::ScrollTable;
use crate::central::report::{CentralReport, Scope};
use crate::central::{Target, report, schema, status};
use crate::commands::Ctx;
use crate::error::Result;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, Table};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// Seconds between questions to the server.
const EVERY: Duration = Duration::from_secs(10);

/// One answer of the server, or why there was none.
pub enum Snapshot {
    Data {
        at: DateTime<Utc>,
        branches: Vec<status::BranchStatus>,
        month: CentralReport,
    },
    Failed {
        at: DateTime<Utc>,
        error: String,
    },
}

/// The screen's state.
pub struct CentralScreen {
    server: String,
    offset: FixedOffset,
    rx: Option<Receiver<Snapshot>>,
    branches: Vec<status::BranchStatus>,
    month: Option<CentralReport>,
    updated: Option<DateTime<Utc>>,
    error: Option<String>,
    selected: usize,
    quit: bool,
}

impl CentralScreen {
    /// A screen fed by `rx` (tests feed it by hand).
    pub fn new(server: String, offset: FixedOffset, rx: Option<Receiver<Snapshot>>) -> Self {
        CentralScreen {
            server,
            offset,
            rx,
            branches: Vec::new(),
            month: None,
            updated: None,
            error: None,
            selected: 0,
            quit: false,
        }
    }

    /// Takes in one answer.
    pub fn apply(&mut self, s: Snapshot) {
        match s {
            Snapshot::Data {
                at,
                branches,
                month,
            } => {
                self.branches = branches;
                self.month = Some(month);
                self.updated = Some(at);
                self.error = None;
                self.selected = self.selected.min(self.branches.len().saturating_sub(1));
            }
            Snapshot::Failed { error, .. } => self.error = Some(error),
        }
    }
}

/// Asks the server for the status and the month's report.
fn ask(target: &Target, offset: FixedOffset, targets: report::Targets) -> Result<Snapshot> {
    let shown = target.shown();
    let mut client = target.connect()?;
    schema::check(&mut client, &shown)?;
    let now = Utc::now();
    let today = now.with_timezone(&offset).date_naive();
    let branches = status::branches(&mut client, &shown, today)?;
    let first = NaiveDate::from_ymd_opt(
        chrono::Datelike::year(&today),
        chrono::Datelike::month(&today),
        1,
    )
    .unwrap_or(today);
    let bound = |d: NaiveDate| {
        crate::desk::stamp(
            d.and_hms_opt(0, 0, 0)
                .unwrap_or_default()
                .and_local_timezone(offset)
                .single()
                .map(|t| t.to_utc())
                .unwrap_or(now),
        )
    };
    let month = report::build(
        target,
        (first, today),
        (bound(first), bound(today.succ_opt().unwrap_or(today))),
        &Scope::default(),
        targets,
        offset.local_minus_utc() / 60,
    )?;
    Ok(Snapshot::Data {
        at: now,
        branches,
        month,
    })
}

/// Runs the screen on the terminal.
pub fn run(ctx: &Ctx, target: Target) -> Result<()> {
    let offset = ctx.loaded.config.utc_offset();
    let targets = report::Targets::of(&ctx.loaded.config);
    let (tx, rx) = channel();
    let server = target.shown();
    std::thread::spawn(move || {
        loop {
            let snap = ask(&target, offset, targets).unwrap_or_else(|e| Snapshot::Failed {
                at: Utc::now(),
                error: e.to_string(),
            });
            if tx.send(snap).is_err() {
                return;
            }
            std::thread::sleep(EVERY);
        }
    });
    let mut screen = CentralScreen::new(server, offset, Some(rx));
    super::run_on_terminal(&mut screen)
}

fn fit_line_to(line: Line<'static>, width: u16) -> Line<'static> {
    crate::tui::widgets::list::fit_line(line, usize::from(width))
}

impl Mode for CentralScreen {
    fn handle(&mut self, event: Event) {
        match event {
            Event::Tick => {
                let got: Vec<Snapshot> = self
                    .rx
                    .as_ref()
                    .map_or_else(Vec::new, |rx| rx.try_iter().collect());
                for s in got {
                    self.apply(s);
                }
            }
            Event::Key(k) => match k.code {
                KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.quit = true;
                }
                KeyCode::Down => {
                    self.selected = (self.selected + 1).min(self.branches.len().saturating_sub(1));
                }
                KeyCode::Up => self.selected = self.selected.saturating_sub(1),
                KeyCode::PageDown => {
                    self.selected = (self.selected + 10).min(self.branches.len().saturating_sub(1));
                }
                KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
                KeyCode::Home => self.selected = 0,
                KeyCode::End => self.selected = self.branches.len().saturating_sub(1),
                _ => {}
            },
            _ => {}
        }
    }

    fn render(&self, frame: &mut Frame<'_>) {
        let area = frame.area();
        // the server's error takes the rows it needs, at most four
        let error = self.error.as_ref().map(|e| {
            crate::tui::widgets::message::fit_with(
                &format!("Sin respuesta: {e}"),
                area.width,
                4,
                "…",
            )
        });
        let error_rows = error.as_ref().map_or(0, Vec::len) as u16;
        let [head, body, seccional, foot] = Layout::vertical([
            Constraint::Length(2 + error_rows),
            Constraint::Min(5),
            Constraint::Length(7),
            Constraint::Length(1),
        ])
        .areas(area);
        let updated = self.updated.map_or_else(
            || "esperando la primera respuesta…".to_string(),
            |t| format!("actualizado {}", crate::localtime::human(t, self.offset)),
        );
        let mut lines = vec![
            Line::styled(format!("Todas las sedes · {updated}"), theme::TITLE),
            Line::styled(format!("Servidor central {}", self.server), theme::HINT),
        ];
        for row in error.into_iter().flatten() {
            lines.push(Line::styled(row, theme::ERROR));
        }
        frame.render_widget(Paragraph::new(lines), head);
        // the name column takes what the fixed ones leave (borders, marker, gaps included)
        let name_width = usize::from(body.width.saturating_sub(2 + 2 + 58 + 8)).max(4);
        let fit = |text: &str, width: usize| {
            crate::tui::widgets::list::fit_line(Line::from(text.to_string()), width)
        };
        let rows = self.branches.iter().map(|b| {
            let lag = match b.lag_s {
                None => "nunca".to_string(),
                Some(s) if s < 120 => format!("{s} s"),
                Some(s) if s < 7200 => format!("{} min", s / 60),
                Some(s) => format!("{} h", s / 3600),
            };
            Row::new(vec![
                Line::from(b.code.clone()),
                fit(&b.name, name_width),
                fit(&b.seccional, 12),
                Line::from(lag),
                Line::from(b.open_pqrs.to_string()),
                Line::from(b.overdue_pqrs.to_string()),
                Line::from(b.turns_today.to_string()),
                Line::from(b.served_today.to_string()),
                Line::from(b.wait_median_min.map_or("-".into(), |m| format!("{m:.1}"))),
            ])
        });
        let widths = [
            Constraint::Length(8),
            Constraint::Min(8),
            Constraint::Length(12),
            Constraint::Length(8),
            Constraint::Length(6),
            Constraint::Length(6),
            Constraint::Length(6),
            Constraint::Length(6),
            Constraint::Length(6),
        ];
        let table = Table::new(rows, widths).header(
            Row::new([
                "Sede",
                "Nombre",
                "Seccional",
                "Retraso",
                "PQRS",
                "Venc.",
                "Turnos",
                "Atend.",
                "Espera",
            ])
            .style(theme::TITLE),
        );
        let block = Block::bordered().title(" Sedes (hoy) ");
        let inner = block.inner(body);
        frame.render_widget(block, body);
        frame.render_widget(
            ScrollTable::new(table, self.branches.len(), self.selected, true),
            inner,
        );
        let mut sec = Vec::new();
        if let Some(m) = &self.month {
            for l in m.lines.iter().filter(|l| l.level != "sede") {
                let name = l.seccional.clone().unwrap_or_else(|| "Total".into());
                // the verdict first: a narrow screen cuts the name, never the verdict
                let (mark, style) = match l.in_favor_met {
                    Some(true) => ("cumple   ", theme::OK),
                    Some(false) => ("NO CUMPLE", theme::ERROR),
                    None => ("sin datos", theme::HINT),
                };
                let value = l
                    .in_favor_percent
                    .map_or("-".into(), |v| format!("{v:.2} %"));
                let line = Line::from(vec![
                    ratatui::text::Span::styled(mark, style),
                    ratatui::text::Span::raw(format!(
                        "  {value:>7}  {:>5} de {:<7}  {name}",
                        l.in_favor, l.persons
                    )),
                ]);
                sec.push(fit_line_to(line, seccional.width.saturating_sub(2)));
            }
        }
        // more seccionales than lines: say how many are left out rather than cut silently
        let room = usize::from(seccional.height.saturating_sub(2));
        if sec.len() > room && room > 0 {
            let left = sec.len() - (room - 1);
            sec.truncate(room - 1);
            sec.push(Line::styled(
                format!("… y {left} líneas más: `ventanilla central report month`"),
                theme::HINT,
            ));
        }
        frame.render_widget(
            Paragraph::new(sec).block(Block::bordered().title(format!(
                " PQRSD a favor / personas atendidas, mes en curso (meta ≤ {} %) ",
                self.month.as_ref().map_or(0.5, |m| m.in_favor_max_percent)
            ))),
            seccional,
        );
        frame.render_widget(
            Paragraph::new("↑↓ PgUp PgDn elegir sede · q salir · solo consulta").style(theme::HINT),
            foot,
        );
    }

    fn should_quit(&self) -> bool {
        self.quit
    }
}
