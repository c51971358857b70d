//! `calendar` and `doc` from the command line: exact formats scripts rely on.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn cmd(dir: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("ventanilla").unwrap();
    cmd.env("VENTANILLA_PIN_COSTE", "pruebas");
    cmd.env("XDG_CONFIG_HOME", dir.path().join("cfg"))
        .env_remove("VENTANILLA_CONFIG")
        .arg("--db")
        .arg(dir.path().join("sede.sqlite3"));
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn holidays_one_line_each_sorted_with_collisions() {
    let dir = TempDir::new().unwrap();
    let text = stdout(cmd(&dir).args(["calendar", "holidays", "2025"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 18);
    assert_eq!(lines[0], "2025-01-01\tAño Nuevo");
    assert_eq!(lines[8], "2025-06-30\tSagrado Corazón de Jesús");
    assert_eq!(lines[9], "2025-06-30\tSan Pedro y San Pablo");
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
    let json: serde_json::Value = serde_json::from_str(&stdout(
        cmd(&dir).args(["calendar", "holidays", "2026", "--json"]),
    ))
    .unwrap();
    assert_eq!(json[10]["date"], "2026-07-13");
    assert_eq!(
        json[10]["name"],
        "Nuestra Señora del Rosario de Chiquinquirá"
    );
    cmd(&dir)
        .args(["calendar", "holidays", "1900"])
        .assert()
        .code(2);
}

#[test]
fn add_between_and_due() {
    let dir = TempDir::new().unwrap();
    assert_eq!(
        stdout(cmd(&dir).args(["calendar", "add", "2026-11-13", "1"])),
        "2026-11-17\n"
    );
    assert_eq!(
        stdout(cmd(&dir).args(["calendar", "add", "2026-11-14", "0"])),
        "2026-11-17\n"
    );
    assert_eq!(
        stdout(cmd(&dir).args(["calendar", "between", "2026-11-13", "2026-11-17"])),
        "1\n"
    );
    assert_eq!(
        stdout(cmd(&dir).args(["calendar", "due", "peticion", "2026-11-23T09:30"])),
        "2026-12-15\n"
    );
    // received after closing on Friday 13 Nov → filed Tuesday 17 Nov
    let json: serde_json::Value = serde_json::from_str(&stdout(cmd(&dir).args([
        "calendar",
        "due",
        "habeas-reclamo",
        "2026-11-13T17:30",
        "--json",
    ])))
    .unwrap();
    assert_eq!(json["deemed_filing_day"], "2026-11-17");
    assert_eq!(json["term"], 15);
    assert_eq!(json["due"], "2026-12-09");
    assert_eq!(json["max_extension"], "2026-12-21");
    cmd(&dir)
        .args(["calendar", "due", "tutela", "2026-11-23T09:30"])
        .assert()
        .code(2);
    // people type dates day first too
    assert_eq!(
        stdout(cmd(&dir).args(["calendar", "add", "23/11/2026", "1"])),
        stdout(cmd(&dir).args(["calendar", "add", "2026-11-23", "1"]))
    );
    cmd(&dir)
        .args(["calendar", "add", "31/02/2026", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("AAAA-MM-DD o DD/MM/AAAA"));
}

#[test]
fn organisation_changes_are_audited_and_apply_everywhere() {
    let dir = TempDir::new().unwrap();
    cmd(&dir)
        .args(["init", "--branch", "Sede Cali", "--admin", "admin"])
        .write_stdin("1234\n")
        .assert()
        .success();
    cmd(&dir)
        .args(["calendar", "close", "2026-12-28", "Feria de Cali"])
        .assert()
        .success();
    cmd(&dir)
        .args(["calendar", "open", "2026-12-08", "jornada especial"])
        .assert()
        .success();
    cmd(&dir)
        .args(["calendar", "open", "2026-12-09"])
        .assert()
        .code(3);
    let list = stdout(cmd(&dir).args(["calendar", "holidays", "2026"]));
    assert!(
        list.contains("2026-12-28\tCierre de la entidad: Feria de Cali"),
        "{list}"
    );
    assert!(!list.contains("2026-12-08"), "{list}");
    assert_eq!(
        stdout(cmd(&dir).args(["calendar", "add", "2026-12-07", "1"])),
        "2026-12-08\n"
    );
    assert_eq!(
        stdout(cmd(&dir).args(["calendar", "add", "2026-12-24", "1"])),
        "2026-12-29\n"
    );
    let audit = stdout(cmd(&dir).args(["audit", "list"]));
    assert!(
        audit.contains("calendario: cierre") && audit.contains("calendario: apertura"),
        "{audit}"
    );
    // an asesor may not change the calendar
    cmd(&dir)
        .args([
            "user", "add", "asesor1", "--name", "Ana", "--role", "asesor",
        ])
        .write_stdin("1234\n")
        .assert()
        .success();
    cmd(&dir)
        .args(["calendar", "close", "2026-12-30", "x", "--user", "asesor1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("requiere el rol administrador"));
}

#[test]
fn doc_check_and_dv() {
    let dir = TempDir::new().unwrap();
    assert_eq!(
        stdout(cmd(&dir).args(["doc", "check", "NIT", "890.399.010-6"])),
        "8903990106\tválido\n"
    );
    assert_eq!(
        stdout(cmd(&dir).args(["doc", "check", "cc", "1.144.052.337"])),
        "1144052337\tválido\n"
    );
    cmd(&dir)
        .args(["doc", "check", "CC", "123"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "aviso: la cédula de ciudadanía suele tener 6 a 10",
        ));
    cmd(&dir)
        .args(["doc", "check", "NIT", "890399010-5"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("es 6, no 5"));
    cmd(&dir)
        .args(["doc", "check", "CC", "12A4567"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("«A»"));
    assert_eq!(stdout(cmd(&dir).args(["doc", "dv", "860034313"])), "7\n");
    assert_eq!(stdout(cmd(&dir).args(["doc", "dv", "899.999.068"])), "1\n");
    cmd(&dir).args(["doc", "dv", "ABC"]).assert().code(1);
}
