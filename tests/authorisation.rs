//! Authorisation per object: who may move a turn, work a PQRS and its work orders, close an
//! attention, rate an attention, and close a data-treatment request; every refusal (also of an
//! unknown or disabled `--user`) is in the audit log; the CLI actor comes from the process
//! credentials; a disabled user's console ends at the next tick.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::FileBranch;
use predicates::prelude::*;
use ventanilla::clock::FixedClock;
use ventanilla::config::Config;
use ventanilla::desk::{self, Actor};
use ventanilla::domain::turn::Transition;
use ventanilla::domain::user::Role;
use ventanilla::error::Error;
use ventanilla::store::Store;

struct Desk {
    b: FileBranch,
    store: Store,
    clock: FixedClock,
    cfg: Config,
}

/// Two windows (asesor1 at 1, asesor2 at 2), a supervisor, and one customer.
fn desk() -> Desk {
    let b = FileBranch::new(2);
    let mut store = b.store();
    let clock = FixedClock::new(common::monday_morning());
    let cfg = common::config();
    common::add_staff(&mut store, "supervisora", Role::Supervisor);
    Desk {
        b,
        store,
        clock,
        cfg,
    }
}

impl Desk {
    fn staff(&self, username: &str) -> Actor {
        Actor::staff(&desk::users::active(&self.store, username).unwrap())
    }

    /// A turn for service R called by `username` to `window` and started.
    fn started_turn(&mut self, username: &str, window: u32) -> String {
        let req = desk::turns::IssueRequest {
            service: "R",
            ..Default::default()
        };
        let cli = Actor::cli(None);
        desk::turns::issue(&mut self.store, &self.clock, &cli, &self.cfg, &req).unwrap();
        let me = self.staff(username);
        let (s, c, cfg) = (&mut self.store, &self.clock, &self.cfg);
        let t = desk::turns::call_next(s, c, &me, cfg, window).unwrap();
        desk::turns::act(s, c, &me, cfg, &t.label, Transition::Start).unwrap();
        t.label
    }

    fn act(&mut self, who: &str, label: &str, t: Transition) -> Result<(), Error> {
        let actor = self.staff(who);
        desk::turns::act(&mut self.store, &self.clock, &actor, &self.cfg, label, t).map(|_| ())
    }

    fn denials(&self) -> i64 {
        self.b
            .raw()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'denied'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }
}

/// A refusal of the kind the audit log records, with its Spanish message.
fn denied(result: Result<(), Error>, needle: &str) {
    match result {
        Err(e @ Error::Denied { .. }) => assert!(e.to_string().contains(needle), "{e}"),
        other => panic!("expected a denial containing «{needle}», got {other:?}"),
    }
}

#[test]
fn a_turn_is_moved_only_by_the_advisor_of_its_window_or_a_supervisor() {
    let mut d = desk();
    let label = d.started_turn("asesor1", 1);
    for t in [Transition::Finish, Transition::Park, Transition::Cancel] {
        denied(
            d.act("asesor2", &label, t),
            "lo atiende asesor1 en la ventanilla 1",
        );
    }
    let asesor2 = d.staff("asesor2");
    let (s, c, cfg) = (&mut d.store, &d.clock, &d.cfg);
    let transfer = desk::turns::transfer(
        s,
        c,
        &asesor2,
        cfg,
        &label,
        &desk::turns::Destination::service("A"),
        "",
    );
    denied(transfer.map(|_| ()), "solo esa persona o un supervisor");
    d.act("asesor1", &label, Transition::Park).unwrap();
    d.act("supervisora", &label, Transition::Resume).unwrap();
    d.act("asesor1", &label, Transition::Finish).unwrap();

    // a waiting turn is at no window yet: only a supervisor cancels it
    let req = desk::turns::IssueRequest {
        service: "R",
        ..Default::default()
    };
    let cli = Actor::cli(None);
    let waiting = desk::turns::issue(&mut d.store, &d.clock, &cli, &d.cfg, &req).unwrap();
    denied(
        d.act("asesor1", &waiting.label, Transition::Cancel),
        "todavía no está en ninguna ventanilla",
    );
    d.act("supervisora", &waiting.label, Transition::Cancel)
        .unwrap();
}

