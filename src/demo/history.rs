//! The demo branch's past: consents, two months of attentions, and this morning's turns.

use crate::clock::Clock;
use crate::config::Config;
use crate::desk::{self, Actor};
use crate::domain::{ids, user::Role};
use crate::error::Result;
use crate::store::{Store, customers::NewCustomer};
use chrono::Duration;

const TOPICS: [&str; 8] = [
    "subsidio de vivienda",
    "inscripción a cursos",
    "certificado de afiliación",
    "pago de aportes",
    "crédito social",
    "recreación y turismo",
    "actualización de datos",
    "cuota monetaria",
];

/// Consents (most granted, some revoked, some never asked) and two months of past attentions.
pub(super) fn records(
    store: &mut Store,
    now: chrono::DateTime<chrono::Utc>,
    cfg: &Config,
    seed: u64,
) -> Result<()> {
    use crate::store::{attentions, consents};
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x636f6e73);
    let staff = ["asesor1", "asesor2", "asesor3"];
    use crate::domain::attention::Channel;
    let channels = [
        Channel::Ventanilla,
        Channel::Ventanilla,
        Channel::Ventanilla,
        Channel::Telefono,
        Channel::Chat,
        Channel::Correo,
        Channel::Whatsapp,
        Channel::Web,
    ];
    let services = ["A", "R", "E", "V", "S", "F"];
    let tx = store.write()?;
    let ids: Vec<i64> = {
        let mut stmt = tx.prepare("SELECT id FROM customers ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    for id in ids {
        let days_ago = |rng: &mut fastrand::Rng| {
            now - Duration::minutes(i64::from(rng.u32(60 * 24..60 * 24 * 60)))
        };
        let roll = rng.u32(..100);
        if roll < 75 {
            let at = days_ago(&mut rng);
            let by = staff[rng.usize(..staff.len())];
            let purposes = if rng.bool() {
                &cfg.consent.purposes[..2]
            } else {
                &cfg.consent.purposes[..1]
            };
            for purpose in purposes {
                consents::append(
                    &tx,
                    id,
                    true,
                    purpose,
                    "verbal",
                    &cfg.consent.policy_version,
                    None,
                    &desk::stamp(at),
                    by,
                )?;
            }
            if roll < 8 {
                let later = at + Duration::days(i64::from(rng.u32(1..20)));
                let purpose = &cfg.consent.purposes[0];
                consents::append(
                    &tx,
                    id,
                    false,
                    purpose,
                    "verbal",
                    &cfg.consent.policy_version,
                    None,
                    &desk::stamp(later.min(now)),
                    by,
                )?;
            }
        }
        for _ in 0..rng.u32(0..3) {
            let start = office_moment(&mut rng, now, cfg);
            let channel = channels[rng.usize(..channels.len())];
            let service = services[rng.usize(..services.len())];
            let catalogue: Vec<_> = cfg.attention.topics_of(service).collect();
            let (topic, subtopic) = match catalogue.get(rng.usize(..catalogue.len().max(1))) {
                Some(t) => (
                    t.topic.clone(),
                    t.subtopics
                        .get(rng.usize(..t.subtopics.len().max(1)))
                        .cloned()
                        .unwrap_or_default(),
                ),
                None => (TOPICS[rng.usize(..TOPICS.len())].to_string(), String::new()),
            };
            let taken = rng.u32(..100) < 15;
            attentions::insert(
                &tx,
                &attentions::NewAttention {
                    customer: Some(id),
                    turn: None,
                    channel,
                    service: Some(service.into()),
                    level: 1 + rng.u8(..3),
                    opportunity_service: taken.then(|| service.to_string()),
                    topic,
                    subtopic,
                    notes: String::new(),
                    advisor: staff[rng.usize(..staff.len())].into(),
                    assigned_to: None,
                    started_at: desk::stamp(start),
                    ended_at: Some(desk::stamp(
                        start + Duration::minutes(i64::from(rng.u32(3..25))),
                    )),
                    caller: String::new(),
                    contact: String::new(),
                },
            )?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// A moment in office hours (08:00–16:30 local, Monday to Friday) of the last 60 days.
fn office_moment(
    rng: &mut fastrand::Rng,
    now: chrono::DateTime<chrono::Utc>,
    cfg: &Config,
) -> chrono::DateTime<chrono::Utc> {
    use chrono::{Datelike, Weekday};
    let offset = cfg.utc_offset();
    let mut day = now.with_timezone(&offset).date_naive() - Duration::days(rng.i64(1..60));
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day -= Duration::days(1);
    }
    let minutes = 8 * 60 + rng.i64(0..510);
    let local = day.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(minutes);
    local
        .and_local_timezone(offset)
        .single()
        .map_or(now, |t| t.to_utc())
}

/// Minutes of the simulated morning that ends now.
pub(super) const MORNING_MINUTES: i64 = 150;

/// Simulates the last two and a half hours of the branch minute by minute: customers take
/// turns (some preferential, some with their document), windows 2–4 call, attend and finish
/// them. Window 1 is left free for the person trying the demo; a queue is left waiting.
pub(super) fn morning(
    store: &mut Store,
    now: chrono::DateTime<chrono::Utc>,
    cfg: &Config,
    people: &[NewCustomer],
    seed: u64,
) -> Result<()> {
    use crate::clock::FixedClock;
    use crate::domain::turn::{PreferentialReason, Transition};
    use crate::store::users;
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x7475726e);
    let clock = FixedClock::new(now - Duration::minutes(MORNING_MINUTES));
    let services = ["A", "R", "E", "V", "S", "F", "A", "E"];
    let staff = [(2, "asesor2"), (3, "asesor3"), (4, "supervisor")];
    let mut busy_until = [None::<i64>; 3];
    let kiosk = Actor {
        principal: "kiosco".into(),
        on_behalf: None,
        role: Role::Asesor,
    };
    for minute in 0..MORNING_MINUTES {
        let base = now - Duration::minutes(MORNING_MINUTES - minute);
        clock.set(base);
        let arrivals = if rng.u32(..100) < 45 {
            1 + usize::from(rng.u32(..100) < 20)
        } else {
            0
        };
        for _ in 0..arrivals {
            let pref = (rng.u32(..100) < 15).then(|| PreferentialReason::ALL[rng.usize(..5)]);
            let person = people
                .get(rng.usize(..people.len().max(1)))
                .filter(|_| rng.bool());
            let document = person.and_then(|p| {
                let kind = ids::DocType::parse(&p.doc_type)?;
                Some(ids::Document {
                    kind,
                    number: p.doc_number.clone(),
                })
            });
            let service = services[rng.usize(..services.len())];
            let req = desk::turns::IssueRequest {
                service,
                preferential: pref,
                granted_by: Some("autodeclarado"),
                document,
            };
            desk::turns::issue(store, &clock, &kiosk, cfg, &req)?;
            clock.advance(Duration::seconds(i64::from(rng.u32(5..15))));
        }
        clock.set(base + Duration::seconds(35));
        let last_hour = minute >= MORNING_MINUTES - 10;
        for (i, (window, username)) in staff.iter().enumerate() {
            let Some(user) = users::find(store.conn(), username)? else {
                continue;
            };
            let actor = Actor::staff(&user);
            match busy_until[i] {
                Some(end) if end <= minute && !last_hour => {
                    if let Some(t) =
                        desk::turns::window_queue(store, cfg, clock.now(), *window)?.current
                    {
                        desk::turns::act(store, &clock, &actor, cfg, &t.label, Transition::Finish)?;
                    }
                    busy_until[i] = None;
                }
                None => match desk::turns::call_next(store, &clock, &actor, cfg, *window) {
                    Ok(t) => {
                        clock.advance(Duration::seconds(5));
                        desk::turns::act(store, &clock, &actor, cfg, &t.label, Transition::Start)?;
                        busy_until[i] = Some(minute + i64::from(rng.u32(4..12)));
                    }
                    Err(crate::error::Error::NothingToDo(_)) => {}
                    Err(e) => return Err(e),
                },
                Some(_) => {}
            }
        }
    }
    Ok(())
}
