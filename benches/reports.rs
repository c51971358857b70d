//! Reports and the supervisor's screen over generated turns: a day of 10,000 turns and a year
//! of 2,500,000 (250 business days of 10,000). Run: `cargo bench --bench reports`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use ventanilla::clock::FixedClock;
use ventanilla::config::Config;
use ventanilla::desk;
use ventanilla::store::Store;

const PER_DAY: usize = 10_000;

/// Writes `PER_DAY` turns for each of `days` (business days from 2026-01-02), with waits and
/// service times spread over the office hours, six services, 20 windows; in one transaction.
fn fill(store: &mut Store, days: &[NaiveDate]) {
    let services = ["A", "E", "F", "R", "S", "V"];
    let statuses = [
        "finished",
        "finished",
        "finished",
        "finished",
        "finished",
        "finished",
        "finished",
        "no_show",
        "cancelled",
        "waiting",
    ];
    let tx = store.write().unwrap();
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO turns (day, service, label, issuing_service, seq, status, issued_at,
                     queued_at, called_at, started_at, finished_at, window, advisor, preferential)
                 VALUES (?1, ?2, ?3, ?2, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )
            .unwrap();
        let mut rng = fastrand::Rng::with_seed(5);
        for day in days {
            let open = Utc.from_utc_datetime(&day.and_hms_opt(13, 0, 0).unwrap());
            let mut seqs = [0u32; 6];
            for i in 0..PER_DAY {
                let s = i % services.len();
                seqs[s] += 1;
                let issued = open + Duration::seconds((i as i64 * 9 * 3600) / PER_DAY as i64);
                let status = statuses[rng.usize(0..statuses.len())];
                let called = (status != "waiting" && status != "cancelled")
                    .then(|| issued + Duration::seconds(rng.i64(30..3600)));
                let started = called.filter(|_| status == "finished");
                let finished = started.map(|t| t + Duration::seconds(rng.i64(120..1200)));
                let stamp = |t: chrono::DateTime<Utc>| desk::stamp(t);
                let window = called.map(|_| 1 + (i % 20) as u32);
                stmt.execute(rusqlite::params![
                    day.to_string(),
                    services[s],
                    format!("{}-{:03}", services[s], seqs[s]),
                    seqs[s],
                    status,
                    stamp(issued),
                    called.map(stamp),
                    started.map(stamp),
                    finished.map(stamp),
                    window,
                    window.map(|w| format!("asesor{w}")),
                    (i % 7 == 0).then_some("adulto-mayor"),
                ])
                .unwrap();
            }
        }
    }
    tx.commit().unwrap();
}

fn business_days(from: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let cal = ventanilla::domain::calendar::Calendar::legal();
    let mut days = Vec::with_capacity(n);
    let mut d = from;
    while days.len() < n {
        if cal.is_business_day(d) {
            days.push(d);
        }
        d = d.succ_opt().unwrap();
    }
    days
}

fn store_with(days: &[NaiveDate], dir: &tempfile::TempDir) -> Store {
    let cfg = Config::defaults().unwrap();
    let (mut store, _) = Store::open_or_create(&dir.path().join("sede.sqlite3")).unwrap();
    let clock = FixedClock::new(Utc.with_ymd_and_hms(2025, 12, 1, 14, 0, 0).unwrap());
    ventanilla::demo::seed(&mut store, &clock, &cfg, 200, 3).unwrap();
    fill(&mut store, days);
    store
}

fn bench(c: &mut Criterion) {
    let cfg = Config::defaults().unwrap();
    // one day of 10,000 turns (a day the demo did not touch)
    let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let store = store_with(&[day], &dir);
    let r = desk::reports::build(&store, &cfg, day, day).unwrap();
    assert_eq!(r.totals.issued, PER_DAY);
    let mut group = c.benchmark_group("10,000 turns in a day");
    group.bench_function("day report", |b| {
        b.iter(|| desk::reports::build(&store, &cfg, black_box(day), day).unwrap())
    });
    let noon = Utc.from_utc_datetime(&day.and_hms_opt(17, 0, 0).unwrap());
    group.bench_function(
        "supervisor screen refresh (live queue, report, PQRS, alerts)",
        |b| b.iter(|| desk::reports::live(&store, &cfg, black_box(noon)).unwrap()),
    );
    group.finish();
    drop(store);

    let days = business_days(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(), 250);
    let dir = tempfile::TempDir::new().unwrap();
    let store = store_with(&days, &dir);
    let (first, last) = (days[0], days[days.len() - 1]);
    let r = desk::reports::build(&store, &cfg, first, last).unwrap();
    assert!(r.totals.issued >= 250 * PER_DAY);
    let mut group = c.benchmark_group("2,500,000 turns in a year");
    group.sample_size(10);
    group.bench_function("year report", |b| {
        b.iter(|| desk::reports::build(&store, &cfg, black_box(first), last).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
