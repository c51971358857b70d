//! Turn rules through the desk layer and the CLI: recalls, contingency numbering, day change,
//! transfers, preferential order, exit codes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use chrono::Duration;
use predicates::prelude::*;
use ventanilla::clock::{Clock, FixedClock};
use ventanilla::desk::{self, Actor, turns::IssueRequest};
use ventanilla::domain::turn::{Status, Transition};
use ventanilla::store::Store;

struct Branch {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    clock: FixedClock,
}

fn branch() -> Branch {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("sede.sqlite3");
    common::branch_with_windows(&path, 4);
    let store = Store::open(&path).unwrap();
    Branch {
        _dir: dir,
        path,
        store,
        clock: FixedClock::new(common::monday_morning()),
    }
}

impl Branch {
    fn issue(&mut self, service: &str, pref: Option<&str>) -> String {
        let req = IssueRequest {
            service,
            preferential: pref.map(|p| p.parse().unwrap()),
            ..Default::default()
        };
        desk::turns::issue(
            &mut self.store,
            &self.clock,
            &Actor::cli(None),
            &common::config(),
            &req,
        )
        .unwrap()
        .label
    }

    fn asesor(&self, n: u32) -> Actor {
        Actor::staff(&desk::users::active(&self.store, &format!("asesor{n}")).unwrap())
    }

    fn next(&mut self, window: u32) -> ventanilla::error::Result<String> {
        let actor = self.asesor(window);
        desk::turns::call_next(
            &mut self.store,
            &self.clock,
            &actor,
            &common::config(),
            window,
        )
        .map(|t| t.label)
    }
}

#[test]
fn recalls_past_the_limit_become_no_show() {
    let mut b = branch();
    b.issue("R", None);
    let label = b.next(1).unwrap();
    let actor = b.asesor(1);
    for n in 1..=3 {
        let t =
            desk::turns::recall(&mut b.store, &b.clock, &actor, &common::config(), &label).unwrap();
        assert_eq!((t.status, t.recalls), (Status::Called, n));
    }
    let t = desk::turns::recall(&mut b.store, &b.clock, &actor, &common::config(), &label).unwrap();
    assert_eq!(t.status, Status::NoShow);
    assert!(
        b.next(1).unwrap_err().to_string().contains("no hay turnos"),
        "window free again"
    );
}

#[test]
fn a_window_cannot_call_while_busy_and_preferential_goes_first() {
    let mut b = branch();
    let regular = b.issue("R", None);
    let pref = b.issue("R", Some("adulto-mayor"));
    assert_eq!(b.next(1).unwrap(), pref);
    let err = b.next(1).unwrap_err().to_string();
    assert!(err.contains(&format!("tiene el turno {pref}")), "{err}");
    let actor = b.asesor(1);
    for t in [Transition::Start, Transition::Finish] {
        desk::turns::act(&mut b.store, &b.clock, &actor, &common::config(), &pref, t).unwrap();
    }
    assert_eq!(b.next(1).unwrap(), regular);
}

#[test]
fn transfer_keeps_label_issue_time_and_priority() {
    let mut b = branch();
    let label = b.issue("R", Some("gestante"));
    b.clock.advance(Duration::minutes(30));
    b.issue("E", None);
    b.next(1).unwrap();
    let actor = b.asesor(1);
    desk::turns::act(
        &mut b.store,
        &b.clock,
        &actor,
        &common::config(),
        &label,
        Transition::Start,
    )
    .unwrap();
    let moved = desk::turns::transfer(
        &mut b.store,
        &b.clock,
        &actor,
        &common::config(),
        &label,
        &desk::turns::Destination::service("E"),
        "falta firma",
    )
    .unwrap();
    assert_eq!(
        (moved.label.as_str(), moved.service.as_str(), moved.status),
        (label.as_str(), "E", Status::Waiting)
    );
    assert_eq!(moved.preferential.map(|p| p.code()), Some("gestante"));
    assert_eq!(moved.note.as_deref(), Some("falta firma"));
    // window 3 serves E then R: the transferred preferential turn goes before the newer E turn
    assert_eq!(b.next(3).unwrap(), label);
    let day = desk::turns::day_of(&common::config(), b.clock.now());
    let all = desk::turns::list(&b.store, day, Some(Status::Transferred), None).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(
        all[0].issued_at, moved.issued_at,
        "original issue time kept"
    );
}

