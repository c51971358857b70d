//! The attention as the unit of the console: the turn's customer opens with the call, every
//! action about a person is bound to it, and nothing of it survives the attention or shows
//! behind the lock.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use ventanilla::tui::app::{App, Overlay, Screen};

fn logged_in() -> App {
    let (mut app, _) = demo_app();
    login(&mut app, "asesor1", "1234");
    assert!(matches!(app.screen, Screen::Console(_)), "login failed");
    app
}

/// The full name of the attention's customer (the turn must carry a registered document).
fn bound_name(app: &App) -> String {
    let a = app.attention.as_ref().expect("an attention is open");
    let c = &a
        .customer
        .as_ref()
        .expect("the turn's customer opened")
        .customer;
    format!("{} {}", c.names, c.surnames)
}

#[test]
fn calling_opens_the_turns_customer_and_the_lock_hides_everything_of_it() {
    let mut app = logged_in();
    app.handle(key(KeyCode::Char('n')));
    let turn = app.queue.current.clone().expect("called");
    let name = bound_name(&app);
    let doc = turn
        .doc_number
        .clone()
        .expect("the demo turn carries a document");
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains(&name), "card opened: {text}");
    assert!(
        text.contains(&format!("Atención del turno {}", turn.label)),
        "{text}"
    );

    app.handle(ctrl('l'));
    let terminal = draw(&app, 80, 24);
    let text = screen_text(&terminal);
    for secret in [
        name.as_str(),
        doc.as_str(),
        turn.label.as_str(),
        "En espera",
        "PQRS",
    ] {
        assert!(
            !text.contains(secret),
            "«{secret}» readable behind the lock:\n{text}"
        );
    }
    for shown in ["Ventanilla 1", "asesor1", "PIN", "Sede Demostración Cali"] {
        assert!(text.contains(shown), "lock shows «{shown}»:\n{text}");
    }
    assert_snapshot!("lock_hides_the_customer_80x24", terminal.backend());
    type_text(&mut app, "1234");
    app.handle(key(KeyCode::Enter));
    assert!(
        screen_text(&draw(&app, 80, 24)).contains(&name),
        "back after the PIN"
    );
}

#[test]
fn the_lock_keeps_an_open_form_and_what_was_typed() {
    let mut app = logged_in();
    app.handle(key(KeyCode::Char('n')));
    app.handle(key(KeyCode::F(2)));
    app.handle(ctrl('a'));
    type_text(&mut app, "x");
    app.handle(ctrl('l'));
    type_text(&mut app, "1234");
    app.handle(key(KeyCode::Enter));
    match &app.overlay {
        Some(Overlay::CustomerForm { form, .. }) => assert!(form.value(0).ends_with('x')),
        other => panic!("the consent form is back: {other:?}"),
    }
}

#[test]
fn cancel_and_no_show_ask_first_and_clear_the_card() {
    let mut app = logged_in();
    app.handle(key(KeyCode::Char('n')));
    let name = bound_name(&app);
    app.handle(key(KeyCode::Char('c')));
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    assert!(screen_text(&draw(&app, 80, 24)).contains("¿Cancelar el turno"));
    app.handle(key(KeyCode::Char('n')));
    assert!(
        app.overlay.is_none() && app.queue.current.is_some(),
        "no: nothing happened"
    );
    app.handle(key(KeyCode::Char('x')));
    assert!(screen_text(&draw(&app, 80, 24)).contains("no presentado?"));
    app.handle(key(KeyCode::Esc));
    assert!(app.queue.current.is_some(), "Esc: nothing happened");
    app.handle(key(KeyCode::Char('c')));
    app.handle(key(KeyCode::Char('s')));
    assert!(app.queue.current.is_none(), "cancelled after yes");
    assert!(app.attention.is_none() && app.subject().is_none());
    let text = screen_text(&draw(&app, 120, 40));
    assert!(
        !text.contains(&name),
        "the cancelled customer is gone: {text}"
    );
}

#[test]
fn opening_another_customer_mid_attention_is_an_explicit_step() {
    let mut app = logged_in();
    app.handle(key(KeyCode::Char('n')));
    let first = bound_name(&app);
    app.handle(key(KeyCode::F(2)));
    // search another demo customer by a name prefix and open the first result
    let turn_doc = app.queue.current.as_ref().unwrap().doc_number.clone();
    let other = {
        let mut probe = logged_in();
        probe.handle(key(KeyCode::F(2)));
        type_text(&mut probe, "ma");
        let results = probe.lookup.results.clone();
        results
            .into_iter()
            .find(|c| Some(&c.doc_number) != turn_doc.as_ref())
            .expect("another demo customer")
    };
    type_text(&mut app, &other.doc_number);
    app.handle(key(KeyCode::Enter));
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })), "asks");
    let text = screen_text(&draw(&app, 80, 24));
    assert!(
        text.contains("¿Cambiar el cliente de esta atención"),
        "{text}"
    );
    app.handle(key(KeyCode::Char('n')));
    assert_eq!(
        bound_name(&app),
        first,
        "no: the attention keeps its customer"
    );
    app.handle(key(KeyCode::Enter));
    app.handle(key(KeyCode::Char('s')));
    assert_eq!(
        bound_name(&app),
        format!("{} {}", other.names, other.surnames),
        "yes: the attention now concerns the other person"
    );
}
