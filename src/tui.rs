//! The terminal screens. Events become named [`action::Action`]s through the [`keymap`];
//! [`app::App::update`] changes plain state and may return an [`app::Intent`] (a write to
//! perform through `desk`); [`view`] draws only from state.

pub mod action;
pub mod app;
pub mod event;
pub mod form;
pub mod keymap;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod view;

use crate::error::{Error, Result};
use event::{Event, EventSource};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::time::Duration;

/// How often the loop wakes without input (clock, idle lock, other processes' writes).
pub const TICK: Duration = Duration::from_millis(250);

/// Runs `app` on `terminal` until it asks to quit. Generic over the backend, so tests run the
/// real loop on ratatui's `TestBackend`.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut app::App,
    events: &mut impl EventSource,
) -> Result<()> {
    while !app.should_quit() {
        terminal
            .draw(|frame| view::render(app, frame))
            .map_err(|e| Error::Terminal(e.to_string()))?;
        match events.next(TICK)? {
            Some(event) => app.handle(event),
            None => app.handle(Event::Tick),
        }
    }
    Ok(())
}

/// Runs the console on the real terminal, restoring it on exit and on panic.
pub fn run_console(app: &mut app::App) -> Result<()> {
    let mut terminal = terminal::enter()?;
    let result = run(&mut terminal, app, &mut event::TerminalEvents);
    terminal::leave();
    result
}