/// A transfer to a chosen window: only that window calls the turn, and before its own queue;
/// the refusals name the destination's problem.
#[test]
fn transfer_to_a_window_is_called_there_first_and_nowhere_else() {
    let mut b = branch();
    let first = b.issue("R", None);
    b.clock.advance(Duration::minutes(1));
    let second = b.issue("R", None);
    b.clock.advance(Duration::minutes(1));
    let other = b.issue("A", None);
    assert_eq!(b.next(1).unwrap(), first);
    let actor = b.asesor(1);
    let cfg = common::config();
    let to = |w| desk::turns::Destination {
        service: None,
        window: Some(w),
    };
    for (w, refusal) in [
        (1, "ya está en la ventanilla 1"),
        (9, "no existe la ventanilla 9"),
    ] {
        let err = desk::turns::transfer(&mut b.store, &b.clock, &actor, &cfg, &first, &to(w), "")
            .unwrap_err()
            .to_string();
        assert!(err.contains(refusal), "{err}");
    }
    let moved = desk::turns::transfer(
        &mut b.store,
        &b.clock,
        &actor,
        &cfg,
        &first,
        &to(4),
        "firma",
    )
    .unwrap();
    assert_eq!((moved.service.as_str(), moved.for_window), ("R", Some(4)));
    // window 3 serves R too, but the turn is window 4's: it calls the next R turn
    assert_eq!(b.next(3).unwrap(), second);
    let w1 = desk::turns::window_queue(&b.store, &cfg, b.clock.now(), 1).unwrap();
    assert!(
        w1.waiting.iter().all(|t| t.label != first),
        "not in window 1's list"
    );
    let w4 = desk::turns::window_queue(&b.store, &cfg, b.clock.now(), 4).unwrap();
    assert_eq!(w4.waiting[0].label, first, "first in window 4's list");
    // window 4 calls it before the older A turn of its own queue
    assert_eq!(b.next(4).unwrap(), first);
    assert_eq!(b.next(2).unwrap(), other);
}

/// The kiosk's promise: nobody ahead and every window serving the service busy is not
/// "0 min"; turns of queues those windows call first count as people ahead.
#[test]
fn the_wait_estimate_counts_busy_windows_and_queues_called_first() {
    let mut b = branch();
    let issue = |b: &mut Branch, service: &str| {
        let req = IssueRequest {
            service,
            ..Default::default()
        };
        desk::turns::issue(
            &mut b.store,
            &b.clock,
            &Actor::cli(None),
            &common::config(),
            &req,
        )
        .unwrap()
    };
    // windows 1 (R, A), 3 (E, R) and 4 (R, A) serve R: all three busy
    for w in [1, 3, 4] {
        issue(&mut b, "R");
        b.next(w).unwrap();
    }
    let r = issue(&mut b, "R");
    assert_eq!(r.ahead, 0);
    assert!(r.estimated_minutes > 0, "busy windows: {r:?}");
    assert_eq!(
        ventanilla::printer::wait_lines(r.ahead, r.estimated_minutes)[0],
        "Nadie antes que usted; las ventanillas están ocupadas"
    );
    // two E turns wait: window 3 calls E before R, so its share of them goes first
    issue(&mut b, "E");
    issue(&mut b, "E");
    let next_r = issue(&mut b, "R");
    assert!(
        next_r.ahead >= 2,
        "the R ahead and window 3's E turns: {next_r:?}"
    );
    assert!(next_r.estimated_minutes > r.estimated_minutes, "{next_r:?}");
}

