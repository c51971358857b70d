//! Filing a PQRS: the checks, the radicado and legal dates, and the constancia.

pub use super::requester::Person;
use super::requester::check_requester;
use super::*;
use crate::localtime::human_stored_local;

/// A PQRS as typed at the console or given on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filing {
    pub kind: Kind,
    pub channel: Channel,
    /// The requester as a registered customer.
    pub document: Option<Document>,
    /// The requester given only by name and contact (no customer record is created).
    pub person: Option<Person>,
    /// Web and e-mail channels: the sender's address.
    pub sender: String,
    pub subject: String,
    pub description: String,
    /// Area by competence; empty: the default area (recursos always go to the legal area).
    pub area: String,
    /// Fundamental rights at risk: first in the work order, same legal term.
    pub priority: bool,
    /// Why it has priority (Ley 1437 art. 20); empty: the law's general reason.
    pub priority_reason: String,
    /// Electrónica means the person accepted it.
    pub notify_via: NotifyWay,
    pub notify_address: String,
    /// When it was received (local); none: now.
    pub received: Option<NaiveDateTime>,
    /// Habeas data reclamos: what to do with the person's data.
    pub data_request: Option<DataRequest>,
    /// Actualizacion / rectificacion: `campo=valor; campo=valor`.
    pub data_changes: String,
    /// Recursos: the radicado of the decision contested.
    pub appeal_of: Option<String>,
    /// A recurso outside its filing window: the supervisor's reason to admit it.
    pub window_override: Option<String>,
}

/// Checks a filing; every refusal starts with the field it is about.
fn check(config: &Config, f: &Filing, now: NaiveDateTime) -> std::result::Result<String, String> {
    let kind = f.kind;
    check_requester(config, f)?;
    if f.subject.trim().is_empty() {
        return Err("asunto: escriba el asunto".into());
    }
    let control = |t: &str| t.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    if control(&f.subject) || f.subject.contains('\n') {
        return Err("asunto: tiene caracteres de control; escríbalo de nuevo".into());
    }
    if control(&f.description) {
        return Err("descripción: tiene caracteres de control; escríbala de nuevo".into());
    }
    if f.description.trim().is_empty() {
        return Err("descripción: describa la solicitud".into());
    }
    let area = area_for(config, kind.is_appeal(), &f.area)?;
    if f.notify_via == NotifyWay::Electronica && !f.notify_address.contains('@') {
        return Err("dirección: la notificación electrónica necesita un correo".into());
    }
    if f.received.is_some_and(|r| r > now) {
        return Err("recibida: la fecha de recibido no puede ser futura".into());
    }
    if let Some(r) = f.received {
        crate::domain::calendar_range::check_instant(r, "recibida: la fecha de recibido")?;
    }
    if kind == Kind::HabeasReclamo {
        let d = f
            .data_request
            .ok_or_else(|| VocabError::new::<DataRequest>("").to_string())?;
        if d.needs_changes() {
            if f.data_changes.trim().is_empty() {
                return Err("cambios: indique los datos a corregir (campo=valor; ...)".into());
            }
            treatment::parse_changes(&f.data_changes)?;
        }
    } else if f.data_request.is_some() {
        return Err("solicitud de datos: solo para reclamos de habeas data".into());
    }
    Ok(area)
}

