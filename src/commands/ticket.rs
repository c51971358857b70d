//! `ventanilla ticket ...` and `ventanilla workorder ...`.

use super::{Ctx, parse_date, parse_doc, parse_vocab, print_json};
use crate::cli::{AnswerText, NewTicket, StepArgs, TicketCommand, WorkOrderCommand};
use crate::desk::{
    self,
    pqrs::{Action, Filing, Filter},
};
use crate::domain::pqrs::Status;
use crate::domain::request::event_label;
use crate::domain::vocab::YesNo;
use crate::error::{Error, Result};
use crate::localtime;
use crate::printer;
use chrono::NaiveDateTime;

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

/// Writes the PDF of a decision's letter, and prints it where a printer is configured.
fn letter(
    ctx: &Ctx,
    radicado: &str,
    which: crate::domain::request::Letter,
    out: Option<&std::path::Path>,
    print: bool,
) -> Result<()> {
    let store = ctx.store()?;
    let config = &ctx.loaded.config;
    let (title, blocks) = desk::pqrs::letter(&store, config, today(ctx), radicado, which)?;
    if let Some(out) = out {
        let bytes = crate::pdf::letter(&title, &blocks);
        crate::files::write_new_private(out, &bytes).map_err(|e| {
            Error::Usage(format!(
                "no se puede escribir {}: {e} (no se sobrescribe un archivo existente)",
                out.display()
            ))
        })?;
        crate::say!("{title}: {}", out.display());
    }
    if print {
        let target = printer::Target::parse(&config.kiosk.printer);
        if target == printer::Target::None {
            return Err(Error::Usage(
                "no hay impresora configurada (kiosk.printer en la configuración)".into(),
            ));
        }
        let lines = crate::pdf::plain_lines(&blocks);
        let bytes = printer::document_bytes(&title, &lines, None, config.printing.paper());
        printer::send(&target, &bytes).map_err(Error::Usage)?;
        crate::say!("{title}: impresa");
    }
    Ok(())
}

fn deliver(
    ctx: &Ctx,
    radicado: &str,
    input: &desk::pqrs::DeliveryInput,
    common: &StepArgs,
) -> Result<()> {
    let mut store = ctx.store()?;
    let actor = ctx.actor(&store, common.on_behalf.user.as_deref())?;
    let config = &ctx.loaded.config;
    let d = desk::pqrs::record_delivery(
        &mut store,
        ctx.clock.as_ref(),
        &actor,
        config,
        radicado,
        input,
    )?;
    if common.json {
        return print_json(&d);
    }
    let state = if d.returned { "devuelta" } else { "entregada" };
    crate::say!(
        "{} {state} a {} el {} ({})",
        d.letter.label(),
        d.to_whom,
        d.delivered_on,
        d.how.label()
    );
    Ok(())
}

/// The answer typed with `--text` or read from `--file`.
fn answer_text(t: &AnswerText) -> Result<String> {
    match (&t.text, &t.file) {
        (Some(text), _) => Ok(text.clone()),
        (None, Some(path)) => std::fs::read_to_string(path).map_err(|e| {
            Error::Usage(format!(
                "archivo: no se puede leer {} como texto UTF-8: {e}",
                path.display()
            ))
        }),
        (None, None) => Err(Error::Usage(
            "respuesta: indique el texto (--text) o el archivo (--file)".into(),
        )),
    }
}

fn save_answer(ctx: &Ctx, radicado: &str, text: &AnswerText, common: &StepArgs) -> Result<()> {
    let body = answer_text(text)?;
    let mut store = ctx.store()?;
    let actor = ctx.actor(&store, common.on_behalf.user.as_deref())?;
    let a = desk::pqrs::save_answer(&mut store, ctx.clock.as_ref(), &actor, radicado, &body)?;
    if common.json {
        return print_json(&a);
    }
    crate::say!(
        "PQRS {}: borrador de respuesta guardado (versión {})",
        radicado.trim(),
        a.version
    );
    Ok(())
}

