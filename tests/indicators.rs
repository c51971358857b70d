//! The process indicators (procedure 5) on a hand-built month: PQRS answered on time over
//! answered plus overdue unanswered, PQRSD in favour over distinct persons attended by every
//! channel, satisfaction in person and virtual apart — each with its numerator and denominator.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use ventanilla::clock::FixedClock;
use ventanilla::config::Config;
use ventanilla::desk::{
    self, Actor,
    attentions::Request,
    pqrs::{Action, Filing},
    ratings::Target,
    turns::IssueRequest,
};
use ventanilla::domain::attention::{Channel, Level};
use ventanilla::domain::customer::Input;
use ventanilla::domain::ids::{self, DocType, Document};
use ventanilla::domain::turn::Transition;
use ventanilla::store::Store;

/// 09:30 local (UTC−5) on `d` November 2026.
fn nov(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, 14, 30, 0).unwrap()
}

fn doc(n: &str) -> Document {
    ids::parse(DocType::CC, n).unwrap().document
}

struct Month {
    store: Store,
    clock: FixedClock,
    cfg: Config,
    cli: Actor,
    asesor: Actor,
}

impl Month {
    fn file(&mut self, day: u32) -> String {
        self.clock.set(nov(day));
        let f = Filing {
            kind: "peticion".parse().unwrap(),
            channel: "escrito".parse().unwrap(),
            document: Some(doc("52123456")),
            subject: "Asunto".into(),
            description: "Hechos".into(),
            ..Filing::default()
        };
        desk::pqrs::file(&mut self.store, &self.clock, &self.cli, &self.cfg, &f)
            .unwrap()
            .radicado
    }

    fn answer(&mut self, r: &str, at: DateTime<Utc>) {
        self.clock.set(at);
        for a in [
            Action::Assign {
                area: String::new(),
                user: None,
            },
            Action::Start,
            Action::Draft {
                answer: "Respuesta".into(),
            },
            Action::Approve,
            Action::Notify {
                via: "personal".parse().unwrap(),
                evidence: String::new(),
            },
        ] {
            desk::pqrs::step(&mut self.store, &self.clock, &self.cli, &self.cfg, r, a).unwrap();
        }
    }

    fn attention(&mut self, day: u32, channel: Channel, who: Option<&str>, score: u8) {
        self.clock.set(nov(day));
        let req = Request {
            channel,
            document: who.map(doc),
            topic: "Consulta",
            notes: "",
            level: Level::Basica,
            ..Request::default()
        };
        let a = desk::attentions::add(&mut self.store, &self.clock, &self.asesor, &self.cfg, &req)
            .unwrap();
        desk::ratings::rate(
            &mut self.store,
            &self.clock,
            &self.asesor,
            &self.cfg,
            &Target::Attention(a.id),
            Some(score),
            "",
        )
        .unwrap();
    }

    fn served_turn(&mut self, day: u32, who: Option<&str>, score: u8) {
        self.clock.set(nov(day));
        let req = IssueRequest {
            service: "R",
            document: who.map(doc),
            ..Default::default()
        };
        desk::turns::issue(&mut self.store, &self.clock, &self.cli, &self.cfg, &req).unwrap();
        self.clock.set(nov(day) + Duration::minutes(5));
        let t = desk::turns::call_next(&mut self.store, &self.clock, &self.asesor, &self.cfg, 1)
            .unwrap();
        for step in [Transition::Start, Transition::Finish] {
            desk::turns::act(
                &mut self.store,
                &self.clock,
                &self.asesor,
                &self.cfg,
                &t.label,
                step,
            )
            .unwrap();
        }
        desk::ratings::rate(
            &mut self.store,
            &self.clock,
            &self.asesor,
            &self.cfg,
            &Target::Turn(t.label),
            Some(score),
            "",
        )
        .unwrap();
    }
}

#[test]
fn indicators_of_a_hand_built_month_show_their_numerators_and_denominators() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("sede.sqlite3");
    common::branch_with_windows(&path, 1);
    let store = Store::open(&path).unwrap();
    let clock = FixedClock::new(nov(3));
    let cfg = common::config();
    let cli = Actor::cli(None);
    let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
    let mut m = Month {
        store,
        clock,
        cfg,
        cli,
        asesor,
    };
    for n in ["1144052337", "52123456"] {
        let input = Input {
            doc_type: "CC".into(),
            doc_number: n.into(),
            names: "Ana".into(),
            surnames: "Ruiz".into(),
            affiliation: "no afiliado".into(),
            ..Input::default()
        };
        desk::customers::add(&mut m.store, &m.clock, &m.cli, &m.cfg, &input).unwrap();
    }
    // PQRS filed in November (15 business days from 3 Nov: due 25 Nov)
    let on_time = m.file(3);
    let late = m.file(3);
    let _overdue_unanswered = m.file(3);
    let _not_yet_due = m.file(20);
    let at_window = m.file(4);
    m.answer(&on_time, nov(10));
    m.answer(&late, nov(27));
    m.clock.set(nov(4));
    desk::pqrs::step(
        &mut m.store,
        &m.clock,
        &m.cli,
        &m.cfg,
        &at_window,
        Action::Close {
            in_favor: true,
            note: "Resuelta en ventanilla".into(),
        },
    )
    .unwrap();
    // persons: 1144052337 by phone twice and at a window turn; 52123456 by chat; someone
    // anonymous on the web; someone anonymous at a window turn → 4 distinct persons
    m.attention(5, Channel::Telefono, Some("1144052337"), 5);
    m.attention(6, Channel::Telefono, Some("1144052337"), 4);
    m.attention(9, Channel::Chat, Some("52123456"), 1);
    m.attention(10, Channel::Web, None, 2);
    m.served_turn(11, Some("1144052337"), 5);
    m.served_turn(12, None, 2);

    let from = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let r = desk::reports::build(&m.store, &m.cfg, from, to).unwrap();
    let by = |short: &str| {
        r.indicators
            .iter()
            .find(|i| i.short == short)
            .unwrap_or_else(|| panic!("{short}"))
            .clone()
    };
    let close = |a: Option<f64>, b: f64| (a.unwrap() - b).abs() < 0.01;

    // on time: the window one and the one answered on the 10th, over 3 answered + 1 overdue
    let t = by("PQRS a tiempo");
    assert_eq!((t.numerator, t.denominator), (2, 4));
    assert!(close(t.value, 50.0), "{:?}", t.value);
    assert_eq!(t.met, Some(false));
    assert_eq!(r.pqrs.overdue_unanswered, 1);

    // in favour: 1 over 4 distinct persons (not over the 2 turns, not over 6 contacts)
    let f = by("PQRSD a favor");
    assert_eq!((f.numerator, f.denominator), (1, 4));
    assert!(close(f.value, 25.0));
    assert_eq!(f.met, Some(false), "25 % is over the 0.5 % maximum");

    // satisfaction apart: in person 5 and 2; virtual 5, 4, 1, 2
    let p = by("Satisf. presencial");
    assert_eq!((p.numerator, p.denominator), (1, 2));
    let v = by("Satisf. virtual");
    assert_eq!((v.numerator, v.denominator), (2, 4));
    assert!(close(v.value, 50.0));
    assert!(p.target.contains("80") && v.target.contains("80"));

    // the text report shows each count
    let text = ventanilla::commands::report::text(&r);
    assert!(text.contains("2 ÷ 4: respondidas a tiempo"), "{text}");
    assert!(text.contains("1 ÷ 4: PQRSD decididas a favor"), "{text}");
}
