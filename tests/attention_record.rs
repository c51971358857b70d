//! The attention record from the command line (the console's scriptable twin): the catalogue
//! is checked, the turn gives the service, and the day report counts attentions by channel,
//! information level and opportunity.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use std::path::Path;
use ventanilla::clock::SystemClock;
use ventanilla::desk::{self, Actor, turns::IssueRequest};
use ventanilla::domain::turn::Transition;
use ventanilla::store::Store;

fn cli(dir: &Path) -> Command {
    common::cli_in(dir)
}

/// A branch where asesor1 finished turn R-001 at window 1 just now.
fn finished_turn(dir: &std::path::Path) {
    let db = dir.join("sede.sqlite3");
    common::branch_with_windows(&db, 1);
    let mut store = Store::open(&db).unwrap();
    let cfg = common::config();
    let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
    let req = IssueRequest {
        service: "R",
        ..Default::default()
    };
    desk::turns::issue(&mut store, &SystemClock, &Actor::cli(None), &cfg, &req).unwrap();
    let t = desk::turns::call_next(&mut store, &SystemClock, &asesor, &cfg, 1).unwrap();
    for step in [Transition::Start, Transition::Finish] {
        desk::turns::act(&mut store, &SystemClock, &asesor, &cfg, &t.label, step).unwrap();
    }
}

fn add(dir: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    cli(dir)
        .args([
            "attention",
            "add",
            "--channel",
            "ventanilla",
            "--turn",
            "R-001",
        ])
        .args(["--user", "asesor1"])
        .args(args)
        .assert()
}

#[test]
fn records_are_checked_against_the_catalogue_and_counted_in_the_day_report() {
    let dir = tempfile::TempDir::new().unwrap();
    let dir = dir.path();
    finished_turn(dir);
    // the turn's service is Recreación: a topic of another service is refused, naming the
    // choices
    let out = add(dir, &["--topic", "Afiliación"]).failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("Vacaciones recreativas") && err.contains("Centros recreacionales"),
        "{err}"
    );
    let out = add(
        dir,
        &["--topic", "vacaciones recreativas", "--subtopic", "globo"],
    )
    .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("Inscripción"), "{err}");
    // two procedures of the visit; spelling without accents or case is fine
    add(
        dir,
        &[
            "--topic",
            "VACACIONES recreativas",
            "--subtopic",
            "inscripcion",
            "--level",
            "2",
            "--opportunity",
            "E",
            "--json",
        ],
    )
    .success()
    .stdout(predicates::str::contains("\"subtopic\": \"Inscripción\""))
    .stdout(predicates::str::contains("\"service\": \"R\""));
    add(
        dir,
        &["--topic", "Centros recreacionales", "--subtopic", "tarifas"],
    )
    .success();

    let out = cli(dir).args(["report", "day"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("Atenciones por canal: Ventanilla 2"),
        "{text}"
    );
    assert!(
        text.contains(
            "Atenciones por nivel de información:\n  nivel 1 · información básica: 1\n  nivel 2 · información detallada y orientación: 1\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("Oportunidades (servicio tomado): 1 · E 1"),
        "{text}"
    );
}

#[test]
fn minutes_per_advisor_state_add_up_over_the_day() {
    use chrono::Duration as D;
    use ventanilla::clock::FixedClock;
    use ventanilla::domain::advisor::State;
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("sede.sqlite3");
    common::branch_with_windows(&db, 1);
    let mut store = Store::open(&db).unwrap();
    let cfg = common::config();
    let nine = common::monday_morning() - D::minutes(30); // 09:00 local
    let clock = FixedClock::new(nine);
    let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
    let set = |store: &mut Store, clock: &FixedClock, state, reason: &str| {
        desk::advisors::set_state(store, clock, &asesor, &cfg, Some(1), state, reason).unwrap()
    };
    set(&mut store, &clock, State::Available, "");
    let req = IssueRequest {
        service: "R",
        ..Default::default()
    };
    desk::turns::issue(&mut store, &clock, &Actor::cli(None), &cfg, &req).unwrap();
    let t = desk::turns::call_next(&mut store, &clock, &asesor, &cfg, 1).unwrap();
    clock.set(nine + D::minutes(10));
    desk::turns::act(
        &mut store,
        &clock,
        &asesor,
        &cfg,
        &t.label,
        Transition::Start,
    )
    .unwrap();
    clock.set(nine + D::minutes(30));
    desk::turns::act(
        &mut store,
        &clock,
        &asesor,
        &cfg,
        &t.label,
        Transition::Finish,
    )
    .unwrap();
    clock.set(nine + D::hours(3));
    // an unknown reason is refused, naming the configured ones
    let err = desk::advisors::set_state(
        &mut store,
        &clock,
        &asesor,
        &cfg,
        Some(1),
        State::Paused,
        "siesta",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("pausa activa"), "{err}");
    set(&mut store, &clock, State::Paused, "ALMUERZO");
    clock.set(nine + D::hours(4));
    set(&mut store, &clock, State::Available, "");
    clock.set(nine + D::hours(6));
    set(&mut store, &clock, State::LoggedOut, "");

    let day = common::monday_morning().date_naive();
    let times = desk::advisors::day_times(&store, &cfg, day, nine + D::hours(8)).unwrap();
    let mine = times
        .iter()
        .find(|t| t.advisor == "asesor1")
        .expect("asesor1");
    assert_eq!(mine.attention_minutes, 20.0);
    assert_eq!(mine.paused_minutes, vec![("almuerzo".to_string(), 60.0)]);
    assert_eq!(mine.available_minutes, 360.0 - 60.0 - 20.0);
}
