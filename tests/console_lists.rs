//! Every list of the console at 80×24: the 15th row, once selected, is drawn with the marker
//! and the highlight, and Enter (or the pane's action) acts on that exact row.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use crossterm::event::KeyCode;
use ratatui::style::Color;
use std::sync::Arc;
use ventanilla::clock::FixedClock;
use ventanilla::desk::{self, Actor};
use ventanilla::store::Store;
use ventanilla::tui::app::{App, Overlay, Screen};

/// A logged-in console on a demo branch of 400 customers, with 6 more anonymous denuncias
/// filed by asesor1 and `extra` more turns waiting for service R.
fn console_with_turns(extra: usize) -> App {
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let mut store = Store::in_memory().unwrap();
    ventanilla::demo::seed(&mut store, clock.as_ref(), &config(), 400, 1).unwrap();
    let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
    for i in 0..6 {
        let filing = desk::pqrs::Filing {
            kind: "denuncia".parse().unwrap(),
            channel: "escrito".parse().unwrap(),
            subject: format!("Denuncia {i}"),
            description: "Sobre la fila".into(),
            notify_via: "personal".parse().unwrap(),
            ..desk::pqrs::Filing::default()
        };
        desk::pqrs::file(&mut store, clock.as_ref(), &asesor, &config(), &filing).unwrap();
    }
    issue_turns(&mut store, &clock, &vec!["R"; extra]);
    let mut app = App::new(store, Box::new(clock), config(), 1).unwrap();
    login(&mut app, "asesor1", "1234");
    assert!(matches!(app.screen, Screen::Console(_)), "login failed");
    app
}

/// The drawn row holding the marker (with the row below it, where a two-row item goes on):
/// its text and the background of the row after the marker.
fn marked_row(app: &App) -> (String, Color) {
    let terminal = draw(app, 80, 24);
    let buf = terminal.backend().buffer();
    let text_at = |x: u16, y: u16| -> String {
        (x..buf.area.width)
            .map(|x| buf[(x, y)].symbol())
            .collect::<String>()
            .split('│')
            .next()
            .unwrap_or("")
            .to_string()
    };
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if buf[(x, y)].symbol() == "▶" && buf[(x, y)].bg == Color::Yellow {
                let below = text_at(x, (y + 1).min(buf.area.height - 1));
                return (format!("{} {below}", text_at(x, y)), buf[(x + 2, y)].bg);
            }
        }
    }
    panic!("no highlighted ▶ row:\n{}", screen_text(&draw(app, 80, 24)));
}

fn down(app: &mut App, times: usize) {
    for _ in 0..times {
        app.handle(key(KeyCode::Down));
    }
}

#[test]
fn turnos_15th_waiting_turn_is_shown_and_called() {
    let mut app = console_with_turns(20);
    assert!(app.queue.parked.len() + app.queue.waiting.len() >= 15);
    down(&mut app, 14);
    let want = app.queue.waiting[14 - app.queue.parked.len()].label.clone();
    let (row, bg) = marked_row(&app);
    assert!(row.contains(&want), "{row:?} should show {want}");
    assert_eq!(bg, Color::Yellow, "the selected row is highlighted");
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("15 de "), "{text}");
    // l calls the chosen turn out of order, with a reason
    app.handle(key(KeyCode::Char('l')));
    app.handle(key(KeyCode::Tab));
    type_text(&mut app, "cita previa");
    app.handle(key(KeyCode::Enter));
    assert_eq!(
        app.queue.current.as_ref().map(|t| t.label.clone()),
        Some(want)
    );
}

#[test]
fn pqrs_15th_row_is_shown_and_opened() {
    let mut app = console_with_turns(0);
    app.handle(key(KeyCode::F(3)));
    if app.pqrs.lines.len() < 15 {
        app.handle(ctrl('t'));
    }
    assert!(app.pqrs.lines.len() >= 15, "{}", app.pqrs.lines.len());
    down(&mut app, 14);
    let want = app.pqrs.lines[14].row.radicado.clone();
    let short = want.rsplit('-').next().unwrap();
    let (row, bg) = marked_row(&app);
    assert!(row.contains(short), "{row:?} should show {want}");
    assert_eq!(bg, Color::Yellow);
    app.handle(key(KeyCode::Enter));
    match &app.overlay {
        Some(Overlay::PqrsDetail(d)) => assert_eq!(d.pqrs.radicado, want),
        _ => panic!("no PQRS opened"),
    }
}

#[test]
fn customer_search_15th_result_is_shown_and_opened() {
    let mut app = console_with_turns(0);
    app.handle(key(KeyCode::F(2)));
    // the demo's names: search a common letter pair until 15 results come
    type_text(&mut app, "ma");
    assert!(
        app.lookup.results.len() >= 15,
        "{}",
        app.lookup.results.len()
    );
    down(&mut app, 14);
    let want = app.lookup.results[14].doc_number.clone();
    let (row, bg) = marked_row(&app);
    // the list masks the number but for its last four digits; the name is whole
    let shown = ventanilla::domain::ids::masked(&want);
    let name = &app.lookup.results[14].names;
    assert!(
        row.contains(&shown) && row.contains(name.as_str()),
        "{row:?} should show {shown}"
    );
    assert!(!row.contains(&want), "{row:?} shows the full number");
    assert_eq!(bg, Color::Yellow);
    app.handle(key(KeyCode::Enter));
    let opened = app
        .lookup
        .card
        .as_ref()
        .map(|c| c.customer.doc_number.clone());
    assert_eq!(opened, Some(want));
}

