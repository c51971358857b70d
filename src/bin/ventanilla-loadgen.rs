//! Load generator for the turn queue: long-lived processes that issue or serve turns on one
//! database file, printing one JSON line per operation with its latency. Used by the
//! concurrency test and the `turn next` benchmark; also usable on a branch PC to try a disk.
//!
//! ```text
//! ventanilla-loadgen issue --db PATH --service E --count 100
//! ventanilla-loadgen serve --db PATH --window 3 --user asesor3 --stop-file PATH [--attention-ms N]
//! ```
//! ventanilla-loadgen customers-csv --count 1000000 --out clientes.csv [--seed 7]
//! ventanilla-loadgen lookup --db PATH [--queries 2000]
//! ```
//! ventanilla-loadgen mixed --db PATH --count N
//! `mixed` alternates issuing a turn and filing an (anonymous) PQRS, printing each one after
//! its commit (the crash test kills it at random moments and checks that every printed one
//! is in the database).
//! `customers-csv` writes demo customers in the import format; `lookup` times exact document
//! lookups and name searches in-process and prints percentiles.
//! ```text
//! `serve` loops `next`, `start`, (an attention of N ms ± 50 %, default 0), `finish`, and exits
//! once the stop file exists and no turn is waiting.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use ventanilla::clock::SystemClock;
use ventanilla::config::Config;
use ventanilla::desk::{self, Actor, turns::IssueRequest};
use ventanilla::domain::turn::Transition;
use ventanilla::error::{Error, Result};
use ventanilla::store::Store;

fn arg(args: &[String], name: &str) -> Result<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
        .ok_or_else(|| Error::Usage(format!("falta {name}")))
}

fn number(args: &[String], name: &str) -> Result<u32> {
    arg(args, name)?
        .parse()
        .map_err(|_| Error::Usage(format!("{name} debe ser un número")))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("issue") => issue(&args),
        Some("serve") => serve(&args),
        Some("customers-csv") => customers_csv(&args),
        Some("lookup") => lookup(&args),
        Some("mixed") => mixed(&args),
        _ => Err(Error::Usage(
            "uso: ventanilla-loadgen issue|serve ...".into(),
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("ventanilla-loadgen: {err}");
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

fn customers_csv(args: &[String]) -> Result<()> {
    let count = number(args, "--count")? as usize;
    let seed = number(args, "--seed").unwrap_or(7);
    let out = PathBuf::from(arg(args, "--out")?);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let people = ventanilla::demo::Generator::new(u64::from(seed), today).customers(count);
    let fail = |e: csv::Error| Error::Usage(format!("no se puede escribir: {e}"));
    let mut w = csv::Writer::from_path(&out).map_err(fail)?;
    w.write_record(ventanilla::desk::import::HEADER)
        .map_err(fail)?;
    for c in &people {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        let row = [
            &c.doc_type,
            &c.doc_number,
            &c.names,
            &c.surnames,
            &s(&c.birth_date),
            &s(&c.phone),
            &s(&c.email),
            &c.affiliation.code().to_string(),
            &s(&c.category),
        ];
        w.write_record(row).map_err(fail)?;
    }
    w.flush()?;
    Ok(())
}

fn percentiles(mut micros: Vec<u128>) -> String {
    micros.sort_unstable();
    let at = |p: f64| {
        micros[((micros.len() as f64 * p).ceil() as usize)
            .saturating_sub(1)
            .min(micros.len() - 1)]
    };
    let ms = |u: u128| u as f64 / 1000.0;
    format!(
        "p50 {:.3} ms  p95 {:.3} ms  max {:.3} ms",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0))
    )
}

fn lookup(args: &[String]) -> Result<()> {
    let store = Store::open(&PathBuf::from(arg(args, "--db")?))?;
    let n = number(args, "--queries").unwrap_or(2000) as usize;
    let total = ventanilla::store::customers::count(store.conn())?;
    let mut rng = fastrand::Rng::with_seed(11);
    let mut docs = Vec::new();
    let mut stmt = store
        .conn()
        .prepare("SELECT doc_type, doc_number, names, surnames FROM customers WHERE id = ?1")?;
    while docs.len() < n {
        let id = rng.i64(1..=total.max(1));
        if let Ok(row) = stmt.query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        }) {
            docs.push(row);
        }
    }
    drop(stmt);
    let mut exact = Vec::with_capacity(n);
    let mut search = Vec::with_capacity(n);
    let mut hits = 0usize;
    for (kind, number, names, surnames) in &docs {
        let started = Instant::now();
        let found = ventanilla::store::customers::by_document(store.conn(), kind, number)?;
        exact.push(started.elapsed().as_micros());
        hits += usize::from(found.is_some());
        // what an advisor types: first name and the start of the first surname
        let first = names.split_whitespace().next().unwrap_or("");
        let sur: String = surnames
            .split_whitespace()
            .next()
            .unwrap_or("")
            .chars()
            .take(4)
            .collect();
        let query = format!("{first} {sur}");
        let started = Instant::now();
        let results = desk::customers::find(&store, &query, 20)?;
        search.push(started.elapsed().as_micros());
        hits += usize::from(!results.is_empty());
    }
    println!(
        "customers: {total}; queries: {n} of each; found: {hits} of {}",
        2 * n
    );
    println!("exact document lookup: {}", percentiles(exact));
    println!("name search (20 best): {}", percentiles(search));
    Ok(())
}

