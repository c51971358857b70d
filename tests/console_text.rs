//! Text that fits: where a layout promises the whole text (help, the status line, the message
//! log) nothing is cut mid-word at 80×24; what does not fit scrolls or wraps.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use crossterm::event::KeyCode;
use ventanilla::tui::app::{App, Overlay};
use ventanilla::tui::keymap::HELP;

/// White space collapsed: text wrapped over several rows reads as one line.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rows inside the overlay box titled `title` (between its borders), joined.
fn box_text(app: &App, title: &str) -> String {
    let screen = screen_text(&draw(app, 80, 24));
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let top = rows
        .iter()
        .position(|r| r.iter().collect::<String>().contains(title))
        .expect("the box is drawn");
    let line: String = rows[top].iter().collect();
    let start = line[..line.find(title).unwrap()].chars().count();
    let left = (0..=start).rev().find(|x| rows[top][*x] == '┌').unwrap();
    let right = (left + 1..rows[top].len())
        .find(|x| rows[top][*x] == '┐')
        .unwrap();
    let bottom = (top + 1..rows.len())
        .find(|y| rows[*y][left] == '└')
        .unwrap();
    (top + 1..bottom)
        .map(|y| rows[y][left + 1..right].iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_help_scrolls_to_every_entry_and_wraps_between_words() {
    let mut app = advisor_console();
    app.handle(key(KeyCode::Char('?')));
    let mut seen = box_text(&app, "Ayuda");
    for _ in 0..10 {
        app.handle(key(KeyCode::PageDown));
        seen.push(' ');
        seen.push_str(&box_text(&app, "Ayuda"));
    }
    let seen = words(&seen);
    for (section, keys) in HELP {
        assert!(seen.contains(section), "{section} not shown: {seen}");
        for (_, what) in keys {
            assert!(
                seen.contains(&words(what)),
                "{what:?} cut or missing: {seen}"
            );
        }
    }
    app.handle(key(KeyCode::Home));
    assert_eq!(app.scroll, 0);
    app.handle(key(KeyCode::Esc));
    assert!(app.overlay.is_none());
}

#[test]
fn a_long_status_message_wraps_whole_and_stays_in_the_log() {
    let mut app = advisor_console();
    app.handle(key(KeyCode::Char('n')));
    app.handle(key(KeyCode::Char('l')));
    let screen = screen_text(&draw(&app, 80, 24));
    let rows: Vec<&str> = screen.lines().collect();
    let status = words(&format!("{} {}", rows[21], rows[22]));
    assert!(
        status.contains("finalícelo, páuselo o trasládelo antes de llamar otro."),
        "the message wraps onto two rows between words:\n{screen}"
    );
    app.handle(key(KeyCode::F(12)));
    assert!(matches!(app.overlay, Some(Overlay::Messages)));
    let log = words(&box_text(&app, "Últimos mensajes"));
    assert!(log.contains("trasládelo antes de llamar otro."), "{log}");
    assert!(
        log.contains("llamado a la ventanilla 1"),
        "older messages too: {log}"
    );
    assert!(log.contains("Bienvenido(a)"), "the greeting too: {log}");
}

#[test]
fn a_pqrs_history_scrolls_instead_of_dropping_steps() {
    let mut app = advisor_console();
    app.handle(key(KeyCode::F(3)));
    app.handle(key(KeyCode::Enter));
    let Some(Overlay::PqrsDetail(d)) = &app.overlay else {
        panic!("detail open")
    };
    let radicado = d.pqrs.radicado.clone();
    let events = d.events.len();
    let top = words(&box_text(&app, "┌ PQRS "));
    assert!(top.contains(&radicado), "{top}");
    // every step of the history is reachable: the last one shows after End
    app.handle(key(KeyCode::End));
    let bottom = words(&box_text(&app, "┌ PQRS "));
    let Some(Overlay::PqrsDetail(d)) = &app.overlay else {
        panic!("detail open")
    };
    let last = d.events.last().expect("a history");
    assert!(
        events > 0 && bottom.contains(&words(&last.note)),
        "{bottom}"
    );
}
