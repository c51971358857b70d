//! What an office hands over, made into one table of text: CSV in UTF-8 or Windows-1252 (the
//! encoding chosen per file, and said when it is not UTF-8), or an Excel / LibreOffice workbook
//! read directly (first sheet or the one named, the header found below any title rows, Excel
//! dates and numbers as people typed them).

use super::HEADER;
use crate::error::{Error, Result};

/// A file made into CSV text for the checker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// CSV text whose first line is the header.
    pub text: String,
    /// Lines of the original above the header (title rows of a workbook), so that reported
    /// line numbers are the ones the person sees in their file.
    pub line_offset: u64,
    /// What the person should know about how the file was read.
    pub warnings: Vec<String>,
}

/// Reads `bytes` of the file `name`: a workbook by its extension (`.xlsx`, `.xlsm`, `.xls`,
/// `.ods`), else delimited text.
pub fn read(bytes: &[u8], name: &str, sheet: Option<&str>) -> Result<Source> {
    let ext = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods") {
        return workbook(bytes, name, sheet);
    }
    if sheet.is_some() {
        return Err(Error::Usage(format!(
            "{name} no es un libro de Excel: --hoja solo aplica a .xlsx y .ods"
        )));
    }
    let (text, forced_at) = decode(bytes);
    let warnings = forced_at
        .map(|line| {
            format!(
                "el archivo no es UTF-8 válido (primera vez en la línea {line}); se leyó como \
                 Windows-1252. Revise las tildes; si se ven mal, guárdelo como «CSV UTF-8»."
            )
        })
        .into_iter()
        .collect();
    Ok(Source {
        text,
        line_offset: 0,
        warnings,
    })
}

/// Decodes text: UTF-8 (BOM stripped) when the whole file is valid, otherwise Windows-1252
/// for all of it, with the line of the first byte that is not UTF-8. Line endings become
/// `\n`, so line numbers match what an editor shows for Windows files too.
pub fn decode(bytes: &[u8]) -> (String, Option<u64>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, forced) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64
                + 1;
            let text = encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned();
            (text, Some(line))
        }
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    };
    (text, forced)
}

fn workbook(bytes: &[u8], name: &str, sheet: Option<&str>) -> Result<Source> {
    use calamine::{Reader, open_workbook_auto_from_rs};
    let unreadable =
        |e: &dyn std::fmt::Display| Error::Usage(format!("no se pudo leer el libro {name}: {e}"));
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| unreadable(&e))?;
    let names = book.sheet_names().to_vec();
    let chosen = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| crate::domain::vocab::fold(n) == crate::domain::vocab::fold(wanted))
            .cloned()
            .ok_or_else(|| {
                Error::Usage(format!(
                    "el libro {name} no tiene la hoja «{wanted}»; tiene: {}",
                    names.join(", ")
                ))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::Usage(format!("el libro {name} no tiene hojas")))?,
    };
    let range = book.worksheet_range(&chosen).map_err(|e| unreadable(&e))?;
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    // The header is the first row naming the required columns (a title block may come first).
    let required = &HEADER[..4];
    let header_at = rows
        .iter()
        .take(20)
        .position(|r| {
            let cells: Vec<String> = r.iter().map(|c| c.trim().to_lowercase()).collect();
            required.iter().all(|h| cells.iter().any(|c| c == h))
        })
        .ok_or_else(|| {
            Error::Usage(format!(
                "la hoja «{chosen}» de {name} no tiene una fila de encabezado con las columnas \
                 {} (en las primeras 20 filas)",
                required.join(", ")
            ))
        })?;
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for r in &rows[header_at..] {
        w.write_record(r)
            .map_err(|e| Error::Usage(format!("no se pudo leer {name}: {e}")))?;
    }
    let text = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    Ok(Source {
        text,
        line_offset: header_at as u64 + range.start().map_or(0, |(r, _)| u64::from(r)),
        warnings: Vec::new(),
    })
}

/// A workbook cell as the text a person typed: whole numbers without a decimal point
/// (document numbers stored as numbers), dates as `AAAA-MM-DD`.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "sí" } else { "no" }.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|dt| {
                if dt.time() == chrono::NaiveTime::MIN {
                    dt.date().to_string()
                } else {
                    dt.format("%Y-%m-%dT%H:%M").to_string()
                }
            })
            .unwrap_or_else(|| d.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_say_when_they_are_not_utf8() {
        assert_eq!(decode(b"\xEF\xBB\xBFa;b"), ("a;b".to_string(), None));
        assert_eq!(
            decode(b"x\nMu\xf1oz;P\xe9rez"),
            ("x\nMuñoz;Pérez".to_string(), Some(2))
        );
        assert_eq!(decode("Muñoz".as_bytes()), ("Muñoz".to_string(), None));
    }
}
