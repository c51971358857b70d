//! Use cases against fresh databases: setup, users, login back-off, catalogue, audit.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Duration;
use ventanilla::clock::FixedClock;
use ventanilla::desk::{self, Actor, setup::Init, users::NewStaff};
use ventanilla::domain::user::Role;
use ventanilla::error::Error;
use ventanilla::store::Store;

fn fresh() -> (Store, FixedClock) {
    let clock = FixedClock::new(common::monday_morning());
    let mut store = Store::in_memory().unwrap();
    let init = Init {
        branch_name: "Sede Cali Norte",
        branch_code: "CALI",
        admin: NewStaff {
            username: "admin",
            name: "Ana Admin",
            role: Role::Administrador,
            pin: "4321",
        },
    };
    desk::setup::init(
        &mut store,
        &clock,
        &Actor::cli(None),
        &common::config(),
        &init,
    )
    .unwrap();
    (store, clock)
}

fn audit_count(store: &Store) -> usize {
    desk::audit::list(store.conn(), None).unwrap().len()
}

#[test]
fn init_seeds_branch_catalogue_and_admin_once() {
    let (mut store, clock) = fresh();
    let info = desk::setup::branch_info(&store).unwrap().unwrap();
    assert_eq!(
        (info.name.as_str(), info.code.as_str(), info.demo),
        ("Sede Cali Norte", "CALI", false)
    );
    assert_eq!(desk::catalog::services(&store).unwrap().len(), 7);
    assert_eq!(
        desk::catalog::windows(&store).unwrap()[0].services,
        vec!["A", "R", "E"]
    );
    let again = Init {
        branch_name: "Otra",
        branch_code: "OTRA",
        admin: NewStaff {
            username: "otro",
            name: "Otro",
            role: Role::Administrador,
            pin: "1111",
        },
    };
    let err = desk::setup::init(
        &mut store,
        &clock,
        &Actor::cli(None),
        &common::config(),
        &again,
    );
    assert!(
        err.unwrap_err()
            .to_string()
            .contains("ya está inicializada")
    );
}

#[test]
fn init_rejects_empty_branch_name() {
    let clock = FixedClock::new(common::monday_morning());
    let mut store = Store::in_memory().unwrap();
    let init = Init {
        branch_name: "  ",
        branch_code: "CALI",
        admin: NewStaff {
            username: "admin",
            name: "A",
            role: Role::Administrador,
            pin: "1234",
        },
    };
    let err = desk::setup::init(
        &mut store,
        &clock,
        &Actor::cli(None),
        &common::config(),
        &init,
    )
    .unwrap_err();
    assert!(err.to_string().contains("nombre de la sede"), "{err}");
    assert!(
        desk::setup::needs_setup(&store).unwrap(),
        "nothing was written"
    );
}

#[test]
fn each_write_leaves_exactly_one_audit_row() {
    let (mut store, clock) = fresh();
    let cli = Actor::cli(None);
    let before = audit_count(&store);
    let new = NewStaff {
        username: "asesor1",
        name: "Andrés Muñoz",
        role: Role::Asesor,
        pin: "1234",
    };
    desk::users::add(&mut store, &clock, &cli, &common::config(), &new).unwrap();
    assert_eq!(audit_count(&store), before + 1);
    desk::users::set_pin(
        &mut store,
        &clock,
        &cli,
        &common::config(),
        "asesor1",
        "5678",
    )
    .unwrap();
    assert_eq!(audit_count(&store), before + 2);
    desk::catalog::add_service(&mut store, &clock, &cli, "t", "Trámites").unwrap();
    desk::catalog::set_window(&mut store, &clock, &cli, 1, &["T".into(), "A".into()]).unwrap();
    desk::users::disable(&mut store, &clock, &cli, "asesor1").unwrap();
    let log = desk::audit::list(store.conn(), None).unwrap();
    let actions: Vec<&str> = log[before..].iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "user.add",
            "user.pin",
            "service.add",
            "window.set",
            "user.disable"
        ]
    );
    assert!(log.iter().all(|e| e.actor.starts_with("cli:")));
}

#[test]
fn refused_writes_change_nothing() {
    let (mut store, clock) = fresh();
    let cli = Actor::cli(None);
    let before = audit_count(&store);
    let dup = NewStaff {
        username: "admin",
        name: "X",
        role: Role::Asesor,
        pin: "1234",
    };
    assert!(
        desk::users::add(&mut store, &clock, &cli, &common::config(), &dup)
            .unwrap_err()
            .to_string()
            .contains("ya existe")
    );
    let bad_pin = NewStaff {
        username: "nuevo",
        name: "X",
        role: Role::Asesor,
        pin: "12",
    };
    assert!(
        desk::users::add(&mut store, &clock, &cli, &common::config(), &bad_pin)
            .unwrap_err()
            .to_string()
            .contains("4 a 64")
    );
    let bad_window = desk::catalog::set_window(&mut store, &clock, &cli, 1, &["Z".into()]);
    assert!(bad_window.unwrap_err().to_string().contains("«Z»"));
    let last_admin = desk::users::disable(&mut store, &clock, &cli, "admin").unwrap_err();
    assert!(last_admin.to_string().contains("último administrador"));
    assert_eq!(audit_count(&store), before);
}

