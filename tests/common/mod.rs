//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod central_pg;
pub mod pqrs_branch;

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

/// The real binary on `dir/sede.sqlite3`, with its own configuration and data folders.
pub fn cli_in(dir: &std::path::Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("ventanilla").unwrap();
    c.env_remove("VENTANILLA_CONFIG")
        .env("XDG_CONFIG_HOME", dir.join("cfg"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .timeout(std::time::Duration::from_secs(30))
        .arg("--db")
        .arg(dir.join("sede.sqlite3"));
    c
}

/// A branch on a file in its own temporary directory (`sede.sqlite3`), set up by
/// [`branch_with_windows`], with the binary isolated from the user's configuration.
pub struct FileBranch {
    pub dir: tempfile::TempDir,
    pub db: std::path::PathBuf,
}

impl FileBranch {
    /// A new branch with `windows` windows and their advisors.
    pub fn new(windows: u32) -> FileBranch {
        let dir = tempfile::TempDir::new().unwrap();
        let db = dir.path().join("sede.sqlite3");
        branch_with_windows(&db, windows);
        FileBranch { dir, db }
    }

    /// A path inside the branch's directory.
    pub fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// The binary with `--db` on this branch.
    pub fn cli(&self) -> assert_cmd::Command {
        self.cli_on(&self.db)
    }

    /// The binary with `--db` on another database file.
    pub fn cli_on(&self, db: &std::path::Path) -> assert_cmd::Command {
        let bin = assert_cmd::cargo::cargo_bin("ventanilla");
        self.isolate(assert_cmd::Command::new(bin), db)
    }

    /// `cmd` with the configuration and data directories inside the branch's directory, no
    /// configuration or restore overrides from the environment, cheap PIN hashing (see
    /// `desk::pins`), a time limit, and `--db db`.
    pub fn isolate(
        &self,
        mut cmd: assert_cmd::Command,
        db: &std::path::Path,
    ) -> assert_cmd::Command {
        cmd.env_remove("VENTANILLA_CONFIG")
            .env_remove("VENTANILLA_RESTAURAR_OTRA_SEDE")
            .env("VENTANILLA_PIN_COSTE", "pruebas")
            .env("XDG_CONFIG_HOME", self.path("cfg"))
            .env("XDG_DATA_HOME", self.path("data"))
            .timeout(std::time::Duration::from_secs(60))
            .arg("--db")
            .arg(db);
        cmd
    }

    /// A plain connection to the file, bypassing the program.
    pub fn raw(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).unwrap()
    }

    /// The program's store on the file.
    pub fn store(&self) -> Store {
        Store::open(&self.db).unwrap()
    }
}

/// Adds a staff member with PIN 1234 (as the command line's administrator).
pub fn add_staff(store: &mut Store, username: &str, role: ventanilla::domain::user::Role) {
    use ventanilla::desk::{self, Actor, users::NewStaff};
    let new = NewStaff {
        username,
        name: username,
        role,
        pin: "1234",
    };
    let clock = ventanilla::clock::SystemClock;
    desk::users::add(store, &clock, &Actor::cli(None), &config(), &new).unwrap();
}

/// The steps that take a data-treatment request from filing to the point of its decision
/// (assigned to asesor1, projected with `draft`, approved, notified electronically): such a
/// request is never closed straight from *radicada*.
pub fn data_request_steps(draft: &str) -> Vec<ventanilla::desk::pqrs::Action> {
    use ventanilla::desk::pqrs::Action;
    vec![
        Action::Assign {
            area: String::new(),
            user: Some("asesor1".into()),
        },
        Action::Start,
        Action::Draft {
            answer: draft.into(),
        },
        Action::Approve,
        Action::Notify {
            via: "electronica".parse().unwrap(),
            evidence: "correo enviado".into(),
        },
    ]
}

/// A written consent for sending information, signed on paper, with `evidence` attached.
pub fn paper_consent<'a>(
    cfg: &Config,
    evidence: &'a std::path::Path,
) -> ventanilla::desk::consents::Record<'a> {
    use ventanilla::domain::consent::{Purpose, Way};
    ventanilla::desk::consents::Record {
        grant: true,
        purpose: Purpose::parse(&cfg.consent.purposes, "envio-informacion").unwrap(),
        channel: Way::parse(&cfg.consent.channels, "formato-fisico").unwrap(),
        policy_version: "2026-01",
        evidence: Some(evidence),
    }
}

