//! `ventanilla sync` (a branch with its central server) and `ventanilla central …` (the central
//! server itself).

use super::{Ctx, parse_date, print_json};
use crate::central::{Target, pull, push, report, schema, status};
use crate::cli::{
    CentralArgs, CentralCalendar, CentralCommand, CentralImport, CentralPeriod, CentralTerms,
    SyncArgs,
};
use crate::error::{Error, Result};
use crate::store::{Store, settings, sync as outbox};
use std::time::Duration;

/// The central server this command talks to.
fn target(ctx: &Ctx, flag: Option<&str>) -> Result<Target> {
    let env = std::env::var("VENTANILLA_CENTRAL").ok();
    let central = &ctx.loaded.config.central;
    Ok(
        Target::resolve(flag, env.as_deref(), central.url.as_deref())?
            .with_ca_file(central.ca_file.as_deref().map(std::path::Path::new)),
    )
}

/// Runs `sync`.
pub fn run(ctx: &Ctx, args: &SyncArgs) -> Result<()> {
    let mut store = ctx.store()?;
    if args.status {
        let s = outbox::status(store.conn())?;
        if args.json {
            return print_json(&s);
        }
        print!("{}", status_text(ctx, &s));
        return Ok(());
    }
    let target = target(ctx, args.central.as_deref())?;
    if !args.watch {
        let done = round(ctx, &mut store, &target)?;
        if args.json {
            return print_json(&done);
        }
        crate::say!("{}", done.summary());
        return Ok(());
    }
    let every = match &args.every {
        Some(text) => parse_every(text)?,
        None => Duration::from_secs(u64::from(ctx.loaded.config.central.every_seconds)),
    };
    crate::say!(
        "Sincronizando con {} cada {} s (Ctrl+C para detener)",
        target.shown(),
        every.as_secs()
    );
    loop {
        let started = std::time::Instant::now();
        let now = crate::localtime::human(ctx.clock.now(), ctx.loaded.config.utc_offset());
        match round(ctx, &mut store, &target) {
            Ok(done) => crate::say!("{now} · {}", done.summary()),
            Err(e) => crate::say!("{now} · {e}"),
        }
        std::thread::sleep(every.saturating_sub(started.elapsed()));
    }
}

/// What one round did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Round {
    pub pushed: push::Pushed,
    pub pulled: pull::Pulled,
    /// Records still waiting (written at the branch during the round).
    pub pending: i64,
}

impl Round {
    fn summary(&self) -> String {
        let p = &self.pulled;
        let mut s = format!(
            "Enviados {} registros en {} lotes",
            self.pushed.records, self.pushed.batches
        );
        if self.pushed.resent_all {
            s.push_str(" (el servidor central no tenía lo último de esta sede: se reenvió todo)");
        }
        s.push_str(&format!(
            "; recibidos: {} clientes nuevos, {} con afiliación o categoría al día, {} cambios \
             de calendario, {} supresiones; pendientes: {}",
            p.customers_added,
            p.customers_updated,
            p.calendar_changes,
            p.deletions_applied,
            self.pending
        ));
        for w in &self.pulled.warnings {
            s.push_str(&format!(". Aviso: {w}"));
        }
        if self.pulled.terms_changed {
            s.push_str(
                ". Términos de ley nuevos de la organización: valen en cada modo desde que se \
                 reinicie",
            );
        }
        s
    }
}

/// One round: push, then pull; the outcome is written to the branch's sync status.
pub fn round(ctx: &Ctx, store: &mut Store, target: &Target) -> Result<Round> {
    let result = try_round(ctx, store, target);
    let now = crate::desk::stamp(ctx.clock.now());
    let tx = store.write()?;
    match &result {
        Ok(_) => {
            settings::set(&tx, outbox::LAST_OK, &now)?;
            settings::remove(&tx, outbox::LAST_ERROR)?;
            settings::remove(&tx, outbox::LAST_ERROR_AT)?;
        }
        Err(e) => {
            settings::set(&tx, outbox::LAST_ERROR, &e.to_string())?;
            settings::set(&tx, outbox::LAST_ERROR_AT, &now)?;
        }
    }
    tx.commit()?;
    result
}

fn try_round(ctx: &Ctx, store: &mut Store, target: &Target) -> Result<Round> {
    let (pushed, pulled) =
        crate::central::round(store, &ctx.loaded.config, target, ctx.clock.now())?;
    Ok(Round {
        pushed,
        pulled,
        pending: outbox::pending_count(store.conn())?,
    })
}

/// "60s", "5m", "1h" or plain seconds.
fn parse_every(text: &str) -> Result<Duration> {
    let t = text.trim().to_lowercase();
    let (num, unit) = match t.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => t.split_at(i),
        None => (t.as_str(), "s"),
    };
    let n: u64 = num.parse().map_err(|_| bad_every(text))?;
    let secs = match unit.trim() {
        "s" | "seg" => n,
        "m" | "min" => n * 60,
        "h" => n * 3600,
        _ => return Err(bad_every(text)),
    };
    if !(5..=86_400).contains(&secs) {
        return Err(Error::Usage(
            "--every: use entre 5 segundos y 24 horas (p. ej. 60s, 5m, 1h)".into(),
        ));
    }
    Ok(Duration::from_secs(secs))
}

fn bad_every(text: &str) -> Error {
    Error::Usage(format!(
        "--every «{text}» no es un tiempo: use p. ej. 60s, 5m o 1h"
    ))
}

