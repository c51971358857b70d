//! Every console pane, overlay and mode at 80×24 and 120×40 (the kiosk, rating device and
//! waiting-room display also at 200×60), as reviewed snapshots.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use ratatui::{Terminal, backend::TestBackend};
use std::sync::Arc;
use ventanilla::clock::FixedClock;
use ventanilla::store::Store;
use ventanilla::tui::Mode;
use ventanilla::tui::app::App;
use ventanilla::tui::event::Event;
use ventanilla::tui::kiosk::Kiosk;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const ROOM_SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

/// Snapshots the console after `keys` at both sizes, as `name_WxH`.
fn console_after(name: &str, keys: &[Event]) {
    let mut app = advisor_console();
    for k in keys {
        app.handle(k.clone());
    }
    shots(name, &app);
}

fn shots(name: &str, app: &App) {
    for (w, h) in SIZES {
        assert_snapshot!(format!("{name}_{w}x{h}"), draw(app, w, h).backend());
    }
}

fn mode_shot(mode: &impl Mode, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| mode.render(f)).unwrap();
    t
}

#[test]
fn every_pane_focused() {
    for (n, name) in [
        (2, "cliente"),
        (3, "pqrs"),
        (4, "calificacion"),
        (5, "llamadas"),
    ] {
        console_after(&format!("pane_{name}"), &[key(KeyCode::F(n))]);
    }
}

#[test]
fn customer_search_results() {
    console_after(
        "search_results",
        &[
            key(KeyCode::F(2)),
            key(KeyCode::Char('m')),
            key(KeyCode::Char('a')),
        ],
    );
}

#[test]
fn every_console_overlay() {
    console_after("overlay_help", &[key(KeyCode::Char('?'))]);
    console_after(
        "overlay_messages",
        &[
            key(KeyCode::Char('n')),
            key(KeyCode::Char('a')),
            key(KeyCode::F(12)),
        ],
    );
    console_after(
        "overlay_pqrs_detail",
        &[key(KeyCode::F(3)), key(KeyCode::Enter)],
    );
    console_after("overlay_pqrs_form", &[key(KeyCode::F(3)), ctrl('n')]);
    console_after("overlay_lock", &[ctrl('l')]);
    console_after(
        "overlay_cancel_question",
        &[key(KeyCode::Char('n')), key(KeyCode::Char('c'))],
    );
    console_after("overlay_paper_ticket", &[key(KeyCode::Char('m'))]);
    let finish = [
        key(KeyCode::Char('n')),
        key(KeyCode::Char('a')),
        key(KeyCode::Char('f')),
    ];
    console_after("overlay_record_form", &finish);
    let mut rate_comment = finish.to_vec();
    rate_comment.extend([
        key(KeyCode::Esc),
        key(KeyCode::F(4)),
        key(KeyCode::Char('c')),
    ]);
    console_after("overlay_rating_form", &rate_comment);
    let mut app = advisor_console();
    register_jose(&mut app, "José");
    app.handle(ctrl('a'));
    shots("overlay_consent_multi_picker", &app);
}

#[test]
fn kiosk_and_rating_fill_wide_screens() {
    let dir = tempfile::TempDir::new().unwrap();
    let clock = Arc::new(FixedClock::new(monday_morning()));
    let path = demo_file(&dir, &clock);
    let mut cfg = config();
    cfg.kiosk.printer = format!("file:{}", dir.path().join("t.bin").display());
    let mut kiosk = Kiosk::new(Store::open(&path).unwrap(), Box::new(clock.clone()), cfg).unwrap();
    for (w, h) in ROOM_SIZES {
        assert_snapshot!(
            format!("kiosk_services_{w}x{h}"),
            mode_shot(&kiosk, w, h).backend()
        );
    }
    kiosk.handle(key(KeyCode::Char('e')));
    kiosk.handle(key(KeyCode::Enter));
    for (w, h) in ROOM_SIZES {
        assert_snapshot!(
            format!("kiosk_reason_{w}x{h}"),
            mode_shot(&kiosk, w, h).backend()
        );
    }
    let (rate, _) = rate_asking(&path, &clock);
    for (w, h) in ROOM_SIZES {
        assert_snapshot!(
            format!("rate_asking_{w}x{h}"),
            mode_shot(&rate, w, h).backend()
        );
    }
}