/// Files a PQRS: takes the next radicado of the year, computes its legal dates and records the
/// filing event. Habeas data reclamos of a known person get the "reclamo en trámite" mark at
/// once; deletion requests of affiliates are first marked for a conversation.
pub fn file(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    f: &Filing,
) -> Result<Pqrs> {
    actor.require(Role::Asesor, "radicar PQRS")?;
    let now_utc = clock.now();
    let now = local_now(clock, config);
    let area = check(config, f, now).map_err(Error::Refused)?;
    let kind = f.kind;
    let cal = crate::desk::calendar::load(store, config)?;
    let received = f.received.unwrap_or(now);
    let regime = crate::domain::regime::Regime::from_config(config);
    let dates = rules::dates(
        &cal,
        crate::desk::calendar::office_hours(config),
        &regime,
        kind,
        received,
    );
    let tx = store.write()?;
    let customer = match &f.document {
        Some(doc) => Some(
            customers::by_document(&tx, doc.kind.code(), &doc.number)?.ok_or_else(|| {
                Error::refused(format!(
                    "documento: no hay un cliente con {} {}; regístrelo primero",
                    doc.kind, doc.number
                ))
            })?,
        ),
        None => None,
    };
    let appeal = match kind.is_appeal() {
        true => Some(check_appeal(
            &tx,
            actor,
            &cal,
            &regime,
            f,
            customer.as_ref().map(|c| c.id),
            dates.filed_on,
        )?),
        false => None,
    };
    let code = settings::get(&tx, "branch_code")?.unwrap_or_else(|| "SEDE".into());
    let year = chrono::Datelike::year(&now);
    let seq = pqrs::next_seq(&tx, year)?;
    let at = stamp(now_utc);
    let data_request = if kind == Kind::HabeasReclamo {
        f.data_request
    } else {
        None
    };
    let habeas_marked = kind == Kind::HabeasReclamo && customer.is_some();
    let needs_conversation = data_request == Some(DataRequest::Supresion)
        && customer
            .as_ref()
            .is_some_and(|c| c.affiliation == Affiliation::Afiliado);
    let p = Pqrs {
        id: 0,
        radicado: rules::radicado(&code, year, seq),
        kind,
        channel: f.channel,
        customer: customer.as_ref().map(|c| c.id),
        subject: f.subject.trim().into(),
        description: f.description.trim_end().into(),
        area,
        assignee: None,
        priority: f.priority,
        notify_via: f.notify_via,
        notify_address: f.notify_address.trim().into(),
        data_request,
        data_changes: (!f.data_changes.trim().is_empty()).then(|| f.data_changes.trim().into()),
        status: Status::Radicada,
        received_at: received.format("%Y-%m-%dT%H:%M").to_string(),
        filed_on: dates.filed_on.to_string(),
        due_date: dates.due_on.map(|d| d.to_string()),
        max_extension_on: dates.max_extension_on.map(|d| d.to_string()),
        completion_request_by: dates.completion_request_by.to_string(),
        in_process_mark_by: dates.in_process_mark_by.map(|d| d.to_string()),
        in_process_marked_at: habeas_marked.then(|| at.clone()),
        extended: false,
        paused_on: None,
        pause_remaining: None,
        withdrawal_on: None,
        needs_conversation,
        in_favor: None,
        forwarded_to: None,
        requester_told_on: None,
        notified_via: None,
        notified_evidence: None,
        notified_on: None,
        completion_extended: false,
        appeal_of: appeal.as_ref().map(|a| a.contested.clone()),
        window_override: appeal.as_ref().and_then(|a| a.override_note.clone()),
        forwarded_late: false,
        positive_silence: regime.rule(kind).silence == crate::domain::regime::Silence::Positivo,
        priority_reason: f.priority.then(|| {
            let r = f.priority_reason.trim();
            if r.is_empty() {
                PRIORITY_DEFAULT_REASON.to_string()
            } else {
                r.to_string()
            }
        }),
        answer_approved: None,
        requester_name: f.person.as_ref().map(|p| p.name.trim().to_string()),
        requester_contact: f.person.as_ref().map(|p| p.contact.trim().to_string()),
        sender: Some(f.sender.trim().to_string()).filter(|s| !s.is_empty()),
        created_at: at.clone(),
        created_by: actor.principal.clone(),
        updated_at: at.clone(),
    };
    let id = pqrs::insert(&tx, &p, year, seq)?;
    let by = actor.staff_user().unwrap_or(&actor.principal).to_string();
    pqrs::add_event(&tx, id, &at, &by, "radicada", p.kind.label())?;
    if habeas_marked {
        pqrs::add_event(&tx, id, &at, &by, "reclamo-en-tramite", "")?;
    }
    if needs_conversation {
        pqrs::add_event(
            &tx,
            id,
            &at,
            &by,
            "conversacion-pendiente",
            "afiliado: conversar antes de suprimir sus datos",
        )?;
    }
    if let Some(a) = &appeal {
        pqrs::add_event(&tx, id, &at, &by, "recurso", &a.note)?;
        if let Some(o) = &a.override_note {
            pqrs::add_event(&tx, id, &at, &by, "recurso-fuera-de-termino", o)?;
            audit::record(
                &tx,
                now_utc,
                actor,
                "pqrs.recurso-fuera-de-termino",
                &p.radicado,
                o,
            )?;
        }
    }
    audit::record(&tx, now_utc, actor, "pqrs.file", &p.radicado, p.kind.code())?;
    let filed = pqrs::by_radicado(&tx, &p.radicado)?
        .ok_or_else(|| Error::Database("PQRS desaparecida".into()))?;
    tx.commit()?;
    Ok(filed)
}

/// The reason shown for a priority PQRS when none was typed (Ley 1437 de 2011 art. 20).
pub const PRIORITY_DEFAULT_REASON: &str =
    "derechos fundamentales en riesgo de perjuicio irremediable (Ley 1437 art. 20)";