/// The branch's sync status as a person reads it.
pub fn status_text(ctx: &Ctx, s: &outbox::Status) -> String {
    let off = ctx.loaded.config.utc_offset();
    let when = |t: &Option<String>| {
        t.as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| crate::localtime::human(t.to_utc(), off))
    };
    let mut out = format!(
        "Última sincronización completa: {}\nRegistros por enviar: {}\n",
        when(&s.last_ok).unwrap_or_else(|| "nunca".into()),
        s.pending
    );
    if let Some(e) = &s.last_error {
        out.push_str(&format!(
            "Último error ({}): {e}\n",
            when(&s.last_error_at).unwrap_or_default()
        ));
    }
    out
}

/// Runs `central …`.
pub fn central(ctx: &Ctx, args: CentralArgs) -> Result<()> {
    let target = target(ctx, args.central.as_deref())?;
    let shown = target.shown();
    let mut client = target.connect()?;
    if let CentralCommand::Migrate = args.command {
        let (from, to) = schema::migrate(&mut client, &shown)?;
        if from == to {
            crate::say!("El esquema central de {shown} ya está en la versión {to}");
        } else {
            crate::say!("Esquema central de {shown}: versión {from} → {to}");
        }
        return Ok(());
    }
    schema::check(&mut client, &shown)?;
    match args.command {
        CentralCommand::Migrate => Ok(()),
        CentralCommand::Import(CentralImport::Customers { file, sheet }) => {
            super::central_io::import_customers(ctx, &mut client, &shown, &file, sheet.as_deref())
        }
        CentralCommand::Calendar(cmd) => {
            let (date, closed, reason) = match cmd {
                CentralCalendar::Close { date, reason } => (date, true, reason),
                CentralCalendar::Open { date, reason } => (date, false, reason),
            };
            let date = parse_date(&date)?;
            super::central_io::calendar(&mut client, &shown, date, closed, &reason)
        }
        CentralCommand::Terms(CentralTerms::Set { file }) => {
            super::central_io::set_terms(&mut client, &shown, &file)
        }
        CentralCommand::Terms(CentralTerms::Show { json }) => {
            let offset = ctx.loaded.config.utc_offset();
            super::central_io::show_terms(&mut client, &shown, offset, json)
        }
        CentralCommand::Report { period } => report_cmd(ctx, &target, period),
        CentralCommand::Status { json } => {
            let now = ctx.clock.now();
            let today = now
                .with_timezone(&ctx.loaded.config.utc_offset())
                .date_naive();
            let lines = status::branches(&mut client, &shown, today)?;
            if json {
                return print_json(&lines);
            }
            print!("{}", super::central_io::status_text(&lines));
            Ok(())
        }
        CentralCommand::Supervisor => crate::tui::central::run(ctx, target),
        CentralCommand::Check { json } => check(ctx, &mut client, &shown, json),
    }
}

/// `central check`: sends the anchor lines central does not have yet (a re-seal after a
/// deletion among them), then compares the branch's chain with every anchor central keeps.
fn check(ctx: &Ctx, client: &mut postgres::Client, shown: &str, json: bool) -> Result<()> {
    let mut store = ctx.store()?;
    let branch = push::branch(&mut store, &ctx.loaded.config)?;
    crate::central::anchors::push(
        &mut store,
        client,
        shown,
        &branch.code,
        &mut Default::default(),
    )?;
    let v = crate::central::anchors::verify(&store, client, shown, &branch.code)?;
    if json {
        print_json(&v)?;
    } else if v.problems.is_empty() {
        crate::say!(
            "La cadena de auditoría de la sede {} coincide con las {} anclas del servidor central",
            branch.code,
            v.anchors
        );
    } else {
        for p in &v.problems {
            crate::say!("✗ {p}");
        }
    }
    match v.problems.first() {
        None => Ok(()),
        Some(p) => Err(Error::Refused(format!(
            "la cadena de auditoría no coincide con las anclas del servidor central: {p}"
        ))),
    }
}

fn report_cmd(ctx: &Ctx, target: &Target, period: CentralPeriod) -> Result<()> {
    let today = ctx
        .clock
        .now()
        .with_timezone(&ctx.loaded.config.utc_offset())
        .date_naive();
    let (from, to, scope, output) = match period {
        CentralPeriod::Day {
            date,
            scope,
            output,
        } => {
            let d = date
                .as_deref()
                .map(parse_date)
                .transpose()?
                .unwrap_or(today);
            (d, d, scope, output)
        }
        CentralPeriod::Month {
            month,
            scope,
            output,
        } => {
            let (from, to) = super::report::month_days(&month)?;
            (from, to, scope, output)
        }
        CentralPeriod::Range {
            from,
            to,
            scope,
            output,
        } => (parse_date(&from)?, parse_date(&to)?, scope, output),
    };
    super::check_period(from, to, Some(3660))?;
    let config = &ctx.loaded.config;
    let (start, _) = crate::desk::turns::day_bounds(config, from);
    let (_, end) = crate::desk::turns::day_bounds(config, to);
    let scope = report::Scope {
        branch: scope.sede,
        seccional: scope.seccional,
    };
    let r = report::build(
        target,
        (from, to),
        (start, end),
        &scope,
        report::Targets::of(config),
        config.utc_offset().local_minus_utc() / 60,
    )?;
    super::central_io::write_report(ctx, &r, &output)
}
