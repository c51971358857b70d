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
