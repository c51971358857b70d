//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use ventanilla::clock::FixedClock;
use ventanilla::config::Config;
use ventanilla::store::Store;
use ventanilla::tui::{app::App, event::Event, view};

/// Monday 23 November 2026, 09:30 in Bogotá.
pub fn monday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 14, 30, 0).unwrap()
}

/// The shipped configuration. Also lowers the PIN hashing cost for this test process (the
/// product's strong cost takes a quarter of a second per hash; see `desk::pins`).
pub fn config() -> Config {
    ventanilla::desk::pins::use_test_cost();
    Config::defaults().unwrap()
}

/// An in-memory demo branch (users with PIN 1234, a few customers).
pub fn demo_store(clock: &FixedClock) -> Store {
    let mut store = Store::in_memory().unwrap();
    ventanilla::demo::seed(&mut store, clock, &config(), 20, 1).unwrap();
    store
}

/// A branch on a file with `windows` windows, each with its own asesor (`asesorN`, PIN 1234),
/// serving three services in rotating order.
pub fn branch_with_windows(db: &std::path::Path, windows: u32) {
    use ventanilla::clock::SystemClock;
    use ventanilla::desk::{self, Actor, setup::Init, users::NewStaff};
    use ventanilla::domain::user::Role;
    let (mut store, _) = Store::open_or_create(db).unwrap();
    let cli = Actor::cli(None);
    let admin = NewStaff {
        username: "admin",
        name: "A",
        role: Role::Administrador,
        pin: "1234",
    };
    let init = Init {
        branch_name: "Sede",
        branch_code: "SEDE",
        admin,
    };
    desk::setup::init(&mut store, &SystemClock, &cli, &config(), &init).unwrap();
    for w in 1..=windows {
        let name = format!("asesor{w}");
        let new = NewStaff {
            username: &name,
            name: "Asesor",
            role: Role::Asesor,
            pin: "1234",
        };
        desk::users::add(&mut store, &SystemClock, &cli, &config(), &new).unwrap();
        let services: Vec<String> = match w % 3 {
            0 => vec!["E".into(), "R".into()],
            1 => vec!["R".into(), "A".into()],
            _ => vec!["A".into(), "E".into()],
        };
        if w > 4 {
            desk::catalog::add_window(&mut store, &SystemClock, &cli, w, &services).unwrap();
        } else {
            desk::catalog::set_window(&mut store, &SystemClock, &cli, w, &services).unwrap();
        }
    }
}

/// The console app on a demo branch, with a clock the test can move.
pub fn demo_app() -> (App, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let store = demo_store(&clock);
    let app = App::new(store, Box::new(clock.clone()), config(), 1).unwrap();
    (app, clock)
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Types `text` key by key.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle(key(KeyCode::Char(c)));
    }
}

/// Logs in through the login form.
pub fn login(app: &mut App, user: &str, pin: &str) {
    type_text(app, user);
    app.handle(key(KeyCode::Enter));
    type_text(app, pin);
    app.handle(key(KeyCode::Enter));
}

/// Draws the app at `w`×`h` and returns the terminal (its backend holds the screen).
pub fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view::render(app, f)).unwrap();
    terminal
}

/// The screen as plain text lines.
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