#[test]
fn refusals_in_the_desk_reach_the_audit_log_through_the_cli() {
    let d = desk();
    d.b.cli()
        .args(["turn", "issue", "--service", "R"])
        .assert()
        .success();
    let out =
        d.b.cli()
            .args([
                "turn", "next", "--window", "1", "--user", "asesor1", "--json",
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
    let label = serde_json::from_slice::<serde_json::Value>(&out).unwrap()["label"]
        .as_str()
        .unwrap()
        .to_string();
    let before = d.denials();
    d.b.cli()
        .args(["turn", "start", &label, "--user", "asesor2"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("lo atiende asesor1"));
    assert_eq!(d.denials(), before + 1);
    let object: String =
        d.b.raw()
            .query_row(
                "SELECT object FROM audit_log WHERE action = 'denied' ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert!(object.ends_with(&label), "{object}");
}

fn filing(description: &str) -> desk::pqrs::Filing {
    desk::pqrs::Filing {
        kind: "queja".parse().unwrap(),
        channel: "escrito".parse().unwrap(),
        subject: "Fila".into(),
        description: description.into(),
        notify_via: "personal".parse().unwrap(),
        document: None,
        ..desk::pqrs::Filing::default()
    }
}

#[test]
fn work_orders_follow_their_pqrs_owner() {
    let mut d = desk();
    let mut f = filing("Denuncia anónima sobre la fila");
    f.kind = "denuncia".parse().unwrap();
    let a1 = d.staff("asesor1");
    let (s, c, cfg) = (&mut d.store, &d.clock, &d.cfg);
    let p = desk::pqrs::file(s, c, &a1, cfg, &f).unwrap();
    let assign = desk::pqrs::Action::Assign {
        area: String::new(),
        user: Some("asesor1".into()),
    };
    desk::pqrs::step(s, c, &a1, cfg, &p.radicado, assign).unwrap();
    let area = cfg.pqrs.areas[0].clone();
    let a2 = d.staff("asesor2");
    let (s, c, cfg) = (&mut d.store, &d.clock, &d.cfg);
    let other = desk::pqrs::new_work_order(s, c, &a2, cfg, &p.radicado, &area, "Revisar");
    denied(other.map(|_| ()), "asignada a asesor1");
    let w = desk::pqrs::new_work_order(s, c, &a1, cfg, &p.radicado, &area, "Revisar").unwrap();
    let close = desk::pqrs::close_work_order(s, c, &a2, w.id, "Hecho");
    denied(close.map(|_| ()), "asignada a asesor1");
    let sup = d.staff("supervisora");
    desk::pqrs::close_work_order(&mut d.store, &d.clock, &sup, w.id, "Hecho").unwrap();
}

#[test]
fn an_attention_is_closed_by_its_assignee_or_a_supervisor() {
    let mut d = desk();
    let a1 = d.staff("asesor1");
    let req = desk::attentions::Request {
        channel: ventanilla::domain::attention::Channel::Correo,
        topic: "Certificado",
        level: ventanilla::domain::attention::Level::Basica,
        open: true,
        ..Default::default()
    };
    let (s, c, cfg) = (&mut d.store, &d.clock, &d.cfg);
    let a = desk::attentions::add(s, c, &a1, cfg, &req).unwrap();
    let a2 = d.staff("asesor2");
    let other = desk::attentions::close(&mut d.store, &d.clock, &a2, a.id, "");
    denied(other, "es de asesor1");
    desk::attentions::close(&mut d.store, &d.clock, &a1, a.id, "").unwrap();
}

#[test]
fn a_rating_comes_from_the_window_device_or_the_advisor_who_attended() {
    use desk::ratings::Target;
    let mut d = desk();
    let label = d.started_turn("asesor1", 1);
    d.act("asesor1", &label, Transition::Finish).unwrap();
    let target = Target::Turn(label.clone());
    let device = |w: u32| Actor {
        principal: format!("rate:{w}"),
        on_behalf: None,
        role: Role::Asesor,
    };
    for who in [d.staff("asesor2"), d.staff("supervisora"), device(2)] {
        let (s, c, cfg) = (&mut d.store, &d.clock, &d.cfg);
        let r = desk::ratings::rate(s, c, &who, cfg, &target, Some(1), "");
        denied(r.map(|_| ()), "calificador de la ventanilla 1 o asesor1");
    }
    let (s, c, cfg) = (&mut d.store, &d.clock, &d.cfg);
    desk::ratings::rate(s, c, &device(1), cfg, &target, Some(5), "").unwrap();

    let label = d.started_turn("asesor1", 1);
    d.act("asesor1", &label, Transition::Finish).unwrap();
    let a1 = d.staff("asesor1");
    let target = Target::Turn(label);
    let (s, c, cfg) = (&mut d.store, &d.clock, &d.cfg);
    desk::ratings::rate(s, c, &a1, cfg, &target, Some(4), "").unwrap();
}

#[test]
fn a_data_request_is_not_closed_straight_from_radicada() {
    let mut d = desk();
    let cli = Actor::cli(None);
    let input = ventanilla::domain::customer::Input {
        doc_type: "CC".into(),
        doc_number: "52123456".into(),
        names: "Ximena".into(),
        surnames: "Quiñónez".into(),
        affiliation: "no afiliado".into(),
        ..Default::default()
    };
    let (s, c, cfg) = (&mut d.store, &d.clock, &d.cfg);
    desk::customers::add(s, c, &cli, cfg, &input).unwrap();
    let mut f = filing("Pide suprimir sus datos");
    f.kind = "habeas-reclamo".parse().unwrap();
    f.document = Some(
        ventanilla::domain::ids::parse(ventanilla::domain::ids::DocType::CC, "52123456")
            .unwrap()
            .document,
    );
    f.data_request = Some("supresion".parse().unwrap());
    let p = desk::pqrs::file(s, c, &cli, cfg, &f).unwrap();
    for in_favor in [false, true] {
        let close = desk::pqrs::Action::Close {
            in_favor,
            note: String::new(),
        };
        let (s, c, cfg) = (&mut d.store, &d.clock, &d.cfg);
        // not even the administrator skips projection and approval
        let r = desk::pqrs::step(s, c, &cli, cfg, &p.radicado, close);
        denied(r.map(|_| ()), "proyecte la respuesta");
    }
}

#[test]
fn unknown_disabled_and_pin_like_users_are_refused_and_audited_masked() {
    let d = desk();
    d.b.cli()
        .args(["user", "disable", "asesor2"])
        .assert()
        .success();
    let cases = [
        ("nadie", "no existe el usuario «nadie»"),
        ("asesor2", "está desactivado"),
        ("4321", "no existe el usuario «(no válido, 4 caracteres)»"),
    ];
    for (user, message) in cases {
        d.b.cli()
            .args(["turn", "next", "--window", "1", "--user", user])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
    }
    let raw = d.b.raw();
    let mut stmt = raw
        .prepare("SELECT actor, on_behalf, detail FROM audit_log WHERE action = 'denied'")
        .unwrap();
    let rows: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    let account = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let account = format!("cli:{}", String::from_utf8(account.stdout).unwrap().trim());
    assert!(rows.iter().all(|(actor, ..)| *actor == account), "{rows:?}");
    assert_eq!(rows[0].1, "nadie");
    assert_eq!(rows[1].1, "asesor2");
    let everything: String = raw
        .query_row(
            "SELECT group_concat(actor || coalesce(on_behalf, '') || object || detail, '|') \
             FROM audit_log",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!everything.contains("4321"), "a PIN-like name is masked");
}

#[test]
fn a_pin_typed_as_the_username_at_the_console_is_not_logged() {
    let d = desk();
    let mut store = d.b.store();
    let r = desk::users::login(&mut store, &d.clock, "7395", "7395");
    assert!(r.is_err());
    let everything: String =
        d.b.raw()
            .query_row(
                "SELECT group_concat(actor || object || detail, '|') FROM audit_log \
                 WHERE action LIKE 'login%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert!(everything.contains("no válido"), "{everything}");
    assert!(!everything.contains("7395"), "{everything}");
}

#[test]
fn a_disabled_users_console_ends_at_the_next_tick() {
    use ventanilla::tui::app::{App, Screen};
    let d = desk();
    let clock = std::sync::Arc::new(FixedClock::new(common::monday_morning()));
    let mut app = App::new(d.b.store(), Box::new(clock.clone()), common::config(), 1).unwrap();
    common::login(&mut app, "asesor1", "1234");
    assert!(matches!(app.screen, Screen::Console(_)));
    app.handle(ventanilla::tui::event::Event::Tick);
    assert!(
        matches!(app.screen, Screen::Console(_)),
        "active: carries on"
    );

    // an administrator disables asesor1 from another process
    d.b.cli()
        .args(["user", "disable", "asesor1"])
        .assert()
        .success();
    app.handle(ventanilla::tui::event::Event::Tick);
    let Screen::Login(login) = &app.screen else {
        panic!("the console is still open");
    };
    let notice = format!("{:?}", login.notice);
    assert!(notice.contains("fue desactivado"), "{notice}");
    let screen = common::screen_text(&common::draw(&app, 80, 24));
    assert!(screen.contains("desactivado"), "{screen}");
    let ended: i64 =
        d.b.raw()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'session.end' \
                 AND object = 'user:asesor1'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(ended, 1);
}

#[test]
fn a_disabled_supervisors_mode_ends_at_the_next_tick() {
    use ventanilla::tui::Mode;
    use ventanilla::tui::event::Event;
    use ventanilla::tui::supervisor::Supervisor;
    let d = desk();
    let clock = FixedClock::new(common::monday_morning());
    let mut s = Supervisor::new(d.b.store(), Box::new(clock), common::config());
    common::add_staff(&mut d.b.store(), "jefa", Role::Supervisor);
    for text in ["jefa", "1234"] {
        for c in text.chars() {
            s.handle(common::key(crossterm::event::KeyCode::Char(c)));
        }
        s.handle(common::key(crossterm::event::KeyCode::Enter));
    }
    assert!(s.user.is_some(), "logged in");
    d.b.cli()
        .args(["user", "disable", "jefa"])
        .assert()
        .success();
    s.handle(Event::Tick);
    assert!(s.user.is_none() && s.login.is_some(), "back at the login");
    let notice = format!("{:?}", s.notice);
    assert!(notice.contains("fue desactivado"), "{notice}");
}
