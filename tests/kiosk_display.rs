//! Kiosk and waiting-room display on TestBackend with a fixed clock.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Duration;
use common::*;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use ratatui::{Terminal, backend::TestBackend};
use std::sync::Arc;
use ventanilla::clock::FixedClock;
use ventanilla::desk::{self, Actor};
use ventanilla::store::Store;
use ventanilla::tui::Mode;
use ventanilla::tui::display::Display;
use ventanilla::tui::kiosk::{Kiosk, Printed, Step};

fn shot(mode: &impl Mode, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| mode.render(f)).unwrap();
    t
}

#[test]
fn kiosk_issues_a_preferential_turn_and_prints_it() {
    let dir = tempfile::TempDir::new().unwrap();
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let path = demo_file(&dir, &clock);
    let ticket_file = dir.path().join("tiquetes.bin");
    let mut cfg = config();
    cfg.kiosk.printer = format!("file:{}", ticket_file.display());
    let mut kiosk = Kiosk::new(Store::open(&path).unwrap(), Box::new(clock.clone()), cfg).unwrap();
    assert_snapshot!("kiosk_start", shot(&kiosk, 80, 24).backend());
    kiosk.handle(key(KeyCode::Char('e')));
    assert_eq!(kiosk.step, Step::Document);
    let asked = screen_text(&shot(&kiosk, 80, 24));
    assert!(
        asked.contains("Ley 1581 de 2012"),
        "privacy notice: {asked}"
    );
    for c in "12A".chars() {
        kiosk.handle(key(KeyCode::Char(c)));
    }
    kiosk.handle(key(KeyCode::Enter));
    assert_eq!(
        kiosk.step,
        Step::Document,
        "a bad document keeps the customer on the step"
    );
    assert!(kiosk.notice.as_deref().unwrap().contains("«A»"));
    assert_eq!(kiosk.doc_input, "12A", "nothing typed is lost");
    kiosk.handle(key(KeyCode::Backspace));
    for c in "345678".chars() {
        kiosk.handle(key(KeyCode::Char(c)));
    }
    kiosk.handle(key(KeyCode::Enter));
    assert_eq!(kiosk.step, Step::Preferential);
    assert_snapshot!("kiosk_preferential", shot(&kiosk, 80, 24).backend());
    kiosk.handle(key(KeyCode::Char('3')));
    assert_eq!(kiosk.step, Step::Ticket);
    let (issued, printed) = kiosk.issued.clone().unwrap();
    assert_eq!(printed, Printed::Ok);
    assert_eq!(issued.preferential.map(|p| p.code()), Some("gestante"));
    assert_snapshot!("kiosk_ticket", shot(&kiosk, 80, 24).backend());
    let bytes = std::fs::read(&ticket_file).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(
        has(format!("{}\n", issued.label).as_bytes()),
        "label printed"
    );
    assert!(has(b"Educaci\xa2n\n"), "service with its accent in CP850");
    assert!(has(b"Sede Demostraci\xa2n Cali\n"), "branch");
    // the turn is in the database with its document
    let store = Store::open(&path).unwrap();
    let day = desk::turns::day_of(&config(), monday_morning());
    let turn = desk::turns::list(&store, day, None, Some("E"))
        .unwrap()
        .into_iter()
        .find(|t| t.label == issued.label)
        .unwrap();
    assert_eq!(
        (turn.doc_type.as_deref(), turn.doc_number.as_deref()),
        (Some("CC"), Some("12345678"))
    );
    // idle: back to the start
    clock.advance(Duration::seconds(11));
    kiosk.handle(ventanilla::tui::event::Event::Tick);
    assert_eq!(kiosk.step, Step::Service);
    assert!(kiosk.issued.is_none());
}

#[test]
fn a_failed_print_keeps_the_turn_and_offers_a_reprint() {
    let dir = tempfile::TempDir::new().unwrap();
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let path = demo_file(&dir, &clock);
    let mut cfg = config();
    cfg.kiosk.printer = dir.path().join("no-such-dir/lp0").display().to_string();
    let mut kiosk = Kiosk::new(Store::open(&path).unwrap(), Box::new(clock), cfg).unwrap();
    for k in [KeyCode::Char('a'), KeyCode::Enter, KeyCode::Enter] {
        kiosk.handle(key(k));
    }
    let (issued, printed) = kiosk.issued.clone().unwrap();
    assert!(matches!(printed, Printed::Failed(ref m) if m.starts_with("no se pudo imprimir")));
    let text = screen_text(&shot(&kiosk, 80, 24));
    assert!(text.contains("pulse R para reimprimir"), "{text}");
    kiosk.handle(key(KeyCode::Char('r')));
    assert_eq!(
        kiosk.issued.as_ref().unwrap().0.label,
        issued.label,
        "same turn on reprint"
    );
}

#[test]
fn kiosk_in_contingency_sends_people_to_paper_tickets() {
    let dir = tempfile::TempDir::new().unwrap();
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let path = demo_file(&dir, &clock);
    let mut other = Store::open(&path).unwrap();
    desk::turns::set_contingency(&mut other, clock.as_ref(), &Actor::cli(None), true).unwrap();
    let mut kiosk = Kiosk::new(Store::open(&path).unwrap(), Box::new(clock), config()).unwrap();
    kiosk.handle(key(KeyCode::Char('e')));
    assert_eq!(kiosk.step, Step::Service);
    assert!(screen_text(&shot(&kiosk, 80, 24)).contains("solicite una ficha de papel"));
}

#[test]
fn display_shows_calls_made_by_another_connection() {
    let dir = tempfile::TempDir::new().unwrap();
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let path = demo_file(&dir, &clock);
    let mut display = Display::new(
        Store::open(&path).unwrap(),
        Box::new(clock.clone()),
        config(),
    )
    .unwrap();
    assert_snapshot!("display_80x24", shot(&display, 80, 24).backend());
    assert!(!display.highlighted());
    // another process calls a turn at window 1
    let mut other = Store::open(&path).unwrap();
    let asesor = desk::users::active(&other, "asesor1").unwrap();
    let called = desk::turns::call_next(
        &mut other,
        clock.as_ref(),
        &Actor::staff(&asesor),
        &config(),
        1,
    )
    .unwrap();
    display.handle(ventanilla::tui::event::Event::Tick);
    assert_eq!(display.board.calls[0].label, called.label);
    assert!(display.highlighted());
    assert!(display.take_bell(), "the bell rings once");
    assert!(!display.take_bell());
    let terminal = shot(&display, 120, 40);
    assert!(screen_text(&terminal).contains("¡NUEVO LLAMADO!"));
    assert_snapshot!("display_new_call_120x40", terminal.backend());
    clock.advance(Duration::seconds(6));
    display.handle(ventanilla::tui::event::Event::Tick);
    assert!(
        !display.highlighted(),
        "the highlight fades after a few seconds"
    );
}
