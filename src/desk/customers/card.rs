//! The customer's card: consent per purpose and the timeline of what happened with them.

use super::*;

/// Consent status of one purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PurposeStatus {
    pub purpose: String,
    /// `true` granted, `false` revoked, `None` never asked.
    pub granted: Option<bool>,
}

/// One event of a customer's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// RFC 3339 instant (UTC).
    pub at: String,
    /// "atención", "turno" or "consentimiento".
    pub kind: &'static str,
    pub summary: String,
}

/// A PQRS of the customer still owed an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenPqrs {
    pub radicado: String,
    pub kind: crate::domain::request::Kind,
    pub status: crate::domain::request::Status,
    /// A habeas data request (access, rectification, deletion...) rather than a PQRS proper.
    pub data_request: bool,
    /// The legal due date (AAAA-MM-DD), if it runs.
    pub due_date: Option<String>,
    pub subject: String,
}

/// Everything the advisor sees about a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    pub customer: Customer,
    pub consent: Status,
    pub purposes: Vec<PurposeStatus>,
    pub attentions: Vec<Attention>,
    pub history: Vec<Change>,
    /// A habeas data reclamo is open: the record carries "reclamo en trámite" (Ley 1581
    /// art. 15).
    pub reclamo_en_tramite: bool,
    /// Attentions, turns, consent events, PQRS and ratings in one list, newest first.
    pub timeline: Vec<Event>,
    /// PQRS and data requests still owed an answer, oldest due first.
    pub open_pqrs: Vec<OpenPqrs>,
    /// Phone or chat attentions about them still open (routed to someone).
    pub open_calls: usize,
}

/// Events of the timeline shown at most.
const TIMELINE: usize = 20;

fn timeline(
    conn: &rusqlite::Connection,
    customer: &Customer,
    attentions: &[Attention],
    ledger: &[consents::Entry],
) -> Result<Vec<Event>> {
    let mut events: Vec<Event> = attentions
        .iter()
        .map(|a| Event {
            at: a.started_at.clone(),
            kind: "atención",
            summary: format!(
                "{} · {}{} · nivel {}{} · {}",
                a.channel,
                a.topic,
                if a.subtopic.is_empty() {
                    String::new()
                } else {
                    format!(" › {}", a.subtopic)
                },
                a.level,
                a.opportunity_service
                    .as_deref()
                    .map(|s| format!(" · oportunidad {s}"))
                    .unwrap_or_default(),
                a.advisor
            ),
        })
        .collect();
    let turns = crate::store::turns::of_document(
        conn,
        &customer.doc_type,
        &customer.doc_number,
        TIMELINE as u32,
    )?;
    events.extend(turns.into_iter().map(|t| Event {
        at: t.issued_at.clone(),
        kind: "turno",
        summary: format!("{} · {}", t.label, t.status.spanish()),
    }));
    events.extend(ledger.iter().map(|e| Event {
        at: e.at.clone(),
        kind: "consentimiento",
        summary: format!(
            "{} {} · {}",
            if e.action == "grant" {
                "autoriza"
            } else {
                "revoca"
            },
            crate::domain::consent::purpose_label(&e.purpose),
            crate::domain::consent::channel_label(&e.channel)
        ),
    }));
    events.extend(
        crate::store::pqrs::of_customer(conn, customer.id)?
            .into_iter()
            .map(|p| Event {
                at: p.created_at.clone(),
                kind: "PQRS",
                summary: format!(
                    "{} · {} · {} · {}",
                    p.radicado,
                    p.kind.label(),
                    p.status.label(),
                    p.subject
                ),
            }),
    );
    let rated = crate::store::ratings::of_customer(
        conn,
        customer.id,
        &customer.doc_type,
        &customer.doc_number,
        TIMELINE as u32,
    )?;
    events.extend(rated.into_iter().map(|r| Event {
        at: r.at.clone(),
        kind: "calificación",
        summary: format!(
            "{} · {} · {}",
            r.score.map_or("sin calificar".to_string(), |s| format!("{s} de 5")),
            r.turn.unwrap_or_else(|| r.kind.clone()),
            r.advisor
        ),
    }));
    events.sort_by(|a, b| b.at.cmp(&a.at));
    events.truncate(TIMELINE);
    Ok(events)
}

fn open_pqrs(conn: &rusqlite::Connection, customer: i64) -> Result<Vec<OpenPqrs>> {
    let mut open: Vec<OpenPqrs> = crate::store::pqrs::of_customer(conn, customer)?
        .into_iter()
        .filter(|p| p.status.is_open())
        .map(|p| OpenPqrs {
            radicado: p.radicado,
            kind: p.kind,
            status: p.status,
            data_request: p.data_request.is_some(),
            due_date: p.due_date,
            subject: p.subject,
        })
        .collect();
    open.sort_by(|a, b| {
        (a.due_date.is_none(), &a.due_date).cmp(&(b.due_date.is_none(), &b.due_date))
    });
    Ok(open)
}

/// A customer's card, or a refusal when the document is not registered.
pub fn card(store: &Store, config: &Config, doc: &Document) -> Result<Card> {
    let conn = store.conn();
    let customer =
        customers::by_document(conn, doc.kind.code(), &doc.number)?.ok_or_else(|| {
            Error::refused(format!("no hay un cliente con {} {}", doc.kind, doc.number))
        })?;
    let entries = consents::of(conn, customer.id)?;
    let ledger: Vec<consent::Event> = entries
        .iter()
        .map(|e| consent::Event {
            purpose: e.purpose.clone(),
            granted: e.action == "grant",
        })
        .collect();
    let purposes = config
        .consent
        .purposes
        .iter()
        .map(|p| PurposeStatus {
            purpose: p.clone(),
            granted: consent::per_purpose(&ledger, p),
        })
        .collect();
    Ok(Card {
        consent: consent::overall(&ledger, &config.consent.required),
        purposes,
        attentions: attentions::of_customer(conn, customer.id, 10)?,
        history: customers::changes(conn, customer.id)?,
        reclamo_en_tramite: super::reclamo_en_tramite(conn, customer.id)?,
        timeline: {
            let recent = attentions::of_customer(conn, customer.id, TIMELINE as u32)?;
            timeline(conn, &customer, &recent, &entries)?
        },
        open_pqrs: open_pqrs(conn, customer.id)?,
        open_calls: attentions::of_customer(conn, customer.id, 200)?
            .iter()
            .filter(|a| a.ended_at.is_none())
            .count(),
        customer,
    })
}
