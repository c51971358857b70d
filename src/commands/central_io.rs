//! What `central …` reads and writes: master data in, calendar changes in, the report and the
//! status out.

use super::Ctx;
use crate::central::push::PULLED_LOCK;
use crate::central::{explain, status::BranchStatus};
use crate::error::{Error, Result};
use postgres::Client;
use std::path::Path;

mod report;
pub use report::{report_text, write_report};

/// Loads the affiliates' master data: every good row is written (or updated when it changed),
/// every bad row is named with its line.
pub fn import_customers(
    ctx: &Ctx,
    client: &mut Client,
    shown: &str,
    file: &Path,
    sheet: Option<&str>,
) -> Result<()> {
    let bytes = std::fs::read(file)
        .map_err(|e| Error::Usage(format!("no se pudo leer {}: {e}", file.display())))?;
    let name = file.display().to_string();
    let source = crate::desk::import::sources::read(&bytes, &name, sheet)?;
    for w in &source.warnings {
        crate::say!("{w}");
    }
    let today = ctx
        .clock
        .now()
        .with_timezone(&ctx.loaded.config.utc_offset())
        .date_naive();
    let mut chunks = Vec::new();
    let errors = crate::desk::import::parse(
        &source.text,
        source.line_offset,
        today,
        |_| {},
        |rows| chunks.push(rows),
    )?;
    // a row whose affiliation or category cell is empty (or a file without that column) says
    // nothing about them: central keeps what it had, rather than "no afiliado" or no category
    let given = affiliation_given(&source.text, source.line_offset);
    let mut written = 0u64;
    let mut tx = client.transaction().map_err(|e| explain(&e, shown))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PULLED_LOCK])
        .map_err(|e| explain(&e, shown))?;
    for chunk in &chunks {
        let col = |f: &dyn Fn(&crate::store::customers::NewCustomer) -> Option<String>| {
            chunk
                .iter()
                .map(|(_, c)| f(c))
                .collect::<Vec<Option<String>>>()
        };
        let (types, numbers, names, surnames, affiliations, categories) = (
            col(&|c| Some(c.doc_type.clone())),
            col(&|c| Some(c.doc_number.clone())),
            col(&|c| Some(c.names.clone())),
            col(&|c| Some(c.surnames.clone())),
            chunk
                .iter()
                .map(|(line, c)| {
                    given
                        .contains(line)
                        .then(|| c.affiliation.code().to_string())
                })
                .collect::<Vec<Option<String>>>(),
            col(&|c| c.category.clone()),
        );
        written += tx
            .execute(
                "INSERT INTO master_customers
                     (doc_type, doc_number, names, surnames, affiliation, category)
                 SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                                      $6::text[])
                 ON CONFLICT (doc_type, doc_number) DO UPDATE SET
                     names = EXCLUDED.names, surnames = EXCLUDED.surnames,
                     affiliation = coalesce(EXCLUDED.affiliation, master_customers.affiliation),
                     category = coalesce(EXCLUDED.category, master_customers.category),
                     seq = nextval('central_seq'), loaded_at = now()
                 WHERE (master_customers.names, master_customers.surnames,
                        master_customers.affiliation, master_customers.category)
                       IS DISTINCT FROM (EXCLUDED.names, EXCLUDED.surnames,
                                         coalesce(EXCLUDED.affiliation,
                                                  master_customers.affiliation),
                                         coalesce(EXCLUDED.category,
                                                  master_customers.category))",
                &[
                    &types,
                    &numbers,
                    &names,
                    &surnames,
                    &affiliations,
                    &categories,
                ],
            )
            .map_err(|e| explain(&e, shown))?;
    }
    tx.commit().map_err(|e| explain(&e, shown))?;
    for e in &errors {
        crate::say!("línea {}: {}: {}", e.line, e.field, e.reason);
    }
    let read: usize = chunks.iter().map(Vec::len).sum();
    crate::say!(
        "Datos maestros en {shown}: {read} filas leídas, {written} nuevas o cambiadas, {} con \
         errores. Las sedes las traen en su próxima sincronización.",
        errors.len()
    );
    Ok(())
}

/// The lines (as the import numbers them) whose `estado_afiliacion` cell is not empty.
fn affiliation_given(text: &str, line_offset: u64) -> std::collections::HashSet<u64> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(crate::desk::import::separator(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let Some(column) = reader.headers().ok().and_then(|h| {
        h.iter()
            .position(|name| name.trim().to_lowercase() == "estado_afiliacion")
    }) else {
        return Default::default();
    };
    let mut lines = std::collections::HashSet::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => continue, // the import names the bad row
        }
        if record.get(column).is_some_and(|v| !v.is_empty()) {
            lines.insert(record.position().map_or(0, |p| p.line()) + line_offset);
        }
    }
    lines
}

