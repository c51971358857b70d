//! The console app driven by keys on ratatui's TestBackend, with a fixed clock. Screens are
//! insta snapshots (reviewed and committed); colours of key cells are asserted directly.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Duration;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use insta::assert_snapshot;
use ratatui::style::Color;
use std::sync::Arc;
use ventanilla::clock::FixedClock;
use ventanilla::store::Store;
use ventanilla::tui::action::Pane;
use ventanilla::tui::app::{App, Overlay, Screen};
use ventanilla::tui::event::Event;

fn logged_in() -> (App, Arc<FixedClock>) {
    let (mut app, clock) = demo_app();
    login(&mut app, "asesor1", "1234");
    assert!(matches!(app.screen, Screen::Console(_)), "login failed");
    (app, clock)
}

#[test]
fn login_screen_shows_demo_hint_80x24() {
    let (app, _) = demo_app();
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn wrong_pin_keeps_user_and_says_why() {
    let (mut app, _) = demo_app();
    login(&mut app, "asesor1", "9999");
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("Usuario: asesor1"), "{text}");
    assert!(text.contains("Usuario o PIN incorrecto"), "{text}");
}

#[test]
fn console_80x24() {
    let (app, _) = logged_in();
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn console_120x40() {
    let (app, _) = logged_in();
    assert_snapshot!(draw(&app, 120, 40).backend());
}

#[test]
fn help_overlay() {
    let (mut app, _) = logged_in();
    app.handle(key(KeyCode::Char('?')));
    assert_snapshot!(draw(&app, 80, 24).backend());
    app.handle(key(KeyCode::Esc));
    assert!(app.overlay.is_none());
}

#[test]
fn too_small_terminal_says_so() {
    let (app, _) = logged_in();
    assert_snapshot!(draw(&app, 60, 15).backend());
    for (w, h) in [(1, 1), (79, 24), (80, 23), (3, 40)] {
        let text = screen_text(&draw(&app, w, h));
        if w >= 20 {
            assert!(text.contains("demasiado pequeña"), "{w}x{h}: {text}");
        }
    }
}

#[test]
fn focus_moves_with_tab_and_f_keys_and_is_drawn_in_colour() {
    let (mut app, _) = logged_in();
    let focus = |app: &App| match &app.screen {
        Screen::Console(c) => c.focus,
        _ => unreachable!(),
    };
    assert_eq!(focus(&app), Pane::Turnos);
    app.handle(key(KeyCode::Tab));
    assert_eq!(focus(&app), Pane::Cliente);
    app.handle(key(KeyCode::BackTab));
    app.handle(key(KeyCode::BackTab));
    assert_eq!(focus(&app), Pane::Calificacion);
    app.handle(key(KeyCode::F(3)));
    assert_eq!(focus(&app), Pane::Pqrs);
    let terminal = draw(&app, 80, 24);
    let buf = terminal.backend().buffer();
    // Radicar PQRS is the bottom-left pane: its top-left corner is cyan, Turnos' is not.
    let pqrs_top = (2..24).find(|y| buf[(0, *y)].symbol() == "┌").unwrap();
    assert_eq!(buf[(0, pqrs_top)].fg, Color::Cyan);
    assert_eq!(buf[(0, 1)].fg, Color::DarkGray);
}

#[test]
fn idle_console_locks_and_keeps_the_screen() {
    let (mut app, clock) = logged_in();
    app.handle(key(KeyCode::F(2)));
    clock.advance(Duration::minutes(9));
    app.handle(ventanilla::tui::event::Event::Tick);
    assert!(app.overlay.is_none(), "not yet");
    clock.advance(Duration::minutes(1));
    app.handle(ventanilla::tui::event::Event::Tick);
    assert!(matches!(app.overlay, Some(Overlay::Locked { .. })));
    assert_snapshot!(draw(&app, 80, 24).backend());
    // keys go to the PIN field, not the console
    type_text(&mut app, "0000");
    app.handle(key(KeyCode::Enter));
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("Usuario o PIN incorrecto"), "{text}");
    type_text(&mut app, "1234");
    app.handle(key(KeyCode::Enter));
    assert!(app.overlay.is_none());
    assert!(matches!(&app.screen, Screen::Console(c) if c.focus == Pane::Cliente));
}

