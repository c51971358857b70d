//! `ventanilla kiosk`, `display`, `rate` (customer-facing), `supervisor` and `pqrs`.

use super::Ctx;
use crate::clock::SystemClock;
use crate::desk;
use crate::error::Result;
use crate::tui::{
    self, display::Display, kiosk::Kiosk, pqrs_desk::PqrsDesk, rate::Rate, supervisor,
};

/// Starts the day's automatic backup in the background (the first mode opened each day).
pub fn daily_backup(ctx: &Ctx, store: &crate::store::Store) {
    if let Some(path) = store.path() {
        desk::backup::daily_in_background(
            path.to_path_buf(),
            ctx.loaded.config.clone(),
            crate::clock::Clock::now(&SystemClock),
        );
    }
}

/// Opens the kiosk on the branch database.
pub fn kiosk(ctx: &Ctx) -> Result<()> {
    let mut store = ctx.store()?;
    let clock = crate::clock::of_database(store.conn());
    desk::turns::expire_previous_days(&mut store, clock.as_ref(), &ctx.loaded.config)?;
    daily_backup(ctx, &store);
    let mut kiosk = Kiosk::new(store, clock, ctx.loaded.config.clone())?;
    tui::run_on_terminal(&mut kiosk)
}

/// Opens the waiting-room display on the branch database.
pub fn display(ctx: &Ctx) -> Result<()> {
    let mut store = ctx.store()?;
    let clock = crate::clock::of_database(store.conn());
    desk::turns::expire_previous_days(&mut store, clock.as_ref(), &ctx.loaded.config)?;
    daily_backup(ctx, &store);
    let mut display = Display::new(store, clock, ctx.loaded.config.clone())?;
    tui::run_on_terminal(&mut display)
}

/// Opens the customer-facing rating screen of a window.
pub fn rate(ctx: &Ctx, window: u32) -> Result<()> {
    let store = ctx.store()?;
    desk::catalog::window_exists(&store, window)?;
    daily_backup(ctx, &store);
    let clock = crate::clock::of_database(store.conn());
    let mut rate = Rate::new(store, clock, ctx.loaded.config.clone(), window)?;
    tui::run_on_terminal(&mut rate)
}

/// Opens supervisor mode (behind a supervisor's login).
pub fn supervisor(ctx: &Ctx) -> Result<()> {
    let mut store = ctx.store()?;
    let clock = crate::clock::of_database(store.conn());
    desk::turns::expire_previous_days(&mut store, clock.as_ref(), &ctx.loaded.config)?;
    daily_backup(ctx, &store);
    let mut mode = supervisor::open(store, clock, ctx.loaded.config.clone())?;
    tui::run_on_terminal(&mut mode)
}

/// Opens the PQRS workspace (behind a staff login).
pub fn pqrs(ctx: &Ctx) -> Result<()> {
    let store = ctx.store()?;
    daily_backup(ctx, &store);
    let mut mode = PqrsDesk::new(store, Box::new(SystemClock), ctx.loaded.config.clone());
    tui::run_on_terminal(&mut mode)
}
