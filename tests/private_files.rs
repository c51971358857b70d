//! Every file the program writes that can hold personal data is owner-only (mode 600) under a
//! permissive umask (022), including files that already existed with a wider mode. Each
//! command runs the real binary through `sh -c 'umask 022; exec …'`.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

struct Branch(common::FileBranch);

fn branch() -> Branch {
    Branch(common::FileBranch::new(1))
}

impl std::ops::Deref for Branch {
    type Target = common::FileBranch;
    fn deref(&self) -> &common::FileBranch {
        &self.0
    }
}

impl Branch {
    /// The binary under umask 022, with `--db`.
    fn cli(&self) -> Command {
        self.cli_on(&self.db)
    }

    fn cli_on(&self, db: &Path) -> Command {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg("umask 022; exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_ventanilla"));
        self.0.isolate(c, db)
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// A file that already exists, readable by everyone.
fn wide(path: &Path) {
    std::fs::write(path, "viejo").unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o666)).unwrap();
}

#[test]
fn the_umask_really_is_permissive_in_the_child() {
    // guards the other tests: a file the program does not make private comes out 644
    let b = branch();
    let probe = b.path("probe");
    let out = Command::new("sh")
        .arg("-c")
        .arg("umask 022; touch \"$0\"")
        .arg(&probe)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(mode(&probe), 0o644);
}

#[test]
fn exports_reports_and_import_errors_are_owner_only() {
    let b = branch();
    b.cli()
        .args(["turn", "issue", "--service", "R"])
        .assert()
        .success();
    let today = chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::west_opt(5 * 3600).unwrap())
        .format("%Y-%m-%d")
        .to_string();
    for name in ["clientes.csv", "clientes.xlsx"] {
        wide(&b.path(name));
        b.cli()
            .args(["export", "customers", "--out"])
            .arg(b.path(name))
            .assert()
            .success();
        assert_eq!(mode(&b.path(name)), 0o600, "{name}");
    }
    for name in ["turnos.csv", "turnos.xlsx"] {
        b.cli()
            .args(["export", "turns", "--from", &today, "--to", &today, "--out"])
            .arg(b.path(name))
            .assert()
            .success();
        assert_eq!(mode(&b.path(name)), 0o600, "{name}");
    }
    for (format, name) in [
        ("text", "informe.txt"),
        ("csv", "informe.csv"),
        ("xlsx", "informe.xlsx"),
    ] {
        wide(&b.path(name));
        b.cli()
            .args(["report", "day", &today, "--format", format, "--out"])
            .arg(b.path(name))
            .assert()
            .success();
        assert_eq!(mode(&b.path(name)), 0o600, "{name}");
    }
    let input = b.path("entrada.csv");
    std::fs::write(
        &input,
        "tipo_documento;numero_documento;nombres;apellidos\r\nCC;12X;Ana;Gómez\r\n",
    )
    .unwrap();
    let errors = b.path("errores.csv");
    wide(&errors);
    b.cli()
        .args(["import", "customers"])
        .arg(&input)
        .arg("--errors")
        .arg(&errors)
        .assert()
        .code(1);
    let listed = std::fs::read_to_string(&errors).unwrap();
    assert!(listed.lines().count() >= 2, "{listed}");
    assert_eq!(mode(&errors), 0o600);
}

#[test]
fn printer_captures_backups_and_anchors_are_owner_only() {
    let b = branch();
    let capture = b.path("impresora.bin");
    let config = b.path("ventanilla.toml");
    std::fs::write(
        &config,
        format!("[kiosk]\nprinter = \"file:{}\"\n", capture.display()),
    )
    .unwrap();
    b.cli()
        .arg("--config")
        .arg(&config)
        .args(["customer", "add", "--doc", "CC:52123456"])
        .args(["--names", "Ana", "--surnames", "Ruiz"])
        .assert()
        .success();
    b.cli()
        .arg("--config")
        .arg(&config)
        .args(["ticket", "new", "--type", "queja", "--channel", "web"])
        .args([
            "--doc",
            "CC:52123456",
            "--subject",
            "s",
            "--description",
            "d",
        ])
        .assert()
        .success();
    assert!(std::fs::metadata(&capture).unwrap().len() > 0, "printed");
    assert_eq!(mode(&capture), 0o600);
    b.cli().arg("backup").assert().success();
    let copies: Vec<PathBuf> = std::fs::read_dir(b.path("copias"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 2, "the copy and its side file: {copies:?}");
    for c in &copies {
        assert_eq!(mode(c), 0o600, "{}", c.display());
    }
    assert_eq!(mode(&b.path("sede.sqlite3.anclas")), 0o600);
}

#[test]
fn init_creates_owner_only_files_and_fixes_an_existing_empty_file() {
    let b = branch();
    let fresh = b.path("nueva.sqlite3");
    let empty = b.path("vacia.sqlite3");
    std::fs::write(&empty, "").unwrap();
    std::fs::set_permissions(&empty, std::fs::Permissions::from_mode(0o644)).unwrap();
    for db in [&fresh, &empty] {
        b.cli_on(db)
            .args(["init", "--branch", "Sede Norte", "--admin", "admin"])
            .write_stdin("1234\n")
            .assert()
            .success();
        for suffix in ["", ".anclas", ".lock"] {
            let f = PathBuf::from(format!("{}{suffix}", db.display()));
            assert_eq!(mode(&f), 0o600, "{}", f.display());
        }
    }
}