#[test]
fn quit_from_console_asks_first() {
    let (mut app, _) = logged_in();
    app.handle(key(KeyCode::Char('q')));
    assert!(!app.should_quit());
    assert_snapshot!(draw(&app, 80, 24).backend());
    app.handle(key(KeyCode::Char('n')));
    assert!(app.overlay.is_none() && !app.should_quit());
    app.handle(ctrl('c'));
    app.handle(key(KeyCode::Char('s')));
    assert!(app.should_quit());
}

#[test]
fn first_run_setup_validates_each_field_and_keeps_values() {
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let store = Store::in_memory().unwrap();
    let mut app = App::new(store, Box::new(clock.clone()), config(), 1).unwrap();
    assert!(matches!(app.screen, Screen::Setup(_)));
    assert_snapshot!("setup_empty", draw(&app, 80, 24).backend());
    // Tab past branch name and code (prefilled from config), then a bad username.
    app.handle(key(KeyCode::Tab));
    app.handle(key(KeyCode::Tab));
    type_text(&mut app, "Ana");
    app.handle(key(KeyCode::Tab));
    type_text(&mut app, "Ana Gómez");
    app.handle(key(KeyCode::Tab));
    type_text(&mut app, "1234");
    app.handle(key(KeyCode::Tab));
    type_text(&mut app, "1234");
    app.handle(key(KeyCode::Enter));
    let Screen::Setup(s) = &app.screen else {
        panic!("left setup")
    };
    assert_eq!(
        (s.form.focus, s.form.value(2), s.form.value(3)),
        (2, "Ana", "Ana Gómez")
    );
    assert_snapshot!("setup_bad_username", draw(&app, 80, 24).backend());
    // Ctrl-C with typed input asks before quitting.
    app.handle(ctrl('c'));
    assert!(matches!(
        app.overlay,
        Some(Overlay::ConfirmQuit { unsaved: true, .. })
    ));
    app.handle(key(KeyCode::Esc));
    // fix the username: clear it and type a valid one
    for _ in 0..3 {
        app.handle(key(KeyCode::Backspace));
    }
    type_text(&mut app, "ana");
    // Enter walks the remaining fields (name, PIN, PIN again) and submits on the last one.
    for _ in 0..4 {
        app.handle(key(KeyCode::Enter));
    }
    assert!(matches!(app.screen, Screen::Login(_)), "setup saved");
    type_text(&mut app, "1234");
    app.handle(key(KeyCode::Enter));
    assert!(matches!(&app.screen, Screen::Console(c) if c.user.username == "ana"));
}

#[test]
fn queue_pane_calls_attends_and_transfers() {
    let (mut app, _) = logged_in();
    let waiting_before = app.queue.waiting.len();
    let first = app.queue.waiting[0].label.clone();
    app.handle(key(KeyCode::Char('n')));
    let current = app.queue.current.clone().expect("a turn was called");
    assert_eq!(
        current.label, first,
        "the pane lists turns in the order they are called"
    );
    assert_eq!(app.queue.waiting.len(), waiting_before - 1);
    app.handle(key(KeyCode::Char('a')));
    assert_eq!(
        app.queue.current.as_ref().unwrap().status,
        ventanilla::domain::turn::Status::InAttention
    );
    assert_snapshot!("queue_in_attention_100x30", draw(&app, 100, 30).backend());
    app.handle(key(KeyCode::Char('t')));
    type_text(&mut app, "s");
    app.handle(key(KeyCode::Enter));
    app.handle(key(KeyCode::Enter)); // no window: the service's queue
    type_text(&mut app, "trae el certificado médico");
    assert_snapshot!("transfer_form", draw(&app, 80, 24).backend());
    app.handle(key(KeyCode::Enter));
    assert!(app.overlay.is_none(), "form closed after the transfer");
    assert!(app.queue.current.is_none());
    let text = screen_text(&draw(&app, 80, 24));
    assert!(
        text.contains(&format!("Turno {first} trasladado a la fila de S")),
        "{text}"
    );
}

