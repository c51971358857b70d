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

/// The demo branch with one more turn waiting: a preferential turn for Recreación whose
/// document (CC 99887766) is not registered yet.
fn demo_with_unregistered_turn() -> App {
    use std::sync::Arc;
    use ventanilla::clock::FixedClock;
    use ventanilla::desk::{self, Actor, turns::IssueRequest};
    use ventanilla::domain::ids::{DocType, Document};
    use ventanilla::domain::turn::PreferentialReason;
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let mut store = demo_store(&clock);
    let req = IssueRequest {
        service: "R",
        preferential: Some(PreferentialReason::ALL[0]),
        granted_by: Some("autodeclarado"),
        document: Some(Document {
            kind: DocType::CC,
            number: "99887766".into(),
        }),
    };
    desk::turns::issue(
        &mut store,
        clock.as_ref(),
        &Actor::cli(None),
        &config(),
        &req,
    )
    .unwrap();
    let mut app = App::new(store, Box::new(clock), config(), 1).unwrap();
    login(&mut app, "asesor1", "1234");
    app
}

fn enter(app: &mut App, times: usize) {
    for _ in 0..times {
        app.handle(key(KeyCode::Enter));
    }
}

#[test]
fn a_whole_visit_from_the_call_to_the_next_customer() {
    let mut app = demo_with_unregistered_turn();
    // call: the turn's document opens the customer's card
    app.handle(key(KeyCode::Char('n')));
    let turn = app.queue.current.clone().expect("called");
    let name = bound_name(&app);
    let doc = format!(
        "{}:{}",
        turn.doc_type.clone().unwrap(),
        turn.doc_number.clone().unwrap()
    );

    // consent for the second purpose, bound to the attention's customer
    app.handle(key(KeyCode::F(2)));
    app.handle(ctrl('a'));
    let screen = screen_text(&draw(&app, 80, 24));
    assert!(
        screen.contains(&name),
        "the consent form says whose it is: {screen}"
    );
    // the purposes picker: the required one comes marked; ↓ and Space mark the second
    app.handle(key(KeyCode::Down));
    app.handle(key(KeyCode::Char(' ')));
    let Some(Overlay::CustomerForm { form, .. }) = &mut app.overlay else {
        panic!("consent form")
    };
    let purpose = config().consent.purposes[1].clone();
    form.fields[1] = ventanilla::tui::form::Field::text("Canal", "verbal");
    enter(&mut app, 3);
    let card = app.attention.as_ref().unwrap().customer.as_ref().unwrap();
    assert!(
        card.purposes
            .iter()
            .any(|p| p.purpose == purpose && p.granted == Some(true)),
        "consent recorded for the attention's customer: {:?} {:?}",
        app.overlay,
        card.purposes
    );

    // PQRS: the form is prefilled with, and bound to, the attention's customer
    app.handle(key(KeyCode::F(3)));
    app.handle(ctrl('n'));
    let Some(Overlay::PqrsForm { form, .. }) = &app.overlay else {
        panic!("filing form")
    };
    assert_eq!(form.value(2), doc);
    let screen = screen_text(&draw(&app, 120, 40));
    assert!(
        screen.contains(&format!("turno {}", turn.label)),
        "{screen}"
    );
    enter(&mut app, 3);
    type_text(&mut app, "Reembolso de la inscripción");
    enter(&mut app, 1);
    type_text(&mut app, "Pagó dos veces el mismo curso.");
    enter(&mut app, 7);
    assert!(
        matches!(app.overlay, Some(Overlay::PqrsReceipt { .. })),
        "filed"
    );
    let receipt = screen_text(&draw(&app, 120, 40));
    assert!(
        receipt.contains(turn.doc_number.as_deref().unwrap()),
        "{receipt}"
    );
    app.handle(key(KeyCode::Esc));

    // finish: the attention record opens for this turn and customer
    app.handle(key(KeyCode::F(1)));
    app.handle(key(KeyCode::Char('a')));
    app.handle(key(KeyCode::Char('f')));
    assert!(
        matches!(app.overlay, Some(Overlay::RecordForm { .. })),
        "record form"
    );
    let screen = screen_text(&draw(&app, 80, 24));
    assert!(screen.contains(&format!("turno {}", turn.label)) && screen.contains(&name));
    assert_snapshot!("record_form_80x24", draw(&app, 80, 24).backend());
    // an unknown topic is refused, naming the choices; what was typed stays
    type_text(&mut app, "paseo en globo");
    enter(&mut app, 1);
    type_text(&mut app, "x");
    enter(&mut app, 1);
    type_text(&mut app, "2");
    enter(&mut app, 4);
    let Some(Overlay::RecordForm { form, notice, .. }) = &app.overlay else {
        panic!("the form stays open on a refusal")
    };
    assert_eq!(form.value(1), "paseo en globo");
    assert_eq!(form.focus, 1, "focus on the topic");
    assert!(
        format!("{notice:?}").contains("Vacaciones recreativas"),
        "{notice:?}"
    );
    // fix it by picking: typing filters, leaving the field completes
    for _ in 0.."paseo en globo".len() {
        app.handle(key(KeyCode::Backspace));
    }
    type_text(&mut app, "vacac");
    enter(&mut app, 1);
    app.handle(key(KeyCode::Backspace));
    type_text(&mut app, "inscrip");
    enter(&mut app, 2);
    for _ in 0..2 {
        app.handle(key(KeyCode::Backspace));
    }
    type_text(&mut app, "si");
    enter(&mut app, 1);
    type_text(&mut app, "E");
    enter(&mut app, 1);
    type_text(&mut app, "Quiere también el curso de natación.");
    app.handle(ctrl('o')); // saved; a second procedure of the same visit
    let Some(Overlay::RecordForm { draft, notice, .. }) = &app.overlay else {
        panic!("open again for the next procedure: {:?}", app.overlay)
    };
    assert_eq!(draft.procedure, 2, "{notice:?}");
    type_text(&mut app, "centros");
    enter(&mut app, 1);
    type_text(&mut app, "tarifas");
    enter(&mut app, 1);
    type_text(&mut app, "1");
    enter(&mut app, 4);
    assert!(app.overlay.is_none(), "saved: {:?}", app.overlay);

    // rating
    app.handle(key(KeyCode::Char('5')));
    assert!(app.rating.awaiting.is_none(), "rated");

    // both records are in the customer's timeline, with sub-topic, level and opportunity
    app.handle(key(KeyCode::F(2)));
    type_text(&mut app, turn.doc_number.as_deref().unwrap());
    app.handle(key(KeyCode::Enter));
    let timeline: Vec<String> = app
        .subject()
        .expect("card")
        .timeline
        .iter()
        .map(|e| e.summary.clone())
        .collect();
    assert!(
        timeline
            .iter()
            .any(|s| s.contains("Vacaciones recreativas › Inscripción · nivel 2 · oportunidad E")),
        "{timeline:?}"
    );
    assert!(
        timeline
            .iter()
            .any(|s| s.contains("Centros recreacionales › Tarifas · nivel 1"))
    );
    app.handle(key(KeyCode::Esc));

    // the next call opens the next customer: not registered, so the new-customer form, with
    // the turn's document; the previous customer is gone from every pane
    app.handle(key(KeyCode::F(1)));
    app.handle(key(KeyCode::Char('n')));
    let next = app.queue.current.clone().expect("next called");
    assert_ne!(next.label, turn.label);
    let Some(Overlay::CustomerForm { form, .. }) = &app.overlay else {
        panic!(
            "new-customer form for an unregistered document: {:?}",
            app.overlay
        )
    };
    assert_eq!(
        (form.value(0), form.value(1)),
        ("CC · cédula de ciudadanía", "99887766")
    );
    app.handle(key(KeyCode::Esc));
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = screen_text(&draw(&app, w, h));
        assert!(
            !screen.contains(&name),
            "{name} still shown at {w}×{h}:\n{screen}"
        );
        assert!(
            !screen.contains(turn.doc_number.as_deref().unwrap()),
            "{screen}"
        );
    }
    assert_snapshot!("next_customer_80x24", draw(&app, 80, 24).backend());
    assert_snapshot!("next_customer_120x40", draw(&app, 120, 40).backend());
}

