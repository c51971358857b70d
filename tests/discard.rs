//! Esc on a form holding what a person typed asks "¿Descartar lo escrito?" instead of closing:
//! "n" keeps the form and its values, "s" closes it; a form as it opened closes at once. The
//! same in the console, supervisor mode and the PQRS workspace.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use ventanilla::clock::FixedClock;
use ventanilla::tui::Mode;
use ventanilla::tui::app::Overlay;
use ventanilla::tui::pqrs_desk::PqrsDesk;
use ventanilla::tui::supervisor::Supervisor;

const QUESTION: &str = "¿Descartar lo escrito?";

fn mode_text<M: Mode>(m: &M) -> String {
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| m.render(f)).unwrap();
    screen_text(&t)
}

fn typed<M: Mode>(m: &mut M, text: &str) {
    for c in text.chars() {
        m.handle(key(KeyCode::Char(c)));
    }
}

fn logged_in<M: Mode>(m: &mut M, user: &str) {
    typed(m, user);
    m.handle(key(KeyCode::Enter));
    typed(m, "1234");
    m.handle(key(KeyCode::Enter));
}

/// Types a document in a new customer form, presses `ask` (Esc or Ctrl+C): a question shows
/// over the form; "n" puts the form back with what was typed.
fn asks_then_keeps(app: &mut ventanilla::tui::app::App, ask: ventanilla::tui::event::Event) {
    app.handle(ctrl('n'));
    app.handle(key(KeyCode::Tab));
    type_text(app, "80123456");
    app.handle(ask);
    let text = screen_text(&draw(app, 120, 40));
    assert!(text.contains('¿'), "a question:\n{text}");
    assert!(
        text.contains("80123456"),
        "the form stays drawn under it:\n{text}"
    );
    app.handle(key(KeyCode::Char('n')));
    let form = app.open_form().expect("the form is back");
    assert_eq!(form.value(1), "80123456");
    assert!(!screen_text(&draw(app, 120, 40)).contains('¿'));
}

#[test]
fn console_asks_before_discarding_a_typed_form() {
    let mut app = advisor_console();
    app.handle(key(KeyCode::F(2)));
    // an empty form closes at once
    app.handle(ctrl('n'));
    assert!(app.open_form().is_some());
    app.handle(key(KeyCode::Esc));
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    // a typed one asks
    asks_then_keeps(&mut app, key(KeyCode::Esc));
    app.handle(key(KeyCode::Esc));
    app.handle(key(KeyCode::Char('s')));
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
}

#[test]
fn console_quit_question_answered_no_puts_back_what_it_covered() {
    let mut app = advisor_console();
    app.handle(key(KeyCode::F(2)));
    asks_then_keeps(&mut app, ctrl('c'));
    // the lock is not lifted by Ctrl+C and "no"
    app.handle(ctrl('l'));
    app.handle(ctrl('c'));
    app.handle(key(KeyCode::Char('n')));
    assert!(
        matches!(app.overlay, Some(Overlay::Locked { .. })),
        "{:?}",
        app.overlay
    );
    assert!(!app.should_quit());
}

/// In mode `m`: the form `open` opens closes at once on Esc while empty; with `text` typed,
/// Esc asks, "n" keeps it (`text` still shown), Esc and "s" close it.
fn esc_asks_on_typed_form<M: Mode>(m: &mut M, open: char, text: &str, is_open: fn(&M) -> bool) {
    m.handle(key(KeyCode::Char(open)));
    assert!(is_open(m));
    m.handle(key(KeyCode::Esc));
    assert!(!is_open(m), "an empty form closes at once");
    m.handle(key(KeyCode::Char(open)));
    typed(m, text);
    m.handle(key(KeyCode::Esc));
    assert!(mode_text(m).contains(QUESTION), "{}", mode_text(m));
    m.handle(key(KeyCode::Char('n')));
    assert!(is_open(m), "kept");
    assert!(mode_text(m).contains(text), "{}", mode_text(m));
    assert!(!mode_text(m).contains(QUESTION));
    m.handle(key(KeyCode::Esc));
    m.handle(key(KeyCode::Char('s')));
    assert!(!is_open(m), "discarded");
    assert!(!mode_text(m).contains(QUESTION));
}

#[test]
fn supervisor_asks_before_discarding_a_typed_form() {
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let mut s = Supervisor::new(demo_store(&clock), Box::new(clock), config());
    logged_in(&mut s, "supervisor");
    esc_asks_on_typed_form(&mut s, 'p', "2026-000021", |s| s.form.is_some());
}

#[test]
fn pqrs_workspace_asks_before_discarding_a_typed_form() {
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let mut m = PqrsDesk::new(demo_store(&clock), Box::new(clock), config());
    logged_in(&mut m, "supervisor");
    assert!(m.user.is_some());
    esc_asks_on_typed_form(&mut m, 'g', "000021", |m| m.overlay.is_some());
}
