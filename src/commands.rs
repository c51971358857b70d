//! One module per subcommand: each has a `run` taking the parsed arguments and the [`Ctx`].

pub mod advisor;
pub mod attach;
pub mod attention;
pub mod audit;
pub mod calendar;
pub mod catalog;
pub mod central_io;
pub mod config;
pub mod consent;
pub mod console;
pub mod customer;
pub mod demo;
pub mod doc;
pub mod init;
pub mod io;
pub mod modes;
pub mod pin;
pub mod present;
pub mod rating;
pub mod report;
pub mod safety;
pub mod shell;
pub mod station;
pub mod sync;
pub mod ticket;
pub mod turn;
pub mod user;

use crate::cli::{Cli, Command, ConsoleArgs};
use crate::clock::{Clock, SystemClock};
use crate::config::Loaded;
use crate::desk::{self, Actor};
use crate::error::{Error, Result};
use crate::store::Store;
use std::path::PathBuf;

/// What every command needs: where the database is, the configuration and the clock.
pub struct Ctx {
    pub db: Option<PathBuf>,
    pub loaded: Loaded,
    pub clock: Box<dyn Clock>,
}

impl Ctx {
    /// The database path: `--db`/`VENTANILLA_DB`, else the data directory's default.
    pub fn db_path(&self) -> Result<PathBuf> {
        self.db
            .clone()
            .or_else(crate::paths::default_db)
            .ok_or_else(|| {
                Error::Usage(
                    "no se encontró la carpeta de datos del usuario; indique --db RUTA".into(),
                )
            })
    }

    /// Opens the existing database.
    pub fn store(&self) -> Result<Store> {
        Store::open(&self.db_path()?)
    }

    /// The CLI actor, acting for `--user` when given.
    pub fn actor(&self, store: &Store, user: Option<&str>) -> Result<Actor> {
        match user {
            Some(name) => Ok(Actor::cli(Some(&desk::users::active(store, name)?))),
            None => Ok(Actor::cli(None)),
        }
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let loaded = crate::config::load(cli.config.as_deref())?;
    present::set_offset(loaded.config.utc_offset());
    let mut ctx = Ctx {
        db: cli.db,
        loaded,
        clock: Box::new(SystemClock),
    };
    // a demo branch made outside office hours keeps its own time for every command
    if let Some(conn) = ctx.db_path().ok().filter(|p| p.exists()).and_then(|p| {
        rusqlite::Connection::open_with_flags(p, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()
    }) {
        ctx.clock = crate::clock::of_database(&conn);
        // legal terms the organisation handed down at the last sync
        crate::config::central_terms::overlay(&mut ctx.loaded.config, &conn);
    }
    let result = dispatch(&ctx, cli.command);
    if let Err(err @ Error::Denied { .. }) = &result
        && let Ok(mut store) = ctx.store()
    {
        desk::audit::denied(&mut store, ctx.clock.as_ref(), err);
    }
    result
}

fn dispatch(ctx: &Ctx, command: Option<Command>) -> Result<()> {
    match command.unwrap_or(Command::Console(ConsoleArgs::default())) {
        Command::Console(args) => console::run(ctx, &args),
        Command::Demo(args) => demo::run(ctx, &args),
        Command::Init(args) => init::run(ctx, &args),
        Command::User(cmd) => user::run(ctx, cmd),
        Command::Service(cmd) => catalog::run_service(ctx, cmd),
        Command::Window(cmd) => catalog::run_window(ctx, cmd),
        Command::Config(cmd) => config::run(ctx, cmd),
        Command::Audit(cmd) => audit::run(ctx, cmd),
        Command::Calendar(cmd) => calendar::run(ctx, cmd),
        Command::Doc(cmd) => doc::run(cmd),
        Command::Turn(cmd) => turn::run(ctx, cmd),
        Command::Contingency { state, on_behalf } => turn::contingency(ctx, &state, &on_behalf),
        Command::Customer(cmd) => customer::run(ctx, cmd),
        Command::Consent(cmd) => consent::run(ctx, cmd),
        Command::Attention(cmd) => attention::run(ctx, cmd),
        Command::Advisor(cmd) => advisor::run(ctx, cmd),
        Command::Station(cmd) => station::run(ctx, cmd),
        Command::Sync(args) => sync::run(ctx, &args),
        Command::Central(args) => sync::central(ctx, args),
        Command::Ticket(cmd) => ticket::run(ctx, cmd),
        Command::Workorder(cmd) => ticket::work_order(ctx, cmd),
        Command::Attach(cmd) => attach::run(ctx, cmd),
        Command::Rating(cmd) => rating::run(ctx, cmd),
        Command::Report(cmd) => report::run(ctx, cmd),
        Command::Import(cmd) => io::import(ctx, cmd),
        Command::Export(cmd) => io::export(ctx, cmd),
        Command::Kiosk => modes::kiosk(ctx),
        Command::Display => modes::display(ctx),
        Command::Rate { window } => modes::rate(ctx, window),
        Command::Supervisor => modes::supervisor(ctx),
        Command::Pqrs => modes::pqrs(ctx),
        Command::Backup { file, json } => safety::backup(ctx, file.as_deref(), json),
        Command::Restore { file, yes } => safety::restore(ctx, &file, yes),
        Command::Check { json } => safety::check(ctx, json),
        Command::Completions { shell } => shell::completions(&shell),
        Command::Manual { out } => shell::manual(&out),
    }
}

/// Text for a terminal: control characters (ESC, OSC, BEL, …) other than line breaks and tabs
/// become visible escapes (`\u{1b}`), so a name typed or imported with them cannot drive the
/// terminal of whoever lists it.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let control = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if control(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// An error message with every quoted value («…») kept to its first 40 characters: a pasted
/// page or a 20,000-character argument does not come back as a page of error.
pub fn bounded_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4096));
    let mut rest = text;
    while let Some(open) = rest.find('«') {
        let (before, after) = rest.split_at(open + '«'.len_utf8());
        out.push_str(before);
        let Some(close) = after.find('»') else {
            rest = after;
            break;
        };
        out.push_str(&crate::domain::vocab::echoed(&after[..close]));
        rest = &after[close..];
    }
    out.push_str(rest);
    out
}

