//! `ventanilla console` (and `ventanilla` alone).

use super::Ctx;
use crate::cli::ConsoleArgs;
use crate::clock::SystemClock;
use crate::error::{Error, Result};
use crate::store::{Store, catalog};
use crate::tui::{self, app::App};
use std::path::Path;

/// Opens the console on the configured database (created, with first-run setup, if missing).
pub fn run(ctx: &Ctx, args: &ConsoleArgs) -> Result<()> {
    open(ctx, &ctx.db_path()?, args.window)
}

/// Opens the console on `path` for `window`.
pub fn open(ctx: &Ctx, path: &Path, window: u32) -> Result<()> {
    let (store, _created) = Store::open_or_create(path)?;
    let windows = catalog::windows(store.conn())?;
    if !windows.is_empty() && !windows.iter().any(|w| w.number == window) {
        let known: Vec<String> = windows.iter().map(|w| w.number.to_string()).collect();
        return Err(Error::Usage(format!(
            "no existe la ventanilla {window}; las ventanillas son: {}",
            known.join(", ")
        )));
    }
    super::modes::daily_backup(ctx, &store);
    let mut app = App::new(
        store,
        Box::new(SystemClock),
        ctx.loaded.config.clone(),
        window,
    )?;
    tui::run_on_terminal(&mut app)
}