#[test]
fn the_record_is_required_before_the_next_call() {
    let mut app = logged_in();
    app.handle(key(KeyCode::Char('n')));
    let label = app.queue.current.as_ref().unwrap().label.clone();
    app.handle(key(KeyCode::Char('a')));
    app.handle(key(KeyCode::Char('f')));
    app.handle(key(KeyCode::Esc)); // leaves the record for later
    assert!(app.overlay.is_none());
    app.handle(key(KeyCode::F(1)));
    app.handle(key(KeyCode::Char('n')));
    assert!(
        app.queue.current.is_none(),
        "no call while the record is missing"
    );
    let screen = screen_text(&draw(&app, 80, 24));
    assert!(
        screen.contains(&format!(
            "Registre la atención del turno {label} antes de llamar"
        )),
        "{screen}"
    );
    // without a level the record is refused, focusing that field (Tab leaves a picker empty;
    // Enter on it would take its highlighted level)
    type_text(&mut app, "vacac");
    enter(&mut app, 1);
    type_text(&mut app, "pago");
    enter(&mut app, 1);
    app.handle(key(KeyCode::Tab));
    enter(&mut app, 3);
    let Some(Overlay::RecordForm { form, .. }) = &app.overlay else {
        panic!("still open")
    };
    assert_eq!(form.focus, 3, "the level field");
    assert_eq!(
        form.value(1),
        "Vacaciones recreativas",
        "completed from the catalogue"
    );
    type_text(&mut app, "3");
    enter(&mut app, 4);
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    app.handle(key(KeyCode::F(1)));
    app.handle(key(KeyCode::Char('n')));
    assert!(
        app.queue.current.is_some(),
        "called once the record is saved"
    );
}

