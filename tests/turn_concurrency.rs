//! Sixteen real processes serve one database file while two others issue turns: every issued
//! turn is called exactly once, none is lost, numbers are gapless per service, and no process
//! reports an error from lock contention.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{BTreeMap, HashMap};
use std::process::{Command, Stdio};

const LOADGEN: &str = env!("CARGO_BIN_EXE_ventanilla-loadgen");
const WINDOWS: u32 = 16;

fn labels(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["label"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn sixteen_windows_never_call_a_turn_twice_nor_lose_one() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("sede.sqlite3");
    common::branch_with_windows(&db, WINDOWS);

    let db_arg = db.to_str().unwrap();
    let stop = dir.path().join("stop");
    let servers: Vec<_> = (1..=WINDOWS)
        .map(|w| {
            Command::new(LOADGEN)
                .args([
                    "serve",
                    "--db",
                    db_arg,
                    "--window",
                    &w.to_string(),
                    "--user",
                    &format!("asesor{w}"),
                ])
                .args(["--stop-file", stop.to_str().unwrap()])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let issuers: Vec<_> = [("E", 120), ("R", 100), ("A", 80)]
        .into_iter()
        .map(|(service, count)| {
            Command::new(LOADGEN)
                .args([
                    "issue",
                    "--db",
                    db_arg,
                    "--service",
                    service,
                    "--count",
                    &count.to_string(),
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();

    let mut issued = Vec::new();
    for p in issuers {
        let out = p.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "issuer failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        issued.extend(labels(&out.stdout));
    }
    std::fs::write(&stop, b"").unwrap();
    let mut called: HashMap<String, u32> = HashMap::new();
    for p in servers {
        let out = p.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "server failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "server printed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for label in labels(&out.stdout) {
            *called.entry(label).or_default() += 1;
        }
    }

    assert_eq!(issued.len(), 300);
    assert!(called.values().all(|n| *n == 1), "a turn was called twice");
    let mut issued_sorted = issued.clone();
    issued_sorted.sort();
    let mut called_sorted: Vec<String> = called.into_keys().collect();
    called_sorted.sort();
    assert_eq!(
        issued_sorted, called_sorted,
        "every issued turn called, none invented"
    );

    // gapless numbering per service
    let mut numbers: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for label in &issued {
        let (service, n) = label.split_once('-').unwrap();
        numbers
            .entry(service.to_string())
            .or_default()
            .push(n.parse().unwrap());
    }
    for (service, mut ns) in numbers {
        ns.sort();
        let expected: Vec<u32> = (1..=ns.len() as u32).collect();
        assert_eq!(ns, expected, "gaps in service {service}");
    }
}
