//! The demo branch: deterministic, realistic data generated in-process from a seed.
//!
//! Colombian names with accents, document numbers valid for each type and age, affiliation
//! and category, phones and e-mails. Users `asesor1`..`asesor3`, `supervisor`, `admin`, all
//! with PIN [`DEMO_PIN`].

use crate::clock::Clock;
use crate::config::Config;
use crate::desk::{self, Actor, setup::Init, users::NewStaff};
use crate::domain::user::Role;
use crate::error::Result;
use crate::store::{Store, settings};

mod calls;
mod history;
mod past;
mod people;
mod pqrs;
mod records;

pub use people::Generator;

/// The PIN of every demo user.
pub const DEMO_PIN: &str = "1234";

/// The demo users: username, full name, role.
pub const DEMO_USERS: [(&str, &str, Role); 5] = [
    ("admin", "Administración Sede", Role::Administrador),
    ("supervisor", "Gloria Inés Caicedo", Role::Supervisor),
    ("asesor1", "Andrés Felipe Muñoz", Role::Asesor),
    ("asesor2", "Luz Marina Quiñónez", Role::Asesor),
    ("asesor3", "Sebastián Ortiz Peña", Role::Asesor),
];

/// How far to move the clock so the demo lives in office hours: none when `now` is between
/// three hours after opening (the morning the demo seeds fits) and half an hour before closing;
/// otherwise to today's opening plus three hours (a demo made at 3 a.m. or 10 p.m. shows a
/// busy late morning, not turns issued at night).
pub fn office_shift(now: chrono::DateTime<chrono::Utc>, cfg: &Config) -> chrono::Duration {
    use chrono::Duration;
    let local = now.with_timezone(&cfg.utc_offset());
    let earliest = cfg.open_time() + Duration::hours(3);
    let latest = cfg.close_time() - Duration::minutes(30);
    let time = local.time();
    if earliest <= latest && time >= earliest && time <= latest {
        return Duration::zero();
    }
    let target = local.date_naive().and_time(earliest);
    match target.and_local_timezone(cfg.utc_offset()).single() {
        Some(t) => t.with_timezone(&chrono::Utc) - now,
        None => Duration::zero(),
    }
}

/// Fills an empty database with the demo branch.
pub fn seed(
    store: &mut Store,
    clock: &dyn Clock,
    cfg: &Config,
    customers: u32,
    seed: u64,
) -> Result<()> {
    let actor = Actor {
        principal: "demo".into(),
        on_behalf: None,
        role: Role::Administrador,
    };
    let (user, name, role) = DEMO_USERS[0];
    let init = Init {
        branch_name: "Sede Demostración Cali",
        branch_code: "CALI",
        admin: NewStaff {
            username: user,
            name,
            role,
            pin: DEMO_PIN,
        },
    };
    desk::setup::init(store, clock, &actor, cfg, &init)?;
    for (username, name, role) in &DEMO_USERS[1..] {
        let new = NewStaff {
            username,
            name,
            role: *role,
            pin: DEMO_PIN,
        };
        desk::users::add(store, clock, &actor, cfg, &new)?;
    }
    let today = clock.now().with_timezone(&cfg.utc_offset()).date_naive();
    let people = Generator::new(seed, today).customers(customers as usize);
    let tx = store.write()?;
    settings::set(&tx, "demo", "1")?;
    crate::store::customers::insert_many(&tx, &people, &desk::stamp(clock.now()), "demo")?;
    tx.commit()?;
    history::records(store, clock.now(), cfg, seed)?;
    past::seed(store, clock.now(), cfg, seed)?;
    history::morning(store, clock.now(), cfg, &people, seed)?;
    rate_morning(store, clock, cfg, seed)?;
    records::seed(store, clock.now(), cfg, seed)?;
    records::signed_in(store, clock.now(), history::MORNING_MINUTES + 5)?;
    calls::seed(store, clock.now(), cfg)?;
    pqrs::seed(store, clock.now(), cfg, &people)
}

/// Ratings for this morning's finished turns: mostly satisfied, some not, a few skipped.
fn rate_morning(store: &mut Store, clock: &dyn Clock, cfg: &Config, seed: u64) -> Result<()> {
    let day = desk::turns::day_of(cfg, clock.now());
    let finished = desk::turns::list(
        store,
        day,
        Some(crate::domain::turn::Status::Finished),
        None,
    )?;
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x72617465);
    for t in finished {
        let Some(user) = t.advisor.as_deref() else {
            continue;
        };
        let actor = Actor::staff(&desk::users::active(store, user)?);
        let score = match rng.u8(0..20) {
            0 => None,
            1 => Some(2),
            2..=3 => Some(3),
            4..=9 => Some(4),
            _ => Some(5),
        };
        let target = desk::ratings::Target::Turn(t.label.clone());
        desk::ratings::rate(store, clock, &actor, cfg, &target, score, "")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn a_demo_made_at_night_lives_in_the_late_morning() {
        let cfg = Config::defaults().unwrap();
        // 03:10 in Bogotá (08:10 UTC): moved to 11:00 the same day
        let night = Utc.with_ymd_and_hms(2026, 12, 1, 8, 10, 0).unwrap();
        let moved = night + office_shift(night, &cfg);
        let local = moved.with_timezone(&cfg.utc_offset());
        assert_eq!(
            local.format("%Y-%m-%d %H:%M").to_string(),
            "2026-12-01 11:00"
        );
        // 22:30 the day before: the same day's 11:00
        let evening = Utc.with_ymd_and_hms(2026, 12, 1, 3, 30, 0).unwrap();
        let moved = evening + office_shift(evening, &cfg);
        let local = moved.with_timezone(&cfg.utc_offset());
        assert_eq!(
            local.format("%Y-%m-%d %H:%M").to_string(),
            "2026-11-30 11:00"
        );
        // 14:00: the office is open, nothing moves
        let afternoon = Utc.with_ymd_and_hms(2026, 12, 1, 19, 0, 0).unwrap();
        assert_eq!(office_shift(afternoon, &cfg), chrono::Duration::zero());
    }
}
