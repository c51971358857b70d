//! The files offices open and hand over: CSV in both dialects byte by byte, formula
//! neutralisation, typed Excel cells with the title block, frozen header, autofilter and chart
//! anchors, and imports of what Excel and CRMs write (xlsx with serial dates, DD/MM/AAAA,
//! leading zeros, bad bytes, absurd lengths) with honest exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use calamine::{Data, Reader, open_workbook_auto};
use predicates::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};

struct Branch {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Branch {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("sede.sqlite3");
        common::branch_with_windows(&db, 2);
        Branch { dir, db }
    }

    fn cli(&self) -> Command {
        let mut c = Command::cargo_bin("ventanilla").unwrap();
        c.env("VENTANILLA_DB", &self.db)
            .env_remove("VENTANILLA_CONFIG");
        c
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Imports `text` as a CSV file; returns the command's assertion.
    fn import(&self, name: &str, bytes: &[u8]) -> assert_cmd::assert::Assert {
        let path = self.path(name);
        std::fs::write(&path, bytes).unwrap();
        self.cli()
            .args(["import", "customers", "--user", "admin"])
            .arg(&path)
            .assert()
    }
}

const HEADER: &str = "tipo_documento;numero_documento;nombres;apellidos;fecha_nacimiento;telefono;correo;estado_afiliacion;categoria";

fn zip_entry(path: &Path, entry: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive
        .by_name(entry)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn csv_dialects_byte_by_byte_and_formulas_neutralised() {
    let b = Branch::new();
    let rows = format!(
        "{HEADER}\nCC;52000111;=HYPERLINK(\"http://x\");Rojas;17/05/1990;;;afiliado;A\n\
         CC;52000112;-Ana;@Gómez;;;;no afiliado;\n"
    );
    b.import("clientes.csv", rows.as_bytes()).success();

    let es = b.path("clientes-es.csv");
    b.cli()
        .args(["export", "customers", "--out"])
        .arg(&es)
        .assert()
        .success();
    let bytes = std::fs::read(&es).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFtipo_documento;numero_documento;"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("\r\n"), "CRLF line endings");
    // a formula becomes text; the date is written the Spanish way
    assert!(
        text.contains("CC;52000111;\"'=HYPERLINK(\"\"http://x\"\")\";Rojas;17/05/1990;"),
        "{text}"
    );
    assert!(text.contains("CC;52000112;'-Ana;'@Gómez;"), "{text}");

    let rfc = b.path("clientes-rfc.csv");
    b.cli()
        .args(["export", "customers", "--csv", "rfc", "--out"])
        .arg(&rfc)
        .assert()
        .success();
    let text = std::fs::read_to_string(&rfc).unwrap();
    assert!(
        text.starts_with("tipo_documento,numero_documento,"),
        "no BOM, commas"
    );
    assert!(!text.contains('\r'));
    assert!(text.contains(",Rojas,1990-05-17,"), "{text}");
    b.cli()
        .args(["export", "customers", "--csv", "excel-raro", "--out"])
        .arg(&rfc)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "formato CSV: «excel-raro» no existe",
        ));
}

