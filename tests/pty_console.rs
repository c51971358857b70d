//! The real binary in a pseudo-terminal: demo → login → move focus → help → quit, and the
//! terminal is restored afterwards.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/pty.rs"]
mod pty;

use portable_pty::CommandBuilder;
use pty::PtyApp;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

#[test]
fn demo_login_focus_help_quit_restores_the_terminal() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_ventanilla"));
    cmd.env("VENTANILLA_PIN_COSTE", "pruebas");
    cmd.env("XDG_CONFIG_HOME", dir.path().join("cfg"));
    cmd.env("XDG_DATA_HOME", dir.path().join("data"));
    cmd.args([
        "--db",
        db.to_str().unwrap(),
        "demo",
        "--reset",
        "--customers",
        "200",
    ]);
    let mut app = PtyApp::spawn(cmd, 80, 24);

    assert!(
        app.wait_text("PIN 1234", WAIT),
        "login screen:\n{}",
        app.contents()
    );
    assert!(
        app.parser.screen().alternate_screen(),
        "the TUI uses the alternate screen"
    );
    app.send(b"asesor1\r1234\r");
    assert!(
        app.wait_text("Bienvenido(a)", WAIT),
        "console:\n{}",
        app.contents()
    );
    assert!(app.contents().contains("F1 Turnos"));

    // Focus the Radicar PQRS pane (bottom left) with F3: its border turns cyan.
    app.send(b"\x1bOR");
    let cyan = |s: &vt100::Screen| {
        let corner = (2..24).find(|r| s.cell(*r, 0).is_some_and(|c| c.contents() == "┌"));
        corner.and_then(|r| s.cell(r, 0)).map(|c| c.fgcolor()) == Some(vt100::Color::Idx(6))
    };
    assert!(app.wait_until(WAIT, cyan), "F3 focus:\n{}", app.contents());

    app.send(b"?");
    assert!(
        app.wait_text("Ayuda — teclas", WAIT),
        "help:\n{}",
        app.contents()
    );
    app.send(b"q"); // closes help
    assert!(app.wait_until(WAIT, |s| !s.contents().contains("Ayuda — teclas")));
    app.send(b"q");
    assert!(
        app.wait_text("¿Desea salir", WAIT),
        "quit question:\n{}",
        app.contents()
    );
    app.send(b"s");

    let status = app.wait_exit(WAIT).expect("the program exits");
    assert!(status.success(), "{status:?}");
    let screen = app.parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "cursor shown again");
}