fn issue(args: &[String]) -> Result<()> {
    let mut store = Store::open(&PathBuf::from(arg(args, "--db")?))?;
    let config = Config::defaults()?;
    let service = arg(args, "--service")?;
    let actor = Actor::cli(None);
    for _ in 0..number(args, "--count")? {
        let started = Instant::now();
        let req = IssueRequest {
            service: &service,
            ..Default::default()
        };
        let issued = desk::turns::issue(&mut store, &SystemClock, &actor, &config, &req)?;
        let micros = started.elapsed().as_micros();
        println!(
            "{{\"op\":\"issue\",\"label\":\"{}\",\"micros\":{micros}}}",
            issued.label
        );
    }
    Ok(())
}

fn mixed(args: &[String]) -> Result<()> {
    let mut store = Store::open(&PathBuf::from(arg(args, "--db")?))?;
    let config = Config::defaults()?;
    let actor = Actor::cli(None);
    let services = ["A", "E", "R"];
    for i in 0..number(args, "--count")? as usize {
        if i % 2 == 0 {
            let req = IssueRequest {
                service: services[i % 3],
                ..Default::default()
            };
            let issued = desk::turns::issue(&mut store, &SystemClock, &actor, &config, &req)?;
            println!("turn {}", issued.label);
        } else {
            let filing = desk::pqrs::Filing {
                kind: ventanilla::domain::request::Kind::Denuncia,
                channel: ventanilla::domain::request::Channel::Web,
                subject: format!("carga {i}"),
                description: "prueba de caída".into(),
                notify_via: ventanilla::domain::request::NotifyWay::Personal,
                ..Default::default()
            };
            let p = desk::pqrs::file(&mut store, &SystemClock, &actor, &config, &filing)?;
            println!("pqrs {}", p.radicado);
        }
    }
    Ok(())
}

fn serve(args: &[String]) -> Result<()> {
    let mut store = Store::open(&PathBuf::from(arg(args, "--db")?))?;
    let config = Config::defaults()?;
    let window = number(args, "--window")?;
    let user = desk::users::active(&store, &arg(args, "--user")?)?;
    let actor = Actor::staff(&user);
    let stop = PathBuf::from(arg(args, "--stop-file")?);
    let attention = number(args, "--attention-ms").unwrap_or(0);
    let mut rng = fastrand::Rng::with_seed(u64::from(window));
    if attention > 0 {
        // Windows open at different moments, not all on the same millisecond.
        std::thread::sleep(std::time::Duration::from_millis(u64::from(
            rng.u32(0..=attention),
        )));
    }
    loop {
        let stopping = stop.exists();
        let started = Instant::now();
        match desk::turns::call_next(&mut store, &SystemClock, &actor, &config, window) {
            Ok(turn) => {
                let micros = started.elapsed().as_micros();
                desk::turns::act(
                    &mut store,
                    &SystemClock,
                    &actor,
                    &config,
                    &turn.label,
                    Transition::Start,
                )?;
                if attention > 0 {
                    let ms = rng.u32(attention / 2..=attention + attention / 2);
                    std::thread::sleep(std::time::Duration::from_millis(u64::from(ms)));
                }
                desk::turns::act(
                    &mut store,
                    &SystemClock,
                    &actor,
                    &config,
                    &turn.label,
                    Transition::Finish,
                )?;
                println!(
                    "{{\"op\":\"next\",\"label\":\"{}\",\"micros\":{micros}}}",
                    turn.label
                );
            }
            Err(Error::NothingToDo(_)) if stopping => return Ok(()),
            Err(Error::NothingToDo(_)) => std::thread::sleep(std::time::Duration::from_millis(2)),
            Err(err) => return Err(err),
        }
    }
}
