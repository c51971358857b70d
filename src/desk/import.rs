//! Importing customers from the files offices export: `,` `;` or tab separated, UTF-8 (with or
//! without BOM) or Windows-1252 as Excel writes them in a Spanish locale, or an Excel /
//! LibreOffice workbook. Every bad row is reported with its line, field and reason; good rows
//! are upserted by document — or nothing at all is written in strict mode.

pub mod sources;

pub use sources::{Source, decode};

use super::{Actor, audit, stamp};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::customer::{self, Input};
use crate::domain::user::Role;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::customers::{self, NewCustomer};
use serde::Serialize;

/// The columns of the customers file, in order; the first four are required.
pub const HEADER: [&str; 9] = [
    "tipo_documento",
    "numero_documento",
    "nombres",
    "apellidos",
    "fecha_nacimiento",
    "telefono",
    "correo",
    "estado_afiliacion",
    "categoria",
];

/// A rejected row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub line: u64,
    pub field: String,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub inserted: u64,
    pub updated: u64,
    pub rejected: u64,
    pub errors: Vec<RowError>,
    /// Strict mode with errors: nothing was written.
    pub aborted: bool,
    /// How the file was read, when the person should know (encoding guessed).
    pub warnings: Vec<String>,
}

/// The separator used on the header line: the most frequent of `;`, tab and `,`.
pub fn separator(text: &str) -> u8 {
    let head = text.lines().next().unwrap_or("");
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|s| (head.bytes().filter(|b| b == s).count(), *s == b','))
        .unwrap_or(b',')
}

/// Checked rows with their line numbers.
pub type Rows = Vec<(u64, NewCustomer)>;

/// Page cache for imports, in KiB (SQLite's default is 2 MiB).
const IMPORT_CACHE_KIB: i64 = 256 * 1024;

/// Rows handed to the writer at a time.
const CHUNK: usize = 4096;

/// Parses and checks the whole file; `progress` is told how many bytes were read so far.
pub fn parse(
    text: &str,
    line_offset: u64,
    today: chrono::NaiveDate,
    mut progress: impl FnMut(u64),
    mut sink: impl FnMut(Rows),
) -> Result<Vec<RowError>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::Usage(format!("no se pudo leer el encabezado: {e}")))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let index: Vec<Option<usize>> = HEADER
        .iter()
        .map(|name| headers.iter().position(|h| h == name))
        .collect();
    if let Some(missing) = HEADER[..4]
        .iter()
        .zip(&index)
        .find(|(_, i)| i.is_none())
        .map(|(n, _)| n)
    {
        return Err(Error::Usage(format!(
            "falta la columna «{missing}» en el encabezado (se esperan: {})",
            HEADER.join(",")
        )));
    }
    let mut good = Vec::with_capacity(CHUNK);
    let mut bad = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line()) + line_offset;
                bad.push(RowError {
                    line,
                    field: "(fila)".into(),
                    reason: format!("fila ilegible: {e}"),
                });
                continue;
            }
        }
        let line = record.position().map_or(0, |p| p.line()) + line_offset;
        if line.is_multiple_of(4096) {
            progress(record.position().map_or(0, |p| p.byte()));
        }
        let get = |i: usize| {
            index[i]
                .and_then(|j| record.get(j))
                .unwrap_or("")
                .to_string()
        };
        let input = Input {
            doc_type: get(0),
            doc_number: get(1),
            names: get(2),
            surnames: get(3),
            birth_date: get(4),
            phone: get(5),
            email: get(6),
            address: String::new(),
            affiliation: get(7),
            category: get(8),
        };
        match customer::check(&input, today) {
            Ok(valid) => {
                good.push((line, NewCustomer::from(valid)));
                if good.len() == CHUNK {
                    sink(std::mem::replace(&mut good, Vec::with_capacity(CHUNK)));
                }
            }
            Err(errors) => bad.extend(errors.into_iter().map(|e| RowError {
                line,
                field: e.field.into(),
                reason: e.message,
            })),
        }
    }
    if !good.is_empty() {
        sink(good);
    }
    progress(text.len() as u64);
    Ok(bad)
}

