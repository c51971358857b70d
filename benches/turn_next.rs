//! `turn next` latency with 1,000 turns waiting and 16 processes contending for one database
//! file. Each of 16 `ventanilla-loadgen serve` processes (release build) calls, starts and
//! finishes turns until the queue is empty, timing every `next` (one `BEGIN IMMEDIATE`
//! transaction that picks and marks the turn). Prints percentiles over all calls.
//! Run: `cargo bench --bench turn_next`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::process::{Command, Stdio};
use std::time::Instant;
use ventanilla::clock::SystemClock;
use ventanilla::desk::{self, Actor, turns::IssueRequest};
use ventanilla::store::Store;

const LOADGEN: &str = env!("CARGO_BIN_EXE_ventanilla-loadgen");

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` probes harness-less benches
    }
    let servers: u32 = std::env::var("SERVERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    run(
        servers,
        0,
        "saturation: every window calls again the moment it finishes",
    );
    run(
        servers,
        100,
        "paced: each attention lasts 50-150 ms, then the next call",
    );
}

/// Drains 1,000 waiting turns with `servers` processes; prints `next` latency percentiles.
fn run(servers: u32, attention_ms: u32, what: &str) {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let db = dir.path().join("sede.sqlite3");
    common::branch_with_windows(&db, 16);
    let mut store = Store::open(&db).expect("open");
    let cfg = common::config();
    for i in 0..1000 {
        let service = ["E", "R", "A"][i % 3];
        let req = IssueRequest {
            service,
            ..Default::default()
        };
        desk::turns::issue(&mut store, &SystemClock, &Actor::cli(None), &cfg, &req).expect("issue");
    }
    drop(store);
    let stop = dir.path().join("stop");
    std::fs::write(&stop, b"").expect("stop file");
    let started = Instant::now();
    let servers: Vec<_> = (1..=servers)
        .map(|w| {
            Command::new(LOADGEN)
                .args([
                    "serve",
                    "--db",
                    db.to_str().unwrap_or_default(),
                    "--window",
                    &w.to_string(),
                ])
                .args([
                    "--user",
                    &format!("asesor{w}"),
                    "--stop-file",
                    stop.to_str().unwrap_or_default(),
                ])
                .args(["--attention-ms", &attention_ms.to_string()])
                .stdout(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let n = servers.len();
    let mut micros: Vec<u64> = Vec::new();
    for p in servers {
        let out = p.wait_with_output().expect("wait");
        assert!(out.status.success());
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("json line");
            micros.push(v["micros"].as_u64().unwrap_or(0));
        }
    }
    let elapsed = started.elapsed();
    micros.sort_unstable();
    let pct = |p: f64| {
        micros[((micros.len() as f64 * p).ceil() as usize)
            .saturating_sub(1)
            .min(micros.len() - 1)]
    };
    let ms = |us: u64| us as f64 / 1000.0;
    println!("turn next, 1000 waiting, {n} processes — {what}");
    println!(
        "  {} calls in {:.2} s: p50 {:.2} ms   p90 {:.2} ms   p99 {:.2} ms   max {:.2} ms",
        micros.len(),
        elapsed.as_secs_f64(),
        ms(pct(0.50)),
        ms(pct(0.90)),
        ms(pct(0.99)),
        ms(*micros.last().unwrap_or(&0))
    );
}
