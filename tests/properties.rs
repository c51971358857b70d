//! Property tests and fuzzed inputs: documents, customer files and configuration text never
//! panic; random PQRS steps never break the lifecycle's invariants; random key storms into the
//! console, kiosk, supervisor and PQRS workspace at any terminal size never panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use ventanilla::clock::FixedClock;
use ventanilla::desk::{self, Actor, pqrs::Action, pqrs::Filing};
use ventanilla::domain::ids::{self, DocType};
use ventanilla::domain::pqrs::Status;
use ventanilla::store::Store;
use ventanilla::tui::Mode;
use ventanilla::tui::event::Event;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn documents_of_any_text_never_panic(kind in 0usize..8, text in ".{0,40}") {
        let kinds = ["CC", "TI", "RC", "CE", "PA", "PEP", "PPT", "NIT"];
        let k = DocType::parse(kinds[kind]).unwrap();
        if let Ok(p) = ids::parse(k, &text) {
            // what is accepted parses again to itself
            prop_assert_eq!(ids::parse(k, &p.document.number).unwrap().document, p.document);
        }
    }

    #[test]
    fn configuration_text_never_panics(text in "(\\PC|\\n){0,300}") {
        let _ = ventanilla::config::Config::from_override(&text, std::path::Path::new("x.toml"));
    }
}