/// `println!` for people: the line passes through [`visible`].
#[macro_export]
macro_rules! say {
    () => {
        println!()
    };
    ($($arg:tt)*) => {
        println!("{}", $crate::commands::visible(&format!($($arg)*)))
    };
}

/// Parses `TYPE:NUMBER` (e.g. `CC:1144052337`, or `CC 1144052337` as people write it) into a
/// canonical document.
pub fn parse_doc(text: &str) -> Result<crate::domain::ids::Document> {
    let text = text.trim();
    let split = text
        .split_once(':')
        .or_else(|| text.split_once(char::is_whitespace));
    let (kind, number) = split.ok_or_else(|| {
        Error::Usage(format!(
            "documento «{text}» inválido: use TIPO:NÚMERO, p. ej. CC:1144052337"
        ))
    })?;
    doc_of(kind, number)
}

/// A canonical document from its type code and number as typed.
pub fn doc_of(kind: &str, number: &str) -> Result<crate::domain::ids::Document> {
    use crate::domain::ids::{self, DocType};
    let kind = DocType::parse(kind).ok_or_else(|| {
        let codes: Vec<&str> = ids::ALL.iter().map(|t| t.code()).collect();
        Error::Usage(format!(
            "tipo de documento «{kind}» desconocido: use {}",
            codes.join(", ")
        ))
    })?;
    Ok(ids::parse(kind, number).map_err(Error::Refused)?.document)
}

/// Parses a `YYYY-MM-DD` argument.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate> {
    crate::localtime::parse_date(text).map_err(Error::Usage)
}

/// Checks a period typed on the command line: it ends on or after it starts, both days are in
/// the calendar ventanilla handles, and it spans at most `max_days` when given (a report over
/// ten thousand years would run for hours).
pub fn check_period(
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    max_days: Option<i64>,
) -> Result<()> {
    use crate::domain::holidays::{FIRST_YEAR, LAST_YEAR};
    use chrono::Datelike;
    if to < from {
        return Err(Error::Usage(format!(
            "el periodo termina ({to}) antes de empezar ({from})"
        )));
    }
    for day in [from, to] {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&day.year()) {
            return Err(Error::Usage(format!(
                "la fecha {day} está fuera del calendario que maneja ventanilla \
                 ({FIRST_YEAR}–{LAST_YEAR})"
            )));
        }
    }
    if let Some(max) = max_days.filter(|max| (to - from).num_days() + 1 > *max) {
        return Err(Error::Usage(format!(
            "el periodo del {from} al {to} es de más de {max} días; pida periodos más cortos"
        )));
    }
    Ok(())
}

/// Parses a value of a closed set typed on the command line (code, label or synonym).
pub fn parse_vocab<V: crate::domain::vocab::Vocab>(text: &str) -> Result<V> {
    Ok(V::parse(text)?)
}

/// Prints `value` as pretty JSON on stdout: codes with their Spanish labels, instants in the
/// organisation's offset (see [`present`]).
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut value = serde_json::to_value(value)
        .map_err(|e| Error::Usage(format!("no se pudo producir JSON: {e}")))?;
    present::present(&mut value);
    let text = serde_json::to_string_pretty(&value)
        .map_err(|e| Error::Usage(format!("no se pudo producir JSON: {e}")))?;
    println!("{text}");
    Ok(())
}
