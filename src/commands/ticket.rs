//! `ventanilla ticket ...` and `ventanilla workorder ...`.

use super::{Ctx, parse_date, parse_doc, parse_vocab, print_json};
use crate::cli::{AnswerText, NewTicket, StepArgs, TicketCommand, WorkOrderCommand};
use crate::desk::{
    self,
    pqrs::{Action, Filing, Filter},
};
use crate::domain::pqrs::Status;
use crate::domain::request::event_text;
use crate::domain::vocab::YesNo;
use crate::error::{Error, Result};
use crate::localtime;
use crate::printer;
use chrono::NaiveDateTime;

mod views;
mod written;
use views::{list, reminder, show};
use written::{answer_text, deliver, letter, save_answer};

fn today(ctx: &Ctx) -> chrono::NaiveDate {
    ctx.clock
        .now()
        .with_timezone(&ctx.loaded.config.utc_offset())
        .date_naive()
}

fn parse_received(text: &str) -> Result<NaiveDateTime> {
    localtime::parse_local_datetime(text)
        .map_err(|e| Error::Usage(format!("recibida: {e}")))
        .and_then(|at| {
            crate::domain::calendar_range::check_instant(at, "la fecha de recibido")
                .map_err(Error::Usage)
        })
}

/// Runs `ticket new`.
fn new(ctx: &Ctx, t: NewTicket) -> Result<()> {
    let mut store = ctx.store()?;
    let actor = ctx.actor(&store, t.common.on_behalf.user.as_deref())?;
    let filing = Filing {
        kind: parse_vocab(&t.kind)?,
        channel: parse_vocab(&t.channel)?,
        document: t.doc.as_deref().map(parse_doc).transpose()?,
        person: t.name.map(|name| desk::pqrs::Person {
            name,
            contact: t.contact.unwrap_or_default(),
        }),
        sender: t.sender.unwrap_or_default(),
        subject: t.subject,
        description: t.description,
        area: t.area.unwrap_or_default(),
        priority: t.priority || t.priority_reason.is_some(),
        priority_reason: t.priority_reason.unwrap_or_default(),
        notify_via: parse_vocab(&t.notify_via)?,
        notify_address: t.notify_address,
        received: t.received.as_deref().map(parse_received).transpose()?,
        data_request: t
            .data_request
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(parse_vocab)
            .transpose()?,
        data_changes: t.changes.unwrap_or_default(),
        appeal_of: t.against.filter(|a| !a.trim().is_empty()),
        window_override: t.override_reason.filter(|r| !r.trim().is_empty()),
    };
    let config = &ctx.loaded.config;
    let p = desk::pqrs::file(&mut store, ctx.clock.as_ref(), &actor, config, &filing)?;
    let detail = desk::pqrs::show(&store, config, today(ctx), &p.radicado)?;
    let branch = desk::setup::branch_info(&store)?
        .map(|b| b.name)
        .unwrap_or_default();
    let lines = desk::pqrs::receipt(&p, &branch, detail.customer.as_deref());
    let target = printer::Target::parse(&config.kiosk.printer);
    let printed = printer::send(
        &target,
        &printer::document_bytes(
            "CONSTANCIA DE RADICACIÓN",
            &lines,
            Some(&p.radicado),
            config.printing.paper(),
        ),
    );
    if t.common.json {
        return print_json(&detail);
    }
    crate::say!("CONSTANCIA DE RADICACIÓN");
    for l in &lines {
        crate::say!("{l}");
    }
    if let Err(e) = printed {
        eprintln!("Aviso: {e}");
    }
    Ok(())
}

fn step(ctx: &Ctx, radicado: &str, common: &StepArgs, action: Action) -> Result<()> {
    let mut store = ctx.store()?;
    let actor = ctx.actor(&store, common.on_behalf.user.as_deref())?;
    let config = &ctx.loaded.config;
    let p = desk::pqrs::step(
        &mut store,
        ctx.clock.as_ref(),
        &actor,
        config,
        radicado,
        action,
    )?;
    if desk::pqrs::cleanup_pending(&store)? {
        eprintln!(
            "Aviso: otro proceso tenía abierta una lectura y el archivo aún guarda páginas con \
             los datos suprimidos; se limpian al abrir la base sin lectores (cierre las \
             consolas y ejecute cualquier orden, p. ej. `ventanilla user list`)."
        );
    }
    if common.json {
        return print_json(&desk::pqrs::show(&store, config, today(ctx), &p.radicado)?);
    }
    let status = p.status.label();
    match &p.due_date {
        Some(d) if p.status.is_open() => {
            crate::say!("PQRS {}: {status} · vence el {d}", p.radicado);
        }
        _ => crate::say!("PQRS {}: {status}", p.radicado),
    }
    Ok(())
}

