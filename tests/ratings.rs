//! Satisfaction ratings through the desk layer and the CLI, and the rate screen woken by a
//! finish in another process.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

#[path = "common/pty.rs"]
mod pty;

use portable_pty::CommandBuilder;
use std::time::Duration;
use ventanilla::clock::{Clock, FixedClock};
use ventanilla::desk::{self, Actor, attentions::Request, ratings::Target};
use ventanilla::domain::turn::Transition;
use ventanilla::store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_ventanilla");

fn finished_turn(store: &mut Store, clock: &FixedClock, user: &str, window: u32) -> String {
    let cfg = common::config();
    let asesor = Actor::staff(&desk::users::active(store, user).unwrap());
    let req = desk::turns::IssueRequest {
        service: "R",
        ..Default::default()
    };
    desk::turns::issue(store, clock, &Actor::cli(None), &cfg, &req).unwrap();
    let t = desk::turns::call_next(store, clock, &asesor, &cfg, window).unwrap();
    for step in [Transition::Start, Transition::Finish] {
        desk::turns::act(store, clock, &asesor, &cfg, &t.label, step).unwrap();
    }
    t.label
}

#[test]
fn a_turn_is_rated_once_after_finishing_and_satisfaction_counts_four_and_five() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("sede.sqlite3");
    common::branch_with_windows(&path, 2);
    let mut store = Store::open(&path).unwrap();
    let clock = FixedClock::new(common::monday_morning());
    let cfg = common::config();
    let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
    let rate = |store: &mut Store, target: &Target, score: Option<u8>| {
        desk::ratings::rate(store, &clock, &asesor, &cfg, target, score, "")
    };
    // not finished yet: refused
    let req = desk::turns::IssueRequest {
        service: "R",
        ..Default::default()
    };
    let waiting = desk::turns::issue(&mut store, &clock, &Actor::cli(None), &cfg, &req).unwrap();
    let e = rate(&mut store, &Target::Turn(waiting.label.clone()), Some(5)).unwrap_err();
    assert!(e.to_string().contains("se califica al finalizar"), "{e}");
    let supervisor = Actor::cli(Some(&desk::users::active(&store, "admin").unwrap()));
    desk::turns::act(
        &mut store,
        &clock,
        &supervisor,
        &cfg,
        &waiting.label,
        Transition::Cancel,
    )
    .unwrap();

    let mut labels = Vec::new();
    for _ in 0..5 {
        labels.push(finished_turn(&mut store, &clock, "asesor1", 1));
    }
    let awaiting = desk::ratings::awaiting(&store, &cfg, clock.now(), 1)
        .unwrap()
        .unwrap();
    assert_eq!(
        awaiting.label, labels[4],
        "the latest finished one is asked"
    );
    for (label, score) in labels
        .iter()
        .zip([Some(5), Some(4), Some(2), Some(4), None])
    {
        let r = rate(&mut store, &Target::Turn(label.clone()), score).unwrap();
        assert_eq!(
            (r.window, r.advisor.as_str(), r.kind.as_str()),
            (Some(1), "asesor1", "presencial")
        );
    }
    let again = rate(&mut store, &Target::Turn(labels[0].clone()), Some(1)).unwrap_err();
    assert!(again.to_string().contains("ya fue calificado"), "{again}");
    let bad = finished_turn(&mut store, &clock, "asesor1", 1);
    let e = rate(&mut store, &Target::Turn(bad), Some(6)).unwrap_err();
    assert!(e.to_string().contains("de 1 a 5"), "{e}");

    // a phone attention: virtual perception, entered afterwards, once
    let req = Request {
        channel: ventanilla::domain::attention::Channel::Telefono,
        topic: "certificado",
        level: ventanilla::domain::attention::Level::Basica,
        ..Request::default()
    };
    let a = desk::attentions::add(&mut store, &clock, &asesor, &cfg, &req).unwrap();
    let r = rate(&mut store, &Target::Attention(a.id), Some(5)).unwrap();
    assert_eq!((r.kind.as_str(), r.attention), ("virtual", Some(a.id)));
    assert!(rate(&mut store, &Target::Attention(a.id), Some(4)).is_err());

    let day = desk::turns::day_of(&cfg, clock.now());
    let list = desk::ratings::of_day(&store, &cfg, day).unwrap();
    assert_eq!(list.len(), 6);
    // scores 5, 4, 2, 4, (skip), 5: four of five scored are 4–5
    assert_eq!(desk::ratings::satisfaction(&list), Some(80.0));
    // past the wake window nothing is asked any more
    clock.advance(chrono::Duration::minutes(
        i64::from(cfg.rating.wake_minutes) + 1,
    ));
    assert!(
        desk::ratings::awaiting(&store, &cfg, clock.now(), 1)
            .unwrap()
            .is_none()
    );
}

