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
    /// Ask the requester to complete it: what is missing, and the day it was really asked
    /// (none: today).
    RequestInfo {
        missing: String,
        on: Option<NaiveDate>,
    },
    /// The requester completed it on `on` (none: today).
    Resume {
        on: Option<NaiveDate>,
    },
    /// The requester asked on `asked_on` (none: today) for the one extension of the
    /// completion period.
    ExtendCompletion {
        asked_on: Option<NaiveDate>,
    },
    Extend {
        until: NaiveDate,
        reason: String,
    },
    /// Projects the answer: its text (empty: the latest saved draft).
    Draft {
        answer: String,
    },
    Approve,
    /// The signing role sends the draft back for correction, saying what to change.
    Return {
        note: String,
    },
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
        /// Past the legal limit: the supervisor's reason to forward it anyway.
        late_reason: Option<String>,
    },
    /// Declares the desistimiento tácito: the motivated decision's reasons.
    Withdraw {
        reason: String,
    },
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
    if matches!(action, Action::Approve | Action::Return { .. }) {
        actor.require(config.pqrs.signer(), "firmar la respuesta de una PQRS")?;
    }
    let role = if matches!(&action, Action::Forward { late_reason: Some(r), .. } if !r.trim().is_empty())
    {
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
    let to = rules::next_for(p.kind, from, kind).map_err(Error::Refused)?;
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
    // notifying is the notification clerk's work (GCO Df01 steps 17–19), whoever drafted it
    if !matches!(action, Action::Notify { .. }) {
        may_work(actor, p, "tramitar")?;
    }
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
        Action::Resume { .. } => Step::Resume,
        Action::ExtendCompletion { .. } => Step::ExtendCompletion,
        Action::Extend { .. } => Step::Extend,
        Action::Draft { .. } => Step::Draft,
        Action::Approve => Step::Approve,
        Action::Return { .. } => Step::Return,
        Action::Notify { .. } => Step::Notify,
        Action::Close { .. } => Step::Close,
        Action::Forward { .. } => Step::Forward,
        Action::Withdraw { .. } => Step::Withdraw,
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
        a @ (Action::RequestInfo { .. }
        | Action::ExtendCompletion { .. }
        | Action::Resume { .. }
        | Action::Extend { .. }
        | Action::Withdraw { .. }) => term::apply(config, cal, today, p, a)?,
        Action::Draft { answer } => {
            let by = actor.staff_user().unwrap_or(&actor.principal).to_string();
            answer::draft(tx, &stamp(now), &by, p, &answer)?
        }
        Action::Approve => answer::approve(tx, p)?,
        Action::Return { note } => answer::give_back(p, &note)?,
        Action::Notify { via, evidence } => {
            answer::check_notify(p)?;
            letters::check_notify_way(tx, cal, p, via, today)?;
            if via == NotifyWay::Electronica && p.notify_via != NotifyWay::Electronica {
                return Err(refused(
                    "el peticionario no aceptó la notificación electrónica".into(),
                ));
            }
            p.notified_via = Some(via);
            p.notified_on = Some(today.to_string());
            // answered after its due date where silence grants it: the silence already applied
            let silence = date(p.due_date.as_deref())
                .filter(|due| p.positive_silence && p.paused_on.is_none() && today > *due)
                .and_then(|due| due.succ_opt())
                .map(|since| {
                    format!(
                        " · sin respuesta al vencimiento: el silencio administrativo positivo \
                         operó desde el {since}; la entidad debe reconocerlo"
                    )
                })
                .unwrap_or_default();
            p.notified_evidence = (!evidence.trim().is_empty()).then(|| evidence.trim().into());
            format!("{} {}", via.label(), evidence.trim())
                .trim()
                .to_string()
                + &silence
        }
        Action::Close { in_favor, note } => {
            answer::check_close(p, &note)?;
            no_open_work_orders(tx, p)?;
            if p.needs_conversation {
                return Err(refused(
                    "el peticionario es afiliado: registre primero la conversación con él".into(),
                ));
            }
            p.in_favor = Some(in_favor);
            // solved at the window: decided in front of the person, who is notified there
            if p.status == Status::Radicada && p.notified_on.is_none() {
                p.notified_on = Some(today.to_string());
            }
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
        Action::Forward {
            entity,
            told_on,
            late_reason,
        } => {
            let regime = crate::domain::regime::Regime::from_config(config);
            let subsidio =
                p.kind == Kind::RecursoApelacion && regime.recursos.apelacion_en_subsidio;
            let entity = if subsidio && entity.trim().is_empty() {
                regime.recursos.superintendencia.clone()
            } else {
                required(&entity, "la entidad competente")?
            };
            no_open_work_orders(tx, p)?;
            let filed = date(Some(&p.filed_on)).unwrap_or(today);
            let told = rules::check_real_date(
                told_on.unwrap_or(today),
                today,
                filed,
                "fecha de aviso al peticionario",
            )
            .map_err(refused)?;
            let mut note = format!("a {entity} el {today}; peticionario informado el {told}");
            // the apelación en subsidio goes to the Superintendencia once the reposición is
            // decided: not a traslado por competencia, no competence limit
            let limit = cal.add(filed, regime.forward_days(p.kind));
            if !subsidio && today > limit {
                let reason = late_reason
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .ok_or_else(|| {
                        refused(format!(
                            "el traslado debía hacerse a más tardar el {limit} ({} días hábiles \
                             desde la radicación); solo un supervisor puede hacerlo ahora, con \
                             el motivo (--late-reason)",
                            regime.forward_days(p.kind)
                        ))
                    })?;
                p.forwarded_late = true;
                note.push_str(&format!(
                    " · TRASLADO TARDÍO (límite {limit}), autorizado por {}: {reason}",
                    actor.staff_user().unwrap_or(&actor.principal)
                ));
            }
            p.forwarded_to = Some(entity);
            p.requester_told_on = Some(told.to_string());
            note
        }
        Action::Archive => {
            no_open_work_orders(tx, p)?;
            if p.status == Status::Desistida && p.notified_on.is_none() {
                return Err(refused(
                    "el desistimiento se notifica antes de archivar: registre la notificación"
                        .into(),
                ));
            }
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