/// Runs a ticket subcommand.
pub fn run(ctx: &Ctx, cmd: TicketCommand) -> Result<()> {
    use TicketCommand as T;
    match cmd {
        T::New(t) => new(ctx, *t),
        T::Show { radicado, json } => show(ctx, &radicado, json),
        T::List {
            status,
            area,
            mine,
            overdue,
            due_within,
            limit,
            json,
        } => {
            let status = match status {
                Some(s) => Some(parse_vocab::<Status>(&s)?),
                None => None,
            };
            if let Some(n) = due_within {
                crate::domain::calendar_range::check_count(today(ctx), n.max(0))
                    .map_err(Error::Usage)?;
            }
            let filter = Filter {
                status,
                area,
                mine,
                overdue,
                due_within,
                limit,
            };
            list(ctx, &filter, json)
        }
        T::Reminder { json } => reminder(ctx, json),
        T::Assign {
            radicado,
            area,
            to,
            common,
        } => step(
            ctx,
            &radicado,
            &common,
            Action::Assign {
                area: area.unwrap_or_default(),
                user: to,
            },
        ),
        T::Start(r) => step(ctx, &r.radicado, &r.common, Action::Start),
        T::RequestInfo {
            radicado,
            missing,
            common,
            on,
        } => {
            let on = on.as_deref().map(parse_date).transpose()?;
            step(ctx, &radicado, &common, Action::RequestInfo { missing, on })
        }
        T::Resume {
            radicado,
            on,
            common,
        } => {
            let on = on.as_deref().map(parse_date).transpose()?;
            step(ctx, &radicado, &common, Action::Resume { on })
        }
        T::ExtendCompletion {
            radicado,
            asked,
            common,
        } => {
            let asked_on = asked.as_deref().map(parse_date).transpose()?;
            step(
                ctx,
                &radicado,
                &common,
                Action::ExtendCompletion { asked_on },
            )
        }
        T::Extend {
            radicado,
            until,
            reason,
            common,
        } => {
            let until = parse_date(&until)?;
            step(ctx, &radicado, &common, Action::Extend { until, reason })
        }
        T::Answer {
            radicado,
            text,
            common,
        } => save_answer(ctx, &radicado, &text, &common),
        T::Draft {
            radicado,
            text,
            common,
        } => {
            let answer = if text.text.is_none() && text.file.is_none() {
                String::new()
            } else {
                answer_text(&text)?
            };
            step(ctx, &radicado, &common, Action::Draft { answer })
        }
        T::Approve(r) => step(ctx, &r.radicado, &r.common, Action::Approve),
        T::Return {
            radicado,
            note,
            common,
        } => step(ctx, &radicado, &common, Action::Return { note }),
        T::Notify {
            radicado,
            via,
            evidence,
            common,
        } => {
            let via = parse_vocab(&via)?;
            step(ctx, &radicado, &common, Action::Notify { via, evidence })
        }
        T::Close {
            radicado,
            in_favor,
            note,
            common,
        } => {
            let in_favor = parse_vocab::<YesNo>(&in_favor)?.is_yes();
            step(ctx, &radicado, &common, Action::Close { in_favor, note })
        }
        T::Forward {
            radicado,
            entity,
            told,
            late_reason,
            common,
        } => {
            let told_on = told.as_deref().map(parse_date).transpose()?;
            step(
                ctx,
                &radicado,
                &common,
                Action::Forward {
                    entity,
                    told_on,
                    late_reason,
                },
            )
        }
        T::Withdraw {
            radicado,
            reason,
            common,
        } => {
            step(ctx, &radicado, &common, Action::Withdraw { reason })?;
            if !common.json {
                let store = ctx.store()?;
                for line in desk::pqrs::withdrawal_letter(&store, &ctx.loaded.config, &radicado)? {
                    crate::say!("{line}");
                }
            }
            Ok(())
        }
        T::Archive(r) => step(ctx, &r.radicado, &r.common, Action::Archive),
        T::Letter {
            radicado,
            kind,
            out,
            print,
        } => letter(ctx, &radicado, parse_vocab(&kind)?, out.as_deref(), print),
        T::Deliver {
            radicado,
            letter,
            to_whom,
            how,
            on,
            returned,
            note,
            common,
        } => {
            let input = desk::pqrs::DeliveryInput {
                letter: parse_vocab(&letter)?,
                to_whom,
                on: on.as_deref().map(parse_date).transpose()?,
                how: parse_vocab(&how)?,
                returned,
                note,
            };
            deliver(ctx, &radicado, &input, &common)
        }
        T::Converse {
            radicado,
            note,
            common,
        } => step(ctx, &radicado, &common, Action::Converse { note }),
    }
}

/// Runs a workorder subcommand.
pub fn work_order(ctx: &Ctx, cmd: WorkOrderCommand) -> Result<()> {
    let mut store = ctx.store()?;
    let (clock, config) = (ctx.clock.as_ref(), &ctx.loaded.config);
    let (w, json) = match cmd {
        WorkOrderCommand::New {
            radicado,
            area,
            description,
            common,
        } => {
            let actor = ctx.actor(&store, common.on_behalf.user.as_deref())?;
            let w = desk::pqrs::new_work_order(
                &mut store,
                clock,
                &actor,
                config,
                &radicado,
                &area,
                &description,
            )?;
            (w, common.json)
        }
        WorkOrderCommand::Close { id, result, common } => {
            let actor = ctx.actor(&store, common.on_behalf.user.as_deref())?;
            let w = desk::pqrs::close_work_order(&mut store, clock, &actor, id, &result)?;
            (w, common.json)
        }
    };
    if json {
        return print_json(&w);
    }
    crate::say!(
        "Orden de trabajo #{} ({}) · {} · {}",
        w.id,
        w.radicado,
        w.area,
        w.status
    );
    Ok(())
}