/// Enter on an empty picker that needs a value takes the option it highlights (the footer
/// says "Enter tomar"): the pause reason, here, with a single key.
#[test]
fn enter_on_an_empty_required_picker_takes_the_highlighted_option() {
    let mut app = logged_in();
    app.handle(key(KeyCode::Char('z')));
    assert!(
        matches!(app.overlay, Some(Overlay::TurnForm { .. })),
        "the reason asked"
    );
    app.handle(key(KeyCode::Enter));
    let first = common::config().advisor.pause_reasons[0].clone();
    assert_eq!(
        app.away.as_deref(),
        Some(first.as_str()),
        "{:?}",
        app.overlay
    );
}

#[test]
fn without_a_window_the_login_asks_for_it() {
    let (mut app, _) = demo_app();
    app.ask_window();
    login(&mut app, "asesor2", "1234");
    type_text(&mut app, "9");
    app.handle(key(KeyCode::Enter));
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("No existe la ventanilla 9"), "{text}");
    assert!(
        text.contains("asesor2") && text.contains("••••"),
        "what was typed is kept: {text}"
    );
    assert!(matches!(app.screen, Screen::Login(_)));
    app.handle(key(KeyCode::Backspace));
    type_text(&mut app, "2");
    app.handle(key(KeyCode::Enter));
    assert!(matches!(app.screen, Screen::Console(_)), "logged in");
    assert_eq!(app.window, 2);
    assert!(screen_text(&draw(&app, 80, 24)).contains("Ventanilla 2"));
}

