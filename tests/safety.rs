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
            .env("VENTANILLA_PIN_COSTE", "pruebas")
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
        [
            "diaria-2026-11-25.sqlite3",
            "diaria-2026-11-25.sqlite3.ancla",
            "diaria-2026-11-26.sqlite3",
            "diaria-2026-11-26.sqlite3.ancla"
        ]
    );
}

/// Kills writers with SIGKILL at random moments, round after round: the database always opens
/// sound, every operation a writer reported as committed is there, and turn and radicado
/// numbers have no duplicates.
#[cfg(unix)]
#[test]
fn writers_killed_at_random_moments_lose_nothing_committed() {
    use std::collections::BTreeSet;
    use std::io::Read;
    let b = branch();
    let db = b.path.to_str().unwrap().to_string();
    let rounds: usize = std::env::var("KILL_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let mut rng = fastrand::Rng::with_seed(42);
    let mut reported_turns = BTreeSet::new();
    let mut reported_pqrs = BTreeSet::new();
    for _ in 0..rounds {
        let mut writers: Vec<std::process::Child> = (0..2)
            .map(|_| {
                std::process::Command::new(env!("CARGO_BIN_EXE_ventanilla-loadgen"))
                    .args(["mixed", "--db", &db, "--count", "100000"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        std::thread::sleep(std::time::Duration::from_millis(rng.u64(15..120)));
        for w in &mut writers {
            // `Child::kill` is SIGKILL on Unix: no destructor, no flush, no chance to finish
            // the transaction
            w.kill().unwrap();
        }
        for w in &mut writers {
            w.wait().unwrap();
            let mut out = String::new();
            w.stdout.take().unwrap().read_to_string(&mut out).unwrap();
            for line in out.lines() {
                match line.split_once(' ') {
                    Some(("turn", label)) => assert!(
                        reported_turns.insert(label.to_string()),
                        "turn {label} twice"
                    ),
                    Some(("pqrs", r)) => {
                        assert!(reported_pqrs.insert(r.to_string()), "radicado {r} twice")
                    }
                    _ => {}
                }
            }
        }
    }
    let conn = rusqlite::Connection::open(&b.path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let labels: BTreeSet<String> = conn
        .prepare("SELECT label FROM turns")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let radicados: Vec<String> = conn
        .prepare("SELECT radicado FROM pqrs ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(
        reported_turns.is_subset(&labels),
        "every reported turn is there"
    );
    let all_radicados: BTreeSet<String> = radicados.iter().cloned().collect();
    assert_eq!(
        all_radicados.len(),
        radicados.len(),
        "no duplicate radicados"
    );
    assert!(
        reported_pqrs.is_subset(&all_radicados),
        "every reported PQRS is there"
    );
    // numbering: per service, 1..n without duplicates or gaps; radicados 1..n
    for service in ["A", "E", "R"] {
        let mut seqs: Vec<i64> = conn
            .prepare("SELECT seq FROM turns WHERE service = ?1 ORDER BY seq")
            .unwrap()
            .query_map([service], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let n = seqs.len() as i64;
        seqs.dedup();
        assert_eq!(seqs, (1..=n).collect::<Vec<_>>(), "service {service}");
    }
    let seqs: Vec<i64> = conn
        .prepare("SELECT seq FROM pqrs ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(
        seqs,
        (1..=seqs.len() as i64).collect::<Vec<_>>(),
        "radicados gapless"
    );
    let audit = ventanilla::store::audit::verify(&conn).unwrap();
    assert_eq!(audit.broken_at, None);
    assert!(
        reported_turns.len() + reported_pqrs.len() > rounds,
        "the writers did work"
    );
    eprintln!(
        "{rounds} kill rounds: {} turns and {} PQRS reported committed, all present",
        reported_turns.len(),
        reported_pqrs.len()
    );
}

#[test]
fn denied_actions_say_the_role_they_need_and_are_audited() {
    let b = branch();
    b.cli()
        .args(["service", "add", "T", "Trámites", "--user", "asesor1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "crear servicios requiere el rol supervisor",
        ));
    // an advisor works the PQRS assigned to them, not another's
    b.cli()
        .args([
            "customer",
            "add",
            "--doc",
            "CC:52123456",
            "--names",
            "Ana",
            "--surnames",
            "Ruiz",
        ])
        .assert()
        .success();
    let out = b
        .cli()
        .args([
            "ticket",
            "new",
            "--type",
            "queja",
            "--channel",
            "web",
            "--doc",
            "CC:52123456",
        ])
        .args(["--subject", "s", "--description", "d", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let radicado = serde_json::from_slice::<serde_json::Value>(&out).unwrap()["radicado"]
        .as_str()
        .unwrap()
        .to_string();
    b.cli()
        .args([
            "ticket", "assign", &radicado, "--to", "asesor1", "--user", "asesor1",
        ])
        .assert()
        .success();
    b.cli()
        .args(["ticket", "start", &radicado, "--user", "asesor2"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "asignada a asesor1: solo esa persona o un supervisor",
        ));
    b.cli()
        .args([
            "ticket", "assign", &radicado, "--to", "asesor2", "--user", "asesor2",
        ])
        .assert()
        .code(1);
    b.cli()
        .args(["ticket", "start", &radicado, "--user", "asesor1"])
        .assert()
        .success();
    let denials: i64 = b
        .raw()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'denied'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(denials, 3, "every denial is in the audit log");
    b.cli().args(["audit", "verify"]).assert().success();
}
