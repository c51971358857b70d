//! `ventanilla attention ...`.

use super::{Ctx, parse_date, parse_doc, parse_vocab, print_json};
use crate::cli::AttentionCommand;
use crate::desk::{self, attentions::Request};
use crate::error::Result;

/// Runs an attention subcommand.
pub fn run(ctx: &Ctx, cmd: AttentionCommand) -> Result<()> {
    let mut store = ctx.store()?;
    let (clock, config) = (ctx.clock.as_ref(), &ctx.loaded.config);
    match cmd {
        AttentionCommand::Add {
            channel,
            doc,
            turn,
            topic,
            subtopic,
            service,
            level,
            opportunity,
            notes,
            open,
            caller,
            contact,
            solved,
            route,
            json,
            on_behalf,
        } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let req = Request {
                channel: parse_vocab(&channel)?,
                document: doc.as_deref().map(parse_doc).transpose()?,
                turn_label: turn.as_deref(),
                service: service.as_deref(),
                level: parse_vocab(&level)?,
                opportunity_service: opportunity.as_deref(),
                topic: &topic,
                subtopic: &subtopic,
                notes: &notes,
                open,
                caller: &caller,
                contact: &contact,
                solved,
                route,
            };
            let a = desk::attentions::add(&mut store, clock, &actor, config, &req)?;
            if json {
                return print_json(&a);
            }
            match &a.assigned_to {
                Some(u) => crate::say!("Atención {} registrada y asignada a {u}", a.id),
                None => crate::say!("Atención {} registrada", a.id),
            }
        }
        AttentionCommand::Close {
            id,
            result,
            on_behalf,
        } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            desk::attentions::close(&mut store, clock, &actor, id, &result)?;
            crate::say!("Atención {id} cerrada");
        }
        AttentionCommand::Pending { json, on_behalf } => {
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let me = actor.staff_user().unwrap_or_default().to_string();
            let list = desk::attentions::open_for(&store, &me)?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                crate::say!("No tiene atenciones derivadas abiertas.");
            }
            for a in list {
                crate::say!(
                    "{}\t{}\t{}\t{}\t{}\t{}\tde {}",
                    a.id,
                    crate::localtime::human_stamp(&a.started_at, config.utc_offset()),
                    a.channel,
                    a.topic,
                    a.caller,
                    a.contact,
                    a.advisor
                );
            }
        }
        AttentionCommand::List { date, json } => {
            let day = match date {
                Some(d) => parse_date(&d)?,
                None => clock.now().with_timezone(&config.utc_offset()).date_naive(),
            };
            let list = desk::attentions::of_day(&store, config, day)?;
            if json {
                return print_json(&list);
            }
            for a in list {
                let to = a
                    .assigned_to
                    .as_deref()
                    .map(|u| format!(" → {u}"))
                    .unwrap_or_default();
                let state = if a.ended_at.is_some() {
                    "cerrada"
                } else {
                    "abierta"
                };
                crate::say!(
                    "{}\t{}\t{}\t{}\t{}{to}\t{state}",
                    a.id,
                    crate::localtime::human_stamp(&a.started_at, config.utc_offset()),
                    a.channel,
                    a.topic,
                    a.advisor
                );
            }
        }
    }
    Ok(())
}
