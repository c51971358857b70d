//! Input events and where they come from.

use crate::error::{Error, Result};
use crossterm::event::{self as ct, KeyEvent, KeyEventKind};
use std::collections::VecDeque;
use std::time::Duration;

/// Something the app reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A key was pressed.
    Key(KeyEvent),
    /// The terminal was resized (the next draw uses the new size).
    Resize(u16, u16),
    /// A click or a touch (modes that capture the mouse: kiosk and rating screen).
    Mouse(ct::MouseEvent),
    /// Time passed without input.
    Tick,
}

/// A source of events: the real terminal, or a script in tests.
pub trait EventSource {
    /// The next event, or `None` when `timeout` passes without one.
    fn next(&mut self, timeout: Duration) -> Result<Option<Event>>;
}

/// Events from the terminal via crossterm.
#[derive(Debug, Default)]
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> Result<Option<Event>> {
        let io = |e: std::io::Error| Error::Terminal(e.to_string());
        if !ct::poll(timeout).map_err(io)? {
            return Ok(None);
        }
        Ok(match ct::read().map_err(io)? {
            ct::Event::Key(key) if key.kind != KeyEventKind::Release => Some(Event::Key(key)),
            ct::Event::Resize(w, h) => Some(Event::Resize(w, h)),
            ct::Event::Mouse(m) if matches!(m.kind, ct::MouseEventKind::Down(_)) => {
                Some(Event::Mouse(m))
            }
            _ => None,
        })
    }
}

/// A fixed list of events (tests); ticks once it runs out.
#[derive(Debug, Default)]
pub struct Scripted(pub VecDeque<Event>);

impl EventSource for Scripted {
    fn next(&mut self, _timeout: Duration) -> Result<Option<Event>> {
        Ok(self.0.pop_front())
    }
}
