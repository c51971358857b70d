//! Walks what people and programs read from a demo branch — every screen snapshot, the text
//! output of the CLI, reports (text, CSV, Excel), exports, constancias and `--json` — and fails
//! on any closed-set code shown where its Spanish label belongs, and on any UTC instant.
//!
//! For people (screens, text, reports, Excel cells): no code that differs from its label
//! ("en-tramite", "telefono", "in_attention") and no machine instant (`…T…Z`, `+00:00`).
//! For programs (`--json`, raw CSV/Excel exports): codes are allowed when their label travels
//! beside them (`estado` + `estado_etiqueta`, `kind` + `kind_label`), and every instant carries
//! the organisation's offset.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use ventanilla::domain::consent;
use ventanilla::domain::vocab::every_set;

/// A code that, seen by a person, betrays the internal vocabulary: it differs from its label
/// even ignoring case (so "queja" for "Queja" is not one, "telefono" for "Teléfono" is).
struct Telltale {
    code: String,
    set: &'static str,
    label: String,
}

fn telltales() -> Vec<Telltale> {
    let sets = every_set();
    // A code that is also a word of some label ("asignada", "proyectada") can be that label.
    let labels: Vec<&str> = sets
        .iter()
        .flat_map(|s| s.values.iter().map(|(_, label, _)| *label))
        .collect();
    let mut out = Vec::new();
    for set in sets {
        // «si»/«no» are ordinary Spanish words in any sentence.
        // A station's mode codes are also the subcommands that start each mode
        // (`ventanilla kiosk`), which every help screen lists by those names.
        if set.name == "vocab::YesNo" || set.name == "station::Mode" {
            continue;
        }
        for (code, label, _) in &set.values {
            let digits = code.chars().all(|c| c.is_ascii_digit());
            let a_label_word = labels.iter().any(|l| has_word(&l.to_lowercase(), code));
            if *code != label.to_lowercase() && code.len() >= 3 && !digits && !a_label_word {
                out.push(Telltale {
                    code: code.to_string(),
                    set: set.name,
                    label: label.to_string(),
                });
            }
        }
    }
    // The sets that come from configuration: consent purposes and ways.
    let config = ventanilla::config::Config::defaults().unwrap();
    type Labeller = fn(&str) -> String;
    let configured: [(&'static str, &[String], Labeller); 2] = [
        (
            "consent purpose",
            &config.consent.purposes,
            consent::purpose_label,
        ),
        (
            "consent way",
            &config.consent.channels,
            consent::channel_label,
        ),
    ];
    for (set, codes, label) in configured {
        for code in codes {
            let label = label(code);
            if *code != label.to_lowercase() {
                out.push(Telltale {
                    code: code.clone(),
                    set,
                    label,
                });
            }
        }
    }
    out
}

/// Whether `word` occurs in `text` as a whole word (not inside a longer word or code).
fn has_word(text: &str, word: &str) -> bool {
    let part = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(part) && !after.is_some_and(part)
    })
}

