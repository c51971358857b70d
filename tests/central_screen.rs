//! The central supervisor screen: drawn from fed answers at 80×24 and 120×40 (branches, the
//! month's indicator per seccional, a server that stopped answering), and the real binary in a
//! pseudo-terminal against a throwaway PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "common/pty.rs"]
mod pty;

use chrono::{TimeZone, Utc};
use common::central_pg::Pg;
use crossterm::event::KeyCode;
use pty::PtyApp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;
use ventanilla::central::report::{CentralReport, Line};
use ventanilla::central::status::BranchStatus;
use ventanilla::tui::Mode;
use ventanilla::tui::central::{CentralScreen, Snapshot};

fn branch(code: &str, seccional: &str, lag: Option<i64>, open: i64, overdue: i64) -> BranchStatus {
    BranchStatus {
        code: code.into(),
        name: format!("Sede {code}"),
        seccional: seccional.into(),
        last_sync: None,
        lag_s: lag,
        open_pqrs: open,
        overdue_pqrs: overdue,
        turns_today: 120,
        served_today: 97,
        wait_median_min: Some(6.5),
    }
}

fn seccional(name: Option<&str>, in_favor: i64, persons: i64) -> Line {
    let percent = in_favor as f64 * 100.0 / persons as f64;
    Line {
        level: if name.is_some() { "seccional" } else { "total" },
        seccional: name.map(Into::into),
        in_favor,
        persons,
        in_favor_percent: Some(percent),
        in_favor_met: Some(percent <= 0.5),
        ..Line::default()
    }
}

fn screen() -> CentralScreen {
    let offset = chrono::FixedOffset::west_opt(5 * 3600).unwrap();
    let mut s = CentralScreen::new("ventanilla@central:5432/ventanilla".into(), offset, None);
    s.apply(Snapshot::Data {
        at: Utc.with_ymd_and_hms(2026, 12, 1, 15, 0, 0).unwrap(),
        branches: vec![
            branch("NORTE", "Valle", Some(42), 12, 1),
            branch("SUR", "Valle", Some(4000), 3, 0),
            branch("POPA", "Cauca", None, 0, 0),
            BranchStatus {
                name: "Sede Cúcuta Centro Comercial Ventura".into(),
                ..branch("CUCU", "Norte de Santander", Some(30), 2, 0)
            },
        ],
        month: CentralReport {
            from: "2026-12-01".into(),
            to: "2026-12-01".into(),
            in_favor_max_percent: 0.5,
            targets: ventanilla::central::report::Targets {
                in_favor_max_percent: 0.5,
                satisfaction_percent: 80.0,
                on_time_min_percent: 90.0,
            },
            by_service: Vec::new(),
            pqrs_by_type: Default::default(),
            attentions_by_channel: Default::default(),
            lines: vec![
                seccional(Some("Cauca"), 1, 100),
                seccional(Some("Norte de Santander"), 12, 1234),
                seccional(Some("Valle"), 4, 900),
                seccional(None, 5, 1000),
            ],
        },
    });
    s
}

fn draw(s: &CentralScreen, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| s.render(f)).unwrap();
    t
}

#[test]
fn every_branch_and_the_indicator_per_seccional_at_80x24_and_120x40() {
    let s = screen();
    insta::assert_snapshot!("central_80x24", draw(&s, 80, 24).backend());
    insta::assert_snapshot!("central_120x40", draw(&s, 120, 40).backend());
}

#[test]
fn a_server_that_stops_answering_keeps_the_last_figures_and_says_why() {
    let mut s = screen();
    s.apply(Snapshot::Failed {
        at: Utc.with_ymd_and_hms(2026, 12, 1, 15, 0, 10).unwrap(),
        error: "no se pudo conectar con el servidor central ventanilla@central.caja.local:5432/ventanilla (¿está encendido y accesible en la red?)".into(),
    });
    let t = draw(&s, 80, 24);
    let text = format!("{:?}", t.backend());
    assert!(
        text.contains("Sin respuesta: no se pudo conectar"),
        "{text}"
    );
    assert!(text.contains("\"red?)"), "the whole error, not cut: {text}");
    insta::assert_snapshot!("central_failing_80x24", t.backend());
    assert!(text.contains("NORTE"), "the last figures stay: {text}");
    s.handle(common::key(KeyCode::Char('q')));
    assert!(s.should_quit());
}

#[test]
fn the_real_screen_reads_the_central_server() {
    let Some(pg) = Pg::start() else { return };
    let dir = tempfile::TempDir::new().unwrap();
    common::cli_in(dir.path())
        .env("VENTANILLA_CENTRAL", pg.url("central"))
        .args(["central", "migrate"])
        .assert()
        .success();
    common::cli_in(dir.path())
        .args(["demo", "--no-tui", "--customers", "50"])
        .assert()
        .success();
    common::cli_in(dir.path())
        .env("VENTANILLA_CENTRAL", pg.url("central"))
        .arg("sync")
        .assert()
        .success();
    let mut cmd = portable_pty::CommandBuilder::new(assert_cmd::cargo::cargo_bin("ventanilla"));
    cmd.env("XDG_CONFIG_HOME", dir.path().join("cfg"));
    cmd.env("XDG_DATA_HOME", dir.path().join("data"));
    cmd.args(["--db", dir.path().join("sede.sqlite3").to_str().unwrap()]);
    cmd.args(["central", "--central", &pg.url("central"), "supervisor"]);
    let mut app = PtyApp::spawn(cmd, 100, 30);
    assert!(
        app.wait_until(Duration::from_secs(20), |s| {
            let t = s.contents();
            t.contains("CALI") && t.contains("PQRSD a favor") && t.contains("actualizado")
        }),
        "{}",
        app.parser.screen().contents()
    );
    app.send(b"q");
    let status = app
        .wait_exit(Duration::from_secs(10))
        .expect("the screen ends with q");
    assert!(status.success());
}
