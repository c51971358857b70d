//! `ventanilla service ...` and `ventanilla window ...`.

use super::{Ctx, print_json};
use crate::cli::{ServiceCommand, WindowCommand};
use crate::desk;
use crate::domain::service::parse_list;
use crate::error::Result;

/// Runs a service subcommand.
pub fn run_service(ctx: &Ctx, cmd: ServiceCommand) -> Result<()> {
    let mut store = ctx.store()?;
    let clock = ctx.clock.as_ref();
    match cmd {
        ServiceCommand::List { json } => {
            let services = desk::catalog::services(&store)?;
            if json {
                return print_json(&services);
            }
            crate::say!("{:<7} {:<28} ESTADO", "CÓDIGO", "NOMBRE");
            for s in services {
                let state = if s.active { "activo" } else { "desactivado" };
                crate::say!("{:<7} {:<28} {state}", s.code, s.name);
            }
        }
        ServiceCommand::Add {
            code,
            name,
            on_behalf,
        } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            desk::catalog::add_service(&mut store, clock, &actor, &code, &name)?;
            crate::say!(
                "Servicio {} «{}» creado",
                code.trim().to_uppercase(),
                name.trim()
            );
        }
        ServiceCommand::Disable { code, on_behalf } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            desk::catalog::disable_service(&mut store, clock, &actor, &code)?;
            crate::say!("Servicio {} desactivado", code.trim().to_uppercase());
        }
    }
    Ok(())
}

/// Runs a window subcommand.
pub fn run_window(ctx: &Ctx, cmd: WindowCommand) -> Result<()> {
    let mut store = ctx.store()?;
    let clock = ctx.clock.as_ref();
    match cmd {
        WindowCommand::List { json } => {
            let windows = desk::catalog::windows(&store)?;
            if json {
                return print_json(&windows);
            }
            let holders = desk::claims::holders(&store)?;
            let offset = ctx.loaded.config.utc_offset();
            crate::say!(
                "{:<11} {:<20} {:<9} ABIERTA POR",
                "VENTANILLA",
                "SERVICIOS",
                "ESTADO"
            );
            for w in windows {
                let state = if w.active { "activa" } else { "inactiva" };
                let holder = holders
                    .iter()
                    .find(|c| c.window == w.number)
                    .map(|c| {
                        format!(
                            "{} desde {}",
                            c.username,
                            crate::localtime::human_stamp(&c.since, offset)
                        )
                    })
                    .unwrap_or_else(|| "—".into());
                crate::say!(
                    "{:<11} {:<20} {state:<9} {holder}",
                    w.number,
                    w.services.join(",")
                );
            }
        }
        WindowCommand::Add {
            number,
            services,
            on_behalf,
        } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let codes = parse_list(&services);
            desk::catalog::add_window(&mut store, clock, &actor, number, &codes)?;
            crate::say!("Ventanilla {number} creada: llama {}", codes.join(", "));
        }
        WindowCommand::Set {
            number,
            services,
            on_behalf,
        } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let codes = parse_list(&services);
            desk::catalog::set_window(&mut store, clock, &actor, number, &codes)?;
            crate::say!("Ventanilla {number}: ahora llama {}", codes.join(", "));
        }
    }
    Ok(())
}