#[test]
fn contingency_uses_paper_numbers_and_digital_numbering_resumes_without_collision() {
    let mut b = branch();
    assert_eq!(b.issue("R", None), "R-001");
    let cli = Actor::cli(None);
    let asesor = b.asesor(2);
    let err = desk::turns::set_contingency(&mut b.store, &b.clock, &asesor, true).unwrap_err();
    assert!(err.to_string().contains("requiere el rol supervisor"));
    desk::turns::set_contingency(&mut b.store, &b.clock, &cli, true).unwrap();
    let req = IssueRequest {
        service: "R",
        ..Default::default()
    };
    let refused =
        desk::turns::issue(&mut b.store, &b.clock, &cli, &common::config(), &req).unwrap_err();
    assert!(refused.to_string().contains("ficha de papel"));
    let manual = desk::turns::manual(
        &mut b.store,
        &b.clock,
        &asesor,
        &common::config(),
        2,
        "R",
        2,
    )
    .unwrap();
    assert_eq!(
        (manual.label.as_str(), manual.status, manual.manual),
        ("MR-002", Status::Called, true)
    );
    desk::turns::act(
        &mut b.store,
        &b.clock,
        &asesor,
        &common::config(),
        "MR-002",
        Transition::Start,
    )
    .unwrap();
    desk::turns::act(
        &mut b.store,
        &b.clock,
        &asesor,
        &common::config(),
        "MR-002",
        Transition::Finish,
    )
    .unwrap();
    let dup = desk::turns::manual(
        &mut b.store,
        &b.clock,
        &asesor,
        &common::config(),
        2,
        "R",
        2,
    )
    .unwrap_err();
    assert!(dup.to_string().contains("ya se registró"));
    desk::turns::set_contingency(&mut b.store, &b.clock, &cli, false).unwrap();
    assert_eq!(b.issue("R", None), "R-002", "digital numbering continues");
}

#[test]
fn open_turns_of_a_previous_day_expire_at_the_next_start() {
    let mut b = branch();
    b.issue("R", None);
    b.issue("E", None);
    b.next(1).unwrap();
    b.clock.advance(Duration::days(1));
    let n = desk::turns::expire_previous_days(&mut b.store, &b.clock, &common::config()).unwrap();
    assert_eq!(n, 2);
    assert_eq!(
        desk::turns::expire_previous_days(&mut b.store, &b.clock, &common::config()).unwrap(),
        0
    );
    let log = desk::audit::list(b.store.conn(), None).unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "turn.expire").count(), 2);
    assert_eq!(b.issue("R", None), "R-001", "numbering restarts each day");
}

#[test]
fn cli_turn_commands_and_exit_codes() {
    let b = branch();
    let cmd = || {
        let mut c = Command::cargo_bin("ventanilla").unwrap();
        c.env_remove("VENTANILLA_CONFIG").arg("--db").arg(&b.path);
        c
    };
    cmd()
        .args(["turn", "next", "--window", "1", "--user", "asesor1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("no hay turnos"));
    let out = cmd()
        .args([
            "turn",
            "issue",
            "--service",
            "r",
            "--doc",
            "CC:1.144.052.337",
            "--json",
        ])
        .output()
        .unwrap();
    let issued: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            issued["label"].as_str(),
            issued["service"].as_str(),
            issued["ahead"].as_u64()
        ),
        (Some("R-001"), Some("R"), Some(0))
    );
    assert!(issued["issued_at"].as_str().unwrap().ends_with("-05:00"));
    cmd()
        .args(["turn", "next", "--window", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--user"));
    cmd()
        .args(["turn", "next", "--window", "1", "--user", "asesor1"])
        .assert()
        .success()
        .stdout("R-001\tllamado\tventanilla 1\n");
    cmd()
        .args(["turn", "finish", "R-001", "--user", "asesor1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no se puede finalizar el turno R-001: está llamado",
        ));
    cmd()
        .args(["turn", "issue", "--service", "R", "--preferential", "vip"])
        .assert()
        .code(1);
    let list = cmd().args(["turn", "list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(list[0]["doc_number"], "1144052337");
    assert_eq!(list[0]["status"], "called");
}

/// A parked turn says how long it has been parked, not how long since its attention began.
#[test]
fn a_parked_turn_counts_from_when_it_was_parked() {
    let mut b = branch();
    let label = b.issue("R", None);
    b.next(1).unwrap();
    let actor = b.asesor(1);
    let cfg = common::config();
    desk::turns::act(
        &mut b.store,
        &b.clock,
        &actor,
        &cfg,
        &label,
        Transition::Start,
    )
    .unwrap();
    b.clock.advance(Duration::minutes(17));
    let parked_at = b.clock.now();
    desk::turns::act(
        &mut b.store,
        &b.clock,
        &actor,
        &cfg,
        &label,
        Transition::Park,
    )
    .unwrap();
    let q = desk::turns::window_queue(&b.store, &cfg, b.clock.now(), 1).unwrap();
    assert_eq!(q.parked[0].label, label);
    assert_eq!(q.parked_since[0].1, ventanilla::desk::stamp(parked_at));
}