/// Records an organisation-wide calendar change.
pub fn calendar(
    client: &mut Client,
    shown: &str,
    date: chrono::NaiveDate,
    closed: bool,
    reason: &str,
) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(Error::Usage("indique el motivo (--reason)".into()));
    }
    let kind = if closed { "cerrado" } else { "abierto" };
    let mut tx = client.transaction().map_err(|e| explain(&e, shown))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PULLED_LOCK])
        .map_err(|e| explain(&e, shown))?;
    tx.execute(
        "INSERT INTO org_calendar (date, kind, reason) VALUES ($1, $2, $3)
         ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, reason = EXCLUDED.reason,
             seq = nextval('central_seq'), at = now()",
        &[&date, &kind, &reason.trim()],
    )
    .map_err(|e| explain(&e, shown))?;
    tx.commit().map_err(|e| explain(&e, shown))?;
    crate::say!(
        "El {} queda {} en todas las sedes desde su próxima sincronización",
        crate::localtime::human_date(date),
        if closed { "cerrado" } else { "abierto" }
    );
    Ok(())
}

/// Records the organisation's legal terms from a TOML file.
pub fn set_terms(client: &mut Client, shown: &str, file: &Path) -> Result<()> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Error::Usage(format!("no se pudo leer {}: {e}", file.display())))?;
    let terms = crate::config::central_terms::from_toml(&text)?;
    let json = serde_json::to_value(&terms).map_err(|e| Error::Usage(format!("términos: {e}")))?;
    let mut tx = client.transaction().map_err(|e| explain(&e, shown))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PULLED_LOCK])
        .map_err(|e| explain(&e, shown))?;
    tx.execute("INSERT INTO org_terms (terms) VALUES ($1)", &[&json])
        .map_err(|e| explain(&e, shown))?;
    tx.commit().map_err(|e| explain(&e, shown))?;
    crate::say!(
        "Términos de la organización guardados en {shown}: las sedes los aplican desde su \
         próxima sincronización"
    );
    Ok(())
}

/// Prints the organisation's current legal terms.
pub fn show_terms(
    client: &mut Client,
    shown: &str,
    offset: chrono::FixedOffset,
    json: bool,
) -> Result<()> {
    let row = client
        .query_opt(
            "SELECT terms, at FROM org_terms ORDER BY seq DESC LIMIT 1",
            &[],
        )
        .map_err(|e| explain(&e, shown))?;
    let Some(row) = row else {
        crate::say!("La organización no ha fijado términos: cada sede usa los de su configuración");
        return Ok(());
    };
    let terms: serde_json::Value = row.get(0);
    if json {
        return super::print_json(&terms);
    }
    let at: chrono::DateTime<chrono::Utc> = row.get(1);
    crate::say!(
        "# Términos de la organización, fijados el {}",
        crate::localtime::human(at, offset)
    );
    let parsed: crate::config::Terms =
        serde_json::from_value(terms).map_err(|e| Error::Usage(format!("términos: {e}")))?;
    let text =
        toml::to_string_pretty(&parsed).map_err(|e| Error::Usage(format!("términos: {e}")))?;
    print!("[terms]\n{text}");
    Ok(())
}

fn num(v: Option<f64>) -> String {
    v.map_or("-".into(), |x| format!("{x:.1}"))
}

/// Each branch's line of `central status`.
pub fn status_text(lines: &[BranchStatus]) -> String {
    let mut s = format!(
        "{:<10} {:<14} {:>10} {:>9} {:>9} {:>8} {:>9} {:>10}\n",
        "Sede", "Seccional", "Retraso", "PQRS ab.", "Vencidas", "Turnos", "Atendid.", "Espera med"
    );
    for b in lines {
        let lag = match b.lag_s {
            None => "nunca".to_string(),
            Some(s) if s < 120 => format!("{s} s"),
            Some(s) if s < 7200 => format!("{} min", s / 60),
            Some(s) => format!("{} h", s / 3600),
        };
        s.push_str(&format!(
            "{:<10} {:<14} {:>10} {:>9} {:>9} {:>8} {:>9} {:>10}\n",
            b.code,
            b.seccional,
            lag,
            b.open_pqrs,
            b.overdue_pqrs,
            b.turns_today,
            b.served_today,
            num(b.wait_median_min)
        ));
    }
    if lines.is_empty() {
        s.push_str("Ninguna sede ha sincronizado todavía.\n");
    }
    s
}