#[test]
fn finishing_hands_over_to_the_rating_pane() {
    let (mut app, _) = logged_in();
    app.handle(key(KeyCode::Char('n')));
    app.handle(key(KeyCode::Char('f')));
    let text = screen_text(&draw(&app, 120, 40));
    assert!(
        text.contains("No se puede finalizar"),
        "finish needs a started attention: {text}"
    );
    app.handle(key(KeyCode::Char('a')));
    app.handle(key(KeyCode::Char('f')));
    assert!(matches!(app.overlay, Some(Overlay::RecordForm { .. })));
    app.handle(key(KeyCode::Esc)); // the record can wait; the rating is asked now
    assert!(matches!(&app.screen, Screen::Console(c) if c.focus == Pane::Calificacion));
    assert!(app.queue.current.is_none());
    let label = app
        .rating
        .awaiting
        .as_ref()
        .expect("asks for the rating")
        .label
        .clone();
    assert_snapshot!("rating_pane_asks", draw(&app, 80, 24).backend());
    app.handle(key(KeyCode::Char('4')));
    assert!(app.rating.awaiting.is_none(), "rated once, no longer asked");
    assert_eq!(app.rating.today.0, 1);
    let text = screen_text(&draw(&app, 80, 24));
    assert!(
        text.contains(&format!("Turno {label}: calificación 4 registrada")),
        "{text}"
    );
    // a second key finds nothing left to rate
    app.handle(key(KeyCode::Char('5')));
    assert_eq!(app.rating.today.0, 1);
}

#[test]
fn the_run_loop_works_on_test_backend() {
    use ratatui::{Terminal, backend::TestBackend};
    use ventanilla::tui::event::Scripted;
    let (mut app, _) = demo_app();
    let mut events = Scripted::default();
    for c in "asesor2"
        .chars()
        .chain(['\n'])
        .chain("1234".chars())
        .chain(['\n'])
    {
        events.0.push_back(if c == '\n' {
            key(KeyCode::Enter)
        } else {
            key(KeyCode::Char(c))
        });
    }
    events
        .0
        .extend([key(KeyCode::Char('q')), key(KeyCode::Char('s'))]);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    ventanilla::tui::run(&mut terminal, &mut app, &mut events).unwrap();
    assert!(app.should_quit());
    assert!(screen_text(&terminal).contains("asesor2"));
}

#[test]
fn lookup_pane_searches_as_you_type_and_opens_the_card() {
    let (mut app, _) = logged_in();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let first = ventanilla::demo::Generator::new(1, today)
        .customers(20)
        .remove(0);
    app.handle(key(KeyCode::F(2)));
    // what an advisor types: the surname without its accents, in lower case
    let surname: String = first
        .surnames
        .split_whitespace()
        .next()
        .unwrap()
        .chars()
        .map(ventanilla::domain::service::fold_accent)
        .collect::<String>()
        .to_lowercase();
    type_text(&mut app, &surname);
    assert!(!app.lookup.results.is_empty(), "search as you type");
    let index = app
        .lookup
        .results
        .iter()
        .position(|c| c.doc_number == first.doc_number)
        .unwrap();
    for _ in 0..index {
        app.handle(key(KeyCode::Down));
    }
    app.handle(key(KeyCode::Enter));
    let card = app.lookup.card.as_ref().expect("card open");
    assert_eq!(card.customer.doc_number, first.doc_number);
    let terminal = draw(&app, 100, 30);
    let text = screen_text(&terminal);
    assert!(
        text.contains(&format!("{} {}", first.names, first.surnames)),
        "{text}"
    );
    // the consent word is coloured by status
    let buf = terminal.backend().buffer();
    let word = card.consent.spanish();
    let (x, y) = (0..30u16)
        .flat_map(|y| (0..100u16).map(move |x| (x, y)))
        .find(|&(x, y)| {
            (0..word.len() as u16).all(|i| {
                x + i < 100 && buf[(x + i, y)].symbol() == &word[i as usize..i as usize + 1]
            })
        })
        .expect("consent status drawn");
    let expected = match card.consent {
        ventanilla::domain::consent::Status::Vigente => Color::Green,
        ventanilla::domain::consent::Status::Falta => Color::Yellow,
        ventanilla::domain::consent::Status::Revocada => Color::Red,
    };
    assert_eq!(buf[(x, y)].fg, expected);
    app.handle(key(KeyCode::Esc));
    assert!(app.lookup.card.is_none() && app.lookup.query.is_empty());
}