/// Today in the organisation's time zone (what the binary calls today), not the machine's.
pub fn branch_today() -> chrono::NaiveDate {
    Utc::now()
        .with_timezone(&config().utc_offset())
        .date_naive()
}

/// Issues one plain turn for each service code in `services`, in order.
pub fn issue_turns(store: &mut Store, clock: &FixedClock, services: &[&str]) {
    for service in services {
        let req = ventanilla::desk::turns::IssueRequest {
            service,
            ..Default::default()
        };
        let actor = ventanilla::desk::Actor::cli(None);
        ventanilla::desk::turns::issue(store, clock, &actor, &config(), &req).unwrap();
    }
}

/// Registers José Pérez (CC 1.144.052.337) from the Cliente pane; his card stays open.
pub fn register_jose(app: &mut App, names: &str) {
    app.handle(key(KeyCode::F(2)));
    type_text(app, "1.144.052.337");
    app.handle(ctrl('n'));
    type_text(app, names);
    app.handle(key(KeyCode::Enter));
    type_text(app, "Pérez");
    for _ in 0..7 {
        app.handle(key(KeyCode::Enter));
    }
}

/// A demo branch of 30 customers in a file in `dir` (so a second connection can act as
/// another process).
pub fn demo_file(dir: &tempfile::TempDir, clock: &FixedClock) -> std::path::PathBuf {
    let path = dir.path().join("sede.sqlite3");
    let (mut store, _) = Store::open_or_create(&path).unwrap();
    ventanilla::demo::seed(&mut store, clock, &config(), 30, 1).unwrap();
    path
}

/// The demo console logged in as asesor1 at window 1.
pub fn advisor_console() -> App {
    let (mut app, _) = demo_app();
    login(&mut app, "asesor1", "1234");
    app
}

/// The rating device of window 1 on the branch file `path`, asking about the turn asesor1
/// just finished there through another connection (its label).
pub fn rate_asking(
    path: &std::path::Path,
    clock: &Arc<FixedClock>,
) -> (ventanilla::tui::rate::Rate, String) {
    use ventanilla::desk::{self, Actor};
    use ventanilla::tui::Mode;
    let mut rate = ventanilla::tui::rate::Rate::new(
        Store::open(path).unwrap(),
        Box::new(clock.clone()),
        config(),
        1,
    )
    .unwrap();
    let mut store = Store::open(path).unwrap();
    issue_turns(&mut store, clock, &["R"]);
    let cfg = config();
    let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
    let t = desk::turns::call_next(&mut store, clock.as_ref(), &asesor, &cfg, 1).unwrap();
    for step in [
        ventanilla::domain::turn::Transition::Start,
        ventanilla::domain::turn::Transition::Finish,
    ] {
        desk::turns::act(&mut store, clock.as_ref(), &asesor, &cfg, &t.label, step).unwrap();
    }
    rate.handle(Event::Tick);
    (rate, t.label)
}

const GENESIS: &str = "ventanilla-audit-v1";

/// Recomputes every seal with the chain's public rule, as an informed attacker would.
pub fn recompute(conn: &rusqlite::Connection) {
    type Row = (i64, String, String, Option<String>, String, String, String);
    let rows: Vec<Row> = conn
        .prepare(
            "SELECT id, at, actor, on_behalf, action, object, detail FROM audit_log ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut prev = GENESIS.to_string();
    for (id, at, actor, on_behalf, action, object, detail) in rows {
        let e = ventanilla::store::audit::NewEntry {
            at: &at,
            actor: &actor,
            on_behalf: on_behalf.as_deref(),
            action: &action,
            object: &object,
            detail: &detail,
        };
        let h = ventanilla::store::audit::digest(&prev, id, &e);
        conn.execute(
            "UPDATE audit_log SET hash = ?2 WHERE id = ?1",
            rusqlite::params![id, h],
        )
        .unwrap();
        prev = h;
    }
}
