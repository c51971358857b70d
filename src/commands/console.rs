//! `ventanilla console` (and `ventanilla` alone).

use super::Ctx;
use crate::cli::ConsoleArgs;
use crate::error::{Error, Result};
use crate::store::{Store, catalog};
use crate::tui::{self, app::App};
use std::path::Path;

/// Opens the console on the configured database (created, with first-run setup, if missing),
/// on the window given, else the one configured for this station, else asked at login.
pub fn run(ctx: &Ctx, args: &ConsoleArgs) -> Result<()> {
    let window = args.window.or(ctx.loaded.config.session.window);
    open_on(ctx, &ctx.db_path()?, window)
}

/// Opens the console on `path` for `window`.
pub fn open(ctx: &Ctx, path: &Path, window: u32) -> Result<()> {
    open_on(ctx, path, Some(window))
}

/// Opens the console on `path`: on `window`, or (none) the branch's only active window, or the
/// window asked at login.
fn open_on(ctx: &Ctx, path: &Path, window: Option<u32>) -> Result<()> {
    let (store, _created) = Store::open_or_create(path)?;
    let windows = catalog::windows(store.conn())?;
    let active: Vec<u32> = windows
        .iter()
        .filter(|w| w.active)
        .map(|w| w.number)
        .collect();
    let (window, ask) = match (window, active.as_slice()) {
        (Some(n), _) => (n, false),
        (None, [only]) => (*only, false),
        (None, _) => (active.first().copied().unwrap_or(1), !active.is_empty()),
    };
    if !windows.is_empty() && !windows.iter().any(|w| w.number == window) {
        let known: Vec<String> = windows.iter().map(|w| w.number.to_string()).collect();
        return Err(Error::Usage(format!(
            "no existe la ventanilla {window}; las ventanillas son: {}",
            known.join(", ")
        )));
    }
    super::modes::daily_backup(ctx, &store);
    let clock = crate::clock::of_database(store.conn());
    let mut app = App::new(store, clock, ctx.loaded.config.clone(), window)?;
    if ask {
        app.ask_window();
    }
    tui::run_on_terminal(&mut app)
}
