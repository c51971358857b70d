//! The real kiosk and display binaries in pseudo-terminals on one database: a customer takes a
//! turn at the kiosk, an advisor calls it from the command line, the display shows it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/pty.rs"]
mod pty;

use portable_pty::CommandBuilder;
use pty::PtyApp;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_ventanilla");
const WAIT: Duration = Duration::from_secs(20);

fn mode(dir: &std::path::Path, db: &str, name: &str) -> PtyApp {
    let mut cmd = CommandBuilder::new(BIN);
    cmd.env("VENTANILLA_PIN_COSTE", "pruebas");
    cmd.env("XDG_CONFIG_HOME", dir.join("cfg"));
    cmd.args(["--db", db, name]);
    PtyApp::spawn(cmd, 80, 24)
}

#[test]
fn kiosk_turn_called_elsewhere_appears_on_the_display() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db = db.to_str().unwrap();
    let status = std::process::Command::new(BIN)
        .env("VENTANILLA_PIN_COSTE", "pruebas")
        .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
        .args([
            "--db",
            db,
            "demo",
            "--reset",
            "--no-tui",
            "--customers",
            "100",
        ])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());

    let mut kiosk = mode(dir.path(), db, "kiosk");
    let mut display = mode(dir.path(), db, "display");
    assert!(
        kiosk.wait_text("¿Qué servicio necesita?", WAIT),
        "kiosk:\n{}",
        kiosk.contents()
    );
    assert!(
        display.wait_text("Último llamado", WAIT),
        "display:\n{}",
        display.contents()
    );

    // Window 4 calls P (PQRS) first, and the demo leaves no P turns: the kiosk's turn is next.
    kiosk.send(b"p");
    assert!(
        kiosk.wait_text("Si desea, digite", WAIT),
        "document step:\n{}",
        kiosk.contents()
    );
    kiosk.send(b"\r");
    assert!(kiosk.wait_text("preferencial?", WAIT));
    kiosk.send(b"0");
    assert!(
        kiosk.wait_text("Su turno — PQRS", WAIT),
        "ticket:\n{}",
        kiosk.contents()
    );

    // Window 4 may be mid-attention in the demo: finish what it holds first.
    let busy = std::process::Command::new(BIN)
        .env("VENTANILLA_PIN_COSTE", "pruebas")
        .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
        .args([
            "--db",
            db,
            "turn",
            "list",
            "--status",
            "in_attention",
            "--json",
        ])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&busy.stdout).unwrap();
    for t in list.as_array().unwrap().iter().filter(|t| t["window"] == 4) {
        let label = t["label"].as_str().unwrap();
        let s = std::process::Command::new(BIN)
            .env("VENTANILLA_PIN_COSTE", "pruebas")
            .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
            .args(["--db", db, "turn", "finish", label, "--user", "supervisor"])
            .status()
            .unwrap();
        assert!(s.success());
    }
    let out = std::process::Command::new(BIN)
        .env("VENTANILLA_PIN_COSTE", "pruebas")
        .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
        .args([
            "--db",
            db,
            "turn",
            "next",
            "--window",
            "4",
            "--user",
            "supervisor",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let called: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(called["label"], "P-001");

    assert!(
        display.wait_text("¡NUEVO LLAMADO!", WAIT),
        "display after the call:\n{}",
        display.contents()
    );
    // the big digits are drawn with block characters; the previous-calls list is plain text
    kiosk.send(b"\r");
    assert!(
        kiosk.wait_text("¿Qué servicio necesita?", WAIT),
        "kiosk back to start"
    );
    // the public's Ctrl+C does nothing on the kiosk; staff leave with F10 and their PIN
    kiosk.send(b"\x03");
    kiosk.send(b"\x1b[21~");
    assert!(
        kiosk.wait_text("solo personal de la sede", WAIT),
        "{}",
        kiosk.contents()
    );
    kiosk.send(b"asesor1\r9999\r");
    assert!(kiosk.wait_text("PIN", WAIT));
    assert!(
        kiosk.wait_until(WAIT, |s| s.contents().contains("incorrect")),
        "a wrong PIN keeps the kiosk: {}",
        kiosk.contents()
    );
    assert!(kiosk.child.try_wait().unwrap().is_none(), "still running");
    kiosk.send(b"1234\r");
    let status = kiosk.wait_exit(WAIT).expect("exits with a staff PIN");
    assert!(status.success());
    assert!(
        !kiosk.parser.screen().alternate_screen(),
        "terminal restored"
    );
    display.send(b"\x03");
    let status = display.wait_exit(WAIT).expect("exits on Ctrl-C");
    assert!(status.success());
    assert!(
        !display.parser.screen().alternate_screen(),
        "terminal restored"
    );
}
