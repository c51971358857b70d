//! The terminal screens. Events become named [`action::Action`]s through the [`keymap`];
//! [`app::App::update`] changes plain state and may return an [`app::Intent`] (a write to
//! perform through `desk`); [`view`] draws only from state.

pub mod action;
pub mod app;
pub mod central;
pub mod display;
pub mod event;
pub mod form;
pub mod keymap;
pub mod kiosk;
pub mod pqrs_desk;
pub mod rate;
pub mod supervisor;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod view;
pub mod voice;
pub mod widgets;

use crate::error::{Error, Result};
use event::{Event, EventSource};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::time::Duration;

/// How often the loop wakes without input (clock, idle lock, other processes' writes).
pub const TICK: Duration = Duration::from_millis(250);

/// A full-screen mode (console, kiosk, display): handles events, draws from its state.
pub trait Mode {
    /// Reacts to one event.
    fn handle(&mut self, event: Event);
    /// Draws the whole screen from state.
    fn render(&self, frame: &mut ratatui::Frame<'_>);
    /// Whether the loop should end.
    fn should_quit(&self) -> bool;
    /// Whether to ring the terminal bell after this draw (taken once).
    fn take_bell(&mut self) -> bool {
        false
    }
    /// Whether the mode takes clicks and touches (customer-facing screens). The advisor's
    /// modes leave the mouse to the terminal, so text can be selected and copied.
    fn wants_mouse(&self) -> bool {
        false
    }
}

impl Mode for app::App {
    fn handle(&mut self, event: Event) {
        app::App::handle(self, event);
    }
    fn render(&self, frame: &mut ratatui::Frame<'_>) {
        view::render(self, frame);
    }
    fn should_quit(&self) -> bool {
        app::App::should_quit(self)
    }
}

/// Runs `mode` on `terminal` until it asks to quit. Generic over the backend, so tests run the
/// real loop on ratatui's `TestBackend`.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    mode: &mut impl Mode,
    events: &mut impl EventSource,
) -> Result<()> {
    while !mode.should_quit() {
        terminal
            .draw(|frame| mode.render(frame))
            .map_err(|e| Error::Terminal(e.to_string()))?;
        if mode.take_bell() {
            use std::io::Write;
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
        }
        match events.next(TICK)? {
            Some(event) => mode.handle(event),
            None => mode.handle(Event::Tick),
        }
    }
    Ok(())
}

/// Runs a mode on the real terminal, restoring it on exit and on panic.
pub fn run_on_terminal(mode: &mut impl Mode) -> Result<()> {
    let mut terminal = terminal::enter()?;
    let mouse = mode.wants_mouse();
    if mouse {
        terminal::capture_mouse(true);
    }
    let result = run(&mut terminal, mode, &mut event::TerminalEvents);
    if mouse {
        terminal::capture_mouse(false);
    }
    terminal::leave();
    result
}
