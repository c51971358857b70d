//! Reading PQRS on the command line: one with its history, the deadline list and the
//! monthly reminder.

use super::*;

pub(super) fn show(ctx: &Ctx, radicado: &str, json: bool) -> Result<()> {
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
            "  {} {} {}",
            localtime::human_stamp(&e.at, off),
            e.by,
            event_text(&e.step, &e.note)
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

pub(super) fn list(ctx: &Ctx, filter: &Filter, json: bool) -> Result<()> {
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

pub(super) fn reminder(ctx: &Ctx, json: bool) -> Result<()> {
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
