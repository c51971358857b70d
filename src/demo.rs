//! The demo branch: deterministic, realistic data generated in-process from a seed.
//!
//! Colombian names with accents, document numbers valid for each type and age, affiliation
//! and category, phones and e-mails. Users `asesor1`..`asesor3`, `supervisor`, `admin`, all
//! with PIN [`DEMO_PIN`].

use crate::clock::Clock;
use crate::config::Config;
use crate::desk::{self, Actor, setup::Init, users::NewStaff};
use crate::domain::{ids, service::fold_accent, user::Role};
use crate::error::Result;
use crate::store::{Store, customers::NewCustomer, settings};
use chrono::{Datelike, Duration, NaiveDate};

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

const FEMALE: &str = include_str!("../assets/demo/nombres_mujer.txt");
const MALE: &str = include_str!("../assets/demo/nombres_hombre.txt");
const SURNAMES: &str = include_str!("../assets/demo/apellidos.txt");
const COMPANIES: &str = include_str!("../assets/demo/empresas.txt");

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
        desk::users::add(store, clock, &actor, &new)?;
    }
    let today = clock.now().with_timezone(&cfg.utc_offset()).date_naive();
    let people = Generator::new(seed, today).customers(customers as usize);
    let tx = store.write()?;
    settings::set(&tx, "demo", "1")?;
    crate::store::customers::insert_many(&tx, &people, &desk::stamp(clock.now()), "demo")?;
    tx.commit()?;
    records(store, clock.now(), cfg, seed)?;
    morning(store, clock.now(), cfg, &people, seed)
}

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
fn records(
    store: &mut Store,
    now: chrono::DateTime<chrono::Utc>,
    cfg: &Config,
    seed: u64,
) -> Result<()> {
    use crate::store::{attentions, consents};
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x636f6e73);
    let staff = ["asesor1", "asesor2", "asesor3"];
    let channels = [
        "ventanilla",
        "ventanilla",
        "ventanilla",
        "telefono",
        "chat",
        "correo",
        "whatsapp",
        "web",
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
            let start = days_ago(&mut rng);
            let channel = channels[rng.usize(..channels.len())];
            let service = services[rng.usize(..services.len())];
            let taken = rng.u32(..100) < 15;
            attentions::insert(
                &tx,
                &attentions::NewAttention {
                    customer: Some(id),
                    turn: None,
                    channel: channel.into(),
                    service: Some(service.into()),
                    level: 1 + rng.u8(..3),
                    opportunity_service: taken.then(|| service.to_string()),
                    topic: TOPICS[rng.usize(..TOPICS.len())].into(),
                    notes: String::new(),
                    advisor: staff[rng.usize(..staff.len())].into(),
                    assigned_to: None,
                    started_at: desk::stamp(start),
                    ended_at: Some(desk::stamp(
                        start + Duration::minutes(i64::from(rng.u32(3..25))),
                    )),
                },
            )?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Minutes of the simulated morning that ends now.
const MORNING_MINUTES: i64 = 150;

/// Simulates the last two and a half hours of the branch minute by minute: customers take
/// turns (some preferential, some with their document), windows 2–4 call, attend and finish
/// them. Window 1 is left free for the person trying the demo; a queue is left waiting.
fn morning(
    store: &mut Store,
    now: chrono::DateTime<chrono::Utc>,
    cfg: &Config,
    people: &[NewCustomer],
    seed: u64,
) -> Result<()> {
    use crate::clock::FixedClock;
    use crate::domain::turn::{PREFERENTIAL_REASONS, Transition};
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
            let pref = (rng.u32(..100) < 15).then(|| PREFERENTIAL_REASONS[rng.usize(..5)].0);
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

fn pick(rng: &mut fastrand::Rng, list: &[&'static str]) -> &'static str {
    list.get(rng.usize(..list.len().max(1)))
        .copied()
        .unwrap_or("")
}

fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Deterministic generator of demo people.
pub struct Generator {
    rng: fastrand::Rng,
    today: NaiveDate,
    female: Vec<&'static str>,
    male: Vec<&'static str>,
    surnames: Vec<&'static str>,
    companies: Vec<&'static str>,
}

impl Generator {
    /// A generator for `seed`, computing ages relative to `today`.
    pub fn new(seed: u64, today: NaiveDate) -> Self {
        Generator {
            rng: fastrand::Rng::with_seed(seed),
            today,
            female: lines(FEMALE),
            male: lines(MALE),
            surnames: lines(SURNAMES),
            companies: lines(COMPANIES),
        }
    }

    /// `n` customers with unique documents.
    pub fn customers(&mut self, n: usize) -> Vec<NewCustomer> {
        let mut seen = std::collections::HashSet::with_capacity(n);
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let c = self.customer();
            if seen.insert((c.doc_type.clone(), c.doc_number.clone())) {
                out.push(c);
            }
        }
        out
    }

    fn customer(&mut self) -> NewCustomer {
        let roll = self.rng.u32(..1000);
        let kind = match roll {
            0..850 => ids::DocType::CC,
            850..910 => ids::DocType::TI,
            910..940 => ids::DocType::RC,
            940..965 => ids::DocType::CE,
            965..975 => ids::DocType::PA,
            975..985 => ids::DocType::PEP,
            985..995 => ids::DocType::PPT,
            _ => ids::DocType::NIT,
        };
        if kind == ids::DocType::NIT {
            return self.company();
        }
        let age = match kind {
            ids::DocType::TI => self.rng.i32(7..18),
            ids::DocType::RC => self.rng.i32(0..7),
            _ => self.rng.i32(18..85),
        };
        let birth = self.birth_date(age);
        let female = self.rng.bool();
        let names = pick(
            &mut self.rng,
            if female { &self.female } else { &self.male },
        );
        let first = pick(&mut self.rng, &self.surnames);
        let surnames = format!("{first} {}", pick(&mut self.rng, &self.surnames));
        let number = self.doc_number(kind, birth.year());
        let (affiliation, category) = self.affiliation();
        let adult = age >= 18;
        NewCustomer {
            doc_type: kind.code().into(),
            doc_number: number,
            email: adult.then(|| self.email(names, &surnames)),
            phone: adult.then(|| self.phone()),
            address: adult.then(|| self.address()),
            names: names.into(),
            surnames,
            birth_date: Some(birth.format("%Y-%m-%d").to_string()),
            affiliation: affiliation.into(),
            category: category.map(Into::into),
        }
    }

    fn company(&mut self) -> NewCustomer {
        let base = format!("{}", self.rng.u64(800_000_000..=901_999_999));
        let dv = ids::nit_dv(&base).unwrap_or(0);
        NewCustomer {
            doc_type: "NIT".into(),
            doc_number: format!("{base}{dv}"),
            names: pick(&mut self.rng, &self.companies).into(),
            surnames: String::new(),
            birth_date: None,
            phone: Some(format!("602{}", self.rng.u32(3_000_000..=8_999_999))),
            email: Some(format!("contacto{}@empresa.com.co", self.rng.u32(1..999))),
            address: Some(self.address()),
            affiliation: "afiliado".into(),
            category: None,
        }
    }

    /// A birth date at which the person is exactly `age` years old today.
    fn birth_date(&mut self, age: i32) -> NaiveDate {
        let months = chrono::Months::new(age.unsigned_abs() * 12);
        let birthday = self.today.checked_sub_months(months).unwrap_or(self.today);
        birthday - Duration::days(i64::from(self.rng.u32(0..360)))
    }

    /// A number shaped like real ones of that type and era.
    fn doc_number(&mut self, kind: ids::DocType, birth_year: i32) -> String {
        use ids::DocType::*;
        match kind {
            CC if birth_year < 1990 => format!("{}", self.rng.u64(10_000_000..=99_999_999)),
            CC => format!("10{:08}", self.rng.u64(0..=99_999_999)),
            TI | RC => format!("1{:09}", self.rng.u64(0..=999_999_999)),
            CE => format!("{}", self.rng.u32(100_000..=9_999_999)),
            PA => {
                let a = (b'A' + self.rng.u8(0..26)) as char;
                let b = (b'A' + self.rng.u8(0..26)) as char;
                format!("{a}{b}{}", self.rng.u32(100_000..=999_999))
            }
            PEP => format!(
                "{}",
                self.rng.u64(100_000_000_000_000..=999_999_999_999_999)
            ),
            PPT => format!("{}", self.rng.u32(1_000_000..=7_999_999)),
            NIT => format!("{}", self.rng.u64(800_000_000..=900_000_000)),
        }
    }

    fn affiliation(&mut self) -> (&'static str, Option<&'static str>) {
        match self.rng.u32(..100) {
            0..42 => ("afiliado", Some("A")),
            42..57 => ("afiliado", Some("B")),
            57..66 => ("afiliado", Some("C")),
            66..90 => ("no afiliado", None),
            _ => ("desafiliado", None),
        }
    }

    fn phone(&mut self) -> String {
        const PREFIXES: [u32; 8] = [300, 301, 310, 311, 312, 315, 316, 320];
        format!(
            "{}{:07}",
            PREFIXES[self.rng.usize(..PREFIXES.len())],
            self.rng.u32(..10_000_000)
        )
    }

    fn email(&mut self, names: &str, surnames: &str) -> String {
        const DOMAINS: [&str; 4] = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.es"];
        let plain = |s: &str| -> String {
            s.split_whitespace()
                .next()
                .unwrap_or("")
                .chars()
                .map(fold_accent)
                .collect::<String>()
                .to_lowercase()
        };
        let domain = DOMAINS[self.rng.usize(..DOMAINS.len())];
        format!(
            "{}.{}{}@{domain}",
            plain(names),
            plain(surnames),
            self.rng.u32(1..100)
        )
    }

    fn address(&mut self) -> String {
        let via = ["Calle", "Carrera", "Avenida", "Diagonal", "Transversal"][self.rng.usize(..5)];
        format!(
            "{via} {} # {}-{}",
            self.rng.u32(1..120),
            self.rng.u32(1..100),
            self.rng.u32(1..99)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn same_seed_same_people() {
        let a = Generator::new(7, today()).customers(200);
        let b = Generator::new(7, today()).customers(200);
        assert_eq!(a, b);
        assert_ne!(a, Generator::new(8, today()).customers(200));
    }

    #[test]
    fn documents_are_valid_for_type_and_age() {
        for c in Generator::new(1, today()).customers(3000) {
            let kind = ids::DocType::parse(&c.doc_type).unwrap();
            let parsed = ids::parse(kind, &c.doc_number).unwrap();
            assert!(parsed.warnings.is_empty(), "{c:?}: {:?}", parsed.warnings);
            assert_eq!(parsed.document.number, c.doc_number);
            if let Some(birth) = &c.birth_date {
                let birth = NaiveDate::parse_from_str(birth, "%Y-%m-%d").unwrap();
                let age = today().years_since(birth).unwrap();
                match kind {
                    ids::DocType::TI => assert!((7..18).contains(&age), "{c:?}"),
                    ids::DocType::RC => assert!(age < 7, "{c:?}"),
                    _ => assert!(age >= 18, "{c:?}"),
                }
            }
            let affiliated = c.affiliation == "afiliado";
            assert!(affiliated || c.category.is_none(), "{c:?}");
        }
    }

    #[test]
    fn names_carry_accents() {
        let people = Generator::new(3, today()).customers(500);
        assert!(
            people
                .iter()
                .any(|c| c.surnames.contains('í') || c.surnames.contains('á'))
        );
    }
}
