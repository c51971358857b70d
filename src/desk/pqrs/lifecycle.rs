//! The lifecycle steps of a PQRS after filing, with the rules that refuse them.

use super::*;

/// A lifecycle step with what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// To an area (empty: keep) and optionally a person.
    Assign {
        area: String,
        user: Option<String>,
    },
    Start,
    /// Ask the requester to complete it: what is missing.
    RequestInfo {
        missing: String,
    },
    Resume,
    Extend {
        until: NaiveDate,
        reason: String,
    },
    Draft {
        note: String,
    },
    Approve,
    Notify {
        via: NotifyWay,
        evidence: String,
    },
    Close {
        in_favor: bool,
        note: String,
    },
    Forward {
        entity: String,
        told_on: Option<NaiveDate>,
    },
    Withdraw,
    Archive,
    /// The affiliate was talked to before deleting their data.
    Converse {
        note: String,
    },
}

/// Applies `action` to the PQRS `radicado`; refuses, saying why, any step the lifecycle or the
/// law does not allow. Returns the PQRS as it is after the step.
pub fn step(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    radicado: &str,
    action: Action,
) -> Result<Pqrs> {
    let role = if matches!(action, Action::Approve) {
        Role::Supervisor
    } else {
        Role::Asesor
    };
    actor.require(role, "tramitar PQRS")?;
    let now_utc = clock.now();
    let today = local_now(clock, config).date();
    let cal = crate::desk::calendar::load(store, config)?;
    // what a deletion must not leave in the file's bytes (empty for any other step)
    let mut needles = Vec::new();
    if let Action::Close { in_favor: true, .. } = action {
        // a deletion request may be completed: freed pages are zeroed, not left behind
        store.conn().pragma_update(None, "secure_delete", true)?;
        needles = treatment::needles(store.conn(), radicado)?;
    }
    let tx = store.write()?;
    let mut p = get(&tx, radicado)?;
    permitted(actor, &p, &action)?;
    let from = p.status;
    let kind = step_kind(&action);
    let to = rules::next(from, kind).map_err(Error::Refused)?;
    let note = apply(&tx, config, &cal, today, now_utc, actor, &mut p, action)?;
    p.status = to;
    p.updated_at = stamp(now_utc);
    pqrs::save(&tx, &p)?;
    let by = actor.staff_user().unwrap_or(&actor.principal).to_string();
    pqrs::add_event(&tx, p.id, &p.updated_at, &by, kind.name(), &note)?;
    audit::record(
        &tx,
        now_utc,
        actor,
        &format!("pqrs.{}", kind.name()),
        &p.radicado,
        &note,
    )?;
    let after = get(&tx, &p.radicado)?;
    tx.commit()?;
    if matches!(kind, Step::Close) && after.data_request == Some(DataRequest::Supresion) {
        // a cleanup a reader blocks is left pending and reported by `cleanup_pending`
        treatment::scrub(store, now_utc, Some(&needles))?;
    }
    Ok(after)
}

/// What an advisor may do with a PQRS: work the ones assigned to them or to nobody, and make
/// the first assignment. Reassigning is a supervisor's; completing a data-treatment request
/// in the person's favour (which changes or deletes their data) an administrator's.
fn permitted(actor: &Actor, p: &Pqrs, action: &Action) -> Result<()> {
    if let Action::Close { in_favor: true, .. } = action
        && p.data_request.is_some()
    {
        actor.require(
            Role::Administrador,
            "completar una solicitud de tratamiento de datos",
        )?;
    }
    if matches!(action, Action::Close { .. })
        && p.data_request.is_some()
        && p.status == Status::Radicada
    {
        return Err(actor.refused_on(
            &p.radicado,
            format!(
                "la solicitud de tratamiento de datos {} no se cierra ni se niega recién \
                 radicada: asígnela, proyecte la respuesta y pida a un supervisor que la \
                 apruebe; luego notifíquela y ciérrela",
                p.radicado
            ),
        ));
    }
    may_work(actor, p, "tramitar")?;
    if actor.role >= Role::Supervisor {
        return Ok(());
    }
    if matches!(action, Action::Assign { .. }) && p.assignee.is_some() {
        return Err(actor.denied(Role::Supervisor, "reasignar PQRS"));
    }
    Ok(())
}

