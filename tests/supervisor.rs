//! Supervisor mode on TestBackend (a demo branch with a fixed clock) and in a real
//! pseudo-terminal.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

#[path = "common/pty.rs"]
mod pty;

use common::*;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use portable_pty::CommandBuilder;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::Duration;
use ventanilla::clock::FixedClock;
use ventanilla::tui::Mode;
use ventanilla::tui::supervisor::{Supervisor, Tab};

fn logged_in(user: &str) -> Supervisor {
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let store = demo_store(&clock);
    let mut s = Supervisor::new(store, Box::new(clock), config());
    for c in user.chars() {
        s.handle(key(KeyCode::Char(c)));
    }
    s.handle(key(KeyCode::Enter));
    for c in "1234".chars() {
        s.handle(key(KeyCode::Char(c)));
    }
    s.handle(key(KeyCode::Enter));
    s
}

fn draw(s: &Supervisor, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| s.render(f)).unwrap();
    t
}

#[test]
fn an_advisor_cannot_open_supervisor_mode() {
    let s = logged_in("asesor1");
    assert!(s.user.is_none() && s.login.is_some());
    let text = format!("{:?}", draw(&s, 120, 40).backend());
    assert!(text.contains("requiere el rol supervisor"), "{text}");
}

#[test]
fn live_queue_120x40_and_indicators_200x60() {
    let mut s = logged_in("supervisor");
    assert!(s.user.is_some());
    let live = s.live.as_ref().expect("read at login");
    assert_eq!(live.turns.len(), live.today.totals.issued);
    assert_snapshot!("supervisor_queue_120x40", draw(&s, 120, 40).backend());
    // filter: waiting only
    s.handle(key(KeyCode::Char('f')));
    assert!(s.rows().iter().all(|t| t.status == "waiting"));
    // sorted by wait, longest first
    s.handle(key(KeyCode::Char('o')));
    let waits: Vec<f64> = s.rows().iter().map(|t| t.waited).collect();
    assert!(waits.windows(2).all(|w| w[0] >= w[1]), "{waits:?}");
    s.handle(key(KeyCode::Tab));
    assert_eq!(s.tab, Tab::Indicadores);
    assert_snapshot!("supervisor_indicators_200x60", draw(&s, 200, 60).backend());
    assert_snapshot!("supervisor_indicators_120x40", draw(&s, 120, 40).backend());
}

#[test]
fn supervisor_actions_change_windows_contingency_and_reassign() {
    let mut s = logged_in("supervisor");
    s.handle(key(KeyCode::Char('m')));
    assert!(s.live.as_ref().unwrap().contingency, "contingency on");
    s.handle(key(KeyCode::Char('m')));
    assert!(!s.live.as_ref().unwrap().contingency, "and off");
    s.handle(key(KeyCode::Char('v')));
    for c in "1".chars() {
        s.handle(key(KeyCode::Char(c)));
    }
    s.handle(key(KeyCode::Enter));
    // the services picker: a letter names its service, Space marks it, Enter marks the last
    for c in "E R".chars() {
        s.handle(key(KeyCode::Char(c)));
    }
    s.handle(key(KeyCode::Enter));
    assert!(s.form.is_none(), "saved: {:?}", s.notice);
    let text = format!("{:?}", draw(&s, 120, 40).backend());
    assert!(text.contains("La ventanilla 1 llama ahora E, R."), "{text}");
    // a withdrawn PQRS cannot be reassigned; an open one can
    for (radicado, expected) in [
        (
            "CALI-2026-000001",
            "No se puede pasar a «asignada» una PQRS desistida",
        ),
        (
            "CALI-2026-000020",
            "PQRS CALI-2026-000020 asignada a Jurídica.",
        ),
    ] {
        s.handle(key(KeyCode::Char('p')));
        for c in radicado.chars() {
            s.handle(key(KeyCode::Char(c)));
        }
        s.handle(key(KeyCode::Enter));
        for c in "juridica".chars() {
            s.handle(key(KeyCode::Char(c)));
        }
        s.handle(key(KeyCode::Enter));
        s.handle(key(KeyCode::Enter));
        let text = format!("{:?}", draw(&s, 120, 40).backend());
        assert!(text.contains(expected), "{expected}: {text}");
        // a refused form keeps what was typed: Esc asks before discarding it
        s.handle(key(KeyCode::Esc));
        if s.form.is_some() {
            s.handle(key(KeyCode::Char('s')));
        }
        assert!(s.form.is_none());
    }
}

