//! Filing a PQRS: the checks, the radicado and legal dates, and the constancia.

use super::*;

/// A PQRS as typed at the console or given on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filing {
    pub kind: Kind,
    pub channel: Channel,
    /// The requester; none only for denuncias (anonymous).
    pub document: Option<Document>,
    pub subject: String,
    pub description: String,
    /// Area by competence; empty: the default area (recursos always go to the legal area).
    pub area: String,
    /// Fundamental rights at risk: first in the work order, same legal term.
    pub priority: bool,
    /// Electrónica means the person accepted it.
    pub notify_via: NotifyWay,
    pub notify_address: String,
    /// When it was received (local); none: now.
    pub received: Option<NaiveDateTime>,
    /// Habeas data reclamos: what to do with the person's data.
    pub data_request: Option<DataRequest>,
    /// Actualizacion / rectificacion: `campo=valor; campo=valor`.
    pub data_changes: String,
}

/// Checks a filing; every refusal starts with the field it is about.
fn check(config: &Config, f: &Filing, now: NaiveDateTime) -> std::result::Result<String, String> {
    let kind = f.kind;
    if f.document.is_none() && !kind.may_be_anonymous() {
        return Err("documento: solo las denuncias pueden ser anónimas".into());
    }
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
    let dates = rules::dates(
        &cal,
        crate::desk::calendar::office_hours(config),
        &config.terms,
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
    audit::record(&tx, now_utc, actor, "pqrs.file", &p.radicado, p.kind.code())?;
    let filed = pqrs::by_radicado(&tx, &p.radicado)?
        .ok_or_else(|| Error::Database("PQRS desaparecida".into()))?;
    tx.commit()?;
    Ok(filed)
}

/// The constancia de radicación: what the requester takes home.
pub fn receipt(p: &Pqrs, branch: &str, customer: Option<&str>) -> Vec<String> {
    let mut lines = vec![
        branch.to_string(),
        format!("Radicado: {}", p.radicado),
        format!("Tipo: {}", p.kind.label()),
        format!("Canal: {}", p.channel.label()),
        format!("Recibida: {}", p.received_at.replace('T', " ")),
        format!("Fecha de radicación: {}", p.filed_on),
    ];
    lines.push(match &p.due_date {
        Some(d) => format!("Fecha máxima de respuesta: {d}"),
        None => "Sin término legal de respuesta".to_string(),
    });
    lines.push(format!("Peticionario: {}", customer.unwrap_or("anónimo")));
    lines.push(format!("Asunto: {}", p.subject));
    lines.push(format!("Área: {}", p.area));
    if p.in_process_marked_at.is_some() {
        lines.push("Sus datos quedan marcados «reclamo en trámite».".into());
    }
    lines.push(format!(
        "Consulte su solicitud con el radicado {}.",
        p.radicado
    ));
    lines
}
