//! Time from process start to the login screen drawn, on a 5,000-customer demo database.
//!
//! Each sample spawns the release binary in a pseudo-terminal, feeds its output to a vt100
//! parser, stops the clock when the login box is on screen, then kills the process.
//! Run: `cargo bench --bench startup`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/pty.rs"]
mod pty;

use criterion::{Criterion, criterion_group, criterion_main};
use portable_pty::CommandBuilder;
use std::path::Path;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_ventanilla");

fn prepare(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("demo.sqlite3");
    let status = std::process::Command::new(BIN)
        .args([
            "--db",
            db.to_str().unwrap_or_default(),
            "demo",
            "--reset",
            "--no-tui",
            "--customers",
            "5000",
        ])
        .env("XDG_CONFIG_HOME", dir.join("cfg"))
        .stdout(std::process::Stdio::null())
        .status()
        .expect("demo");
    assert!(status.success());
    db
}

fn start_to_login(c: &mut Criterion) {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let db = prepare(dir.path());
    let mut group = c.benchmark_group("startup");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("process start to login screen (5,000 customers)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut cmd = CommandBuilder::new(BIN);
                cmd.env("XDG_CONFIG_HOME", dir.path().join("cfg"));
                cmd.args(["--db", db.to_str().unwrap_or_default(), "demo"]);
                let started = Instant::now();
                let mut app = pty::PtyApp::spawn(cmd, 80, 24);
                let drawn = app.wait_text("PIN 1234", Duration::from_secs(10));
                total += started.elapsed();
                assert!(drawn, "login screen not drawn:\n{}", app.contents());
                let _ = app.child.kill();
                let _ = app.child.wait();
            }
            total
        });
    });
    group.finish();
}

criterion_group!(benches, start_to_login);
criterion_main!(benches);
