//! The real binary from the command line: conventions, exit codes, bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: TempDir::new().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("sede.sqlite3")
    }

    /// The binary with an isolated config/data dir and `--db` pointing into the temp dir.
    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("ventanilla").unwrap();
        cmd.env("VENTANILLA_PIN_COSTE", "pruebas");
        cmd.env("XDG_CONFIG_HOME", self.dir.path().join("cfg"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env_remove("VENTANILLA_DB")
            .env_remove("VENTANILLA_CONFIG")
            .env("USER", "tester")
            .arg("--db")
            .arg(self.db());
        cmd
    }

    fn init(&self) -> &Env {
        self.cmd()
            .args(["init", "--branch", "Sede Cali Norte", "--admin", "admin"])
            .write_stdin("4321\n")
            .assert()
            .success()
            .stdout(predicate::str::contains("CALI"));
        self
    }
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap()
}

#[test]
fn init_then_users_with_json_listing() {
    let env = Env::new();
    env.init();
    env.cmd()
        .args([
            "user",
            "add",
            "asesor1",
            "--name",
            "Andrés Muñoz",
            "--role",
            "asesor",
        ])
        .write_stdin("1234\n")
        .assert()
        .success();
    let out = env.cmd().args(["user", "list", "--json"]).output().unwrap();
    let users = json(&out.stdout);
    assert_eq!(users[1]["username"], "asesor1");
    assert_eq!(users[1]["name"], "Andrés Muñoz");
    assert_eq!(users[1]["role"], "asesor");
    assert!(
        users[1].get("pin_hash").is_none(),
        "the hash never leaves the store"
    );
    // global options also accepted after the subcommand
    let db = env.db();
    Command::cargo_bin("ventanilla")
        .unwrap()
        .env("VENTANILLA_PIN_COSTE", "pruebas")
        .env("XDG_CONFIG_HOME", env.dir.path().join("cfg"))
        .args(["user", "list", "--db"])
        .arg(&db)
        .assert()
        .success()
        .stdout(predicate::str::contains("asesor1"));
}

#[test]
fn database_is_owner_only() {
    let env = Env::new();
    env.init();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.db()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn bad_user_input_gets_clear_messages_and_exit_1() {
    let env = Env::new();
    env.init();
    let cases: [(&[&str], &str, &str); 3] = [
        (
            &["user", "add", "x1y", "--name", "X", "--role", "jefe"],
            "1234\n",
            "rol «jefe» desconocido",
        ),
        (
            &["user", "add", "admin", "--name", "X", "--role", "asesor"],
            "1234\n",
            "ya existe un usuario «admin»",
        ),
        (
            &["user", "add", "nuevo", "--name", "X", "--role", "asesor"],
            "12\n",
            "de 4 a 64 caracteres",
        ),
    ];
    for (args, stdin, message) in cases {
        env.cmd()
            .args(args)
            .write_stdin(stdin)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
    }
    env.cmd()
        .args(["init", "--branch", " ", "--admin", "admin"])
        .write_stdin("1234\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nombre de la sede"));
}

#[test]
fn catalogue_commands_with_on_behalf_audit() {
    let env = Env::new();
    env.init();
    env.cmd()
        .args(["service", "add", "t", "Trámites"])
        .assert()
        .success();
    env.cmd()
        .args(["window", "add", "5", "--services", "T,A"])
        .assert()
        .success();
    env.cmd()
        .args(["window", "set", "5", "--services", "A", "--user", "admin"])
        .assert()
        .success();
    env.cmd()
        .args(["service", "disable", "T"])
        .assert()
        .success();
    env.cmd().args(["service", "disable", "T"]).assert().code(3);
    let services = json(
        &env.cmd()
            .args(["service", "list", "--json"])
            .output()
            .unwrap()
            .stdout,
    );
    let t = services
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "T")
        .unwrap();
    assert_eq!(
        (t["name"].as_str(), t["active"].as_bool()),
        (Some("Trámites"), Some(false))
    );
    let windows = json(
        &env.cmd()
            .args(["window", "list", "--json"])
            .output()
            .unwrap()
            .stdout,
    );
    assert_eq!(windows[4]["number"], 5);
    assert_eq!(windows[4]["services"], serde_json::json!(["A"]));
    let audit = json(
        &env.cmd()
            .args(["audit", "list", "--json"])
            .output()
            .unwrap()
            .stdout,
    );
    let set = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "window.set")
        .unwrap();
    // the account comes from the process credentials, not from $USER (set to "tester")
    let account = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let account = String::from_utf8(account.stdout).unwrap();
    assert_eq!(set["actor"], format!("cli:{}", account.trim()));
    assert_ne!(set["actor"], "cli:tester");
    assert_eq!(set["on_behalf"], "admin");
}

