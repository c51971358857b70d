//! The waiting-room display as the room sees and hears it: each call announced once, in
//! order, by the configured speech command; a silent display says why; a recalled turn
//! appears once and a turn that did not show up leaves the list; previous calls in big text on
//! a big screen.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use ratatui::{Terminal, backend::TestBackend};
use std::sync::Arc;
use ventanilla::clock::FixedClock;
use ventanilla::config::Config;
use ventanilla::desk::{self, Actor};
use ventanilla::domain::turn::Transition;
use ventanilla::store::Store;
use ventanilla::tui::Mode;
use ventanilla::tui::display::Display;
use ventanilla::tui::event::Event;

struct Room {
    dir: tempfile::TempDir,
    path: std::path::PathBuf,
    clock: Arc<FixedClock>,
}

impl Room {
    fn new() -> Room {
        let dir = tempfile::TempDir::new().unwrap();
        let clock = Arc::new(FixedClock::new(monday_morning()));
        let path = dir.path().join("sede.sqlite3");
        branch_with_windows(&path, 3);
        let mut store = Store::open(&path).unwrap();
        issue_turns(
            &mut store,
            &clock,
            &["E", "R", "A", "E", "R", "A", "E", "R"],
        );
        Room { dir, path, clock }
    }

    fn display(&self, cfg: Config) -> Display {
        Display::new(
            Store::open(&self.path).unwrap(),
            Box::new(self.clock.clone()),
            cfg,
        )
        .unwrap()
    }

    /// Another process (a console) calls the next turn at `window`; returns its label.
    fn call(&self, window: u32) -> String {
        let mut other = Store::open(&self.path).unwrap();
        let asesor = desk::users::active(&other, &format!("asesor{window}")).unwrap();
        desk::turns::call_next(
            &mut other,
            self.clock.as_ref(),
            &Actor::staff(&asesor),
            &config(),
            window,
        )
        .unwrap()
        .label
    }

    /// The window's advisor attends and finishes `label`.
    fn serve(&self, window: u32, label: &str) {
        self.act(window, label, Some(Transition::Start));
        self.act(window, label, Some(Transition::Finish));
    }

    fn act(&self, window: u32, label: &str, t: Option<Transition>) {
        let mut other = Store::open(&self.path).unwrap();
        let asesor = desk::users::active(&other, &format!("asesor{window}")).unwrap();
        let (clock, actor, cfg) = (self.clock.as_ref(), Actor::staff(&asesor), config());
        match t {
            Some(t) => desk::turns::act(&mut other, clock, &actor, &cfg, label, t),
            None => desk::turns::recall(&mut other, clock, &actor, &cfg, label),
        }
        .unwrap();
    }
}

/// A speech command that writes each text it is given as a line of `out`.
fn fake_voice(dir: &std::path::Path, out: &std::path::Path) -> String {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("hablar.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", out.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script.display().to_string()
}

fn spoken(out: &std::path::Path, lines: usize) -> Vec<String> {
    for _ in 0..200 {
        if let Ok(text) = std::fs::read_to_string(out)
            && text.lines().count() >= lines
        {
            return text.lines().map(str::to_string).collect();
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::fs::read_to_string(out)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

fn words(label: &str) -> String {
    ventanilla::tui::voice::spoken_label(label)
}

#[test]
fn every_call_is_announced_once_in_order() {
    let room = Room::new();
    let out = room.dir.path().join("dicho.txt");
    let mut cfg = config();
    cfg.display.voice = fake_voice(room.dir.path(), &out);
    let mut display = room.display(cfg);
    // Two windows call within the same tick: both are said, the older first.
    let first = room.call(1);
    let second = room.call(2);
    display.handle(Event::Tick);
    room.serve(1, &first);
    let third = room.call(1);
    display.handle(Event::Tick);
    display.handle(Event::Tick); // nothing new: nothing said again
    let said = spoken(&out, 3);
    assert_eq!(
        said,
        vec![
            format!("Turno {}, ventanilla uno", words(&first)),
            format!("Turno {}, ventanilla dos", words(&second)),
            format!("Turno {}, ventanilla uno", words(&third)),
        ]
    );
    assert!(display.silence().is_none());
}

#[test]
fn a_display_without_its_speech_program_says_why() {
    let room = Room::new();
    let mut cfg = config();
    cfg.display.voice = "/no/existe/espeak-ng -v es-419".into();
    let mut display = room.display(cfg);
    room.call(1);
    display.handle(Event::Tick);
    let mut why = None;
    for _ in 0..200 {
        why = display.silence();
        if why.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let why = why.expect("the display says why it is silent");
    assert!(
        why.contains("no se encontró «/no/existe/espeak-ng»"),
        "{why}"
    );
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| display.render(f)).unwrap();
    assert!(screen_text(&t).contains("Sin voz: no se encontró"));
}

#[test]
fn a_recall_shows_once_and_a_no_show_leaves_the_board() {
    let room = Room::new();
    let mut display = room.display(config());
    let a = room.call(1);
    let b = room.call(2);
    room.act(1, &a, None);
    display.handle(Event::Tick);
    let labels: Vec<&str> = display
        .board
        .calls
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(
        labels,
        vec![a.as_str(), b.as_str()],
        "recalled turn first, once"
    );
    room.act(2, &b, Some(Transition::NoShow));
    display.handle(Event::Tick);
    let labels: Vec<&str> = display
        .board
        .calls
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(labels, vec![a.as_str()]);
}

#[test]
fn a_big_screen_shows_previous_calls_in_big_text() {
    let room = Room::new();
    let mut display = room.display(config());
    let called: Vec<String> = [1, 2, 3].into_iter().map(|w| room.call(w)).collect();
    for (w, label) in [(1, &called[0]), (2, &called[1])] {
        room.serve(w, label);
        room.call(w);
    }
    display.handle(Event::Tick);
    let mut t = Terminal::new(TestBackend::new(200, 60)).unwrap();
    t.draw(|f| display.render(f)).unwrap();
    let text = screen_text(&t);
    // big glyphs are drawn with block characters, not as the label's letters
    let previous = &display.board.calls[1].label;
    assert!(
        !text.contains(previous.as_str()),
        "{previous} drawn large:\n{text}"
    );
    let mut small = Terminal::new(TestBackend::new(80, 24)).unwrap();
    small.draw(|f| display.render(f)).unwrap();
    assert!(
        screen_text(&small).contains(previous.as_str()),
        "a list on a small screen"
    );
}
