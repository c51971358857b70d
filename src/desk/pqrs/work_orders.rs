//! Work orders: tasks an area does for a PQRS, each logged on the PQRS.

use super::*;

/// Opens a work order for an area on an open PQRS; returns it.
pub fn new_work_order(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    radicado: &str,
    area: &str,
    description: &str,
) -> Result<WorkOrder> {
    actor.require(Role::Asesor, "crear órdenes de trabajo")?;
    let description = required(description, "la descripción de la orden")?;
    let now = clock.now();
    let tx = store.write()?;
    let p = get(&tx, radicado)?;
    lifecycle::may_work(actor, &p, "crear órdenes de trabajo en ella")?;
    if !p.status.is_open() {
        return Err(Error::refused(format!(
            "la PQRS {} ya no está en trámite",
            p.radicado
        )));
    }
    let area = area_for(config, false, area).map_err(Error::Refused)?;
    let at = stamp(now);
    let id = pqrs::add_work_order(&tx, p.id, &area, &description, &at, &actor.principal)?;
    let note = format!("#{id} {area}");
    let w = log_work_order(
        &tx,
        now,
        actor,
        (&p, id),
        ("orden-de-trabajo", &note),
        "new",
    )?;
    tx.commit()?;
    Ok(w)
}

/// Records a work-order step on its PQRS and in the audit log; the order as it is now.
fn log_work_order(
    tx: &Connection,
    now: DateTime<Utc>,
    actor: &Actor,
    (p, id): (&Pqrs, i64),
    (step, note): (&str, &str),
    action: &str,
) -> Result<WorkOrder> {
    let by = actor.staff_user().unwrap_or(&actor.principal).to_string();
    pqrs::add_event(tx, p.id, &stamp(now), &by, step, note)?;
    let object = &p.radicado;
    audit::record(
        tx,
        now,
        actor,
        &format!("workorder.{action}"),
        object,
        &format!("#{id}"),
    )?;
    pqrs::work_order(tx, id)?.ok_or_else(|| Error::Database("orden desaparecida".into()))
}

/// Closes a work order with its result.
pub fn close_work_order(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    id: i64,
    result: &str,
) -> Result<WorkOrder> {
    actor.require(Role::Asesor, "cerrar órdenes de trabajo")?;
    let result = required(result, "el resultado de la orden")?;
    let now = clock.now();
    let tx = store.write()?;
    let w = pqrs::work_order(&tx, id)?
        .ok_or_else(|| Error::refused(format!("no hay una orden de trabajo #{id}")))?;
    if w.status != "abierta" {
        return Err(Error::NothingToDo(format!(
            "la orden #{id} ya está cerrada"
        )));
    }
    let p = get(&tx, &w.radicado)?;
    lifecycle::may_work(actor, &p, "cerrar sus órdenes de trabajo")?;
    let at = stamp(now);
    pqrs::close_work_order(&tx, id, &result, &at, &actor.principal)?;
    let note = format!("#{id} {result}");
    let w = log_work_order(&tx, now, actor, (&p, id), ("orden-cerrada", &note), "close")?;
    tx.commit()?;
    Ok(w)
}