/// Machine instants in `text`: `YYYY-MM-DDTHH:MM…`, and whether each names UTC.
fn instants(text: &str) -> Vec<(String, bool)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i + 16 <= b.len() {
        let date = (0..4).all(|k| digit(i + k))
            && b[i + 4] == b'-'
            && digit(i + 5)
            && digit(i + 6)
            && b[i + 7] == b'-'
            && digit(i + 8)
            && digit(i + 9);
        let time = date
            && (b[i + 10] == b'T' || b[i + 10] == b' ')
            && digit(i + 11)
            && digit(i + 12)
            && b[i + 13] == b':'
            && digit(i + 14)
            && digit(i + 15);
        if time {
            let mut end = i + 16;
            while end < b.len() && (b[end].is_ascii_digit() || b[end] == b':' || b[end] == b'.') {
                end += 1;
            }
            let rest = &text[end..];
            let utc = rest.starts_with('Z')
                || rest.starts_with("+00:00")
                || rest.trim_start().starts_with("UTC");
            let machine = b[i + 10] == b'T';
            if machine || utc {
                let shown = text[i..(end + 6).min(text.len())].to_string();
                out.push((shown, utc));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

#[derive(Default)]
struct Findings(Vec<String>);

impl Findings {
    /// Text a person reads.
    fn human(&mut self, source: &str, text: &str, tells: &[Telltale]) {
        // Command lines quoted in help and errors are the program's syntax, not labels.
        let text: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("Uso: ") && !l.contains("«ventanilla "))
            .collect::<Vec<_>>()
            .join("\n");
        let text = text.as_str();
        let mut seen: Vec<&str> = Vec::new();
        for t in tells {
            if !seen.contains(&t.code.as_str()) && has_word(text, &t.code) {
                seen.push(&t.code);
                let line = text.lines().find(|l| has_word(l, &t.code)).unwrap_or("");
                self.0.push(format!(
                    "{source}: code «{}» ({}) where «{}» belongs: {}",
                    t.code,
                    t.set,
                    t.label,
                    line.trim()
                ));
            }
        }
        for (instant, utc) in instants(text) {
            let what = if utc {
                "UTC instant"
            } else {
                "machine instant"
            };
            self.0
                .push(format!("{source}: {what} for people: {instant}"));
        }
    }

    /// A JSON document a program reads.
    fn json(&mut self, source: &str, value: &Value, tells: &[Telltale]) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.json(source, v, tells)),
            Value::Object(map) => {
                for (key, v) in map {
                    if let Value::String(s) = v {
                        if key.ends_with("_label") {
                            continue;
                        }
                        if let Some(t) = tells.iter().find(|t| t.code == *s)
                            && !map.contains_key(&format!("{key}_label"))
                        {
                            self.0.push(format!(
                                "{source}: «{key}»: «{s}» ({}) without «{key}_label»",
                                t.set
                            ));
                        }
                        for (instant, utc) in instants(s) {
                            if utc {
                                self.0
                                    .push(format!("{source}: «{key}»: UTC instant {instant}"));
                            }
                        }
                    } else {
                        self.json(source, v, tells);
                    }
                }
            }
            _ => {}
        }
    }

    /// A table (CSV or a sheet): a column of codes needs its label column beside it; cells
    /// of columns meant for people are checked as text. One finding per column names it.
    fn table(&mut self, source: &str, rows: &[Vec<String>], tells: &[Telltale]) {
        // A workbook's sheet starts with its title block: the header is the first row of
        // more than one cell.
        let start = rows
            .iter()
            .position(|r| r.iter().filter(|c| !c.is_empty()).count() > 1)
            .unwrap_or(0);
        let rows = &rows[start..];
        let Some(header) = rows.first() else { return };
        for (col, name) in header.iter().enumerate() {
            let labelled = header
                .iter()
                .any(|h| h == &format!("{name}_etiqueta") || h == &format!("{name}_label"));
            let first = rows[1..]
                .iter()
                .filter_map(|row| row.get(col))
                .find_map(|cell| {
                    if let Some(t) = tells.iter().find(|t| t.code == *cell) {
                        return (!labelled)
                            .then(|| format!("«{cell}» ({}) without a label column", t.set));
                    }
                    if let Some((instant, _)) = instants(cell).into_iter().find(|(_, utc)| *utc) {
                        return Some(format!("UTC instant {instant}"));
                    }
                    if labelled {
                        return None;
                    }
                    let mut inner = Findings::default();
                    inner.human("", cell, tells);
                    inner.0.into_iter().find(|f| f.contains("code «"))
                });
            if let Some(finding) = first {
                self.0.push(format!("{source}: column «{name}»: {finding}"));
            }
        }
    }
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = if text.lines().next().unwrap_or("").contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn xlsx_sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Reader, open_workbook_auto};
    let mut book = open_workbook_auto(path).unwrap();
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

struct Branch {
    _dir: tempfile::TempDir,
    db: PathBuf,
    dir: PathBuf,
}

