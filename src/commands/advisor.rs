//! `ventanilla advisor ...`: an advisor's state, and the map of windows.

use super::{Ctx, parse_vocab, print_json};
use crate::cli::AdvisorCommand;
use crate::desk;
use crate::domain::advisor::State;
use crate::error::Result;

/// Runs an advisor subcommand.
pub fn run(ctx: &Ctx, cmd: AdvisorCommand) -> Result<()> {
    let mut store = ctx.store()?;
    let (clock, config) = (ctx.clock.as_ref(), &ctx.loaded.config);
    match cmd {
        AdvisorCommand::State {
            state,
            reason,
            window,
            on_behalf,
        } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let state: State = parse_vocab(&state)?;
            desk::advisors::set_state(&mut store, clock, &actor, config, window, state, &reason)?;
            let (now, reason) = desk::advisors::current(
                &store,
                config,
                clock.now(),
                actor.staff_user().unwrap_or_default(),
            )?;
            match reason.as_str() {
                "" => crate::say!("Estado registrado: {}", now.label()),
                r => crate::say!("Estado registrado: {} ({r})", now.label()),
            }
        }
        AdvisorCommand::Map { json } => {
            let map = desk::window_map::window_map(&store, config, clock.now())?;
            if json {
                return print_json(&map);
            }
            let offset = config.utc_offset();
            for w in map {
                let since = w
                    .since
                    .as_deref()
                    .map(|s| format!(" desde {}", crate::localtime::human_stamp(s, offset)))
                    .unwrap_or_default();
                let detail = match w.detail.as_str() {
                    "" => String::new(),
                    d => format!(" ({d})"),
                };
                crate::say!(
                    "Ventanilla {}\t{}\t{}\t{}{detail}{since}",
                    w.window,
                    w.services.join(","),
                    w.advisor.as_deref().unwrap_or("sin asesor"),
                    w.state.label()
                );
            }
        }
    }
    Ok(())
}
