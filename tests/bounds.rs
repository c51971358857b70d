//! Bounds on what people type and configure: business-day arithmetic past the supported
//! calendar (1984–2200), receipts outside it and absurd configuration values are refused at
//! once with a Spanish message naming what is wrong (each call must finish within seconds).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::time::Duration;

struct Branch(common::FileBranch);

fn branch() -> Branch {
    Branch(common::FileBranch::new(1))
}

impl Branch {
    /// The binary, given 10 s per call: no bound may make it run longer.
    fn cli(&self) -> Command {
        let mut c = self.0.cli();
        c.timeout(Duration::from_secs(10));
        c
    }

    fn with_config(&self, toml: &str) -> Command {
        let path = self.0.path("ventanilla.toml");
        std::fs::write(&path, toml).unwrap();
        let mut c = self.cli();
        c.arg("--config").arg(path);
        c
    }
}

#[test]
fn business_day_counts_past_the_calendar_are_refused_at_once() {
    let b = branch();
    b.cli()
        .args(["calendar", "add", "2026-01-01", "10"])
        .assert()
        .success()
        .stdout("2026-01-16\n");
    for args in [
        ["add", "2026-01-01", "999999999"],
        ["add", "2026-01-01", "4294967295"],
        ["add", "2200-12-30", "5"],
    ] {
        b.cli()
            .arg("calendar")
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("el calendario llega hasta 2200"));
    }
    b.cli()
        .args(["calendar", "add", "0001-01-01", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "0001-01-01 está fuera del calendario",
        ));
    b.cli()
        .args(["calendar", "between", "2026-01-01", "9999-12-31"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "9999-12-31 está fuera del calendario",
        ));
    b.cli()
        .args(["ticket", "list", "--due-within", "999999999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("el calendario llega hasta 2200"));
}

#[test]
fn receipts_outside_the_calendar_are_refused() {
    let b = branch();
    b.cli()
        .args(["calendar", "due", "queja", "2026-11-23T10:00"])
        .assert()
        .success();
    for when in ["0001-01-01T10:00", "9999-12-31T10:00", "1983-12-31T23:59"] {
        b.cli()
            .args(["calendar", "due", "queja", when])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("la fecha de recibido"))
            .stderr(predicate::str::contains("fuera del calendario"));
    }
    b.cli()
        .args(["customer", "add", "--doc", "CC:52123456"])
        .args(["--names", "Ana", "--surnames", "Ruiz"])
        .assert()
        .success();
    b.cli()
        .args(["ticket", "new", "--type", "queja", "--channel", "web"])
        .args([
            "--doc",
            "CC:52123456",
            "--subject",
            "s",
            "--description",
            "d",
        ])
        .args(["--received", "0001-01-01T10:00"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fuera del calendario"));
}

#[test]
fn absurd_configuration_values_are_refused_naming_the_key() {
    let b = branch();
    b.with_config("[terms]\nqueja = 15\n")
        .args(["calendar", "due", "queja", "2026-11-23T10:00"])
        .assert()
        .success();
    for (toml, key) in [
        ("[terms]\nqueja = 999999999\n", "terms.queja"),
        ("[terms]\nrecurso_months = 100000\n", "terms.recurso_months"),
        (
            "[queue]\nstarvation_minutes = 4000000\n",
            "queue.starvation_minutes",
        ),
        ("[kiosk]\nidle_seconds = 4000000000\n", "kiosk.idle_seconds"),
        ("[backup]\nkeep = 1000000\n", "backup.keep"),
        (
            "[indicators]\non_time_min_percent = 250.0\n",
            "indicators.on_time_min_percent",
        ),
    ] {
        b.with_config(toml)
            .args(["calendar", "due", "queja", "2026-11-23T10:00"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("clave «{key}»")))
            .stderr(predicate::str::contains("fuera de lo razonable"));
    }
}

#[test]
fn zero_legal_terms_and_unknown_regimes_are_configuration_errors() {
    let b = branch();
    for (toml, key) in [
        ("[terms]\nrecurso_months = 0\n", "terms.recurso_months"),
        ("[terms]\npeticion = 0\n", "terms.peticion"),
        ("[utilities]\npqr_days = 0\n", "utilities.pqr_days"),
        (
            "[terms]\nrecurso_filing_days = 0\n",
            "terms.recurso_filing_days",
        ),
        ("[regime]\nname = \"especial\"\n", "regime.name"),
        ("[utilities]\nsilence = \"tal vez\"\n", "utilities.silence"),
    ] {
        b.with_config(toml)
            .args(["calendar", "due", "queja", "2026-11-23T10:00"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("clave «{key}»")));
    }
}
