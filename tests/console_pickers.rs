//! Every closed field of the console is a picker offering its whole set: the vocabulary's
//! labels, or the configuration's values where the set comes from configuration.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use crossterm::event::KeyCode;
use ventanilla::domain::customer::Affiliation;
use ventanilla::domain::request::{Channel, Kind, NotifyWay};
use ventanilla::domain::vocab::YesNo;
use ventanilla::tui::app::{App, Overlay};
use ventanilla::tui::form::Form;
use ventanilla::tui::widgets::picker::labels;

fn open_form(app: &App) -> &Form {
    app.open_form().expect("a form is open")
}

#[test]
fn pqrs_form_offers_every_type_channel_answer_way_and_area() {
    let mut app = advisor_console();
    app.handle(key(KeyCode::F(3)));
    app.handle(ctrl('n'));
    let form = open_form(&app);
    assert_eq!(form.fields[0].options, labels::<Kind>());
    assert_eq!(form.fields[1].options, labels::<Channel>());
    assert_eq!(form.fields[5].options, config().pqrs.areas);
    assert_eq!(form.fields[6].options, labels::<YesNo>());
    assert_eq!(form.fields[7].options, labels::<NotifyWay>());
    // the list under the focused picker shows them, the chosen one marked
    let text = screen_text(&draw(&app, 120, 40));
    assert!(text.contains("▶ Petición general"), "{text}");
    assert!(text.contains("Queja"), "{text}");
}

#[test]
fn customer_form_offers_document_types_affiliation_and_category() {
    let mut app = advisor_console();
    app.handle(key(KeyCode::F(2)));
    app.handle(ctrl('n'));
    let form = open_form(&app);
    assert_eq!(
        form.fields[0].options.len(),
        ventanilla::domain::ids::ALL.len()
    );
    assert_eq!(form.fields[7].options, labels::<Affiliation>());
    assert_eq!(form.fields[8].options, ["A", "B", "C"]);
}

#[test]
fn consent_takes_several_purposes_in_one_act() {
    let mut app = advisor_console();
    register_jose(&mut app, "José");
    app.handle(ctrl('a'));
    let cfg = config();
    let form = open_form(&app);
    assert_eq!(form.fields[0].options.len(), cfg.consent.purposes.len());
    assert_eq!(form.fields[1].options.len(), cfg.consent.channels.len());
    // the required purpose comes marked; mark every other one too
    for _ in 1..cfg.consent.purposes.len() {
        app.handle(key(KeyCode::Down));
        app.handle(key(KeyCode::Char(' ')));
    }
    assert_eq!(
        open_form(&app).fields[0].chosen().len(),
        cfg.consent.purposes.len()
    );
    app.handle(key(KeyCode::Tab));
    type_text(&mut app, "verbal");
    for _ in 0..2 {
        app.handle(key(KeyCode::Enter));
    }
    assert!(app.overlay.is_none(), "saved: {:?}", app.overlay);
    let card = app.subject().expect("card");
    assert!(
        card.purposes.iter().all(|p| p.granted == Some(true)),
        "{:?}",
        card.purposes
    );
}

#[test]
fn transfer_and_paper_tickets_pick_the_service() {
    let mut app = advisor_console();
    app.handle(key(KeyCode::Char('m')));
    let Some(Overlay::TurnForm { form, .. }) = &app.overlay else {
        panic!("paper ticket form")
    };
    let services: Vec<String> = config()
        .services
        .iter()
        .map(|s| format!("{} · {}", s.code, s.name))
        .collect();
    assert_eq!(form.fields[1].options, services);
}

#[test]
fn the_login_window_is_picked_among_the_active_windows() {
    let (mut app, _) = demo_app();
    app.ask_window();
    let active: Vec<String> = ventanilla::desk::catalog::windows(app.store())
        .unwrap()
        .iter()
        .filter(|w| w.active)
        .map(|w| w.number.to_string())
        .collect();
    assert!(active.len() > 1, "{active:?}");
    login(&mut app, "asesor2", "1234");
    let form = open_form(&app);
    assert_eq!(form.focus, 2);
    assert_eq!(form.fields[2].options, active);
    // the user field stays free text
    assert!(form.fields[0].options.is_empty());
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains(&format!("▶ {}", active[0])), "{text}");
    // ↓ and Enter take the second window
    app.handle(key(KeyCode::Down));
    app.handle(key(KeyCode::Enter));
    assert!(
        matches!(app.screen, ventanilla::tui::app::Screen::Console(_)),
        "{}",
        screen_text(&draw(&app, 80, 24))
    );
    assert_eq!(app.window.to_string(), active[1]);
}