/// A branch in memory with its administrator and one advisor, nothing else.
fn bare(clock: &FixedClock) -> Store {
    use ventanilla::desk::{setup::Init, users::NewStaff};
    use ventanilla::domain::user::Role;
    let mut store = Store::in_memory().unwrap();
    let cli = Actor::cli(None);
    let staff = |username, role| NewStaff {
        username,
        name: "X",
        role,
        pin: "1234",
    };
    let init = Init {
        branch_name: "Sede",
        branch_code: "SEDE",
        admin: staff("admin", Role::Administrador),
    };
    desk::setup::init(&mut store, clock, &cli, &config(), &init).unwrap();
    desk::users::add(
        &mut store,
        clock,
        &cli,
        &config(),
        &staff("asesor1", Role::Asesor),
    )
    .unwrap();
    store
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn customer_files_of_any_bytes_import_or_report(bytes in proptest::collection::vec(any::<u8>(), 0..600), strict: bool) {
        let clock = FixedClock::new(monday_morning());
        let mut store = bare(&clock);
        let before: i64 = store.conn().query_row("SELECT count(*) FROM customers", [], |r| r.get(0)).unwrap();
        let file = desk::import::File { bytes: &bytes, name: "x.csv", strict, sheet: None };
        match desk::import::import(&mut store, &clock, &Actor::cli(None), &config(), file, |_| {}) {
            Ok(summary) => {
                let after: i64 = store.conn().query_row("SELECT count(*) FROM customers", [], |r| r.get(0)).unwrap();
                prop_assert_eq!(after - before, summary.inserted as i64);
                if strict && summary.rejected > 0 {
                    prop_assert_eq!(after, before, "strict wrote nothing");
                }
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn random_pqrs_steps_keep_the_lifecycle_sound(
        kind in prop::sample::select(vec!["denuncia", "reclamo", "felicitacion"]),
        steps in proptest::collection::vec((0u8..16, 0i64..40), 1..25),
    ) {
        let clock = FixedClock::new(monday_morning());
        let mut store = bare(&clock);
        let cfg = config();
        let admin = Actor::cli(None);
        let filing = Filing {
            kind: "reclamo".parse().unwrap(),
            channel: "web".parse().unwrap(),
            subject: "s".into(),
            description: "d".into(),
            notify_via: "personal".parse().unwrap(),
            ..Filing::default()
        };
        let mut anonymous = filing.clone();
        anonymous.kind = kind.parse().unwrap();
        if kind != "denuncia" {
            // a requester without a customer record
            anonymous.person = Some(desk::pqrs::Person { name: "Ana".into(), contact: "3001234567".into() });
        }
        let p = desk::pqrs::file(&mut store, &clock, &admin, &cfg, &anonymous).unwrap();
        let r = p.radicado.clone();
        let today = |c: &FixedClock| desk::turns::day_of(&cfg, ventanilla::clock::Clock::now(c));
        let mut work_order: Option<i64> = None;
        for (kind, n) in steps {
            clock.advance(chrono::Duration::hours(n % 5 * 24));
            let before = desk::pqrs::show(&store, &cfg, today(&clock), &r).unwrap();
            let action = match kind {
                0 => Action::Assign { area: String::new(), user: Some("asesor1".into()) },
                1 => Action::Start,
                2 => Action::RequestInfo { missing: "copia".into(), on: None },
                3 => Action::Resume { on: None },
                4 => Action::Extend {
                    until: today(&clock) + chrono::Duration::days(n),
                    reason: "visita".into(),
                },
                5 => Action::Draft { answer: if n % 3 == 0 { String::new() } else { "Respuesta de fondo".into() } },
                6 => Action::Approve,
                7 => Action::Notify { via: "personal".parse().unwrap(), evidence: String::new() },
                8 => Action::Close {
                    in_favor: n % 2 == 0,
                    note: if n % 3 == 0 { String::new() } else { "se resolvió".into() },
                },
                9 => Action::Forward { entity: "Otra".into(), told_on: None, late_reason: None },
                10 => Action::Withdraw { reason: "no completó".into() },
                11 => Action::Archive,
                12 => Action::ExtendCompletion { asked_on: None },
                14 => Action::Return {
                    note: if n % 2 == 0 { String::new() } else { "corrija la cita".into() },
                },
                15 => {
                    let saved = desk::pqrs::save_answer(&mut store, &clock, &admin, &r, &format!("texto {n}"));
                    let after = desk::pqrs::show(&store, &cfg, today(&clock), &r).unwrap();
                    prop_assert_eq!(&before.pqrs, &after.pqrs, "a draft changes no status");
                    prop_assert_eq!(saved.is_ok(), after.answers.len() > before.answers.len()
                        || before.answers.last().is_some_and(|a| a.body == format!("texto {n}")));
                    continue;
                }
                _ => {
                    match work_order.take() {
                        None => {
                            if let Ok(w) = desk::pqrs::new_work_order(&mut store, &clock, &admin, &cfg, &r, "Calidad", "revisar") {
                                work_order = Some(w.id);
                            }
                        }
                        Some(id) => {
                            desk::pqrs::close_work_order(&mut store, &clock, &admin, id, "hecho").unwrap();
                        }
                    }
                    continue;
                }
            };
            let result = desk::pqrs::step(&mut store, &clock, &admin, &cfg, &r, action);
            let after = desk::pqrs::show(&store, &cfg, today(&clock), &r).unwrap();
            let status = after.pqrs.status;
            match &result {
                Err(e) => {
                    // a refused step changes nothing
                    prop_assert_eq!(&before.pqrs, &after.pqrs);
                    prop_assert_eq!(before.events.len(), after.events.len());
                    // a lifecycle refusal names a step legal from where the PQRS stands
                    let why = e.to_string();
                    let legal = ventanilla::domain::pqrs::legal_steps(before.pqrs.kind, before.pqrs.status);
                    if why.contains("no se puede pasar a") {
                        prop_assert!(
                            legal.iter().any(|s| why.contains(s.label())) || legal.is_empty(),
                            "{}", why
                        );
                    }
                }
                Ok(_) => prop_assert_eq!(after.events.len(), before.events.len() + 1),
            }
            prop_assert_eq!(status == Status::EsperaInformacion, after.pqrs.paused_on.is_some());
            // nothing reaches cerrada without an approved written answer, a note of what was
            // done at the window, or being a felicitación
            if status == Status::Cerrada && before.pqrs.status != Status::Cerrada {
                let approved = after.pqrs.answer_approved.is_some_and(|v| {
                    after.answers.iter().any(|a| a.version == v && !a.body.trim().is_empty())
                });
                let at_window = before.pqrs.status == Status::Radicada
                    && after.events.last().is_some_and(|e| e.note.contains("se resolvió"));
                prop_assert!(
                    approved || at_window || after.pqrs.kind == "felicitacion".parse().unwrap(),
                    "closed from {:?} without an answer", before.pqrs.status
                );
            }
            if matches!(status, Status::Cerrada | Status::Archivada | Status::Trasladada) {
                prop_assert!(after.work_orders.iter().all(|w| w.status != "abierta"));
            }
            if let (Some(due), Some(max)) = (&after.pqrs.due_date, &after.pqrs.max_extension_on) {
                prop_assert!(due <= max, "due {due} past the legal maximum {max}");
            }
            let extensions = after.events.iter().filter(|e| e.step == "ampliada").count();
            prop_assert!(extensions <= 1);
            let prorrogas = after.events.iter().filter(|e| e.step == "prorroga-completar").count();
            prop_assert!(prorrogas <= 1, "one prórroga of the completion period at most");
        }
    }
}

/// Random keys (letters, digits, arrows, Enter, Esc, Tab, F-keys, Ctrl combinations) into a
/// mode, drawn after each at a random size from 1×1 to 300×100.
fn storm(mode: &mut dyn Mode, keys: &[(u8, u8)], sizes: &[(u16, u16)]) {
    let codes = [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Backspace,
        KeyCode::F(1),
        KeyCode::F(2),
        KeyCode::F(3),
        KeyCode::F(4),
        KeyCode::PageDown,
        KeyCode::Home,
    ];
    for (i, (k, m)) in keys.iter().enumerate() {
        let code = if (*k as usize) < codes.len() {
            codes[*k as usize]
        } else {
            // printable ASCII, never 'q' (which would just quit) nor Ctrl+C
            let c = (b' ' + (k % 94)) as char;
            KeyCode::Char(if c == 'q' { 'n' } else { c })
        };
        let mods = match m % 4 {
            0 | 1 => KeyModifiers::NONE,
            2 => KeyModifiers::SHIFT,
            _ if code == KeyCode::Char('c') => KeyModifiers::NONE,
            _ => KeyModifiers::CONTROL,
        };
        mode.handle(Event::Key(KeyEvent::new(code, mods)));
        if i % 7 == 0 {
            mode.handle(Event::Tick);
        }
        let (w, h) = sizes[i % sizes.len()];
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| mode.render(f)).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn key_storms_never_panic(
        keys in proptest::collection::vec((any::<u8>(), any::<u8>()), 1..120),
        sizes in proptest::collection::vec((1u16..300, 1u16..100), 1..6),
    ) {
        let clock = Arc::new(FixedClock::new(monday_morning()));
        // the console, logged in (the storm starts at the login otherwise)
        let (mut app, _) = demo_app();
        login(&mut app, "asesor1", "1234");
        storm(&mut app, &keys, &sizes);
        let kiosk_store = demo_store(&clock);
        let mut kiosk = ventanilla::tui::kiosk::Kiosk::new(kiosk_store, Box::new(clock.clone()), config()).unwrap();
        storm(&mut kiosk, &keys, &sizes);
        let mut sup = ventanilla::tui::supervisor::Supervisor::new(demo_store(&clock), Box::new(clock.clone()), config());
        for c in "supervisor".chars() {
            sup.handle(key(KeyCode::Char(c)));
        }
        sup.handle(key(KeyCode::Enter));
        for c in "1234".chars() {
            sup.handle(key(KeyCode::Char(c)));
        }
        sup.handle(key(KeyCode::Enter));
        storm(&mut sup, &keys, &sizes);
        // the PQRS workspace as a supervisor, on the first PQRS of the list
        let mut work = ventanilla::tui::pqrs_desk::PqrsDesk::new(demo_store(&clock), Box::new(clock.clone()), config());
        for c in "supervisor\r1234\r\r".chars() {
            work.handle(key(if c == '\r' { KeyCode::Enter } else { KeyCode::Char(c) }));
        }
        storm(&mut work, &keys, &sizes);
    }
}

/// The regime (general or utilities) with the legal calendar.
fn regime_and_calendar(
    utilities: bool,
) -> (
    ventanilla::domain::regime::Regime,
    ventanilla::domain::calendar::Calendar,
) {
    use ventanilla::domain::regime::{Regime, RegimeKind};
    let cfg = config();
    let kind = if utilities {
        RegimeKind::ServiciosPublicos
    } else {
        RegimeKind::General
    };
    (
        Regime::new(kind, &cfg.terms, &cfg.utilities),
        ventanilla::domain::calendar::Calendar::legal(),
    )
}

/// Office hours 08:00–17:00.
fn office_hours() -> ventanilla::domain::deadline::OfficeHours {
    ventanilla::domain::deadline::OfficeHours {
        open: chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        close: chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Under each regime, any filing (any instant 1984–2199, any kind) is deemed filed on a
    /// business day not before its receipt, and is due on a business day not before that;
    /// an extension never ends before the due date.
    #[test]
    fn filings_under_each_regime_fall_due_on_business_days(
        day in 0i64..(216 * 365),
        minute in 0u32..1440,
        k in 0usize..12,
        utilities in any::<bool>(),
    ) {
        let (regime, cal) = regime_and_calendar(utilities);
        let received = chrono::NaiveDate::from_ymd_opt(1984, 1, 1).unwrap()
            .and_hms_opt(minute / 60, minute % 60, 0).unwrap()
            + chrono::Duration::days(day);
        let request = ventanilla::domain::request::Kind::ALL[k];
        let d = ventanilla::domain::pqrs::dates(&cal, office_hours(), &regime, request, received);
        prop_assert!(cal.is_business_day(d.filed_on));
        prop_assert!(d.filed_on >= received.date());
        if let Some(due) = d.due_on {
            prop_assert!(cal.is_business_day(due), "{request:?} due {due}");
            prop_assert!(due > d.filed_on, "{request:?} due {due} filed {}", d.filed_on);
            let max = d.max_extension_on.unwrap();
            prop_assert!(max >= due && cal.is_business_day(max));
        }
    }

    /// A paused PQRS's due date moves by exactly the business days the clock was stopped:
    /// from the filing day, the new due date is the term plus the business days between the
    /// request for information and its completion.
    #[test]
    fn a_paused_due_date_moves_exactly_by_the_paused_business_days(
        day in 0i64..(200 * 365),
        asked_after in 0i64..14,
        waited in 0i64..70,
        k in 0usize..12,
        utilities in any::<bool>(),
    ) {
        use ventanilla::domain::pqrs::{dates, pause, resume};
        let (regime, cal) = regime_and_calendar(utilities);
        let cfg = config();
        let request = ventanilla::domain::request::Kind::ALL[k];
        let received = chrono::NaiveDate::from_ymd_opt(1984, 1, 1).unwrap()
            .and_hms_opt(10, 0, 0).unwrap() + chrono::Duration::days(day);
        let d = dates(&cal, office_hours(), &regime, request, received);
        let Some(due) = d.due_on else { return Ok(()) };
        let asked = d.filed_on + chrono::Duration::days(asked_after);
        let paused = pause(
            &cal,
            &cfg.terms,
            request,
            (d.filed_on, due, d.completion_request_by),
            asked,
        );
        // asked after the day to ask: refused, nothing to check
        let Ok(paused) = paused else {
            prop_assert!(asked > d.completion_request_by);
            return Ok(());
        };
        prop_assume!(asked <= due);
        let completed = asked + chrono::Duration::days(waited);
        let new_due = resume(&cal, paused.remaining, completed);
        prop_assert!(cal.is_business_day(new_due));
        prop_assert_eq!(
            cal.between(d.filed_on, new_due),
            cal.between(d.filed_on, due) + cal.between(asked, completed),
            "filed {} due {} asked {} completed {} new due {}",
            d.filed_on, due, asked, completed, new_due
        );
    }
}
