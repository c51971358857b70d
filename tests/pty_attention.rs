//! The real binary in pseudo-terminals: an advisor's whole visit (call → attention → record →
//! rating → next call) and a second login on the claimed window refused by plain `ventanilla`,
//! which asks for the window.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/pty.rs"]
mod pty;

use portable_pty::CommandBuilder;
use pty::PtyApp;
use std::path::Path;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

fn command(dir: &Path, args: &[&str]) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_ventanilla"));
    cmd.env("XDG_CONFIG_HOME", dir.join("cfg"));
    cmd.env("XDG_DATA_HOME", dir.join("data"));
    cmd.env_remove("VENTANILLA_CONFIG");
    cmd.args(["--db", dir.join("demo.sqlite3").to_str().unwrap()]);
    cmd.args(args);
    cmd
}

#[test]
fn a_visit_in_the_real_console_and_a_second_login_on_its_window_refused() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut advisor = PtyApp::spawn(
        command(dir.path(), &["demo", "--reset", "--customers", "200"]),
        80,
        24,
    );
    assert!(
        advisor.wait_text("PIN 1234", WAIT),
        "{}",
        advisor.contents()
    );
    advisor.send(b"asesor1\r1234\r");
    assert!(
        advisor.wait_text("Bienvenido(a)", WAIT),
        "{}",
        advisor.contents()
    );

    // call: the attention opens (with the turn's customer, or an empty card to look one up)
    advisor.send(b"n");
    assert!(
        advisor.wait_until(WAIT, |s| {
            let c = s.contents();
            c.contains("Atención del turno")
                || c.contains("sin cliente")
                || c.contains("Cliente nuevo")
        }),
        "{}",
        advisor.contents()
    );
    let first = advisor
        .contents()
        .lines()
        .find_map(|l| {
            l.split_once("● ")
                .map(|(_, r)| r.split(' ').next().unwrap().to_string())
        })
        .expect("the called turn");
    advisor.send(b"\x1b"); // closes the new-customer form if the document was unknown
    advisor.send(b"\x1bOP"); // F1
    advisor.send(b"a");
    advisor.send(b"f");
    assert!(
        advisor.wait_text("Registro de la atención", WAIT),
        "{}",
        advisor.contents()
    );
    // the topic and sub-topic from the choices shown, level 2, no opportunity
    let service = first.split('-').next().unwrap();
    let config = ventanilla::config::Config::defaults().unwrap();
    let topic = config
        .attention
        .topics_of(service)
        .next()
        .expect("catalogued");
    let shown = format!("▶ {}", topic.topic);
    assert!(advisor.wait_text(&shown, WAIT), "{}", advisor.contents());
    advisor.send(topic.topic.as_bytes());
    advisor.send(b"\r");
    advisor.send(topic.subtopics[0].as_bytes());
    advisor.send(b"\r2\r\r\r\r");
    assert!(
        advisor.wait_text(&format!("Atención del turno {first} registrada"), WAIT),
        "{}",
        advisor.contents()
    );
    advisor.send(b"5");
    assert!(
        advisor.wait_text("calificación 5 registrada", WAIT),
        "{}",
        advisor.contents()
    );

    // plain `ventanilla` asks for the window; window 1 is held by asesor1's console
    let mut second = PtyApp::spawn(command(dir.path(), &[]), 80, 24);
    assert!(
        second.wait_text("Ventanilla:", WAIT),
        "{}",
        second.contents()
    );
    second.send(b"asesor2\r1234\r1\r");
    assert!(
        second.wait_text("abierta en la consola de asesor1", WAIT),
        "{}",
        second.contents()
    );
    second.send(b"\x03");
    assert!(second.wait_exit(WAIT).is_some_and(|s| s.success()));

    // the next call opens the next attention; the previous one is gone
    advisor.send(b"\x1bOP");
    advisor.send(b"n");
    assert!(
        advisor.wait_until(WAIT, |s| {
            s.contents()
                .lines()
                .any(|l| l.contains("● ") && !l.contains(&format!("● {first} ")))
        }),
        "{}",
        advisor.contents()
    );
    assert!(
        !advisor
            .contents()
            .contains(&format!("Atención del turno {first}:")),
        "{}",
        advisor.contents()
    );
    advisor.send(b"\x1b");
    advisor.send(b"\x1bOP");
    advisor.send(b"q");
    assert!(
        advisor.wait_text("sigue en esta ventanilla", WAIT),
        "{}",
        advisor.contents()
    );
    advisor.send(b"s");
    assert!(advisor.wait_exit(WAIT).is_some_and(|s| s.success()));
}

/// Procedure 2: an operator's phone call routed by topic shows up, while it runs, in the
/// console of the technician it went to (two processes on one database), who closes it there.
#[test]
fn a_routed_call_appears_in_the_technicians_running_console() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut tech = PtyApp::spawn(
        command(
            dir.path(),
            &["demo", "--reset", "--customers", "100", "--window", "2"],
        ),
        100,
        30,
    );
    assert!(tech.wait_text("PIN 1234", WAIT), "{}", tech.contents());
    tech.send(b"asesor2\r1234\r");
    // the console itself, not the login screen (whose title also says "Bienvenido(a)")
    assert!(
        tech.wait_text("F5 Teléfono y chat", WAIT),
        "{}",
        tech.contents()
    );
    tech.send(b"\x1b[15~"); // F5
    assert!(
        tech.wait_text("Enter cerrar derivada", WAIT),
        "{}",
        tech.contents()
    );
    assert!(!tech.contents().contains("Rocío Llamante"));

    // the operator, another process: "proponentes" is routed to asesor2 alone
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ventanilla"))
        .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env_remove("VENTANILLA_CONFIG")
        .args(["--db", dir.path().join("demo.sqlite3").to_str().unwrap()])
        .args(["attention", "add", "--channel", "teléfono", "--topic"])
        .args(["Proponentes", "--route", "--caller", "Rocío Llamante"])
        .args(["--contact", "3205556677", "--user", "asesor3"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("asignada a asesor2"), "{said}");

    // the technician's console re-reads on the other process's write
    assert!(
        tech.wait_text("2 derivadas a usted", WAIT),
        "{}",
        tech.contents()
    );
    // select it (the newest is last) and close it with what was done
    for _ in 0..5 {
        tech.send(b"\x1b[B");
    }
    assert!(
        tech.wait_text("Rocío Llamante", WAIT),
        "{}",
        tech.contents()
    );
    tech.send(b"\r");
    assert!(
        tech.wait_text("Cerrar la atención", WAIT),
        "{}",
        tech.contents()
    );
    tech.send(b"Se le envi\xc3\xb3 el formulario\r");
    assert!(tech.wait_text("cerrada", WAIT), "{}", tech.contents());
    assert!(
        !tech.contents().contains("Rocío Llamante"),
        "{}",
        tech.contents()
    );
    tech.send(b"\x03");
    assert!(tech.wait_text("¿Salir?", WAIT) || tech.wait_exit(WAIT).is_some());
}
