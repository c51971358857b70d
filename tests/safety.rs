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
