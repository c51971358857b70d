//! PQRS: filing one (radicado, legal dates, events, audit, fsync'd commit on a file database)
//! and the deadline watch over 100,000 PQRS. Run: `cargo bench --bench pqrs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, NaiveDateTime};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use ventanilla::clock::{Clock, FixedClock};
use ventanilla::config::Config;
use ventanilla::desk::{
    self, Actor,
    pqrs::{Filing, Filter},
};
use ventanilla::domain::{ids, pqrs as rules};
use ventanilla::store::{Store, pqrs};

const PQRS: usize = 100_000;

/// 100,000 PQRS filed over the last year, spread over the kinds, states, areas and three
/// advisors; one in `open_every` is still open, the others archived.
fn fill(store: &mut Store, cfg: &Config, now: chrono::DateTime<chrono::Utc>, open_every: usize) {
    let cal = desk::calendar::load(store, cfg).unwrap();
    let hours = desk::calendar::office_hours(cfg);
    let kinds = [
        "peticion",
        "queja",
        "reclamo",
        "consulta",
        "documentos",
        "habeas-consulta",
    ];
    let statuses = [
        "radicada",
        "asignada",
        "en-tramite",
        "proyectada",
        "aprobada",
    ];
    let local = now.with_timezone(&cfg.utc_offset()).naive_local();
    let tx = store.write().unwrap();
    for i in 0..PQRS {
        let kind = kinds[i % kinds.len()];
        let received: NaiveDateTime = local - Duration::minutes((i as i64 * 317) % (365 * 24 * 60));
        let regime = ventanilla::domain::regime::Regime::from_config(cfg);
        let d = rules::dates(&cal, hours, &regime, kind.parse().unwrap(), received);
        let seq = pqrs::next_seq(&tx, 2026).unwrap();
        let stamp = desk::stamp(now);
        let p = pqrs::Pqrs {
            id: 0,
            radicado: rules::radicado("CALI", 2026, seq),
            kind: kind.parse().unwrap(),
            channel: "web".parse().unwrap(),
            customer: None,
            subject: format!("Solicitud {i}"),
            description: "Texto de la solicitud".into(),
            area: cfg.pqrs.areas[i % cfg.pqrs.areas.len()].clone(),
            assignee: Some(format!("asesor{}", 1 + i % 3)),
            priority: i % 50 == 0,
            notify_via: "personal".parse().unwrap(),
            notify_address: String::new(),
            data_request: None,
            data_changes: None,
            status: if i % open_every == 0 {
                statuses[(i / open_every) % statuses.len()]
            } else {
                "archivada"
            }
            .parse()
            .unwrap(),
            received_at: received.format("%Y-%m-%dT%H:%M").to_string(),
            filed_on: d.filed_on.to_string(),
            due_date: d.due_on.map(|x| x.to_string()),
            max_extension_on: d.max_extension_on.map(|x| x.to_string()),
            completion_request_by: d.completion_request_by.to_string(),
            in_process_mark_by: None,
            in_process_marked_at: None,
            extended: false,
            paused_on: None,
            pause_remaining: None,
            withdrawal_on: None,
            needs_conversation: false,
            in_favor: None,
            forwarded_to: None,
            requester_told_on: None,
            notified_via: None,
            notified_evidence: None,
            notified_on: None,
            completion_extended: false,
            appeal_of: None,
            window_override: None,
            forwarded_late: false,
            positive_silence: false,
            priority_reason: None,
            answer_approved: None,
            requester_name: None,
            requester_contact: None,
            sender: None,
            created_at: stamp.clone(),
            created_by: "bench".into(),
            updated_at: stamp,
        };
        pqrs::insert(&tx, &p, 2026, seq).unwrap();
    }
    tx.commit().unwrap();
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("sede.sqlite3");
    let (mut store, _) = Store::open_or_create(&path).unwrap();
    let cfg = Config::defaults().unwrap();
    let clock = FixedClock::new(
        chrono::DateTime::parse_from_rfc3339("2026-11-23T14:30:00Z")
            .unwrap()
            .into(),
    );
    ventanilla::demo::seed(&mut store, &clock, &cfg, 500, 7).unwrap();
    let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
    let someone = ventanilla::demo::Generator::new(7, clock.now().date_naive())
        .customers(1)
        .remove(0);
    let filing = Filing {
        kind: "reclamo".parse().unwrap(),
        channel: "presencial".parse().unwrap(),
        document: Some(ids::Document {
            kind: ids::DocType::parse(&someone.doc_type).unwrap(),
            number: someone.doc_number,
        }),
        subject: "Cobro doble".into(),
        description: "La factura de noviembre llegó con dos cobros.".into(),
        notify_via: "personal".parse().unwrap(),
        ..Filing::default()
    };
    c.bench_function("file a PQRS (file database, committed)", |b| {
        b.iter(|| desk::pqrs::file(&mut store, &clock, &asesor, &cfg, black_box(&filing)).unwrap())
    });
    let today = clock.now().with_timezone(&cfg.utc_offset()).date_naive();
    drop(store);
    // a year of PQRS with 5,000 still open (what a busy office carries), then all 100,000 open
    for (open_every, label) in [(20, "5,000 open"), (1, "all open")] {
        let dir = tempfile::TempDir::new().unwrap();
        let (mut store, _) = Store::open_or_create(&dir.path().join("sede.sqlite3")).unwrap();
        ventanilla::demo::seed(&mut store, &clock, &cfg, 500, 7).unwrap();
        fill(&mut store, &cfg, clock.now(), open_every);
        let open = desk::pqrs::count(&store, &cfg, today, &Filter::default()).unwrap();
        assert!(open >= PQRS / open_every, "{open} open");
        let mut group = c.benchmark_group(format!("deadline watch, 100,000 PQRS, {label}"));
        group.sample_size(20);
        group.bench_function("full list by due date", |b| {
            b.iter(|| {
                desk::pqrs::watch(&store, &cfg, today, black_box(&Filter::default())).unwrap()
            })
        });
        let mine = Filter {
            mine: Some("asesor1".into()),
            ..Filter::default()
        };
        let pane = Filter {
            limit: Some(200),
            ..mine.clone()
        };
        let overdue = Filter {
            overdue: true,
            ..mine.clone()
        };
        group.bench_function("console pane (first 200 of mine, total, my overdue)", |b| {
            b.iter(|| {
                let lines = desk::pqrs::watch(&store, &cfg, today, black_box(&pane)).unwrap();
                let total = desk::pqrs::count(&store, &cfg, today, &mine).unwrap();
                let late = desk::pqrs::count(&store, &cfg, today, &overdue).unwrap();
                (lines, total, late)
            })
        });
        group.bench_function("overdue only", |b| {
            let all_overdue = Filter {
                overdue: true,
                ..Filter::default()
            };
            b.iter(|| desk::pqrs::watch(&store, &cfg, today, black_box(&all_overdue)).unwrap())
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
