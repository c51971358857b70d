//! Load generator for the turn queue: long-lived processes that issue or serve turns on one
//! database file, printing one JSON line per operation with its latency. Used by the
//! concurrency test and the `turn next` benchmark; also usable on a branch PC to try a disk.
//!
//! ```text
//! ventanilla-loadgen issue --db PATH --service E --count 100
//! ventanilla-loadgen serve --db PATH --window 3 --user asesor3 --stop-file PATH [--attention-ms N]
//! ```
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
