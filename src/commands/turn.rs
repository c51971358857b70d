//! `ventanilla turn ...` and `ventanilla contingency`.

use super::{Ctx, parse_date, parse_doc, print_json};
use crate::cli::{OnBehalf, TurnCommand, TurnLabel};
use crate::desk::{self, turns::IssueRequest};
use crate::domain::turn::{Status, Transition};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::turns::Turn;

/// Runs a turn subcommand.
pub fn run(ctx: &Ctx, cmd: TurnCommand) -> Result<()> {
    let mut store = ctx.store()?;
    let (clock, config) = (ctx.clock.as_ref(), &ctx.loaded.config);
    desk::turns::expire_previous_days(&mut store, clock, config)?;
    match cmd {
        TurnCommand::Issue {
            service,
            preferential,
            doc,
            print,
            json,
            on_behalf,
        } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let document = doc.as_deref().map(parse_doc).transpose()?;
            let req = IssueRequest {
                service: &service,
                preferential: preferential
                    .as_deref()
                    .map(super::parse_vocab)
                    .transpose()?,
                granted_by: None,
                document,
            };
            let issued = desk::turns::issue(&mut store, clock, &actor, config, &req)?;
            if print {
                print_ticket(&store, config, &issued)?;
            }
            if json {
                return print_json(&issued);
            }
            crate::say!("{}", issued.label);
        }
        TurnCommand::Next {
            window,
            json,
            on_behalf,
        } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let turn = desk::turns::call_next(&mut store, clock, &actor, config, window)?;
            return show(&turn, json);
        }
        TurnCommand::Pick {
            label,
            window,
            reason,
            json,
            on_behalf,
        } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let turn = desk::turns::call_chosen(
                &mut store, clock, &actor, config, window, &label, &reason,
            )?;
            return show(&turn, json);
        }
        TurnCommand::Requeue(l) => {
            let actor = ctx.actor(&store, l.on_behalf.user.as_deref())?;
            let turn = desk::turns::return_no_show(&mut store, clock, &actor, config, &l.label)?;
            return show(&turn, l.json);
        }
        TurnCommand::Start(l) => return transition(ctx, &mut store, l, Transition::Start),
        TurnCommand::Finish(l) => return transition(ctx, &mut store, l, Transition::Finish),
        TurnCommand::NoShow(l) => return transition(ctx, &mut store, l, Transition::NoShow),
        TurnCommand::Cancel(l) => return transition(ctx, &mut store, l, Transition::Cancel),
        TurnCommand::Park(l) => return transition(ctx, &mut store, l, Transition::Park),
        TurnCommand::Resume(l) => return transition(ctx, &mut store, l, Transition::Resume),
        TurnCommand::Recall(l) => {
            let actor = ctx.actor(&store, l.on_behalf.user.as_deref())?;
            let turn = desk::turns::recall(&mut store, clock, &actor, config, &l.label)?;
            return show(&turn, l.json);
        }
        TurnCommand::Transfer {
            label,
            service,
            window,
            note,
            json,
            on_behalf,
        } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let to = desk::turns::Destination {
                service: service.as_deref(),
                window,
            };
            let turn =
                desk::turns::transfer(&mut store, clock, &actor, config, &label, &to, &note)?;
            return show(&turn, json);
        }
        TurnCommand::Manual {
            number,
            service,
            window,
            json,
            on_behalf,
        } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let turn =
                desk::turns::manual(&mut store, clock, &actor, config, number, &service, window)?;
            return show(&turn, json);
        }
        TurnCommand::List {
            status,
            service,
            date,
            json,
        } => {
            let status = status
                .map(|s| super::parse_vocab::<Status>(&s))
                .transpose()?;
            let day = match date {
                Some(d) => parse_date(&d)?,
                None => desk::turns::day_of(config, clock.now()),
            };
            let service = service.map(|s| s.to_uppercase());
            let list = desk::turns::list(&store, day, status, service.as_deref())?;
            if json {
                return print_json(&list);
            }
            for t in list {
                let pref = t
                    .preferential
                    .map(|p| format!(" preferencial: {}", p.label()))
                    .unwrap_or_default();
                let window = t
                    .window
                    .map(|w| format!(" ventanilla {w}"))
                    .unwrap_or_default();
                crate::say!(
                    "{}\t{}\t{}{window}{pref}",
                    t.label,
                    t.service,
                    t.status.label()
                );
            }
        }
    }
    Ok(())
}

fn transition(ctx: &Ctx, store: &mut Store, l: TurnLabel, t: Transition) -> Result<()> {
    let actor = ctx.actor(store, l.on_behalf.user.as_deref())?;
    let turn = desk::turns::act(
        store,
        ctx.clock.as_ref(),
        &actor,
        &ctx.loaded.config,
        &l.label,
        t,
    )?;
    show(&turn, l.json)
}

fn show(turn: &Turn, json: bool) -> Result<()> {
    if json {
        return print_json(turn);
    }
    match turn.window {
        Some(w) => crate::say!("{}\t{}\tventanilla {w}", turn.label, turn.status.label()),
        None => crate::say!("{}\t{}", turn.label, turn.status.label()),
    }
    Ok(())
}

/// `ventanilla contingency on|off`.
pub fn contingency(ctx: &Ctx, state: &str, on_behalf: &OnBehalf) -> Result<()> {
    let mut store = ctx.store()?;
    let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
    let on = state == "on";
    desk::turns::set_contingency(&mut store, ctx.clock.as_ref(), &actor, on)?;
    crate::say!(
        "{}",
        if on {
            "Contingencia manual activada"
        } else {
            "Turnero digital restablecido"
        }
    );
    Ok(())
}

/// Prints a turn's ticket on the configured printer; the turn stays issued whatever happens.
fn print_ticket(
    store: &crate::store::Store,
    config: &crate::config::Config,
    issued: &desk::turns::Issued,
) -> Result<()> {
    use crate::printer::{self, Target, Ticket};
    let target = Target::parse(&config.kiosk.printer);
    if target == Target::None {
        return Err(Error::Usage(format!(
            "turno {} entregado, pero no hay impresora configurada (kiosk.printer)",
            issued.label
        )));
    }
    let branch = desk::setup::branch_info(store)?
        .map(|b| b.name)
        .unwrap_or_else(|| config.branch.name.clone());
    let ticket = Ticket::of(issued, &branch, config.utc_offset());
    printer::send(
        &target,
        &printer::ticket_bytes(&ticket, config.printing.paper()),
    )
    .map_err(|e| Error::refused(format!("turno {} entregado, pero {e}", issued.label)))
}
