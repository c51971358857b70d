//! The management report on a hand-built day: known medians, percentiles and shares; the
//! JSON fields; the Excel workbook's sheets and charts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use chrono::Duration;
use ventanilla::clock::{Clock, FixedClock};
use ventanilla::desk::{self, Actor, ratings::Target, turns::IssueRequest};
use ventanilla::domain::turn::Transition;
use ventanilla::store::Store;

/// Five R turns issued at 09:00; called after 5, 10, 20, 30 and 50 minutes; served 3, 6, 9,
/// 12 and 15 minutes, except the last, who did not come. One preferential. Ratings 5, 4, 3.
fn hand_built_day(path: &std::path::Path) -> chrono::NaiveDate {
    common::branch_with_windows(path, 1);
    let mut store = Store::open(path).unwrap();
    let cfg = common::config();
    let nine = common::monday_morning() - Duration::minutes(30); // 09:00 local
    let clock = FixedClock::new(nine);
    let cli = Actor::cli(None);
    let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
    for i in 0..5 {
        let req = IssueRequest {
            service: "R",
            preferential: (i == 0)
                .then_some(ventanilla::domain::turn::PreferentialReason::AdultoMayor),
            granted_by: (i == 0).then_some("asesor1"),
            ..Default::default()
        };
        desk::turns::issue(&mut store, &clock, &cli, &cfg, &req).unwrap();
    }
    let waits = [5, 10, 20, 30, 50];
    let served = [3, 6, 9, 12];
    for (i, w) in waits.iter().enumerate() {
        clock.set(nine + Duration::minutes(*w));
        let t = desk::turns::call_next(&mut store, &clock, &asesor, &cfg, 1).unwrap();
        if i == 4 {
            desk::turns::act(
                &mut store,
                &clock,
                &asesor,
                &cfg,
                &t.label,
                Transition::NoShow,
            )
            .unwrap();
            continue;
        }
        desk::turns::act(
            &mut store,
            &clock,
            &asesor,
            &cfg,
            &t.label,
            Transition::Start,
        )
        .unwrap();
        clock.advance(Duration::minutes(served[i]));
        desk::turns::act(
            &mut store,
            &clock,
            &asesor,
            &cfg,
            &t.label,
            Transition::Finish,
        )
        .unwrap();
        if i < 3 {
            let score = [5, 4, 3][i];
            desk::ratings::rate(
                &mut store,
                &clock,
                &asesor,
                &cfg,
                &Target::Turn(t.label),
                Some(score),
                "",
            )
            .unwrap();
        }
    }
    desk::turns::day_of(&cfg, clock.now())
}

#[test]
fn indicators_of_a_hand_built_day() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("sede.sqlite3");
    let day = hand_built_day(&path);
    let store = Store::open(&path).unwrap();
    let r = desk::reports::build(&store, &common::config(), day, day).unwrap();
    let t = &r.totals;
    assert_eq!((t.issued, t.served, t.no_shows, t.cancelled), (5, 4, 1, 0));
    let close = |a: Option<f64>, b: f64| (a.unwrap() - b).abs() < 0.01;
    assert!(close(t.wait_median_min, 20.0), "{:?}", t.wait_median_min);
    assert!(close(t.wait_p90_min, 50.0), "{:?}", t.wait_p90_min);
    // service 3, 6, 9, 12: nearest-rank median is the 2nd
    assert!(
        close(t.service_median_min, 6.0),
        "{:?}",
        t.service_median_min
    );
    assert!(close(t.preferential_percent, 20.0));
    assert_eq!(r.by_service.len(), 1);
    assert_eq!(r.by_advisor[0].key, "asesor1");
    assert_eq!(r.arrivals_per_hour[9], 5);
    assert_eq!((r.ratings, r.rated), (3, 3));
    assert!(close(r.satisfaction_percent, 200.0 / 3.0));
    let satisfaction = &r.indicators[0];
    assert_eq!(
        satisfaction.met,
        Some(false),
        "66.7% is under the 80% target"
    );
    let in_favor = &r.indicators[1];
    assert!(close(in_favor.value, 0.0) && in_favor.met == Some(true));
    assert_eq!(r.indicators[2].met, None, "no PQRS answered: no data");
}

#[test]
fn report_json_and_xlsx_from_the_command_line() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("sede.sqlite3");
    let day = hand_built_day(&path).to_string();
    let cli = || {
        let mut c = Command::cargo_bin("ventanilla").unwrap();
        c.env_remove("VENTANILLA_CONFIG")
            .env("VENTANILLA_PIN_COSTE", "pruebas")
            .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
            .arg("--db")
            .arg(&path);
        c
    };
    let out = cli()
        .args(["report", "day", &day, "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    for key in [
        "from",
        "to",
        "totals",
        "by_service",
        "by_advisor",
        "arrivals_per_hour",
        "wait_by_hour",
        "satisfaction_percent",
        "pqrs",
        "attentions_by_channel",
        "indicators",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["totals"]["served"], 4);
    let xlsx = dir.path().join("informe.xlsx");
    cli()
        .args(["report", "range", &day, &day, "--format", "xlsx", "--out"])
        .arg(&xlsx)
        .assert()
        .success();
    let bytes = std::fs::read(&xlsx).unwrap();
    assert_eq!(&bytes[..2], b"PK", "a zip container");
    let has = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
    for part in [
        "xl/workbook.xml",
        "xl/worksheets/sheet7.xml",
        "xl/charts/chart1.xml",
        "xl/charts/chart2.xml",
    ] {
        assert!(has(part), "the workbook has {part}");
    }
    let csv = dir.path().join("turnos.csv");
    cli()
        .args([
            "export", "turns", "--csv", "rfc", "--from", &day, "--to", &day,
        ])
        .arg("--out")
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicates::str::contains("5 filas exportadas"));
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap().trim_start_matches('\u{feff}'),
        "dia,turno,servicio,estado,estado_etiqueta,preferencial,preferencial_etiqueta,manual,emitido,llamado,inicio,fin,ventanilla,asesor,espera_min,atencion_min"
    );
    let waits: Vec<&str> = lines.map(|l| l.split(',').nth(14).unwrap()).collect();
    assert_eq!(
        waits,
        ["5.0", "10.0", "20.0", "30.0", "50.0"],
        "minutes waited, one decimal"
    );
    cli()
        .args(["report", "month", "2026-13", "--format", "csv"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("mes «2026-13» inválido"));
}