#[test]
fn not_a_database_is_refused_and_left_untouched() {
    let env = Env::new();
    let content = b"tipo_documento,numero\nCC,123\n".repeat(200);
    std::fs::write(env.db(), &content).unwrap();
    env.cmd()
        .args(["user", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no es una base de datos"));
    assert_eq!(std::fs::read(env.db()).unwrap(), content);
}

#[test]
fn newer_database_is_refused_and_left_untouched() {
    let env = Env::new();
    env.init();
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = std::fs::read(env.db()).unwrap();
    env.cmd()
        .args(["user", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("versión más nueva"));
    assert_eq!(std::fs::read(env.db()).unwrap(), before);
}

#[test]
fn missing_database_and_unwritable_location_exit_2() {
    let env = Env::new();
    env.cmd()
        .args(["user", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ventanilla init"));
    let mut cmd = Command::cargo_bin("ventanilla").unwrap();
    cmd.env("VENTANILLA_PIN_COSTE", "pruebas");
    cmd.env("XDG_CONFIG_HOME", env.dir.path().join("cfg"));
    cmd.args([
        "--db",
        "/proc/no-such-dir/sede.sqlite3",
        "init",
        "--branch",
        "X Y",
        "--admin",
        "admin",
    ]);
    cmd.write_stdin("1234\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no se puede crear"));
}

/// A database the running user may read but not write. Root writes through file permissions,
/// so as root the command runs as `nobody` (via util-linux `setpriv`) on a root-owned file.
#[cfg(unix)]
#[test]
fn read_only_database_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.init();
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .unwrap()
        .stdout
        .starts_with(b"0\n");
    let mut cmd = if root {
        std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        cmd.arg(assert_cmd::cargo::cargo_bin("ventanilla"));
        cmd.env("VENTANILLA_PIN_COSTE", "pruebas");
        cmd.env("XDG_CONFIG_HOME", env.dir.path().join("cfg"))
            .arg("--db")
            .arg(env.db());
        cmd
    } else {
        std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o400)).unwrap();
        env.cmd()
    };
    let before = std::fs::read(env.db()).unwrap();
    cmd.args(["service", "add", "T", "Trámites"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("solo lectura"));
    assert_eq!(std::fs::read(env.db()).unwrap(), before);
}

#[test]
fn a_locked_database_gives_a_message_not_a_hang() {
    let env = Env::new();
    env.init();
    let holder = rusqlite::Connection::open(env.db()).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = std::time::Instant::now();
    env.cmd()
        .args(["service", "add", "T", "Trámites"])
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ocupada por otro proceso"));
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    holder.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn invalid_config_names_file_line_and_key() {
    let env = Env::new();
    let file = env.dir.path().join("mala.toml");
    std::fs::write(
        &file,
        "[branch]\nname = \"Cali\"\n\n[session]\nidle_lock = 5\n",
    )
    .unwrap();
    env.cmd()
        .arg("--config")
        .arg(&file)
        .args(["config", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(file.display().to_string()))
        .stderr(predicate::str::contains("línea 5"))
        .stderr(predicate::str::contains("session.idle_lock"));
}

#[test]
fn config_show_reports_sources_and_user_file_overrides() {
    let env = Env::new();
    let user_file = env
        .dir
        .path()
        .join("cfg")
        .join("ventanilla")
        .join("config.toml");
    std::fs::create_dir_all(user_file.parent().unwrap()).unwrap();
    std::fs::write(&user_file, "[session]\nidle_lock_minutes = 3\n").unwrap();
    let out = env
        .cmd()
        .args(["config", "show", "--json"])
        .output()
        .unwrap();
    let shown = json(&out.stdout);
    assert_eq!(shown["config"]["session"]["idle_lock_minutes"], 3);
    assert_eq!(shown["config"]["branch"]["utc_offset"], "-05:00");
    assert_eq!(
        Path::new(shown["applied_file"].as_str().unwrap()),
        user_file
    );
    env.cmd()
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(existe)"));
}

#[test]
fn demo_no_tui_prepares_a_database_and_prints_its_path() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["demo", "--reset", "--no-tui", "--customers", "300"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        env.db().display().to_string()
    );
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 300);
    let users = json(
        &env.cmd()
            .args(["user", "list", "--json"])
            .output()
            .unwrap()
            .stdout,
    );
    let names: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["admin", "asesor1", "asesor2", "asesor3", "supervisor"]
    );
}

#[test]
fn console_without_a_terminal_says_so() {
    let env = Env::new();
    env.init();
    env.cmd()
        .arg("console")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("terminal interactiva"));
}
