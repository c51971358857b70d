//! Backups that cannot be mistaken for good ones: temporary names until verified, unique names,
//! leftovers of killed runs cleaned, restores of another branch's copy confirmed, and the
//! writers' lock file recreated with a warning.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::FileBranch as Branch;

fn branch() -> Branch {
    Branch::new(1)
}

/// Where the daily copies go.
fn copies_dir(b: &Branch) -> PathBuf {
    b.path("copias")
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn sound(path: &Path) -> bool {
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return false;
    };
    conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
        .is_ok_and(|s| s == "ok")
        && conn
            .query_row("SELECT count(*) FROM turns", [], |r| r.get::<_, i64>(0))
            .is_ok()
}

#[test]
fn two_backups_in_the_same_second_get_two_names() {
    let b = branch();
    let store = ventanilla::store::Store::open(&b.db.clone()).unwrap();
    let cfg = common::config();
    let now = common::monday_morning();
    let first = ventanilla::desk::backup::backup(&store, &cfg, now, None).unwrap();
    let second = ventanilla::desk::backup::backup(&store, &cfg, now, None).unwrap();
    assert_ne!(first.path, second.path);
    assert!(
        second
            .path
            .ends_with("ventanilla-20261123-093000-2.sqlite3")
    );
    // and two processes at once
    let runs: Vec<_> = (0..2)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_ventanilla"))
                .arg("--db")
                .arg(b.db.clone())
                .arg("backup")
                .env("VENTANILLA_PIN_COSTE", "pruebas")
                .env("XDG_CONFIG_HOME", b.dir.path().join("cfg"))
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut r in runs {
        assert!(r.wait().unwrap().success());
    }
    let copies: Vec<String> = names(&copies_dir(&b))
        .into_iter()
        .filter(|n| n.ends_with(".sqlite3"))
        .collect();
    assert_eq!(copies.len(), 4, "{copies:?}");
    for c in &copies {
        assert!(sound(&copies_dir(&b).join(c)), "{c}");
        assert!(
            copies_dir(&b).join(format!("{c}.ancla")).exists(),
            "{c} side file"
        );
    }
}

#[test]
fn killed_backups_never_leave_a_file_under_a_final_name_and_leftovers_are_cleaned() {
    let b = branch();
    std::process::Command::new(env!("CARGO_BIN_EXE_ventanilla-loadgen"))
        .args([
            "issue",
            "--db",
            b.db.clone().to_str().unwrap(),
            "--service",
            "A",
        ])
        .args(["--count", "1500"])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..15 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ventanilla"))
            .arg("--db")
            .arg(b.db.clone())
            .arg("backup")
            .env("VENTANILLA_PIN_COSTE", "pruebas")
            .env("XDG_CONFIG_HOME", b.dir.path().join("cfg"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(0..40)));
        let _ = child.kill();
        child.wait().unwrap();
        for n in names(&copies_dir(&b)) {
            if n.ends_with(".sqlite3") {
                assert!(
                    sound(&copies_dir(&b).join(&n)),
                    "{n} has a final name but is not sound"
                );
            } else {
                assert!(
                    n.ends_with(".ancla") || (n.starts_with('.') && n.contains(".parcial")),
                    "unexpected {n}"
                );
            }
        }
    }
    // a leftover of a run that died (its process is gone) goes at the next start
    std::fs::create_dir_all(copies_dir(&b)).unwrap();
    let leftover = copies_dir(&b).join(".ventanilla-20261123-093000.sqlite3.4000000000.parcial");
    std::fs::write(&leftover, "a medias").unwrap();
    b.cli().arg("backup").assert().success();
    let left: Vec<String> = names(&copies_dir(&b))
        .into_iter()
        .filter(|n| n.contains("parcial"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn restoring_another_branch_needs_its_code_and_the_anchors_follow() {
    let b = branch();
    let other = b.dir.path().join("norte.sqlite3");
    let init = Command::cargo_bin("ventanilla")
        .unwrap()
        .env("VENTANILLA_PIN_COSTE", "pruebas")
        .env("XDG_CONFIG_HOME", b.dir.path().join("cfg"))
        .arg("--db")
        .arg(&other)
        .args([
            "init",
            "--branch",
            "Sede Norte",
            "--code",
            "NORTE",
            "--admin",
            "admin",
        ])
        .write_stdin("1234\n")
        .assert();
    init.success();
    let copy = b.dir.path().join("norte-copia.sqlite3");
    Command::cargo_bin("ventanilla")
        .unwrap()
        .env("VENTANILLA_PIN_COSTE", "pruebas")
        .env("XDG_CONFIG_HOME", b.dir.path().join("cfg"))
        .arg("--db")
        .arg(&other)
        .arg("backup")
        .arg(&copy)
        .assert()
        .success();
    b.cli()
        .arg("restore")
        .arg(&copy)
        .arg("--yes")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "copia de la sede «Sede Norte» (NORTE)",
        ))
        .stderr(predicate::str::contains(
            "VENTANILLA_RESTAURAR_OTRA_SEDE=NORTE",
        ));
    b.cli()
        .arg("restore")
        .arg(&copy)
        .arg("--yes")
        .env("VENTANILLA_RESTAURAR_OTRA_SEDE", "SEDE")
        .assert()
        .code(1);
    b.cli()
        .arg("restore")
        .arg(&copy)
        .arg("--yes")
        .env("VENTANILLA_RESTAURAR_OTRA_SEDE", "NORTE")
        .assert()
        .success()
        .stdout(predicate::str::contains("(sede «Sede Norte»)"));
    // the anchors of the replaced database no longer apply; the restored chain verifies
    b.cli().args(["audit", "verify"]).assert().success();
    b.cli().arg("check").assert().success();
}

#[test]
fn a_missing_lock_file_is_recreated_with_one_warning() {
    let b = branch();
    let lock = b.dir.path().join("sede.sqlite3.lock");
    std::fs::remove_file(&lock).unwrap();
    b.cli()
        .args(["turn", "issue", "--service", "R"])
        .assert()
        .success()
        .stderr(predicate::str::contains("aviso: faltaba"));
    assert!(lock.exists());
    b.cli()
        .args(["turn", "issue", "--service", "R"])
        .assert()
        .success()
        .stderr(predicate::str::contains("faltaba").not());
}