#[test]
fn the_rate_screen_wakes_when_its_window_finishes_in_another_process() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("sede.sqlite3");
    common::branch_with_windows(&db, 2);
    let db = db.to_str().unwrap();
    let cli = |args: &[&str]| {
        let out = std::process::Command::new(BIN)
            .env("VENTANILLA_PIN_COSTE", "pruebas")
            .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
            .args(["--db", db])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let mut cmd = CommandBuilder::new(BIN);
    cmd.env("VENTANILLA_PIN_COSTE", "pruebas");
    cmd.env("XDG_CONFIG_HOME", dir.path().join("cfg"));
    cmd.args(["--db", db, "rate", "--window", "1"]);
    let mut screen = pty::PtyApp::spawn(cmd, 100, 30);
    let wait = Duration::from_secs(20);
    assert!(
        screen.wait_text("Bienvenido", wait),
        "{}",
        screen.contents()
    );

    cli(&["turn", "issue", "--service", "R"]);
    cli(&["turn", "next", "--window", "1", "--user", "asesor1"]);
    cli(&["turn", "start", "R-001", "--user", "asesor1"]);
    cli(&["turn", "finish", "R-001", "--user", "asesor1"]);
    assert!(
        screen.wait_text("Turno R-001", wait),
        "wakes on the finish:\n{}",
        screen.contents()
    );
    screen.send(b"5");
    assert!(screen.wait_text("Gracias", wait), "{}", screen.contents());
    let list: serde_json::Value =
        serde_json::from_str(&cli(&["rating", "list", "--json"])).unwrap();
    let r = &list["ratings"][0];
    assert_eq!(
        (r["turn"].as_str(), r["score"].as_u64(), r["by"].as_str()),
        (Some("R-001"), Some(5), Some("rate:1"))
    );
    assert_eq!(list["satisfaction"].as_f64(), Some(100.0));
    // back to rest; a second key does not rate again
    assert!(
        screen.wait_text("Bienvenido", wait),
        "{}",
        screen.contents()
    );
    screen.send(b"1");
    let list: serde_json::Value =
        serde_json::from_str(&cli(&["rating", "list", "--json"])).unwrap();
    assert_eq!(list["ratings"].as_array().unwrap().len(), 1);
    screen.send(b"q");
    assert!(screen.wait_exit(wait).is_some());
}

#[test]
fn the_customers_timeline_shows_their_rating() {
    let clock = FixedClock::new(common::monday_morning());
    let mut store = common::demo_store(&clock);
    let cfg = common::config();
    let person = ventanilla::demo::Generator::new(1, desk::turns::day_of(&cfg, clock.now()))
        .customers(1)
        .remove(0);
    let doc = ventanilla::domain::ids::Document {
        kind: ventanilla::domain::ids::DocType::parse(&person.doc_type).unwrap(),
        number: person.doc_number.clone(),
    };
    let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
    let req = desk::turns::IssueRequest {
        service: "A",
        document: Some(doc.clone()),
        ..Default::default()
    };
    let issued = desk::turns::issue(&mut store, &clock, &Actor::cli(None), &cfg, &req).unwrap();
    // serve the queue at window 1 until this customer's turn is finished
    loop {
        let t = desk::turns::call_next(&mut store, &clock, &asesor, &cfg, 1).unwrap();
        for step in [Transition::Start, Transition::Finish] {
            desk::turns::act(&mut store, &clock, &asesor, &cfg, &t.label, step).unwrap();
        }
        if t.label == issued.label {
            break;
        }
    }
    let target = Target::Turn(issued.label.clone());
    desk::ratings::rate(
        &mut store,
        &clock,
        &asesor,
        &cfg,
        &target,
        Some(3),
        "demoró",
    )
    .unwrap();
    let card = desk::customers::card(&store, &cfg, &doc).unwrap();
    let rating = card
        .timeline
        .iter()
        .find(|e| e.kind == "calificación")
        .unwrap();
    assert!(rating.summary.starts_with("3 de 5"), "{}", rating.summary);
    assert!(rating.summary.contains(&issued.label));
}

/// Once the window calls the next customer, the one who left is no longer asked: the rating
/// pane and device wait for the turn just finished, never an older one.
#[test]
fn only_the_turn_just_finished_awaits_its_rating() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("sede.sqlite3");
    common::branch_with_windows(&path, 1);
    let mut store = Store::open(&path).unwrap();
    let clock = FixedClock::new(common::monday_morning());
    let cfg = common::config();
    let first = finished_turn(&mut store, &clock, "asesor1", 1);
    let awaiting = |store: &Store| {
        desk::ratings::awaiting(store, &cfg, clock.now(), 1)
            .unwrap()
            .map(|a| a.label)
    };
    assert_eq!(awaiting(&store), Some(first.clone()));
    clock.advance(chrono::Duration::minutes(1));
    let second = finished_turn(&mut store, &clock, "asesor1", 1);
    assert_eq!(awaiting(&store), Some(second.clone()));
    // the second is rated: the first, whose customer left long ago, is not asked again
    let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
    desk::ratings::rate(
        &mut store,
        &clock,
        &asesor,
        &cfg,
        &Target::Turn(second),
        Some(5),
        "",
    )
    .unwrap();
    assert_eq!(awaiting(&store), None, "{first} must not come back");
}