impl Branch {
    fn demo() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.db");
        let branch = Branch {
            dir: dir.path().to_path_buf(),
            db,
            _dir: dir,
        };
        branch.ok(&["demo", "--no-tui", "--customers", "150"]);
        branch
    }

    fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::cargo_bin("ventanilla")
            .unwrap()
            .env("VENTANILLA_DB", &self.db)
            .env_remove("VENTANILLA_CONFIG")
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args);
        assert!(
            out.status.success(),
            "ventanilla {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

#[test]
fn what_people_and_programs_read_speaks_labels_and_local_time() {
    let tells = telltales();
    assert!(
        tells.iter().any(|t| t.code == "en-tramite") && tells.iter().any(|t| t.code == "telefono"),
        "the walk must know the codes the first users saw"
    );
    let b = Branch::demo();
    let mut found = Findings::default();

    // Desk work that leaves records of every kind, through the CLI as an advisor would.
    let issued = b.ok(&["turn", "issue", "--service", "E", "--json"]);
    let issued: Value = serde_json::from_str(&issued).unwrap();
    found.json("turn issue --json", &issued, &tells);
    let doc = b.ok(&["customer", "find", "a", "--limit", "3", "--json"]);
    let people: Value = serde_json::from_str(&doc).unwrap();
    found.json("customer find --json", &people, &tells);
    let person = &people[0];
    let (doc_type, doc_number) = (
        person["doc_type"].as_str().unwrap(),
        person["doc_number"].as_str().unwrap(),
    );
    let document = format!("{doc_type} {doc_number}");
    let new = b.ok(&[
        "ticket",
        "new",
        "--type",
        "reclamación",
        "--channel",
        "teléfono",
        "--doc",
        &document,
        "--subject",
        "Cobro no reconocido",
        "--description",
        "Dice que le cobraron dos veces.",
        "--user",
        "asesor1",
    ]);
    found.human("ticket new (constancia)", &new, &tells);
    let consent = b.ok(&[
        "consent",
        "grant",
        doc_type,
        doc_number,
        "--purpose",
        "Envío de información",
        "--channel",
        "verbal",
        "--user",
        "asesor1",
    ]);
    found.human("consent grant", &consent, &tells);
    let attention = b.ok(&[
        "attention",
        "add",
        "--channel",
        "teléfono",
        "--doc",
        &document,
        "--topic",
        "Subsidio",
        "--level",
        "2",
        "--notes",
        "Llamó a preguntar por el subsidio.",
        "--user",
        "asesor1",
    ]);
    found.human("attention add", &attention, &tells);

    // Text for people.
    let tickets: Value = serde_json::from_str(&b.ok(&["ticket", "list", "--json"])).unwrap();
    found.json("ticket list --json", &tickets, &tells);
    let month = common::branch_today().format("%Y-%m").to_string();
    let mut texts: Vec<(String, Vec<String>)> = vec![
        ("turn list".into(), vec!["turn", "list"]),
        ("ticket list".into(), vec!["ticket", "list"]),
        ("ticket reminder".into(), vec!["ticket", "reminder"]),
        ("attention list".into(), vec!["attention", "list"]),
        ("rating list".into(), vec!["rating", "list"]),
        ("report day".into(), vec!["report", "day"]),
        ("report month".into(), vec!["report", "month", &month]),
        ("audit list".into(), vec!["audit", "list"]),
        ("user list".into(), vec!["user", "list"]),
        ("service list".into(), vec!["service", "list"]),
        ("window list".into(), vec!["window", "list"]),
        (
            "customer show".into(),
            vec!["customer", "show", doc_type, doc_number],
        ),
        (
            "consent show".into(),
            vec!["consent", "show", doc_type, doc_number],
        ),
    ]
    .into_iter()
    .map(|(n, a)| (n, a.into_iter().map(str::to_string).collect()))
    .collect();
    for t in tickets.as_array().unwrap() {
        let radicado = t["radicado"].as_str().unwrap().to_string();
        texts.push((
            format!("ticket show {radicado}"),
            vec!["ticket".into(), "show".into(), radicado],
        ));
    }
    for (name, args) in &texts {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        found.human(name, &b.ok(&args), &tells);
        // The same with --json, where the command has it.
        let mut json_args = args.clone();
        json_args.push("--json");
        let out = b.cmd(&json_args);
        if out.status.success() {
            let value: Value = serde_json::from_slice(&out.stdout).unwrap();
            found.json(&format!("{name} --json"), &value, &tells);
        }
    }

    // Reports in every format.
    for period in [vec!["day"], vec!["month", &month]] {
        let run = |extra: &[&str]| b.ok(&[&["report"], &period[..], extra].concat());
        let name = period[0];
        let json: Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
        found.json(&format!("report {name} json"), &json, &tells);
        let csv = run(&["--format", "csv"]);
        found.table(&format!("report {name} csv"), &csv_rows(&csv), &tells);
        let xlsx = b.dir.join(format!("informe-{name}.xlsx"));
        run(&["--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
        for (sheet, rows) in xlsx_sheets(&xlsx) {
            found.table(&format!("report {name} xlsx «{sheet}»"), &rows, &tells);
        }
    }

    // Exports, CSV and Excel.
    let today = common::branch_today();
    let from = (today - chrono::Duration::days(40)).to_string();
    let to = today.to_string();
    for what in ["customers", "turns", "attentions", "tickets", "ratings"] {
        for ext in ["csv", "xlsx"] {
            let out = b.dir.join(format!("{what}.{ext}"));
            let mut args = vec!["export", what, "--out", out.to_str().unwrap()];
            if what != "customers" {
                args.extend(["--from", &from, "--to", &to]);
            }
            b.ok(&args);
            let source = format!("export {what} .{ext}");
            if ext == "csv" {
                let text = std::fs::read_to_string(&out).unwrap();
                found.table(&source, &csv_rows(&text), &tells);
            } else {
                for (sheet, rows) in xlsx_sheets(&out) {
                    found.table(&format!("{source} «{sheet}»"), &rows, &tells);
                }
            }
        }
    }

    // Every screen snapshot (and the CLI's help and errors).
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut screens = 0;
    for entry in std::fs::read_dir(snapshots).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "snap") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // The body follows insta's header.
        let body = text.splitn(3, "---").nth(2).unwrap_or(&text);
        found.human(&path.file_name().unwrap().to_string_lossy(), body, &tells);
        screens += 1;
    }
    assert!(screens >= 20, "only {screens} snapshots walked");

    assert!(
        found.0.is_empty(),
        "{} leak(s):\n{}",
        found.0.len(),
        found.0.join("\n")
    );
}

#[test]
fn the_walk_catches_what_it_looks_for() {
    let tells = telltales();
    let mut f = Findings::default();
    f.human("t", "Estado: en-tramite", &tells);
    f.human("t", "Recibida 2026-11-30T17:56:14Z", &tells);
    f.human("t", "Recibida 2026-11-30 17:56 UTC", &tells);
    f.json(
        "j",
        &serde_json::json!({"status": "en-tramite", "at": "2026-11-30T17:56:14+00:00"}),
        &tells,
    );
    f.table(
        "c",
        &[
            vec!["estado".into(), "canal".into()],
            vec!["finished".into(), "Llamada por telefono".into()],
        ],
        &tells,
    );
    assert_eq!(f.0.len(), 7, "{:#?}", f.0);
    let mut clean = Findings::default();
    clean.human("t", "Estado: en trámite · 30/11/2026 12:56 · queja", &tells);
    clean.json(
        "j",
        &serde_json::json!({"status": "en-tramite", "status_label": "en trámite",
                            "at": "2026-11-30T12:56:14-05:00"}),
        &tells,
    );
    clean.table(
        "c",
        &[
            vec!["estado".into(), "estado_etiqueta".into()],
            vec!["finished".into(), "atendido".into()],
        ],
        &tells,
    );
    assert!(clean.0.is_empty(), "{:#?}", clean.0);
}