/// A recurso's link to the decision it contests.
struct Appeal {
    contested: String,
    note: String,
    override_note: Option<String>,
}

/// Checks a recurso (Ley 1437 de 2011 arts. 74–76; Ley 142 art. 154): against a notified
/// decision of the same person, filed within the regime's window after the notification —
/// outside it only with a supervisor's reason; the apelación en subsidio needs its reposición.
fn check_appeal(
    tx: &Connection,
    actor: &Actor,
    cal: &crate::domain::calendar::Calendar,
    regime: &crate::domain::regime::Regime,
    f: &Filing,
    customer: Option<i64>,
    filed_on: NaiveDate,
) -> Result<Appeal> {
    let refused = |m: String| Error::Refused(m);
    let Some(against) = f
        .appeal_of
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    else {
        return Err(refused(
            "contra: indique el radicado de la decisión que se recurre (--against)".into(),
        ));
    };
    let contested = pqrs::by_radicado(tx, against)?
        .ok_or_else(|| refused(format!("contra: no hay una PQRS con radicado {against}")))?;
    if contested.customer != customer {
        return Err(refused(format!(
            "contra: la decisión {against} es de otro peticionario; solo quien fue parte la recurre"
        )));
    }
    let Some(notified) = date(contested.notified_on.as_deref()) else {
        return Err(refused(format!(
            "contra: la decisión {against} aún no se ha notificado; el recurso se presenta contra              una decisión notificada"
        )));
    };
    if filed_on < notified {
        return Err(refused(format!(
            "recibida: el recurso es anterior a la notificación de {against} ({notified}); \
             revise la fecha de recibido"
        )));
    }
    let window_end = regime.recurso_window_end(cal, notified);
    let mut note = format!(
        "contra la decisión {against}, notificada el {}; plazo para recurrir hasta el {}",
        crate::localtime::human_date(notified),
        crate::localtime::human_date(window_end)
    );
    if regime.recursos.apelacion_en_subsidio && f.kind == Kind::RecursoApelacion {
        let reposicion = pqrs::appeals_of(tx, against)?
            .into_iter()
            .any(|r| r.kind == Kind::RecursoReposicion);
        if !reposicion {
            return Err(refused(format!(
                "tipo: en servicios públicos la apelación se presenta en subsidio de la                  reposición; radique primero el recurso de reposición contra {against}"
            )));
        }
        note.push_str(&format!(
            "; apelación en subsidio: se traslada a la {}",
            regime.recursos.superintendencia
        ));
    }
    let mut override_note = None;
    if filed_on > window_end {
        let reason = f
            .window_override
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        let Some(reason) = reason else {
            return Err(refused(format!(
                "contra: el plazo para recurrir la decisión {against} venció el {window_end}                  ({} días hábiles desde la notificación del {notified}); solo un supervisor                  puede admitirlo, con el motivo (--override-reason)",
                regime.recursos.filing_days
            )));
        };
        actor.require(Role::Supervisor, "admitir un recurso fuera de término")?;
        override_note = Some(format!(
            "admitido fuera de término (venció el {window_end}) por {}: {reason}",
            actor.staff_user().unwrap_or(&actor.principal)
        ));
    }
    Ok(Appeal {
        contested: contested.radicado,
        note,
        override_note,
    })
}

/// The constancia de radicación: what the requester takes home (dates as people read them).
pub fn receipt(p: &Pqrs, branch: &str, customer: Option<&str>) -> Vec<String> {
    let mut lines = vec![
        branch.to_string(),
        format!("Radicado: {}", p.radicado),
        format!("Tipo: {}", p.kind.label()),
        format!("Canal: {}", p.channel.label()),
        format!("Recibida: {}", human_stored_local(&p.received_at)),
        format!("Fecha de radicación: {}", human_stored_local(&p.filed_on)),
    ];
    lines.push(match &p.due_date {
        Some(d) => format!("Fecha máxima de respuesta: {}", human_stored_local(d)),
        None => "Sin término legal de respuesta".to_string(),
    });
    lines.push(format!("Peticionario: {}", customer.unwrap_or("anónimo")));
    if let Some(s) = &p.sender {
        lines.push(format!("Remitente: {s}"));
    }
    lines.push(format!("Asunto: {}", p.subject));
    lines.push(format!("Área: {}", p.area));
    if let Some(r) = &p.priority_reason {
        lines.push(format!("Atención prioritaria: {r}"));
    }
    if p.in_process_marked_at.is_some() {
        lines.push("Sus datos quedan marcados «reclamo en trámite».".into());
    }
    lines.push(format!(
        "Consulte su solicitud con el radicado {}.",
        p.radicado
    ));
    lines
}