#[test]
fn park_frees_the_window_and_chosen_calls_and_late_no_shows_are_handled() {
    let mut app = logged_in();
    app.handle(key(KeyCode::Char('n')));
    let parked = app.queue.current.clone().unwrap();
    let name = bound_name(&app);
    app.handle(key(KeyCode::Char('a')));
    app.handle(key(KeyCode::Char('p')));
    assert!(app.queue.current.is_none(), "parking frees the window");
    assert_eq!(app.queue.parked.len(), 1);
    assert!(app.attention.is_none(), "and closes the attention");
    let text = screen_text(&draw(&app, 80, 24));
    assert!(
        text.contains(&format!("{}   en pausa", parked.label)),
        "{text}"
    );
    assert!(!text.contains(&name), "{text}");

    // another customer meanwhile; resuming the parked one must wait for the window
    app.handle(key(KeyCode::Char('n')));
    let late = app.queue.current.clone().expect("called another");
    assert_ne!(late.label, parked.label);
    app.handle(key(KeyCode::Char('u')));
    assert!(screen_text(&draw(&app, 120, 40)).contains("antes de reanudar"));
    // the customer does not come; then arrives late: back to its place in the queue
    app.handle(key(KeyCode::Char('x')));
    app.handle(key(KeyCode::Char('s')));
    assert!(app.queue.current.is_none());
    app.handle(key(KeyCode::Char('v')));
    let Some(Overlay::TurnForm { form, .. }) = &app.overlay else {
        panic!("requeue form")
    };
    assert_eq!(
        form.value(0),
        late.label,
        "prefilled with the latest no-show"
    );
    app.handle(key(KeyCode::Enter));
    assert!(
        app.queue.waiting.iter().any(|t| t.label == late.label),
        "waiting again"
    );

    // call a chosen turn: the reason is required, and kept in the audit
    let chosen = app.queue.waiting.last().unwrap().label.clone();
    for _ in 0..(app.queue.parked.len() + app.queue.waiting.len() - 1) {
        app.handle(key(KeyCode::Down));
    }
    app.handle(key(KeyCode::Char('l')));
    enter(&mut app, 2);
    assert!(
        matches!(
            &app.overlay,
            Some(Overlay::TurnForm {
                notice: Some(_),
                ..
            })
        ),
        "no reason: refused, the form stays: {:?}",
        app.overlay
    );
    type_text(&mut app, "cita programada por el coordinador");
    enter(&mut app, 1);
    assert_eq!(
        app.queue.current.as_ref().map(|t| t.label.clone()),
        Some(chosen)
    );

    // done with it: the parked customer is resumed here, with their card
    app.handle(key(KeyCode::Char('c')));
    app.handle(key(KeyCode::Char('s')));
    app.handle(key(KeyCode::Up));
    for _ in 0..50 {
        app.handle(key(KeyCode::Up));
        if app.turn_sel == 0 {
            break;
        }
    }
    app.handle(key(KeyCode::Char('u')));
    assert_eq!(
        app.queue.current.as_ref().map(|t| t.label.clone()),
        Some(parked.label)
    );
    assert_eq!(bound_name(&app), name, "the card opens again");
}

#[test]
fn a_no_show_goes_back_to_the_queue_only_within_the_configured_minutes() {
    let (mut app, clock) = demo_app();
    login(&mut app, "asesor1", "1234");
    app.handle(key(KeyCode::Char('n')));
    let label = app.queue.current.clone().unwrap().label;
    app.handle(key(KeyCode::Char('x')));
    app.handle(key(KeyCode::Char('s')));
    clock.advance(chrono::Duration::minutes(16));
    app.handle(key(KeyCode::Char('v')));
    app.handle(key(KeyCode::Enter));
    let Some(Overlay::TurnForm { notice, .. }) = &app.overlay else {
        panic!("the form stays open")
    };
    let notice = format!("{notice:?}");
    assert!(
        notice.contains("dentro de 15") && notice.contains("turno nuevo"),
        "{notice}"
    );
    assert!(app.queue.waiting.iter().all(|t| t.label != label));
}

#[test]
fn stepping_away_with_a_reason_stops_calls_until_back() {
    let mut app = logged_in();
    app.handle(key(KeyCode::Char('z')));
    assert!(matches!(app.overlay, Some(Overlay::TurnForm { .. })));
    let text = screen_text(&draw(&app, 80, 24));
    assert!(
        text.contains("almuerzo") && text.contains("pausa activa"),
        "choices: {text}"
    );
    type_text(&mut app, "almu");
    app.handle(key(KeyCode::Enter));
    assert_eq!(app.away.as_deref(), Some("almuerzo"));
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("EN PAUSA · almuerzo"), "{text}");
    app.handle(key(KeyCode::Char('n')));
    assert!(app.queue.current.is_none(), "no calls while away");
    assert!(screen_text(&draw(&app, 80, 24)).contains("Está en pausa (almuerzo)"));
    app.handle(key(KeyCode::Char('z')));
    assert!(app.away.is_none());
    app.handle(key(KeyCode::Char('n')));
    assert!(app.queue.current.is_some(), "back: calls again");
}

