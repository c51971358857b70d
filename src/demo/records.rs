//! The attention record (tipificación) of this morning's finished turns, as each advisor
//! filled it at the window: a topic and sub-topic of the service's catalogue, the information
//! level, and now and then a service taken (opportunity).

use crate::config::Config;
use crate::domain::attention::Channel;
use crate::domain::turn::Status;
use crate::error::Result;
use crate::store::{Store, attentions, customers, turns};
use chrono::{DateTime, Utc};

/// The staff who served this morning signed in at its start (available until their first
/// call); the day report's times per state start there.
pub(super) fn signed_in(store: &mut Store, now: DateTime<Utc>, minutes: i64) -> Result<()> {
    let start = crate::desk::stamp(now - chrono::Duration::minutes(minutes));
    let tx = store.write()?;
    for (user, window) in [("asesor2", 2), ("asesor3", 3), ("supervisor", 4)] {
        crate::store::advisors::append(&tx, user, Some(window), "available", "", &start)?;
    }
    tx.commit()?;
    Ok(())
}

/// Writes one record per finished turn of today (the customer's, when the turn had a document).
pub(super) fn seed(store: &mut Store, now: DateTime<Utc>, cfg: &Config, seed: u64) -> Result<()> {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x7469_706f);
    let day = crate::desk::turns::day_of(cfg, now)
        .format("%Y-%m-%d")
        .to_string();
    let tx = store.write()?;
    for t in turns::list(&tx, &day, Some(Status::Finished), None)? {
        let (Some(advisor), Some(at)) = (t.advisor.clone(), t.finished_at.clone()) else {
            continue;
        };
        let customer = match (&t.doc_type, &t.doc_number) {
            (Some(kind), Some(number)) => customers::by_document(&tx, kind, number)?.map(|c| c.id),
            _ => None,
        };
        let catalogue: Vec<_> = cfg.attention.topics_of(&t.service).collect();
        let Some(topic) = catalogue.get(rng.usize(..catalogue.len().max(1))) else {
            continue;
        };
        let subtopic = topic
            .subtopics
            .get(rng.usize(..topic.subtopics.len().max(1)))
            .cloned()
            .unwrap_or_default();
        let taken = rng.u32(..100) < 15;
        attentions::insert(
            &tx,
            &attentions::NewAttention {
                customer,
                turn: Some(t.id),
                channel: Channel::Ventanilla,
                service: Some(t.service.clone()),
                level: 1 + rng.u8(..3),
                opportunity_service: taken.then(|| t.service.clone()),
                topic: topic.topic.clone(),
                subtopic,
                notes: String::new(),
                advisor,
                assigned_to: None,
                started_at: t.started_at.clone().unwrap_or_else(|| at.clone()),
                ended_at: Some(at),
                caller: String::new(),
                contact: String::new(),
            },
        )?;
    }
    tx.commit()?;
    Ok(())
}