/// An advisor works the PQRS assigned to them or to nobody yet; a supervisor any. `what`
/// names the action in Spanish (its work orders follow the same rule).
pub(super) fn may_work(actor: &Actor, p: &Pqrs, what: &str) -> Result<()> {
    match &p.assignee {
        Some(owner) if !actor.owns_or_supervises(owner) => Err(actor.refused_on(
            &p.radicado,
            format!(
                "la PQRS {} está asignada a {owner}: solo esa persona o un supervisor puede \
                 {what}; pida a un supervisor que se la reasigne",
                p.radicado
            ),
        )),
        _ => Ok(()),
    }
}

fn step_kind(action: &Action) -> Step {
    match action {
        Action::Assign { .. } => Step::Assign,
        Action::Start => Step::Start,
        Action::RequestInfo { .. } => Step::RequestInfo,
        Action::Resume => Step::Resume,
        Action::Extend { .. } => Step::Extend,
        Action::Draft { .. } => Step::Draft,
        Action::Approve => Step::Approve,
        Action::Notify { .. } => Step::Notify,
        Action::Close { .. } => Step::Close,
        Action::Forward { .. } => Step::Forward,
        Action::Withdraw => Step::Withdraw,
        Action::Archive => Step::Archive,
        Action::Converse { .. } => Step::Converse,
    }
}

