//! Tampering with the audit log, its schema or its anchors, with other tools: every case is
//! reported by both `ventanilla audit verify` and `ventanilla check` (the real binary), with a
//! non-zero exit and a Spanish message; the untouched branch passes both.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use rusqlite::{Connection, params};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// A branch with some history, a backup (and its side file) and an anchored chain, made once
/// and copied for each case.
fn template() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::TempDir::new().unwrap();
        let db = dir.path().join("sede.sqlite3");
        common::branch_with_windows(&db, 2);
        let b = Branch {
            dir: dir.path().to_path_buf(),
            _keep: None,
        };
        for _ in 0..3 {
            b.cli()
                .args(["turn", "issue", "--service", "R"])
                .assert()
                .success();
        }
        b.cli().arg("backup").assert().success();
        b.cli().args(["audit", "verify"]).assert().success();
        dir
    })
    .path()
}

struct Branch {
    dir: PathBuf,
    _keep: Option<tempfile::TempDir>,
}

fn fresh() -> Branch {
    let from = template();
    let keep = tempfile::TempDir::new().unwrap();
    copy_dir(from, keep.path());
    Branch {
        dir: keep.path().to_path_buf(),
        _keep: Some(keep),
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

impl Branch {
    fn db(&self) -> PathBuf {
        self.dir.join("sede.sqlite3")
    }

    fn anchors(&self) -> PathBuf {
        self.dir.join("sede.sqlite3.anclas")
    }

    fn cli(&self) -> Command {
        let mut c = Command::cargo_bin("ventanilla").unwrap();
        c.env_remove("VENTANILLA_CONFIG")
            .env("VENTANILLA_PIN_COSTE", "pruebas")
            .env("XDG_CONFIG_HOME", self.dir.join("cfg"))
            .env("XDG_DATA_HOME", self.dir.join("data"))
            .timeout(Duration::from_secs(30))
            .arg("--db")
            .arg(self.db());
        c
    }

    fn raw(&self) -> Connection {
        Connection::open(self.db()).unwrap()
    }

    fn last(&self) -> i64 {
        self.raw()
            .query_row("SELECT max(id) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    }
}

use common::recompute;

fn sql(b: &Branch, text: &str) {
    b.raw().execute_batch(text).unwrap();
}

fn edit_anchors(b: &Branch, f: impl Fn(&str) -> String) {
    let text = std::fs::read_to_string(b.anchors()).unwrap();
    std::fs::write(b.anchors(), f(&text)).unwrap();
}

type Tamper = fn(&Branch);

/// (what, how, a fragment of the Spanish message both commands must print)
fn tamperings() -> Vec<(&'static str, Tamper, &'static str)> {
    vec![
        (
            "edit a detail",
            |b| sql(b, "UPDATE audit_log SET detail = 'nada' WHERE id = 4"),
            "registro 4: su contenido o su sello fueron modificados",
        ),
        (
            "edit an actor",
            |b| sql(b, "UPDATE audit_log SET actor = 'otro' WHERE id = 3"),
            "registro 3: su contenido",
        ),
        (
            "edit a time",
            |b| {
                sql(
                    b,
                    "UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE id = 5",
                )
            },
            "registro 5: su contenido",
        ),
        (
            "edit an action",
            |b| sql(b, "UPDATE audit_log SET action = 'nada' WHERE id = 2"),
            "registro 2: su contenido",
        ),
        (
            "delete a middle row",
            |b| sql(b, "DELETE FROM audit_log WHERE id = 6"),
            "falta el registro 6",
        ),
        (
            "delete the first row",
            |b| sql(b, "DELETE FROM audit_log WHERE id = 1"),
            "falta el registro 1",
        ),
        (
            "delete the tail",
            |b| {
                let last = b.last();
                b.raw()
                    .execute("DELETE FROM audit_log WHERE id > ?1", [last - 2])
                    .unwrap();
            },
            "se borraron registros del final",
        ),
        (
            "delete all rows",
            |b| sql(b, "DELETE FROM audit_log"),
            "se borraron registros del final",
        ),
        (
            "swap two records' ids",
            |b| {
                sql(
                    b,
                    "UPDATE audit_log SET id = -3 WHERE id = 3;
                     UPDATE audit_log SET id = 3 WHERE id = 4;
                     UPDATE audit_log SET id = 4 WHERE id = -3;",
                )
            },
            "registro 3: su contenido",
        ),
        (
            "insert a forged row with a made-up seal",
            |b| {
                let next = b.last() + 1;
                b.raw()
                    .execute(
                        "INSERT INTO audit_log (id, at, actor, action, object, detail, hash)
                         VALUES (?1, '2026-11-30T10:00:00Z', 'admin', 'user.add', 'x', '', ?2)",
                        params![next, "ab".repeat(32)],
                    )
                    .unwrap();
            },
            "su contenido o su sello fueron modificados",
        ),
        (
            "insert a forged row in the middle and recompute the chain",
            |b| {
                let conn = b.raw();
                conn.execute_batch(
                    "UPDATE audit_log SET id = -id WHERE id >= 5;
                     UPDATE audit_log SET id = 1 - id WHERE id < 0;
                     INSERT INTO audit_log (id, at, actor, action, object, detail)
                     VALUES (5, '2026-11-30T10:00:00Z', 'admin', 'user.add', 'x', '');",
                )
                .unwrap();
                recompute(&conn);
            },
            "la cadena fue reescrita",
        ),
        (
            "rewrite the whole chain with recomputed seals",
            |b| {
                let conn = b.raw();
                conn.execute("UPDATE audit_log SET detail = 'otra cosa' WHERE id = 2", [])
                    .unwrap();
                recompute(&conn);
            },
            "la cadena fue reescrita",
        ),
        (
            "truncate the tail and recompute",
            |b| {
                let conn = b.raw();
                let last = b.last();
                conn.execute("DELETE FROM audit_log WHERE id > ?1", [last - 3])
                    .unwrap();
                conn.execute("UPDATE audit_log SET detail = 'x' WHERE id = 1", [])
                    .unwrap();
                recompute(&conn);
            },
            "se borraron registros del final",
        ),
        (
            "NULL one seal",
            |b| sql(b, "UPDATE audit_log SET hash = NULL WHERE id = 5"),
            "registro 5: no tiene sello",
        ),
        (
            "NULL one seal, then an ordinary write",
            |b| {
                sql(b, "UPDATE audit_log SET hash = NULL WHERE id = 5");
                b.cli()
                    .args(["turn", "issue", "--service", "R"])
                    .assert()
                    .success();
            },
            "registro 5: no tiene sello",
        ),
        (
            "NULL every seal",
            |b| sql(b, "UPDATE audit_log SET hash = NULL"),
            "registro 1: no tiene sello",
        ),
        (
            "drop the seal column and set the schema version back",
            |b| {
                sql(
                    b,
                    "UPDATE audit_log SET detail = 'nada' WHERE id = 4;
                     ALTER TABLE audit_log DROP COLUMN hash;
                     DROP INDEX attentions_turn;
                     ALTER TABLE attentions DROP COLUMN subtopic;
                     DROP TABLE window_claims;
                     DROP TABLE advisor_states;
                     PRAGMA user_version = 8;",
                )
            },
            "la versión del esquema es 8",
        ),
        (
            "drop the seal column, set the version back, and let an ordinary write re-seal",
            |b| {
                sql(
                    b,
                    "UPDATE audit_log SET detail = 'nada' WHERE id = 4;
                     ALTER TABLE audit_log DROP COLUMN hash;
                     DROP INDEX attentions_turn;
                     ALTER TABLE attentions DROP COLUMN subtopic;
                     DROP TABLE window_claims;
                     DROP TABLE advisor_states;
                     DROP TABLE deletions;
                     PRAGMA user_version = 8;",
                );
                // 0009 re-runs and re-seals; the later migration (0010), already applied,
                // then refuses the write
                b.cli()
                    .args(["turn", "issue", "--service", "R"])
                    .assert()
                    .code(2)
                    .stderr(predicates::str::contains("la versión fue alterada"));
            },
            "volvió a sellar la cadena",
        ),
        (
            "drop the seal column (schema version kept)",
            |b| sql(b, "ALTER TABLE audit_log DROP COLUMN hash"),
            "le falta la columna de sellos",
        ),
        (
            "drop the table",
            |b| sql(b, "DROP TABLE audit_log"),
            "falta la tabla del registro de auditoría",
        ),
        (
            "rename the table",
            |b| sql(b, "ALTER TABLE audit_log RENAME TO bitacora"),
            "falta la tabla del registro de auditoría",
        ),
        (
            "set the schema version back",
            |b| sql(b, "PRAGMA user_version = 8"),
            "la versión del esquema es 8",
        ),
        (
            "set the schema version far back",
            |b| sql(b, "PRAGMA user_version = 2"),
            "la versión del esquema es 2",
        ),
        (
            "set the schema version forward",
            |b| sql(b, "PRAGMA user_version = 99"),
            "versión más nueva",
        ),
        (
            "delete the anchor file",
            |b| std::fs::remove_file(b.anchors()).unwrap(),
            "falta el archivo de anclas",
        ),
        (
            "empty the anchor file",
            |b| std::fs::write(b.anchors(), "").unwrap(),
            "no tiene anclas",
        ),
        (
            "garble an anchor line",
            |b| edit_anchors(b, |t| t.replacen("ancla ", "ancla x", 1)),
            "fue alterada (no es un ancla)",
        ),
        (
            "delete the tail and the anchor lines that count it (the backup still does)",
            |b| {
                let last = b.last();
                b.raw()
                    .execute("DELETE FROM audit_log WHERE id > ?1", [last - 2])
                    .unwrap();
                let keep = format!(" {} ", last - 2);
                edit_anchors(b, |t| {
                    t.lines()
                        .filter(|l| {
                            let n: i64 = l.split(' ').nth(2).unwrap().parse().unwrap();
                            n <= last - 2 || l.contains(&keep)
                        })
                        .map(|l| format!("{l}\n"))
                        .collect()
                });
            },
            "copias",
        ),
    ]
}

#[test]
fn the_untouched_branch_passes_both_checks() {
    let b = fresh();
    b.cli()
        .args(["audit", "verify"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Cadena de auditoría íntegra"))
        .stdout(predicates::str::contains("anclas coinciden"));
    b.cli()
        .arg("check")
        .assert()
        .success()
        .stdout(predicates::str::contains("Auditoría: cadena íntegra"));
    // ordinary work keeps it so
    b.cli()
        .args(["turn", "issue", "--service", "A"])
        .assert()
        .success();
    b.cli().args(["audit", "verify"]).assert().success();
    b.cli().arg("check").assert().success();
}

#[test]
fn every_tampering_is_reported_by_audit_verify_and_check() {
    let cases = tamperings();
    assert!(cases.len() >= 18, "{} cases", cases.len());
    let mut missed = Vec::new();
    for (what, tamper, expected) in cases {
        let b = fresh();
        tamper(&b);
        for cmd in [&["audit", "verify"][..], &["check"][..]] {
            let out = b.cli().args(cmd).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let stdout = String::from_utf8_lossy(&out.stdout);
            let said = format!("{stdout}{stderr}");
            let alarm = stderr.contains("ventanilla: ")
                && (stderr.contains("auditoría alterada") || stderr.contains("más nueva"));
            if out.status.success() || !said.contains(expected) || !alarm {
                missed.push(format!(
                    "{what} / {}: exit {:?}\n  stdout: {stdout}\n  stderr: {stderr}",
                    cmd.join(" "),
                    out.status.code()
                ));
            }
        }
    }
    assert!(missed.is_empty(), "not reported:\n{}", missed.join("\n"));
}
