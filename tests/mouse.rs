//! Touch and click: the kiosk's service and preferential buttons and the rating numbers take a
//! mouse click where they are drawn (TestBackend; the click is placed by finding the text).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::{Terminal, backend::TestBackend};
use std::sync::Arc;
use ventanilla::clock::FixedClock;
use ventanilla::desk;
use ventanilla::domain::turn::PreferentialReason;
use ventanilla::store::Store;
use ventanilla::tui::Mode;
use ventanilla::tui::event::Event;
use ventanilla::tui::kiosk::{Kiosk, Step};
use ventanilla::tui::rate::Phase;

/// Draws `mode` at `w`×`h` and returns where `text` starts on the screen.
fn find(mode: &impl Mode, w: u16, h: u16, text: &str) -> (u16, u16) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| mode.render(f)).unwrap();
    let screen = screen_text(&t);
    for (y, line) in screen.lines().enumerate() {
        if let Some(byte) = line.find(text) {
            let x = line[..byte].chars().count();
            return (x as u16, y as u16);
        }
    }
    panic!("{text:?} not on screen:\n{screen}");
}

fn click((column, row): (u16, u16)) -> Event {
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn a_click_on_a_kiosk_service_and_reason_issues_the_turn() {
    let dir = tempfile::TempDir::new().unwrap();
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let path = demo_file(&dir, &clock);
    let mut cfg = config();
    cfg.kiosk.printer = format!("file:{}", dir.path().join("t.bin").display());
    let mut kiosk = Kiosk::new(Store::open(&path).unwrap(), Box::new(clock), cfg).unwrap();
    let service = kiosk.services[1].clone();
    for (w, h) in [(80, 24), (120, 40)] {
        kiosk.handle(key(KeyCode::Esc));
        let at = find(&kiosk, w, h, &service.name);
        kiosk.handle(click(at));
        assert_eq!(kiosk.step, Step::Document, "{w}×{h}");
        assert_eq!(kiosk.services[kiosk.selected].code, service.code);
    }
    // a wide screen draws the services as big buttons (four rows each, one row apart, under
    // the title and a blank row): a touch inside the second button picks the second service
    kiosk.handle(key(KeyCode::Esc));
    let (x, y) = find(&kiosk, 200, 60, "¿Qué servicio necesita?");
    kiosk.handle(click((x + 6, y + 2 + 5 + 2)));
    assert_eq!(kiosk.step, Step::Document, "200×60");
    assert_eq!(kiosk.services[kiosk.selected].code, service.code);
    kiosk.handle(key(KeyCode::Enter));
    assert_eq!(kiosk.step, Step::Preferential);
    let reason = PreferentialReason::ALL[1];
    let at = find(&kiosk, 120, 40, reason.label());
    kiosk.handle(click(at));
    assert_eq!(kiosk.step, Step::Ticket);
    let (issued, _) = kiosk.issued.clone().expect("a turn was issued");
    assert!(issued.label.starts_with(&service.code), "{}", issued.label);
    assert_eq!(issued.preferential, Some(reason));
}

#[test]
fn a_click_on_a_rating_number_records_it() {
    let dir = tempfile::TempDir::new().unwrap();
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let path = demo_file(&dir, &clock);
    let (rate, label) = rate_asking(&path, &clock);
    let mut rate = rate;
    assert!(matches!(&rate.phase, Phase::Asking { label: l, .. } if *l == label));
    // a click on the name under the fourth number ("Satisfecho", capital S: not the fifth)
    let (x, y) = find(&rate, 100, 30, "Satisfecho");
    rate.handle(click((x + 2, y)));
    assert!(
        matches!(rate.phase, Phase::Thanks { score: 4, .. }),
        "{:?}",
        rate.phase
    );
    let (store, cfg) = (Store::open(&path).unwrap(), config());
    let day = desk::turns::day_of(&cfg, monday_morning());
    let ratings = desk::ratings::of_day(&store, &cfg, day).unwrap();
    assert!(
        ratings
            .iter()
            .any(|r| r.turn.as_deref() == Some(label.as_str()) && r.score == Some(4)),
        "{ratings:?}"
    );
}
