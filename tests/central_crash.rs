//! The sync survives anything: `ventanilla sync` killed with SIGKILL at random moments over
//! at least 50 rounds while the branch keeps issuing turns, the server stopped while the branch
//! syncs, and a sync against a stopped server. Afterwards every record of every kind at central
//! equals the branch's (count and content), and the outbox is empty: nothing lost, nothing
//! twice. Skips, saying so, where PostgreSQL is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::central_pg::Pg;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use ventanilla::clock::FixedClock;
use ventanilla::store::{Store, settings, sync};

fn sync_cmd(db: &std::path::Path, config: &std::path::Path, url: &str) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("ventanilla"));
    let dir = db.parent().unwrap();
    c.env_remove("VENTANILLA_CONFIG")
        .env("VENTANILLA_CENTRAL", url)
        .env("XDG_CONFIG_HOME", dir.join("cfg"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .arg("--db")
        .arg(db)
        .arg("--config")
        .arg(config)
        .arg("sync")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

#[test]
fn kill_nine_and_a_stopped_server_lose_and_duplicate_nothing() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.url("central");
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("sede.sqlite3");
    let config = dir.path().join("sede.toml");
    // small batches: a kill lands between, inside and right after PostgreSQL's commits
    std::fs::write(&config, "[central]\nbatch = 20\n").unwrap();
    let clock = FixedClock::new(common::monday_morning());
    {
        let (mut store, _) = Store::open_or_create(&db).unwrap();
        ventanilla::demo::seed(&mut store, &clock, &common::config(), 300, 7).unwrap();
        let tx = store.write().unwrap();
        settings::set(&tx, "branch_code", "NORTE").unwrap();
        tx.commit().unwrap();
    }
    let migrate = Command::new(assert_cmd::cargo::cargo_bin("ventanilla"))
        .env("VENTANILLA_CENTRAL", &url)
        .args(["central", "migrate"])
        .output()
        .unwrap();
    assert!(migrate.status.success());

    // the branch keeps working the whole time
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (stop, db) = (stop.clone(), db.clone());
        let clock = FixedClock::new(common::monday_morning());
        std::thread::spawn(move || {
            let mut store = Store::open(&db).unwrap();
            let mut issued = 0;
            while !stop.load(Ordering::Relaxed) {
                common::issue_turns(&mut store, &clock, &["R"]);
                issued += 1;
                std::thread::sleep(Duration::from_millis(15));
            }
            issued
        })
    };

    let mut rng = fastrand::Rng::with_seed(2026);
    let mut store = Store::open(&db).unwrap();
    let (mut kills, mut rounds, mut outage) = (0, 0, false);
    while kills < 50 {
        rounds += 1;
        assert!(rounds < 400, "sync kept finishing before the kill");
        // each round has work: forty more turns (and their events) to send
        common::issue_turns(&mut store, &clock, &["R"; 40]);
        let mut child = sync_cmd(&db, &config, &url).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(2..60)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
        if kills == 20 && !outage {
            outage = true;
            // the server goes away in the middle of a sync, and comes back
            let child = sync_cmd(&db, &config, &url).spawn().unwrap();
            std::thread::sleep(Duration::from_millis(40));
            pg.stop();
            let out = child.wait_with_output().unwrap();
            if !out.status.success() {
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(err.contains("servidor central"), "{err}");
            }
            // a sync while it is down fails in Spanish and marks nothing sent
            let before = sync::pending_count(store.conn()).unwrap();
            let out = sync_cmd(&db, &config, &url).output().unwrap();
            assert!(!out.status.success());
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("no se pudo conectar"), "{err}");
            assert!(sync::pending_count(store.conn()).unwrap() >= before);
            pg.start_server();
        }
    }
    stop.store(true, Ordering::Relaxed);
    let issued = writer.join().unwrap();
    assert!(issued > 20, "the branch issued {issued} turns meanwhile");

    let out = sync_cmd(&db, &config, &url).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(sync::pending_count(store.conn()).unwrap(), 0);
    common::central_pg::assert_mirrored(&pg, "NORTE", &store, true);
    eprintln!("{kills} kills in {rounds} rounds; {issued} turns issued meanwhile");
}
