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
            "Atenciones por nivel de información: 1 · información básica: 1 · 2 · información detallada y orientación: 1"
        ),
        "{text}"
    );
    assert!(
        text.contains("Oportunidades (servicio tomado): 1 · E 1"),
        "{text}"
    );
}