/// Checks the step's own rules and changes `p`; returns the event note.
#[allow(clippy::too_many_arguments)]
fn apply(
    tx: &Connection,
    config: &Config,
    cal: &crate::domain::calendar::Calendar,
    today: NaiveDate,
    now: DateTime<Utc>,
    actor: &Actor,
    p: &mut Pqrs,
    action: Action,
) -> Result<String> {
    let refused = |m: String| Error::Refused(m);
    Ok(match action {
        Action::Assign { area, user } => {
            if !area.trim().is_empty() {
                p.area = area_for(config, p.kind.is_appeal(), &area).map_err(refused)?;
                if p.kind.is_appeal() && fold_key(&area) != fold_key(&p.area) {
                    return Err(refused(format!("los recursos van al área {}", p.area)));
                }
            }
            if let Some(u) = user.filter(|u| !u.trim().is_empty()) {
                let found = users::find(tx, u.trim())?.filter(|x| x.active);
                let found = found
                    .ok_or_else(|| refused(format!("no hay un usuario activo «{}»", u.trim())))?;
                p.assignee = Some(found.username);
            }
            match &p.assignee {
                Some(u) => format!("{} · {u}", p.area),
                None => p.area.clone(),
            }
        }
        Action::Start => String::new(),
        Action::RequestInfo { missing } => {
            let missing = required(&missing, "qué información falta")?;
            let (filed, due) = (date(Some(&p.filed_on)), date(p.due_date.as_deref()));
            let request_by = date(Some(&p.completion_request_by));
            let (Some(filed), Some(due), Some(request_by)) = (filed, due, request_by) else {
                return Err(refused("esta PQRS no tiene término que suspender".into()));
            };
            let paused = rules::pause(cal, &config.terms, p.kind, (filed, due, request_by), today)
                .map_err(refused)?;
            p.paused_on = Some(today.to_string());
            p.pause_remaining = Some(paused.remaining);
            p.withdrawal_on = Some(paused.withdrawal_on.to_string());
            format!("{missing} · desiste el {}", paused.withdrawal_on)
        }
        Action::Resume => {
            if date(p.withdrawal_on.as_deref()).is_some_and(|w| today > w) {
                return Err(refused(format!(
                    "el plazo para completar venció el {}: ciérrela como desistida",
                    p.withdrawal_on.as_deref().unwrap_or("")
                )));
            }
            let remaining = p.pause_remaining.unwrap_or(0);
            let new_due = rules::resume(cal, remaining, today);
            if let (Some(due), Some(max)) = (
                date(p.due_date.as_deref()),
                date(p.max_extension_on.as_deref()),
            ) {
                let slack = u32::try_from(cal.between(due, max).max(0)).unwrap_or(0);
                p.max_extension_on = Some(cal.add(new_due, slack).to_string());
            }
            p.due_date = Some(new_due.to_string());
            p.paused_on = None;
            p.pause_remaining = None;
            p.withdrawal_on = None;
            format!("vence el {new_due}")
        }
        Action::Extend { until, reason } => {
            let reason = required(&reason, "el motivo de la ampliación")?;
            if p.extended {
                return Err(refused("el término ya se amplió una vez".into()));
            }
            let (Some(due), Some(max)) = (
                date(p.due_date.as_deref()),
                date(p.max_extension_on.as_deref()),
            ) else {
                return Err(refused("esta PQRS no tiene término que ampliar".into()));
            };
            if max <= due {
                return Err(refused("la ley no prevé ampliar este término".into()));
            }
            rules::check_extension(cal, today, due, max, until).map_err(refused)?;
            p.due_date = Some(until.to_string());
            p.extended = true;
            format!("hasta el {until}: {reason}")
        }
        Action::Draft { note } => {
            if p.needs_conversation {
                return Err(refused(
                    "el peticionario es afiliado: registre primero la conversación con él".into(),
                ));
            }
            note.trim().to_string()
        }
        Action::Approve => String::new(),
        Action::Notify { via, evidence } => {
            if via == NotifyWay::Electronica && p.notify_via != NotifyWay::Electronica {
                return Err(refused(
                    "el peticionario no aceptó la notificación electrónica".into(),
                ));
            }
            p.notified_via = Some(via);
            p.notified_evidence = (!evidence.trim().is_empty()).then(|| evidence.trim().into());
            format!("{} {}", via.label(), evidence.trim())
                .trim()
                .to_string()
        }
        Action::Close { in_favor, note } => {
            no_open_work_orders(tx, p)?;
            if p.needs_conversation {
                return Err(refused(
                    "el peticionario es afiliado: registre primero la conversación con él".into(),
                ));
            }
            p.in_favor = Some(in_favor);
            let mut note = note.trim().to_string();
            if in_favor && let Some(done) = treatment::apply(tx, now, actor, today, p, &mut note)? {
                note = format!("{note} {done}").trim().to_string();
                // a deletion rewrote this PQRS's own texts: save nothing older over them
                *p = get(tx, &p.radicado)?;
                p.in_favor = Some(in_favor);
            }
            let favor = if in_favor { "a favor" } else { "no a favor" };
            format!("{favor}. {note}")
                .trim_end_matches(". ")
                .to_string()
        }
        Action::Forward { entity, told_on } => {
            let entity = required(&entity, "la entidad competente")?;
            no_open_work_orders(tx, p)?;
            let told = told_on.unwrap_or(today);
            if told > today {
                return Err(refused(
                    "la fecha de aviso al peticionario no puede ser futura".into(),
                ));
            }
            p.forwarded_to = Some(entity.clone());
            p.requester_told_on = Some(told.to_string());
            format!("a {entity}; peticionario informado el {told}")
        }
        Action::Withdraw => match date(p.withdrawal_on.as_deref()) {
            Some(w) if today > w => {
                // desistida is final: the paused clock no longer runs
                p.paused_on = None;
                p.pause_remaining = None;
                format!("sin respuesta del peticionario desde el {w}")
            }
            Some(w) => {
                return Err(refused(format!(
                    "el peticionario tiene hasta el {w} para completar"
                )));
            }
            None => return Err(refused("no hay plazo de desistimiento".into())),
        },
        Action::Archive => {
            no_open_work_orders(tx, p)?;
            String::new()
        }
        Action::Converse { note } => {
            if !p.needs_conversation {
                return Err(refused("esta PQRS no espera una conversación".into()));
            }
            p.needs_conversation = false;
            format!(
                "conversación con el afiliado: {}",
                required(&note, "qué se habló")?
            )
        }
    })
}
