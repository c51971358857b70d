//! Data safety: the tamper-evident audit chain, backups and restore, the database check, and
//! writers killed at random moments.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

struct Branch {
    dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

fn branch() -> Branch {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("sede.sqlite3");
    common::branch_with_windows(&path, 2);
    Branch { dir, path }
}

impl Branch {
    fn cli(&self) -> Command {
        let mut c = Command::cargo_bin("ventanilla").unwrap();
        c.env_remove("VENTANILLA_CONFIG")
            .env("XDG_CONFIG_HOME", self.dir.path().join("cfg"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .arg("--db")
            .arg(&self.path);
        c
    }

    fn raw(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.path).unwrap()
    }
}

#[test]
fn the_audit_chain_catches_edits_and_deletions_made_with_other_tools() {
    let b = branch();
    for _ in 0..3 {
        b.cli()
            .args(["turn", "issue", "--service", "R"])
            .assert()
            .success();
    }
    b.cli()
        .args(["audit", "verify"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Cadena de auditoría íntegra"));
    let n: i64 = b
        .raw()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert!(n >= 8, "{n} records");
    // an edit with the sqlite3 shell or any tool
    let original: String = b
        .raw()
        .query_row("SELECT detail FROM audit_log WHERE id = 4", [], |r| {
            r.get(0)
        })
        .unwrap();
    b.raw()
        .execute("UPDATE audit_log SET detail = 'nada' WHERE id = 4", [])
        .unwrap();
    b.cli()
        .args(["audit", "verify"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "rota en el registro 4: su contenido o su sello fueron modificados",
        ));
    // undoing the edit makes it whole again; a deleted record is named
    b.raw()
        .execute("UPDATE audit_log SET detail = ?1 WHERE id = 4", [&original])
        .unwrap();
    b.cli().args(["audit", "verify"]).assert().success();
    b.raw()
        .execute("DELETE FROM audit_log WHERE id = 6", [])
        .unwrap();
    b.cli()
        .args(["audit", "verify"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "rota en el registro 6: falta el registro 6",
        ));
}

#[test]
fn backup_while_writing_restore_keeps_the_old_file_aside_and_check_reports() {
    let b = branch();
    b.cli()
        .args(["turn", "issue", "--service", "R"])
        .assert()
        .success();
    // a writer keeps going while the copy is made
    let writer = std::process::Command::new(env!("CARGO_BIN_EXE_ventanilla-loadgen"))
        .args([
            "issue",
            "--db",
            b.path.to_str().unwrap(),
            "--service",
            "A",
            "--count",
            "200",
        ])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let copy = b.dir.path().join("copia.sqlite3");
    let out = b
        .cli()
        .arg("backup")
        .arg(&copy)
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let made: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(made["health"]["integrity"][0], "ok");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "backups are owner-only");
    }
    let mut writer = writer;
    assert!(writer.wait().unwrap().success());
    // a backup never overwrites
    b.cli()
        .arg("backup")
        .arg(&copy)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("ya existe"));
    let turns = |path: &std::path::Path| -> i64 {
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row("SELECT count(*) FROM turns", [], |r| r.get(0))
            .unwrap()
    };
    let in_copy = turns(&copy);
    assert!(in_copy >= 1 && turns(&b.path) == 201, "copy {in_copy}");
    // restore asks; with --yes it replaces and keeps the old file aside
    b.cli()
        .arg("restore")
        .arg(&copy)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--yes"));
    b.cli()
        .arg("restore")
        .arg(&copy)
        .arg("--yes")
        .assert()
        .success()
        .stdout(predicate::str::contains("La anterior quedó en"));
    assert_eq!(turns(&b.path), in_copy);
    let aside: Vec<_> = std::fs::read_dir(b.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .contains("antes-de-restaurar")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(turns(&aside[0].path()), 201, "the replaced data are kept");
    b.cli()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("Integridad de la base: correcta."))
        .stdout(predicate::str::contains("Auditoría: cadena íntegra"));
    // not a database: refused, nothing touched
    let junk = b.dir.path().join("nada.sqlite3");
    std::fs::write(&junk, b"no soy una base de datos, solo texto").unwrap();
    b.cli()
        .arg("restore")
        .arg(&junk)
        .arg("--yes")
        .assert()
        .failure()
        .stderr(predicate::str::contains("no es una base de datos"));
    assert_eq!(turns(&b.path), in_copy);
}

#[test]
fn daily_backups_once_a_day_keeping_the_last_ones() {
    use chrono::Duration;
    let b = branch();
    let store = ventanilla::store::Store::open(&b.path).unwrap();
    let mut cfg = common::config();
    cfg.backup.keep = 2;
    let day0 = common::monday_morning();
    let first = ventanilla::desk::backup::daily(&store, &cfg, day0).unwrap();
    assert!(first.is_some());
    assert!(
        ventanilla::desk::backup::daily(&store, &cfg, day0)
            .unwrap()
            .is_none(),
        "once a day"
    );
    for d in 1..4 {
        ventanilla::desk::backup::daily(&store, &cfg, day0 + Duration::days(d)).unwrap();
    }
    let folder = b.dir.path().join("copias");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["diaria-2026-11-25.sqlite3", "diaria-2026-11-26.sqlite3"]
    );
}
