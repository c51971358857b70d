//! One window, one advisor: the console claims its window at login; a second login there is
//! refused unless a supervisor takes it over (audited); the command line cannot work turns at
//! a window someone else's console holds; quitting frees it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use common::*;
use crossterm::event::KeyCode;
use std::path::Path;
use ventanilla::clock::SystemClock;
use ventanilla::store::Store;
use ventanilla::tui::app::{App, Screen};

fn console(db: &Path, window: u32) -> App {
    let store = Store::open(db).unwrap();
    App::new(store, Box::new(SystemClock), config(), window).unwrap()
}

/// A branch with two windows on a file in its own directory.
fn two_windows() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("sede.sqlite3");
    branch_with_windows(&db, 2);
    (dir, db)
}

fn cli(dir: &Path) -> Command {
    common::cli_in(dir)
}

fn audit_actions(db: &Path) -> Vec<String> {
    let store = Store::open(db).unwrap();
    let mut stmt = store
        .conn()
        .prepare("SELECT action || ' ' || actor || ' ' || detail FROM audit_log ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_claimed_window_refuses_a_second_advisor_and_a_supervisor_takes_it_over() {
    let (dir, db) = two_windows();

    let mut first = console(&db, 1);
    login(&mut first, "asesor1", "1234");
    assert!(matches!(first.screen, Screen::Console(_)));

    // a second advisor on window 1: refused, what was typed stays
    let mut second = console(&db, 1);
    login(&mut second, "asesor2", "1234");
    assert!(matches!(second.screen, Screen::Login(_)), "refused");
    let text = screen_text(&draw(&second, 80, 24));
    assert!(text.contains("abierta en la consola de asesor1"), "{text}");
    assert!(text.contains("asesor2"), "{text}");
    // Enter again does not help an advisor
    second.handle(key(KeyCode::Enter));
    assert!(matches!(second.screen, Screen::Login(_)));

    // the command line cannot call there for someone else
    let out = cli(dir.path())
        .args(["turn", "issue", "--service", "R"])
        .assert()
        .success();
    drop(out);
    let out = cli(dir.path())
        .args(["turn", "next", "--window", "1", "--user", "asesor2"])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("abierta en la consola de asesor1"), "{err}");

    // the administrator is offered the takeover, and takes it with a second Enter
    let mut boss = console(&db, 1);
    login(&mut boss, "admin", "1234");
    let Screen::Login(l) = &boss.screen else {
        panic!("not yet in")
    };
    let offer = format!("{:?}", l.notice);
    assert!(
        offer.contains("abierta en la consola de asesor1"),
        "{offer}"
    );
    assert!(
        offer.contains("Pulse Enter otra vez para tomarla"),
        "{offer}"
    );
    boss.handle(key(KeyCode::Enter));
    assert!(matches!(boss.screen, Screen::Console(_)), "taken over");
    assert!(screen_text(&draw(&boss, 80, 24)).contains("que tenía asesor1"));
    let audit = audit_actions(&db);
    assert!(
        audit
            .iter()
            .any(|a| a.starts_with("window.takeover admin tomada a asesor1")),
        "{audit:?}"
    );

    // the first console can no longer call at the window it lost
    first.handle(key(KeyCode::Char('n')));
    assert!(first.queue.current.is_none());
    assert!(screen_text(&draw(&first, 80, 24)).contains("abierta en la consola de admin"));

    // quitting frees the window: now asesor2 gets in
    boss.handle(key(KeyCode::Char('q')));
    boss.handle(key(KeyCode::Char('s')));
    assert!(boss.should_quit());
    let mut again = console(&db, 1);
    login(&mut again, "asesor2", "1234");
    assert!(
        matches!(again.screen, Screen::Console(_)),
        "window free after quitting"
    );
    // and window 2 was never affected
    let mut other = console(&db, 2);
    login(&mut other, "asesor1", "1234");
    assert!(matches!(other.screen, Screen::Console(_)));
}

/// The map of windows follows what each advisor does: the console's login makes the window
/// available, `advisor state` pauses it with a reason, a call puts it in attention; a window
/// nobody holds is out. The same map is the supervisor's third tab.
#[test]
fn the_map_of_windows_shows_each_advisors_state() {
    use ventanilla::domain::advisor::State;
    let (dir, db) = two_windows();
    let mut advisor = console(&db, 1);
    login(&mut advisor, "asesor1", "1234");
    let map = || {
        let store = Store::open(&db).unwrap();
        let now = chrono::Utc::now();
        ventanilla::desk::window_map::window_map(&store, &config(), now).unwrap()
    };
    let states = |m: &[ventanilla::desk::window_map::WindowState]| {
        m.iter()
            .map(|w| (w.window, w.advisor.clone(), w.state, w.detail.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        states(&map())[..2],
        [
            (1, Some("asesor1".into()), State::Available, String::new()),
            (2, None, State::LoggedOut, String::new())
        ]
    );
    cli(dir.path())
        .args(["advisor", "state", "pausa", "--reason", "ALMUERZO"])
        .args(["--window", "1", "--user", "asesor1"])
        .assert()
        .success()
        .stdout(predicates::str::contains("en pausa (almuerzo)"));
    assert_eq!(states(&map())[0].2, State::Paused);
    assert_eq!(states(&map())[0].3, "almuerzo");
    cli(dir.path())
        .args([
            "advisor", "state", "pausa", "--reason", "siesta", "--user", "asesor1",
        ])
        .assert()
        .failure()
        .stderr(predicates::str::contains("almuerzo, pausa activa"));
    cli(dir.path())
        .args(["advisor", "state", "disponible", "--user", "asesor1"])
        .assert()
        .success();
    cli(dir.path())
        .args(["turn", "issue", "--service", "R"])
        .assert()
        .success();
    cli(dir.path())
        .args(["turn", "next", "--window", "1", "--user", "asesor1"])
        .assert()
        .success();
    let now = states(&map());
    assert_eq!((now[0].2, now[0].3.as_str()), (State::InAttention, "R-001"));
    let out = cli(dir.path()).args(["advisor", "map"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("Ventanilla 1") && text.contains("en atención (R-001)"),
        "{text}"
    );
    assert!(
        text.contains("sin asesor") && text.contains("fuera de línea"),
        "{text}"
    );
}

/// One advisor, one window: an advisor whose console holds a window cannot open another.
#[test]
fn an_advisor_at_one_window_cannot_open_a_second() {
    let (_dir, db) = two_windows();
    let mut first = console(&db, 1);
    login(&mut first, "asesor1", "1234");
    assert!(matches!(first.screen, Screen::Console(_)));
    let mut second = console(&db, 2);
    login(&mut second, "asesor1", "1234");
    assert!(matches!(second.screen, Screen::Login(_)));
    let text = screen_text(&draw(&second, 80, 24));
    assert!(text.contains("ya tiene abierta la ventanilla 1"), "{text}");
}