#[test]
fn new_customer_form_names_the_bad_field_and_keeps_values() {
    let (mut app, _) = logged_in();
    app.handle(key(KeyCode::F(2)));
    type_text(&mut app, "1.144.052.337");
    assert!(app.lookup.nothing_found);
    app.handle(ctrl('n'));
    // number prefilled from the search; focus on the names
    type_text(&mut app, "José Luis");
    app.handle(key(KeyCode::Enter));
    type_text(&mut app, "Pérez");
    app.handle(key(KeyCode::Enter));
    type_text(&mut app, "31/02/1990");
    for _ in 0..5 {
        app.handle(key(KeyCode::Enter));
    }
    assert_snapshot!("new_customer_bad_date", draw(&app, 80, 24).backend());
    let Some(Overlay::CustomerForm { form, .. }) = &app.overlay else {
        panic!("form closed")
    };
    assert_eq!(
        (form.focus, form.value(2), form.value(4)),
        (4, "José Luis", "31/02/1990")
    );
    for _ in 0..10 {
        app.handle(key(KeyCode::Backspace));
    }
    type_text(&mut app, "1990-05-17");
    for _ in 0..5 {
        app.handle(key(KeyCode::Enter));
    }
    assert!(app.overlay.is_none(), "saved");
    let card = app.lookup.card.as_ref().unwrap();
    assert_eq!(card.customer.doc_number, "1144052337");
    assert_eq!(card.consent, ventanilla::domain::consent::Status::Falta);
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("Ctrl+A"), "offers to capture consent: {text}");
}

#[test]
fn edit_form_refuses_a_bad_email_keeps_values_and_records_history() {
    let (mut app, _) = logged_in();
    register_jose(&mut app, "José Luis");
    assert!(app.overlay.is_none(), "created");
    app.handle(ctrl('e'));
    let Some(Overlay::CustomerForm { form, .. }) = &app.overlay else {
        panic!("edit form not open")
    };
    assert_eq!((form.value(0), form.value(1)), ("José Luis", "Pérez"));
    // to the phone and the e-mail
    for _ in 0..3 {
        app.handle(key(KeyCode::Enter));
    }
    type_text(&mut app, "3001234567");
    app.handle(key(KeyCode::Enter));
    type_text(&mut app, "jose.perez@");
    for _ in 0..4 {
        app.handle(key(KeyCode::Enter));
    }
    assert_snapshot!("edit_customer_bad_email", draw(&app, 80, 24).backend());
    let Some(Overlay::CustomerForm { form, notice, .. }) = &app.overlay else {
        panic!("form closed on an error")
    };
    assert!(notice.is_some());
    assert_eq!(
        (form.focus, form.value(3), form.value(4)),
        (4, "3001234567", "jose.perez@")
    );
    type_text(&mut app, "correo.co");
    for _ in 0..4 {
        app.handle(key(KeyCode::Enter));
    }
    assert!(app.overlay.is_none(), "saved");
    let card = app.lookup.card.as_ref().unwrap();
    assert_eq!(card.customer.phone.as_deref(), Some("3001234567"));
    assert_eq!(card.customer.email.as_deref(), Some("jose.perez@correo.co"));
    let mut fields: Vec<(&str, &str)> = card
        .history
        .iter()
        .map(|c| (c.field.as_str(), c.by.as_str()))
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        [("correo", "asesor1"), ("telefono", "asesor1")],
        "one history row per changed field, with its author"
    );
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("2 datos corregidos"), "{text}");
}

