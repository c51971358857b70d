//! The steps that move a PQRS's legal term: asking the requester to complete it (the clock
//! stops), the requester's extension of that period, resuming, the entity's extension, and
//! the desistimiento when the requester never completes it.

use super::*;

/// Checks a term step's own rules and changes `p`; returns the event note.
pub(super) fn apply(
    config: &Config,
    cal: &crate::domain::calendar::Calendar,
    today: NaiveDate,
    p: &mut Pqrs,
    action: Action,
) -> Result<String> {
    let refused = |m: String| Error::Refused(m);
    Ok(match action {
        Action::RequestInfo { missing, on } => {
            let missing = required(&missing, "qué información falta")?;
            let (filed, due) = (date(Some(&p.filed_on)), date(p.due_date.as_deref()));
            let request_by = date(Some(&p.completion_request_by));
            let (Some(filed), Some(due), Some(request_by)) = (filed, due, request_by) else {
                return Err(refused("esta PQRS no tiene término que suspender".into()));
            };
            let on = rules::check_real_date(
                on.unwrap_or(today),
                today,
                filed,
                "fecha de la solicitud de información",
            )
            .map_err(refused)?;
            let paused = rules::pause(cal, &config.terms, p.kind, (filed, due, request_by), on)
                .map_err(refused)?;
            p.paused_on = Some(on.to_string());
            p.pause_remaining = Some(paused.remaining);
            p.withdrawal_on = Some(paused.withdrawal_on.to_string());
            format!(
                "{missing} · pedida el {on} · desiste el {}",
                paused.withdrawal_on
            )
        }
        Action::ExtendCompletion { asked_on } => {
            let (Some(paused), Some(withdrawal)) = (
                date(p.paused_on.as_deref()),
                date(p.withdrawal_on.as_deref()),
            ) else {
                return Err(refused(
                    "no hay un plazo para completar que prorrogar".into(),
                ));
            };
            let asked = rules::check_real_date(
                asked_on.unwrap_or(today),
                today,
                paused,
                "fecha de la solicitud de prórroga",
            )
            .map_err(refused)?;
            let until = rules::extend_completion(
                &config.terms,
                p.kind,
                withdrawal,
                asked,
                p.completion_extended,
            )
            .map_err(refused)?;
            p.completion_extended = true;
            p.withdrawal_on = Some(until.to_string());
            format!("pedida el {asked}: ahora tiene hasta el {until} para completar")
        }
        Action::Resume { on } => {
            let paused = date(p.paused_on.as_deref()).unwrap_or(today);
            let on = rules::check_real_date(
                on.unwrap_or(today),
                today,
                paused,
                "fecha en que se completó",
            )
            .map_err(refused)?;
            if date(p.withdrawal_on.as_deref()).is_some_and(|w| on > w) {
                return Err(refused(format!(
                    "el plazo para completar venció el {}: declare el desistimiento con su \
                     motivación (ticket withdraw --motivo); la persona puede volver a presentarla",
                    p.withdrawal_on.as_deref().unwrap_or("")
                )));
            }
            let remaining = p.pause_remaining.unwrap_or(0);
            let new_due = rules::resume(cal, remaining, on);
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
            format!("completada el {on} · vence el {new_due}")
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
        Action::Withdraw { reason } => match date(p.withdrawal_on.as_deref()) {
            Some(w) if today > w => {
                let reason = required(&reason, "la motivación del desistimiento (--motivo)")?;
                // desistida is final: the paused clock no longer runs
                p.paused_on = None;
                p.pause_remaining = None;
                format!("sin respuesta del peticionario desde el {w}. {reason}")
            }
            Some(w) => {
                return Err(refused(format!(
                    "el peticionario tiene hasta el {w} para completar"
                )));
            }
            None => return Err(refused("no hay plazo de desistimiento".into())),
        },
        other => {
            return Err(Error::Database(format!(
                "paso {other:?} tratado como paso del término"
            )));
        }
    })
}