/// Writes the checked rows as they arrive, in one transaction, and commits only if
/// `commit(inserted, updated)` says so once all have arrived. Large loads (`expected` rows, at
/// least what is already there) drop the search-index triggers and rebuild the index once at
/// the end, inside the same transaction.
fn write(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    rows: impl Iterator<Item = Rows>,
    expected: u64,
    file: &str,
    commit: impl FnOnce() -> bool,
) -> Result<(u64, u64)> {
    let now = clock.now();
    let at = stamp(now);
    // A large page cache keeps a big load's dirty pages in memory until the commit instead of
    // spilling (and re-spilling) them into the WAL mid-transaction.
    store
        .conn()
        .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
    let tx = store.write()?;
    let existing = customers::count(&tx)? as u64;
    let bulk = expected >= existing.max(1000);
    if bulk {
        tx.execute_batch(
            "DROP TRIGGER customers_fts_insert; DROP TRIGGER customers_fts_update;
             DROP TRIGGER customers_fts_delete;",
        )?;
    }
    let (mut inserted, mut updated) = (0, 0);
    let mut upserter = customers::Upserter::new(&tx)?;
    for chunk in rows {
        for (_, row) in &chunk {
            if upserter.upsert(row, &at, &actor.principal)? {
                inserted += 1;
            } else {
                updated += 1;
            }
        }
    }
    drop(upserter);
    if !commit() {
        return Ok((0, 0)); // dropping the transaction rolls everything back
    }
    if bulk {
        tx.execute_batch(&format!(
            "INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');\n{}",
            customers::fts_triggers_sql()
        ))?;
    }
    let detail = format!("{file}: {inserted} nuevos, {updated} actualizados");
    audit::record(&tx, now, actor, "customer.import", "customers", &detail)?;
    tx.commit()?;
    Ok((inserted, updated))
}

/// A file to import.
#[derive(Debug, Clone, Copy)]
pub struct File<'a> {
    pub bytes: &'a [u8],
    /// Its name, for the audit record.
    pub name: &'a str,
    /// Write nothing if any row is bad.
    pub strict: bool,
    /// The sheet of a workbook to read (none: the first).
    pub sheet: Option<&'a str>,
}

/// Imports a customers file: parse, check, then write unless strict and some row is bad.
pub fn import(
    store: &mut Store,
    clock: &dyn Clock,
    actor: &Actor,
    config: &Config,
    file: File<'_>,
    progress: impl FnMut(u64) + Send,
) -> Result<Summary> {
    actor.require(Role::Supervisor, "importar clientes")?;
    let today = clock.now().with_timezone(&config.utc_offset()).date_naive();
    let Source {
        text,
        line_offset,
        warnings,
    } = sources::read(file.bytes, file.name, file.sheet)?;
    let expected = text.bytes().filter(|b| *b == b'\n').count() as u64;
    // Checking runs on a second thread and hands rows to the writer as they are ready.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Rows>(4);
    let (errors, written) = std::thread::scope(|s| {
        let text = &text;
        // `tx` moves into the checker, so the writer's loop ends when checking does.
        let checker = s.spawn(move || {
            parse(text, line_offset, today, progress, |chunk| {
                drop(tx.send(chunk))
            })
        });
        let errors = std::cell::RefCell::new(None);
        let written = write(store, clock, actor, rx.iter(), expected, file.name, || {
            let result = checker
                .join()
                .unwrap_or_else(|_| Err(Error::Usage("falló la lectura del archivo".into())));
            let ok = result.as_ref().is_ok_and(|e| !file.strict || e.is_empty());
            *errors.borrow_mut() = Some(result);
            ok
        });
        (errors.into_inner(), written)
    });
    let errors =
        errors.unwrap_or_else(|| Err(Error::Usage("la lectura del archivo no terminó".into())))?;
    let (inserted, updated) = written?;
    let rejected = errors
        .iter()
        .map(|e| e.line)
        .collect::<std::collections::BTreeSet<_>>()
        .len() as u64;
    let aborted = file.strict && !errors.is_empty();
    Ok(Summary {
        inserted,
        updated,
        rejected,
        errors,
        aborted,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_and_separators() {
        assert_eq!(separator("a;b;c\n1,2;3"), b';');
        assert_eq!(separator("a\tb\tc"), b'\t');
        assert_eq!(separator("a,b,c"), b',');
    }
}