/// Procedure 2 in the console: the operator registers a call (F5, Ctrl+N); routing to a topic
/// nobody handles is refused naming the topics, with everything typed kept; a routed topic goes
/// to its staff, and the call is in the day's attentions with the caller and contact.
#[test]
fn a_call_registered_in_the_console_is_routed_by_topic() {
    let mut app = logged_in();
    app.handle(key(KeyCode::F(5)));
    app.handle(ctrl('n'));
    for value in ["chat", "Rocío Llamante", "", "rocio@correo.co", "catastro"] {
        type_text(&mut app, value);
        app.handle(key(KeyCode::Tab));
    }
    type_text(&mut app, "Pregunta por un certificado");
    app.handle(key(KeyCode::Tab));
    type_text(&mut app, "derivar");
    app.handle(key(KeyCode::Enter));
    let terminal = draw(&app, 80, 24);
    let text = screen_text(&terminal);
    assert!(
        text.contains("no tiene responsables a quien derivar") && text.contains("Proponentes"),
        "{text}"
    );
    assert!(
        text.contains("Rocío Llamante") && text.contains("rocio@correo.co"),
        "kept: {text}"
    );
    assert_snapshot!("call_form_unknown_topic_80x24", terminal.backend());

    // back on the topic field (the refusal names it): a routed one
    let Some(Overlay::CallForm { form, .. }) = &app.overlay else {
        panic!("the form stays open");
    };
    assert_eq!(form.focus, 4, "the topic field has the focus");
    for _ in 0.."catastro".len() {
        app.handle(key(KeyCode::Backspace));
    }
    type_text(&mut app, "PROPONENTES");
    app.handle(key(KeyCode::Tab));
    app.handle(key(KeyCode::Tab));
    app.handle(key(KeyCode::Enter));
    assert!(app.overlay.is_none(), "saved");
    let text = screen_text(&draw(&app, 120, 40));
    assert!(text.contains("(chat) derivada a asesor2"), "{text}");

    let config = common::config();
    let today = ventanilla::desk::turns::day_of(&config, common::monday_morning());
    let calls = ventanilla::desk::attentions::of_day(app.store(), &config, today).unwrap();
    let call = calls
        .iter()
        .find(|a| a.caller == "Rocío Llamante")
        .expect("recorded");
    assert_eq!(call.topic, "Proponentes", "the routing table's spelling");
    assert_eq!(call.contact, "rocio@correo.co");
    assert_eq!(call.assigned_to.as_deref(), Some("asesor2"));
    assert!(call.ended_at.is_none(), "open until asesor2 closes it");
}

/// Ctrl+C on the lock screen does nothing (nobody passing by closes or unlocks the console);
/// "no" to quitting gives back the form it covered, with what was typed.
#[test]
fn ctrl_c_cannot_open_the_lock_and_no_to_quitting_keeps_the_form() {
    let mut app = logged_in();
    app.handle(key(KeyCode::Char('n')));
    let name = bound_name(&app);
    app.handle(ctrl('l'));
    app.handle(ctrl('c'));
    app.handle(key(KeyCode::Char('n')));
    app.handle(key(KeyCode::Esc));
    assert!(
        matches!(app.overlay, Some(Overlay::Locked { .. })),
        "still locked"
    );
    let text = screen_text(&draw(&app, 80, 24));
    assert!(!text.contains(&name), "{text}");
    app.handle(key(KeyCode::Backspace)); // the «n» went into the PIN field
    type_text(&mut app, "1234");
    app.handle(key(KeyCode::Enter));
    app.handle(key(KeyCode::F(3)));
    app.handle(ctrl('n'));
    app.handle(key(KeyCode::Tab));
    app.handle(key(KeyCode::Tab));
    app.handle(key(KeyCode::Tab));
    type_text(&mut app, "Cobro doble");
    app.handle(ctrl('c'));
    assert!(
        matches!(app.overlay, Some(Overlay::ConfirmQuit { .. })),
        "{}",
        screen_text(&draw(&app, 80, 24))
    );
    app.handle(key(KeyCode::Char('n')));
    match &app.overlay {
        Some(Overlay::PqrsForm { form, .. }) => {
            assert!(
                form.fields.iter().any(|f| f.value() == "Cobro doble"),
                "kept"
            )
        }
        _ => panic!("the form is back"),
    }
}