#[test]
fn decimals_are_commas_for_spanish_excel_and_points_for_programs() {
    let b = Branch::new();
    // A turn served, so the raw export has minutes with decimals.
    b.cli()
        .args(["turn", "issue", "--service", "E"])
        .assert()
        .success();
    for step in [
        vec!["turn", "next", "--window", "2", "--user", "asesor2"],
        vec!["turn", "start", "E-001", "--user", "asesor2"],
        vec!["turn", "finish", "E-001", "--user", "asesor2"],
    ] {
        b.cli().args(&step).assert().success();
    }
    let today = common::branch_today().to_string();
    let out = b.path("turnos.csv");
    b.cli()
        .args(["export", "turns", "--from", &today, "--to", &today, "--out"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let row: Vec<&str> = lines.next().unwrap().split(';').collect();
    let col = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert!(col("espera_min").contains(','), "{:?}", col("espera_min"));
    assert_eq!(col("estado_etiqueta"), "atendido");
    // an instant as a local date and time Spanish Excel reads as one
    let issued = col("emitido");
    assert_eq!(issued.len(), "30/11/2026 12:56".len(), "{issued}");
    assert_eq!(&issued[2..3], "/");
    let out = b.path("turnos-rfc.csv");
    b.cli()
        .args([
            "export", "turns", "--csv", "rfc", "--from", &today, "--to", &today,
        ])
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert!(
        col("espera_min").parse::<f64>().is_ok(),
        "{:?}",
        col("espera_min")
    );
    assert!(col("emitido").ends_with("-05:00"), "{}", col("emitido"));
}

#[test]
fn excel_exports_are_typed_titled_frozen_and_filtered() {
    let b = Branch::new();
    let rows = format!("{HEADER}\nCC;52000111;Luz;Rojas;1990-05-17;3105551234;;afiliado;A\n");
    b.import("clientes.csv", rows.as_bytes()).success();
    let out = b.path("clientes.xlsx");
    b.cli()
        .args(["export", "customers", "--out"])
        .arg(&out)
        .assert()
        .success();
    let mut book = open_workbook_auto(&out).unwrap();
    let range = book.worksheet_range("Clientes").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    // title block, a blank row, the header, the data
    assert_eq!(rows[0][0], Data::String("Clientes".into()));
    assert!(matches!(&rows[1][0], Data::String(s) if s.starts_with("Sede: ")));
    let header_at = rows
        .iter()
        .position(|r| r[0] == Data::String("tipo_documento".into()))
        .unwrap();
    let data = rows[header_at + 1];
    assert_eq!(
        data[1],
        Data::String("52000111".into()),
        "documents stay text"
    );
    assert!(
        matches!(&data[4], Data::DateTime(d) if d.as_datetime().unwrap().date().to_string() == "1990-05-17"),
        "birth date is an Excel date: {:?}",
        data[4]
    );
    let sheet = zip_entry(&out, "xl/worksheets/sheet1.xml");
    let header_row = header_at + 1; // 1-based
    assert!(
        sheet.contains(&format!("topLeftCell=\"A{}\"", header_row + 1))
            && sheet.contains("state=\"frozen\""),
        "header frozen"
    );
    assert!(
        sheet.contains(&format!(
            // 9 data columns, then consent, opt-out, «reclamo en trámite» and the 3 purposes
            "<autoFilter ref=\"A{header_row}:O{}\"",
            header_row + 1
        )),
        "autofilter over the table"
    );
    assert!(sheet.contains("<col "), "column widths set");
    let styles = zip_entry(&out, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"dd/mm/yyyy\""));
}

#[test]
fn the_report_workbook_has_percentages_and_one_page_charts() {
    let b = Branch::new();
    b.cli()
        .args(["turn", "issue", "--service", "E"])
        .assert()
        .success();
    let out = b.path("informe.xlsx");
    let month = common::branch_today().format("%Y-%m").to_string();
    b.cli()
        .args(["report", "month", &month, "--format", "xlsx", "--out"])
        .arg(&out)
        .assert()
        .success();
    let mut book = open_workbook_auto(&out).unwrap();
    let horas = book.worksheet_range("Horas").unwrap();
    let cells: Vec<&[Data]> = horas.rows().collect();
    assert_eq!(cells[0][0], Data::String("Informe de gestión".into()));
    assert!(cells.iter().any(|r| r[0] == Data::String("Hora".into())));
    assert!(
        cells
            .iter()
            .any(|r| matches!(r.get(1), Some(Data::Float(_)))),
        "arrivals are numbers"
    );
    let drawing = zip_entry(&out, "xl/drawings/drawing1.xml");
    // the two charts side by side, from the table's first data row
    assert_eq!(drawing.matches("<xdr:graphicFrame").count(), 2);
    assert!(drawing.contains("<xdr:col>4</xdr:col>") && drawing.contains("<xdr:col>12</xdr:col>"));
    let hours_sheet = zip_entry(&out, "xl/worksheets/sheet4.xml");
    assert!(hours_sheet.contains("orientation=\"landscape\""));
    assert!(hours_sheet.contains("fitToWidth=\"1\"") || hours_sheet.contains("fitToPage"));
    let styles = zip_entry(&out, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.00%\""));
}

#[test]
fn imports_read_what_offices_write() {
    let b = Branch::new();
    // Excel in es-CO: DD/MM/AAAA; a CRM padding documents with zeros.
    let rows = format!(
        "{HEADER}\nCC;00000033;Ana;Gómez;05/03/1980;;;afiliado;B\nCC;33;Ana María;Gómez;;;;afiliado;B\n"
    );
    b.import("crm.csv", rows.as_bytes())
        .success()
        .stdout(predicate::str::contains("Insertados: 1  Actualizados: 1"));
    let show = b
        .cli()
        .args(["customer", "show", "CC", "33"])
        .assert()
        .success();
    let text = String::from_utf8(show.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("Ana María") && text.contains("1980-03-05"),
        "{text}"
    );

    // A 100,000-character name: that row refused, the others imported, exit 1.
    let long = "A".repeat(100_000);
    let rows = format!("{HEADER}\nCC;52000200;{long};Pérez;;;;;\nCC;52000201;Luis;Pérez;;;;;\n");
    b.import("largo.csv", rows.as_bytes())
        .code(1)
        .stdout(predicate::str::contains(
            "Insertados: 1  Actualizados: 0  Rechazados: 1",
        ))
        .stderr(predicate::str::contains(
            "línea 2: nombres: tiene 100000 caracteres; el máximo es 120",
        ));
}