#[test]
fn capped_search_says_how_many_there_were() {
    let mut app = console_with_turns(0);
    app.handle(key(KeyCode::F(2)));
    type_text(&mut app, "ma");
    let total = app.lookup.total.expect("the demo has more than 20 matches");
    assert!(total > 20);
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("20 primeros de"), "{text}");
}

#[test]
fn lists_do_not_wrap_and_page_keys_move() {
    let mut app = console_with_turns(30);
    app.handle(key(KeyCode::Up));
    assert_eq!(app.turn_sel, 0, "up at the top stays there");
    app.handle(key(KeyCode::PageDown));
    assert_eq!(app.turn_sel, 10);
    app.handle(key(KeyCode::End));
    let last = app.queue.parked.len() + app.queue.waiting.len() - 1;
    assert_eq!(app.turn_sel, last);
    app.handle(key(KeyCode::Down));
    assert_eq!(app.turn_sel, last, "down at the bottom stays there");
    app.handle(key(KeyCode::Home));
    assert_eq!(app.turn_sel, 0);
}

#[test]
fn a_customers_15th_history_event_is_shown_and_its_pqrs_opened() {
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let mut store = demo_store(&clock);
    let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
    let customer = desk::customers::find(&store, "a", 1).unwrap().remove(0);
    let doc = ventanilla::domain::ids::Document {
        kind: ventanilla::domain::ids::DocType::parse(&customer.doc_type).unwrap(),
        number: customer.doc_number.clone(),
    };
    for i in 0..16 {
        let filing = desk::pqrs::Filing {
            kind: "queja".parse().unwrap(),
            channel: "escrito".parse().unwrap(),
            document: Some(doc.clone()),
            subject: format!("Queja {i}"),
            description: "Sobre la fila".into(),
            notify_via: "personal".parse().unwrap(),
            ..desk::pqrs::Filing::default()
        };
        desk::pqrs::file(&mut store, clock.as_ref(), &asesor, &config(), &filing).unwrap();
    }
    let mut app = App::new(store, Box::new(clock), config(), 1).unwrap();
    login(&mut app, "asesor1", "1234");
    app.handle(key(KeyCode::F(2)));
    type_text(&mut app, &customer.doc_number);
    app.handle(key(KeyCode::Enter));
    // the card is open: Esc clears the search text, the history takes the arrows
    let timeline = app.subject().expect("card open").timeline.clone();
    assert!(timeline.len() >= 16, "{}", timeline.len());
    down(&mut app, 14);
    let radicado = timeline[14]
        .summary
        .split(" · ")
        .next()
        .unwrap()
        .to_string();
    let (row, bg) = marked_row(&app);
    assert!(row.contains(&radicado), "{row:?} should show {radicado}");
    assert_eq!(bg, Color::Yellow);
    app.handle(key(KeyCode::Enter));
    match &app.overlay {
        Some(Overlay::PqrsDetail(d)) => assert_eq!(d.pqrs.radicado, radicado),
        other => panic!("no PQRS opened: {other:?}"),
    }
}

#[test]
fn the_15th_call_routed_to_me_is_shown_and_closed() {
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let mut store = demo_store(&clock);
    let mut cfg = config();
    cfg.routing
        .insert("Cuota monetaria".into(), vec!["asesor1".into()]);
    let asesor2 = Actor::staff(&desk::users::active(&store, "asesor2").unwrap());
    for i in 0..16 {
        let caller = format!("Llamante {i:02}");
        let req = desk::attentions::Request {
            channel: ventanilla::domain::attention::Channel::Telefono,
            topic: "Cuota monetaria",
            caller: &caller,
            contact: "3001234567",
            route: true,
            open: true,
            ..Default::default()
        };
        desk::attentions::add(&mut store, clock.as_ref(), &asesor2, &cfg, &req).unwrap();
    }
    let mut app = App::new(store, Box::new(clock), cfg, 1).unwrap();
    login(&mut app, "asesor1", "1234");
    app.handle(key(KeyCode::F(5)));
    assert!(app.calls.open.len() >= 15, "{}", app.calls.open.len());
    down(&mut app, 14);
    let want = app.calls.open[14].clone();
    let (row, bg) = marked_row(&app);
    assert!(
        row.contains(&want.caller),
        "{row:?} should show {}",
        want.caller
    );
    assert_eq!(bg, Color::Yellow);
    app.handle(key(KeyCode::Enter));
    match &app.overlay {
        Some(Overlay::CallForm {
            kind: ventanilla::tui::app::CallFormKind::Close { id, .. },
            ..
        }) => assert_eq!(*id, want.id),
        other => panic!("no close form for the chosen call: {other:?}"),
    }
}
