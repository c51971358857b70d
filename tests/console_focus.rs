//! The footer shows the keys of what has the focus now, and after an action the focus goes
//! where the next step is.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use crossterm::event::KeyCode;
use ventanilla::tui::action::Pane;
use ventanilla::tui::app::{App, Overlay, Screen};

fn footer(app: &App) -> String {
    let screen = screen_text(&draw(app, 80, 24));
    screen.lines().last().unwrap_or("").to_string()
}

fn pane(app: &App) -> Pane {
    match &app.screen {
        Screen::Console(c) => c.focus,
        _ => panic!("not in the console"),
    }
}

#[test]
fn the_footer_follows_the_focus() {
    let mut app = advisor_console();
    assert!(footer(&app).contains("llamar"), "{}", footer(&app));
    app.handle(key(KeyCode::Char('?')));
    assert!(footer(&app).contains("desplazar"), "help: {}", footer(&app));
    app.handle(key(KeyCode::Esc));
    app.handle(key(KeyCode::F(3)));
    app.handle(ctrl('n'));
    assert!(footer(&app).contains("filtrar"), "picker: {}", footer(&app));
    app.handle(key(KeyCode::Tab));
    app.handle(key(KeyCode::Tab));
    assert!(
        footer(&app).contains("siguiente campo"),
        "form: {}",
        footer(&app)
    );
    app.handle(key(KeyCode::Esc));
    app.handle(key(KeyCode::F(1)));
    app.handle(ctrl('l'));
    assert!(
        footer(&app).contains("desbloquear"),
        "lock: {}",
        footer(&app)
    );
    type_text(&mut app, "1234");
    app.handle(key(KeyCode::Enter));
    app.handle(key(KeyCode::Char('q')));
    assert!(footer(&app).contains("sí"), "question: {}", footer(&app));
}

#[test]
fn after_a_rating_the_focus_returns_to_turnos_and_n_calls_the_next() {
    let mut app = advisor_console();
    for k in ['n', 'a', 'f'] {
        app.handle(key(KeyCode::Char(k)));
    }
    // the attention record opens after finishing; leave it for later
    app.handle(key(KeyCode::Esc));
    app.handle(key(KeyCode::F(4)));
    let rated = app.queue.current.is_none();
    assert!(rated, "the window is free after finishing");
    app.handle(key(KeyCode::Char('5')));
    assert!(app.rating.awaiting.is_none(), "rated");
    assert_eq!(pane(&app), Pane::Turnos);
    // `n` acts: the attention record left for later comes first, then the call
    app.handle(key(KeyCode::Char('n')));
    assert!(
        matches!(app.overlay, Some(Overlay::RecordForm { .. })),
        "{:?}",
        app.overlay
    );
}