#[test]
fn supervisor_mode_in_a_real_terminal() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db = db.to_str().unwrap();
    let bin = env!("CARGO_BIN_EXE_ventanilla");
    let status = std::process::Command::new(bin)
        .env("VENTANILLA_PIN_COSTE", "pruebas")
        .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
        .args(["--db", db, "demo", "--no-tui", "--customers", "100"])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut cmd = CommandBuilder::new(bin);
    cmd.env("VENTANILLA_PIN_COSTE", "pruebas");
    cmd.env("XDG_CONFIG_HOME", dir.path().join("cfg"));
    cmd.args(["--db", db, "supervisor"]);
    let mut app = pty::PtyApp::spawn(cmd, 120, 40);
    let wait = Duration::from_secs(20);
    assert!(
        app.wait_text("Ingreso de supervisor", wait),
        "{}",
        app.contents()
    );
    app.send(b"supervisor\r1234\r");
    assert!(app.wait_text("Fila del día ·", wait), "{}", app.contents());
    app.send(b"2");
    assert!(
        app.wait_text("Llegadas por hora", wait),
        "{}",
        app.contents()
    );
    app.send(b"q");
    assert!(app.wait_exit(wait).is_some());
}

#[test]
fn supervisor_at_its_minimum_shows_every_column_header_and_the_footer() {
    let (w, h) = ventanilla::tui::supervisor::MIN;
    let mut s = logged_in("supervisor");
    let queue = format!("{:?}", draw(&s, w, h).backend());
    for header in ventanilla::tui::supervisor::QUEUE_COLUMNS {
        assert!(queue.contains(header), "{header}: {queue}");
    }
    assert!(queue.contains("q salir"), "footer: {queue}");
    assert_snapshot!("supervisor_queue_min", draw(&s, w, h).backend());
    s.handle(key(KeyCode::Tab));
    let shown = format!("{:?}", draw(&s, w, h).backend());
    for header in [
        "Turnos",
        "Atend.",
        "No vino",
        "Canc.",
        "Esp.med",
        "Esp.p90",
        "Aten.med",
        "%Pref",
        "Man.",
        "Satisfacción",
        "Indicadores",
        "PQRS por área",
        "Abiertas",
        "Por vencer",
        "Vencidas",
        "q salir",
    ] {
        assert!(shown.contains(header), "{header}: {shown}");
    }
    assert_snapshot!("supervisor_indicators_min", draw(&s, w, h).backend());
    s.handle(key(KeyCode::Char('3')));
    let map = format!("{:?}", draw(&s, w, h).backend());
    assert!(map.contains("q salir"), "footer: {map}");
    assert_snapshot!("supervisor_windows_min", draw(&s, w, h).backend());
    let below = format!("{:?}", draw(&s, w - 1, h).backend());
    assert!(below.contains("demasiado pequeña"), "{below}");
}

#[test]
fn the_map_of_windows_tab() {
    let mut s = logged_in("supervisor");
    s.handle(key(KeyCode::Char('3')));
    assert_eq!(s.tab, Tab::Ventanillas);
    let terminal = draw(&s, 120, 40);
    let text = format!("{:?}", terminal.backend());
    assert!(
        text.contains("3 Ventanillas") && text.contains("en atención"),
        "{text}"
    );
    assert_snapshot!("supervisor_windows_120x40", terminal.backend());
}

#[test]
fn the_live_queue_keeps_the_selected_row_visible_and_marked_at_its_minimum_size() {
    let mut s = logged_in("supervisor");
    let (w, h) = ventanilla::tui::supervisor::MIN;
    let len = s.rows().len();
    assert!(len > 30, "the demo has a long queue: {len}");
    for _ in 0..14 {
        s.handle(key(KeyCode::Down));
    }
    let label = s.rows()[14].label.clone();
    let text = screen_text(&draw(&s, w, h));
    let marked = text
        .lines()
        .find(|l| l.contains('▶'))
        .unwrap_or_else(|| panic!("a marked row:\n{text}"));
    assert!(marked.contains(&label), "{label} marked:\n{text}");
    assert!(text.contains(&format!("15 de {len}")), "{text}");
    // no silent wrap: Up from the first row stays there, End goes to the last row
    s.handle(key(KeyCode::Home));
    s.handle(key(KeyCode::Up));
    assert_eq!(s.selected, 0);
    s.handle(key(KeyCode::End));
    s.handle(key(KeyCode::Down));
    assert_eq!(s.selected, len - 1);
    let last = s.rows()[len - 1].label.clone();
    let text = screen_text(&draw(&s, w, h));
    assert!(
        text.lines().any(|l| l.contains('▶') && l.contains(&last)),
        "{text}"
    );
    s.handle(key(KeyCode::PageUp));
    assert_eq!(s.selected, len - 1 - 10);
}