#[test]
fn an_asesor_acting_through_the_cli_gets_asesor_rights() {
    let (mut store, clock) = fresh();
    let new = NewStaff {
        username: "asesor1",
        name: "A",
        role: Role::Asesor,
        pin: "1234",
    };
    desk::users::add(
        &mut store,
        &clock,
        &Actor::cli(None),
        &common::config(),
        &new,
    )
    .unwrap();
    let asesor = desk::users::active(&store, "asesor1").unwrap();
    let actor = Actor::cli(Some(&asesor));
    let err = desk::catalog::add_service(&mut store, &clock, &actor, "T", "Trámites").unwrap_err();
    assert!(
        matches!(err, Error::Denied { ref message, .. } if message.contains("requiere el rol supervisor")),
        "{err}"
    );
    // but may change their own PIN
    desk::users::set_pin(
        &mut store,
        &clock,
        &actor,
        &common::config(),
        "asesor1",
        "9876",
    )
    .unwrap();
    let last = desk::audit::list(store.conn(), None)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.on_behalf.as_deref(), Some("asesor1"));
}

#[test]
fn login_accepts_the_right_pin_and_delays_after_three_wrong_ones() {
    let (mut store, clock) = fresh();
    assert_eq!(
        desk::users::login(&mut store, &clock, "admin", "4321")
            .unwrap()
            .username,
        "admin"
    );
    for attempt in 1..=2 {
        let err = desk::users::login(&mut store, &clock, "admin", "0000").unwrap_err();
        assert_eq!(
            err.to_string(),
            "usuario o PIN incorrecto",
            "attempt {attempt}"
        );
    }
    let third = desk::users::login(&mut store, &clock, "admin", "0000").unwrap_err();
    assert!(third.to_string().contains("espere 5 s"), "{third}");
    // Even the right PIN waits while the delay runs.
    let blocked = desk::users::login(&mut store, &clock, "admin", "4321").unwrap_err();
    assert!(
        blocked.to_string().contains("demasiados intentos"),
        "{blocked}"
    );
    clock.advance(Duration::seconds(6));
    let fourth = desk::users::login(&mut store, &clock, "admin", "0000").unwrap_err();
    assert!(
        fourth.to_string().contains("espere 10 s"),
        "the delay grows: {fourth}"
    );
    clock.advance(Duration::seconds(11));
    desk::users::login(&mut store, &clock, "admin", "4321").unwrap();
    // success resets the count
    let err = desk::users::login(&mut store, &clock, "admin", "0000").unwrap_err();
    assert_eq!(err.to_string(), "usuario o PIN incorrecto");
    let log = desk::audit::list(store.conn(), None).unwrap();
    let failures = log.iter().filter(|e| e.action == "login.failed").count();
    let blocked = log.iter().filter(|e| e.action == "login.blocked").count();
    assert_eq!((failures, blocked), (5, 1));
}

#[test]
fn unknown_and_disabled_users_cannot_log_in() {
    let (mut store, clock) = fresh();
    let cli = Actor::cli(None);
    let new = NewStaff {
        username: "asesor1",
        name: "A",
        role: Role::Asesor,
        pin: "1234",
    };
    desk::users::add(&mut store, &clock, &cli, &common::config(), &new).unwrap();
    desk::users::disable(&mut store, &clock, &cli, "asesor1").unwrap();
    for user in ["asesor1", "nadie"] {
        let err = desk::users::login(&mut store, &clock, user, "1234").unwrap_err();
        assert_eq!(err.to_string(), "usuario o PIN incorrecto");
    }
}

#[test]
fn pins_are_stored_as_argon2_hashes() {
    let (store, _) = fresh();
    let hash: String = store
        .conn()
        .query_row(
            "SELECT pin_hash FROM users WHERE username = 'admin'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(hash.starts_with("$argon2"), "{hash}");
    assert!(!hash.contains("4321"));
}

#[test]
fn a_hash_weaker_than_the_current_cost_still_verifies_and_is_replaced_at_login() {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let (mut store, clock) = fresh();
    // what an older release could have stored: another argon2 variant, same PIN
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    let params = desk::pins::current_params();
    let old = argon2::Argon2::new(argon2::Algorithm::Argon2i, argon2::Version::V0x13, params)
        .hash_password(b"4321", &salt)
        .unwrap()
        .to_string();
    store
        .conn()
        .execute(
            "UPDATE users SET pin_hash = ?1 WHERE username = 'admin'",
            [&old],
        )
        .unwrap();
    desk::users::login(&mut store, &clock, "admin", "4321").unwrap();
    let now: String = store
        .conn()
        .query_row(
            "SELECT pin_hash FROM users WHERE username = 'admin'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(now.starts_with("$argon2id$"), "{now}");
    assert_eq!(desk::pins::verify("4321", &now), desk::pins::Verdict::Right);
    desk::users::login(&mut store, &clock, "admin", "4321").unwrap();
}
