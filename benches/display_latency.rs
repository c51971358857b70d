//! How long the waiting-room display takes to show a call made by another process.
//!
//! The release binary runs `display` in an 80×24 pseudo-terminal; this process calls a turn
//! through the desk layer on the same database file (a separate connection in a separate
//! process from the display's point of view) and stops the clock when the vt100 screen shows
//! the new call's label in the "previous calls" list or the "¡NUEVO LLAMADO!" banner.
//! Run: `cargo bench --bench display_latency`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/common/pty.rs"]
mod pty;

use portable_pty::CommandBuilder;
use std::time::{Duration, Instant};
use ventanilla::clock::SystemClock;
use ventanilla::desk::{self, Actor, turns::IssueRequest};
use ventanilla::domain::turn::Transition;
use ventanilla::store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_ventanilla");
const ROUNDS: usize = 40;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("sede.sqlite3");
    common::branch_with_windows(&db, 2);
    let mut store = Store::open(&db).unwrap();
    let cfg = common::config();
    let cli = Actor::cli(None);
    for _ in 0..ROUNDS {
        let req = IssueRequest {
            service: "R",
            ..Default::default()
        };
        desk::turns::issue(&mut store, &SystemClock, &cli, &cfg, &req).unwrap();
    }
    let mut cmd = CommandBuilder::new(BIN);
    cmd.env("XDG_CONFIG_HOME", dir.path().join("cfg"));
    cmd.args(["--db", db.to_str().unwrap(), "display"]);
    let mut display = pty::PtyApp::spawn(cmd, 80, 24);
    assert!(display.wait_text("Último llamado", Duration::from_secs(10)));
    let asesor = desk::users::active(&store, "asesor1").unwrap();
    let actor = Actor::staff(&asesor);
    let mut millis = Vec::new();
    for round in 0..ROUNDS {
        // wait a varying fraction of the display's 250 ms tick so calls land at random phases
        std::thread::sleep(Duration::from_millis(300 + (round as u64 * 37) % 250));
        let started = Instant::now();
        let turn = desk::turns::call_next(&mut store, &SystemClock, &actor, &cfg, 1).unwrap();
        let label = turn.label.clone();
        // The same frame that draws the new call in big digits lowers the waiting count.
        let count = format!(" R {:<22}{:>3}", "Recreación", ROUNDS - round - 1);
        let shown = display.wait_until(Duration::from_secs(5), |s| {
            let text = s.contents();
            text.contains("¡NUEVO LLAMADO!") && text.contains(&count)
        });
        millis.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(shown, "call {label} not shown:\n{}", display.contents());
        for t in [Transition::Start, Transition::Finish] {
            desk::turns::act(&mut store, &SystemClock, &actor, &cfg, &turn.label, t).unwrap();
        }
        // let the highlight and the list settle before the next round
        std::thread::sleep(Duration::from_millis(50));
    }
    millis.sort_by(f64::total_cmp);
    let pct = |p: f64| millis[((millis.len() as f64 * p).ceil() as usize).saturating_sub(1)];
    println!("display reflects a call from another process ({ROUNDS} calls)");
    println!(
        "  p50 {:.0} ms   p90 {:.0} ms   max {:.0} ms",
        pct(0.5),
        pct(0.9),
        millis[millis.len() - 1]
    );
}