fn show(ctx: &Ctx, radicado: &str, json: bool) -> Result<()> {
    let store = ctx.store()?;
    let d = desk::pqrs::show(&store, &ctx.loaded.config, today(ctx), radicado)?;
    if json {
        return print_json(&d);
    }
    let p = &d.pqrs;
    let off = ctx.loaded.config.utc_offset();
    crate::say!("{} · {} · {}", p.radicado, p.kind.label(), p.status.label());
    crate::say!(
        "Peticionario: {}",
        d.customer.as_deref().unwrap_or("anónimo")
    );
    if let Some(s) = &p.sender {
        crate::say!("Remitente: {s}");
    }
    crate::say!("Asunto: {}", p.subject);
    crate::say!(
        "Área: {}{}",
        p.area,
        p.assignee
            .as_deref()
            .map(|u| format!(" · {u}"))
            .unwrap_or_default()
    );
    crate::say!(
        "Radicada el {} (recibida {})",
        p.filed_on,
        localtime::human_stamp(&p.received_at, off)
    );
    if let (Some(due), Some(left), Some(standing)) = (&p.due_date, d.days_left, d.standing) {
        crate::say!("Vence el {due}: {left} días hábiles · {}", standing.label());
    }
    if let Some(r) = &p.priority_reason {
        crate::say!("PRIORITARIA (Ley 1437 art. 20): {r}");
    }
    if let Some(a) = &p.appeal_of {
        crate::say!("Recurso contra la decisión {a}");
    }
    if let Some(o) = &p.window_override {
        crate::say!("Recurso {o}");
    }
    if let Some(to) = &p.forwarded_to {
        let late = if p.forwarded_late {
            " · TRASLADO TARDÍO"
        } else {
            ""
        };
        crate::say!("Trasladada a {to}{late}");
    }
    if let Some(w) = &p.withdrawal_on {
        crate::say!("En espera de información: desiste el {w}");
    }
    crate::say!("Descripción:\n{}", p.description);
    if let Some(a) = d.answers.last() {
        let state = match p.answer_approved {
            Some(v) if v == a.version => "aprobada",
            _ => "borrador",
        };
        crate::say!(
            "Respuesta (versión {}, {state}, {} {}):\n{}",
            a.version,
            a.saved_by,
            localtime::human_stamp(&a.saved_at, off),
            a.body
        );
    }
    crate::say!("Historia:");
    for e in &d.events {
        crate::say!(
            "  {} {} {} {}",
            localtime::human_stamp(&e.at, off),
            e.by,
            event_label(&e.step),
            e.note
        );
    }
    for x in &d.deliveries {
        let state = if x.returned { "devuelta" } else { "entregada" };
        crate::say!(
            "{} {state} a {} el {} · {}",
            x.letter.label(),
            x.to_whom,
            x.delivered_on,
            x.how.label()
        );
    }
    for a in &d.attachments {
        crate::say!(
            "Adjunto #{} {} · {} · {}",
            a.id,
            a.name,
            crate::domain::attachment::human_size(u64::try_from(a.size).unwrap_or(0)),
            a.sha256
        );
    }
    for w in &d.work_orders {
        crate::say!(
            "Orden #{} {} · {} · {}",
            w.id,
            w.area,
            w.status,
            w.description
        );
    }
    Ok(())
}

fn list(ctx: &Ctx, filter: &Filter, json: bool) -> Result<()> {
    let store = ctx.store()?;
    let lines = desk::pqrs::watch(&store, &ctx.loaded.config, today(ctx), filter)?;
    if json {
        return print_json(&lines);
    }
    for l in &lines {
        let left = l
            .days_left
            .map(|d| d.to_string())
            .unwrap_or_else(|| "-".into());
        let standing = l.standing.map_or("", |s| s.label());
        let priority = l
            .row
            .priority_reason
            .as_deref()
            .map(|r| format!("\tPRIORITARIA: {r}"))
            .unwrap_or_default();
        crate::say!(
            "{}\t{}\t{}\t{}\t{left}\t{standing}\t{}\t{}{priority}",
            l.row.radicado,
            l.row.due_on.as_deref().unwrap_or("-"),
            l.row.kind.label(),
            l.row.status.label(),
            l.row.area,
            l.row.subject
        );
    }
    if lines.is_empty() {
        crate::say!("No hay PQRS que cumplan el filtro.");
    }
    Ok(())
}

fn reminder(ctx: &Ctx, json: bool) -> Result<()> {
    let store = ctx.store()?;
    let groups = desk::pqrs::pending_by_area(&store, &ctx.loaded.config, today(ctx))?;
    if json {
        let v: Vec<serde_json::Value> = groups
            .iter()
            .map(|(area, lines)| serde_json::json!({ "area": area, "pending": lines }))
            .collect();
        return print_json(&v);
    }
    crate::say!("Solicitudes sin respuesta al {}", today(ctx));
    for (area, lines) in &groups {
        crate::say!("{area}: {}", lines.len());
        for l in lines {
            crate::say!(
                "  {} vence {} · {}",
                l.row.radicado,
                l.row.due_on.as_deref().unwrap_or("-"),
                l.row.subject
            );
        }
    }
    Ok(())
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