#[test]
fn pqrs_pane_files_with_the_open_customer_and_shows_the_constancia() {
    let (mut app, _) = logged_in();
    let overdue_before = app.pqrs.overdue_mine;
    assert!(
        overdue_before > 0,
        "the demo has overdue PQRS assigned to asesor1"
    );
    let open_before = app.pqrs.lines.len();
    // open a customer first: the form takes their document
    register_jose(&mut app, "José");
    app.handle(key(KeyCode::F(3)));
    app.handle(ctrl('n'));
    let Some(Overlay::PqrsForm { form, .. }) = &app.overlay else {
        panic!("filing form not open")
    };
    assert_eq!(form.value(2), "CC:1144052337");
    // type: a typo first (typing over the picker's chosen value starts a new filter)
    type_text(&mut app, "qeja");
    for _ in 0..3 {
        app.handle(key(KeyCode::Enter));
    }
    type_text(&mut app, "Fila muy larga");
    app.handle(key(KeyCode::Enter));
    type_text(&mut app, "Esperó dos horas.");
    app.handle(Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)));
    type_text(&mut app, "Pide una respuesta escrita.");
    for _ in 0..7 {
        app.handle(key(KeyCode::Enter));
    }
    assert_snapshot!("pqrs_form_bad_type", draw(&app, 80, 24).backend());
    let Some(Overlay::PqrsForm { form, notice }) = &app.overlay else {
        panic!("form closed on an error")
    };
    assert!(notice.is_some());
    assert_eq!(form.focus, 0, "the type is named");
    assert_eq!(
        form.fields[4].all_lines(),
        "Esperó dos horas.\nPide una respuesta escrita."
    );
    for _ in 0..4 {
        app.handle(key(KeyCode::Backspace));
    }
    type_text(&mut app, "queja");
    for _ in 0..11 {
        app.handle(key(KeyCode::Enter));
    }
    assert!(
        matches!(app.overlay, Some(Overlay::PqrsReceipt { .. })),
        "constancia shown: {}",
        screen_text(&draw(&app, 80, 24))
    );
    assert_snapshot!("pqrs_constancia", draw(&app, 80, 24).backend());
    app.handle(key(KeyCode::Esc));
    assert_eq!(app.pqrs.lines.len(), open_before + 1);
    // the new one's history
    let index = app
        .pqrs
        .lines
        .iter()
        .position(|l| l.row.subject == "Fila muy larga")
        .unwrap();
    app.pqrs.selected = index;
    app.handle(key(KeyCode::Enter));
    let Some(Overlay::PqrsDetail(d)) = &app.overlay else {
        panic!("detail not open")
    };
    assert_eq!(
        d.pqrs.description,
        "Esperó dos horas.\nPide una respuesta escrita."
    );
    assert_eq!(d.events[0].step, "radicada");
    // the customer's timeline lists it
    app.handle(key(KeyCode::Esc));
    app.handle(key(KeyCode::F(2)));
    app.handle(key(KeyCode::Esc));
    type_text(&mut app, "1144052337");
    app.handle(key(KeyCode::Enter));
    let card = app.lookup.card.as_ref().unwrap();
    let pqrs = card.timeline.iter().find(|e| e.kind == "PQRS").unwrap();
    assert!(pqrs.summary.contains("Fila muy larga"), "{}", pqrs.summary);
}

#[test]
fn header_counts_my_overdue_pqrs_in_red() {
    let (app, _) = logged_in();
    let n = app.pqrs.overdue_mine;
    let terminal = draw(&app, 120, 40);
    let text = screen_text(&terminal);
    let label = format!("{n} PQRS vencidas");
    let first = text.lines().next().unwrap();
    let x = first.find(&label).expect("overdue count in the header");
    let col = first[..x].chars().count() as u16;
    assert_eq!(terminal.backend().buffer()[(col, 0)].bg, Color::Red);
}

#[test]
fn pqrs_form_files_for_a_person_without_record_and_an_anonymous_denuncia() {
    let (mut app, _) = logged_in();
    let file = |app: &mut App, kind: &str, person: &str| {
        app.handle(key(KeyCode::F(3)));
        app.handle(ctrl('n'));
        // typing over the picker's chosen value starts a new filter
        type_text(app, kind);
        for _ in 0..3 {
            app.handle(key(KeyCode::Enter));
        }
        type_text(app, "Cobro doble");
        app.handle(key(KeyCode::Enter));
        type_text(app, "Le cobraron dos veces la cuota.");
        for _ in 0..6 {
            app.handle(key(KeyCode::Enter));
        }
        type_text(app, person);
        app.handle(key(KeyCode::Enter));
    };
    file(&mut app, "reclamo", "Marta Caicedo; 3201112233");
    let Some(Overlay::PqrsReceipt { lines }) = &app.overlay else {
        panic!("not filed: {:?}", app.overlay)
    };
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Marta Caicedo · 3201112233 (sin registro de cliente)")),
        "{lines:?}"
    );
    app.handle(key(KeyCode::Esc));
    file(&mut app, "denuncia", "");
    let Some(Overlay::PqrsReceipt { lines }) = &app.overlay else {
        panic!("not filed: {:?}", app.overlay)
    };
    assert!(
        lines.iter().any(|l| l == "Peticionario: anónimo"),
        "{lines:?}"
    );
    app.handle(key(KeyCode::Esc));
    // a reclamo with neither: refused at the document, everything typed kept
    file(&mut app, "reclamo", "");
    let Some(Overlay::PqrsForm { form, notice }) = &app.overlay else {
        panic!("form closed")
    };
    assert_eq!(form.focus, 2, "{notice:?}");
    assert_eq!(form.value(3), "Cobro doble");
}
