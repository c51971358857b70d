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
