//! Terminal set-up and restore, in one place. ratatui's `try_init` installs a panic hook that
//! restores the terminal before the panic message prints, so a panic never leaves it raw.

use crate::error::{Error, Result};
use std::io::IsTerminal;

/// Enters raw mode and the alternate screen.
pub fn enter() -> Result<ratatui::DefaultTerminal> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::Terminal(
            "este modo necesita una terminal interactiva (la salida no es una terminal)".into(),
        ));
    }
    ratatui::try_init().map_err(|e| Error::Terminal(e.to_string()))
}

/// Leaves the alternate screen and raw mode.
pub fn leave() {
    ratatui::restore();
}

/// Starts or stops receiving clicks and touches as events.
pub fn capture_mouse(on: bool) {
    use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    let mut out = std::io::stdout();
    let _ = if on {
        crossterm::execute!(out, EnableMouseCapture)
    } else {
        crossterm::execute!(out, DisableMouseCapture)
    };
}