#[test]
fn workbooks_import_directly_with_serial_dates_and_a_title_block() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let b = Branch::new();
    let path = b.path("clientes.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Afiliados").unwrap();
    sheet.write_string(0, 0, "Listado de afiliados").unwrap();
    for (c, h) in HEADER.split(';').enumerate() {
        sheet.write_string(2, c as u16, h).unwrap();
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_string(3, 0, "CC").unwrap();
    sheet.write_number(3, 1, 52000300.0).unwrap(); // a document typed as a number
    sheet.write_string(3, 2, "Marta").unwrap();
    sheet.write_string(3, 3, "Lozano").unwrap();
    let born = ExcelDateTime::from_ymd(1975, 8, 21).unwrap();
    sheet
        .write_datetime_with_format(3, 4, &born, &date)
        .unwrap();
    sheet.write_string(3, 7, "afiliado").unwrap();
    sheet.write_string(3, 8, "C").unwrap();
    sheet.write_string(4, 0, "CC").unwrap();
    sheet.write_string(4, 1, "x").unwrap();
    sheet.write_string(4, 2, "Mal").unwrap();
    sheet.write_string(4, 3, "Dato").unwrap();
    book.save(&path).unwrap();

    b.cli()
        .args(["import", "customers", "--user", "admin"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "Insertados: 1  Actualizados: 0  Rechazados: 1",
        ))
        // the line the person sees in their sheet
        .stderr(predicate::str::contains("línea 5: numero_documento"));
    let show = b
        .cli()
        .args(["customer", "show", "CC", "52000300"])
        .assert()
        .success();
    let text = String::from_utf8(show.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("Marta Lozano") && text.contains("1975-08-21"),
        "{text}"
    );
    b.cli()
        .args(["import", "customers", "--hoja", "Otra", "--user", "admin"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no tiene la hoja «Otra»; tiene: Afiliados",
        ));
}

#[test]
fn a_closed_pipe_ends_quietly_completions_and_manual_pages() {
    let bin = assert_cmd::cargo::cargo_bin("ventanilla");
    // `| head -1` closes the pipe long before the >100 kB script is written.
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' completions fish | head -1",
            bin.display()
        ))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");

    let b = Branch::new();
    b.cli()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ventanilla"));
    b.cli()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("intérprete «tcsh» desconocido"));
    let man = b.path("man");
    b.cli()
        .args(["manual", "--out"])
        .arg(&man)
        .assert()
        .success();
    let page = std::fs::read_to_string(man.join("ventanilla-ticket-new.1")).unwrap();
    assert!(page.contains("Radica una PQRS"), "{page}");
    assert!(man.join("ventanilla.1").exists());
}

#[test]
fn turn_issue_prints_a_ticket_with_its_qr_on_narrow_paper() {
    use std::os::unix::fs::PermissionsExt;
    let b = Branch::new();
    let printed = b.path("impresora.bin");
    let config = b.path("config.toml");
    std::fs::write(
        &config,
        format!(
            "[kiosk]\nprinter = \"file:{}\"\n[printing]\ncolumns = 32\n",
            printed.display()
        ),
    )
    .unwrap();
    b.cli()
        .args(["--config"])
        .arg(&config)
        .args(["turn", "issue", "--service", "E", "--print"])
        .assert()
        .success()
        .stdout("E-001\n");
    let bytes = std::fs::read(&printed).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(&[
        0x1d, b'(', b'k', 8, 0, 49, 80, 48, b'E', b'-', b'0', b'0', b'1'
    ]));
    assert_eq!(
        std::fs::metadata(&printed).unwrap().permissions().mode() & 0o777,
        0o600,
        "the printer file holds personal data: owner only"
    );
    std::fs::write(&config, "[printing]\ncolumns = 40\n").unwrap();
    b.cli()
        .args(["--config"])
        .arg(&config)
        .args(["turn", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("printing.columns"));
    b.cli()
        .args(["turn", "issue", "--service", "E", "--print"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "turno E-002 entregado, pero no hay impresora configurada",
        ));
}

#[test]
fn control_sequences_are_refused_on_the_way_in_and_shown_on_the_way_out() {
    let b = Branch::new();
    // A name with an OSC sequence (set the terminal title) and a bell is refused at import…
    let rows = format!("{HEADER}\nCC;52000400;Eva\u{1b}]0;pwned\u{7};Ruiz;;;;;\n");
    b.import("osc.csv", rows.as_bytes())
        .code(1)
        .stderr(predicate::str::contains(
            "nombres: tiene caracteres de control",
        ));
    // …and text that reaches output anyway (here, an unknown value echoed back) is escaped.
    b.cli()
        .args(["turn", "list", "--status", "x\u{1b}[2Jy"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("x\\u{1b}[2Jy"))
        .stderr(predicate::str::contains("\u{1b}").not());
}
