//! A deletion (habeas data supresión) that leaves nothing: the person is seeded into every
//! table that holds text — notes, comments, work orders, events, the audit log, another
//! requester's PQRS — the deletion runs with a reader open, and the database file, its WAL and
//! a new backup are scanned byte by byte (UTF-8 and UTF-16) for the name, document, phone and
//! e-mail, old values included. A copy made before the deletion is listed by `check`, and
//! restoring it deletes the person again.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::FileBranch;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use ventanilla::clock::FixedClock;
use ventanilla::config::Config;
use ventanilla::desk::{self, Actor, pqrs::Action};
use ventanilla::domain::ids::{self, DocType, Document};
use ventanilla::domain::turn::Transition;
use ventanilla::store::Store;

/// Everything that identifies the person, as typed, before and after her edit.
const SECRETS: [&str; 11] = [
    "52123456",
    "Ximena",
    "Quiñónez",
    "Rentería",
    "3157778899",
    "3001112222",
    "ximena.q@correo.co",
    "xq.vieja@correo.co",
    "Calle Falsa 123",
    "Adriana",
    "formato-quinonez",
];

struct Seeded {
    b: FileBranch,
    clock: FixedClock,
    cfg: Config,
    /// The deletion request.
    radicado: String,
}

fn cc(n: &str) -> Document {
    ids::parse(DocType::CC, n).unwrap().document
}

fn customer(
    store: &mut Store,
    clock: &FixedClock,
    cfg: &Config,
    doc: &str,
    names: &str,
    phone: &str,
) {
    let (names, surnames) = names.split_once(' ').unwrap();
    let input = ventanilla::domain::customer::Input {
        doc_type: "CC".into(),
        doc_number: doc.into(),
        names: names.into(),
        surnames: surnames.into(),
        phone: phone.into(),
        email: format!("{doc}@correo.co"),
        affiliation: "no afiliado".into(),
        ..Default::default()
    };
    desk::customers::add(store, clock, &Actor::cli(None), cfg, &input).unwrap();
}

fn filing(doc: &str, description: &str) -> desk::pqrs::Filing {
    desk::pqrs::Filing {
        kind: "queja".parse().unwrap(),
        channel: "escrito".parse().unwrap(),
        document: Some(cc(doc)),
        subject: "Atención en la sede".into(),
        description: description.into(),
        notify_via: "personal".parse().unwrap(),
        ..Default::default()
    }
}

/// Ximena Quiñónez Rentería (first registered as Adriana, with another phone and e-mail) in
/// every table that holds text, and José Pérez, who names her in his own PQRS.
fn seed() -> Seeded {
    let b = FileBranch::new(1);
    let mut store = b.store();
    let clock = FixedClock::new(common::monday_morning());
    let cfg = common::config();
    let cli = Actor::cli(None);
    let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
    customer(
        &mut store,
        &clock,
        &cfg,
        "52123456",
        "Adriana Quiñónez Rentería",
        "3001112222",
    );
    customer(
        &mut store,
        &clock,
        &cfg,
        "1144052337",
        "José Pérez",
        "3104445566",
    );
    let her = cc("52123456");
    let changes: Vec<(String, String)> = [
        ("nombres", "Ximena"),
        ("telefono", "3157778899"),
        ("correo", "ximena.q@correo.co"),
        ("direccion", "Calle Falsa 123"),
    ]
    .iter()
    .map(|(f, v)| (f.to_string(), v.to_string()))
    .collect();
    let first_email = [("correo".to_string(), "xq.vieja@correo.co".to_string())];
    desk::customers::edit(&mut store, &clock, &cli, &cfg, &her, &first_email).unwrap();
    desk::customers::edit(&mut store, &clock, &cli, &cfg, &her, &changes).unwrap();

    // consent with evidence named after her
    let evidence = b.path("formato-quinonez.pdf");
    // the scan is copied into the database: its bytes name her too
    std::fs::write(&evidence, "firmado: Adriana Quiñónez Rentería, CC 52123456").unwrap();
    let grant = common::paper_consent(&cfg, &evidence);
    desk::consents::record(&mut store, &clock, &cli, &her, &grant).unwrap();

    // her turn: attended, transferred with a note, the next one rated with a comment
    let req = desk::turns::IssueRequest {
        service: "R",
        document: Some(her.clone()),
        ..Default::default()
    };
    desk::turns::issue(&mut store, &clock, &cli, &cfg, &req).unwrap();
    let act = |store: &mut Store, label: &str, t: Transition| {
        desk::turns::act(store, &clock, &asesor, &cfg, label, t).unwrap();
    };
    let t = desk::turns::call_next(&mut store, &clock, &asesor, &cfg, 1).unwrap();
    act(&mut store, &t.label, Transition::Start);
    let note = "Ximena Quiñónez pide hablar de su subsidio";
    desk::turns::transfer(
        &mut store,
        &clock,
        &asesor,
        &cfg,
        &t.label,
        &desk::turns::Destination::service("A"),
        note,
    )
    .unwrap();
    let t = desk::turns::call_next(&mut store, &clock, &asesor, &cfg, 1).unwrap();
    act(&mut store, &t.label, Transition::Start);
    act(&mut store, &t.label, Transition::Finish);
    let target = desk::ratings::Target::Turn(t.label.clone());
    let comment = "La señora Quiñónez quedó contenta";
    desk::ratings::rate(&mut store, &clock, &asesor, &cfg, &target, Some(5), comment).unwrap();

    // an attention about her
    let att = desk::attentions::Request {
        channel: ventanilla::domain::attention::Channel::Telefono,
        document: Some(her.clone()),
        topic: "Actualización de datos de Ximena",
        notes: "Llamó desde el 3157778899; correo ximena.q@correo.co",
        level: ventanilla::domain::attention::Level::Basica,
        ..Default::default()
    };
    desk::attentions::add(&mut store, &clock, &asesor, &cfg, &att).unwrap();

    // her own earlier PQRS with a work order and a draft, and José's PQRS that names her
    let area = cfg.pqrs.areas[0].clone();
    let own = filing("52123456", "Ximena Quiñónez Rentería se queja de la fila");
    let own = desk::pqrs::file(&mut store, &clock, &asesor, &cfg, &own).unwrap();
    let wo = "Llamar a Ximena al 3157778899";
    desk::pqrs::new_work_order(&mut store, &clock, &asesor, &cfg, &own.radicado, &area, wo)
        .unwrap();
    let other = filing(
        "1144052337",
        "Mi vecina Ximena Quiñónez (CC 52123456) se coló en la fila",
    );
    let other = desk::pqrs::file(&mut store, &clock, &asesor, &cfg, &other).unwrap();
    let wo = "Verificar lo dicho sobre la señora Quiñónez Rentería";
    let w = desk::pqrs::new_work_order(
        &mut store,
        &clock,
        &asesor,
        &cfg,
        &other.radicado,
        &area,
        wo,
    )
    .unwrap();
    let result = "Se habló con Ximena Quiñónez";
    desk::pqrs::close_work_order(&mut store, &clock, &asesor, w.id, result).unwrap();

    // the deletion request, taken to the point of its decision
    let mut req = filing("52123456", "Ximena Quiñónez pide suprimir sus datos");
    req.kind = "habeas-reclamo".parse().unwrap();
    req.data_request = Some("supresion".parse().unwrap());
    req.notify_via = "electronica".parse().unwrap();
    req.notify_address = "ximena.q@correo.co".into();
    let p = desk::pqrs::file(&mut store, &clock, &asesor, &cfg, &req).unwrap();
    let steps = common::data_request_steps("Se suprimen los datos de Ximena Quiñónez");
    for s in steps {
        desk::pqrs::step(&mut store, &clock, &cli, &cfg, &p.radicado, s).unwrap();
    }
    Seeded {
        b,
        clock,
        cfg,
        radicado: p.radicado,
    }
}

impl Seeded {
    /// Closes the request in her favour, with a closing note that names her again.
    fn delete(&self, store: &mut Store) {
        let close = Action::Close {
            in_favor: true,
            note: "Suprimida Ximena Quiñónez, CC 52123456, tel. 3157778899".into(),
        };
        let cli = Actor::cli(None);
        desk::pqrs::step(store, &self.clock, &cli, &self.cfg, &self.radicado, close).unwrap();
    }
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// Every secret found in `files`, as `file: secret (encoding)`.
fn leaks(files: &[PathBuf]) -> Vec<String> {
    let mut found = Vec::new();
    for f in files {
        let Ok(bytes) = std::fs::read(f) else {
            continue;
        };
        for s in SECRETS {
            for (enc, needle) in [("utf-8", s.as_bytes().to_vec()), ("utf-16", utf16(s))] {
                if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
                    found.push(format!("{}: {s} ({enc})", f.display()));
                }
            }
        }
    }
    found
}

fn db_files(db: &Path) -> Vec<PathBuf> {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    vec![db.to_path_buf(), PathBuf::from(wal)]
}

#[test]
fn a_deletion_with_a_reader_open_leaves_no_byte_of_the_person() {
    let s = seed();
    // the seed really put her everywhere
    assert!(!leaks(&db_files(&s.b.db)).is_empty());
    let mut store = s.b.store();
    // another process reading an older snapshot while the deletion runs
    let reader = s.b.raw();
    reader.execute_batch("BEGIN").unwrap();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    s.delete(&mut store);
    assert!(
        desk::pqrs::cleanup_pending(&store).unwrap(),
        "the reader blocked the checkpoint and that is said"
    );
    s.b.cli()
        .arg("check")
        .assert()
        .stdout(predicate::str::contains("Limpieza pendiente"));
    reader.execute_batch("COMMIT").unwrap();
    drop(reader);
    drop(store);
    // the next open finishes the cleanup
    let store = s.b.store();
    assert!(!desk::pqrs::cleanup_pending(&store).unwrap());

    // the legal record stays, pseudonymised, and the closing note did not bring her back
    let today = desk::turns::day_of(&s.cfg, common::monday_morning());
    let kept = desk::pqrs::show(&store, &s.cfg, today, &s.radicado).unwrap();
    assert_eq!(kept.pqrs.radicado, s.radicado);
    assert_eq!(kept.pqrs.status.code(), "cerrada");
    let close = kept.events.last().unwrap();
    assert!(close.note.contains("[dato suprimido]"), "{}", close.note);
    let found = desk::customers::find(&store, "perez", 20).unwrap();
    assert_eq!(found.len(), 1, "the other customer is intact");

    // a backup made now holds nothing of her either
    let copy = s.b.path("despues.sqlite3");
    s.b.cli().arg("backup").arg(&copy).assert().success();
    s.b.cli().args(["audit", "verify"]).assert().success();
    drop(store);
    let mut files = db_files(&s.b.db);
    files.push(copy);
    let left = leaks(&files);
    assert!(left.is_empty(), "personal data left behind: {left:#?}");
}

#[test]
fn an_older_copy_is_listed_by_check_and_a_restore_deletes_the_person_again() {
    let s = seed();
    // the daily copy of the morning, before the deletion
    s.b.cli().arg("backup").assert().success();
    let mut store = s.b.store();
    s.delete(&mut store);
    drop(store);
    let copies: Vec<PathBuf> = std::fs::read_dir(s.b.path("copias"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.to_string_lossy().ends_with(".ancla"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let old = &copies[0];
    let name = old.file_name().unwrap().to_string_lossy().to_string();
    s.b.cli()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Copia con 1 persona(s) suprimida(s)",
        ))
        .stdout(predicate::str::contains(name));

    s.b.cli()
        .arg("restore")
        .arg(old)
        .arg("--yes")
        .assert()
        .success();
    let store = s.b.store();
    assert!(
        desk::customers::find(&store, "quinonez", 20)
            .unwrap()
            .is_empty(),
        "the restore deleted her again"
    );
    let ledger: i64 =
        s.b.raw()
            .query_row("SELECT count(*) FROM deletions", [], |r| r.get(0))
            .unwrap();
    assert_eq!(ledger, 1, "the ledger came across, once");
    drop(store);
    let left = leaks(&db_files(&s.b.db));
    assert!(
        left.is_empty(),
        "personal data back after restore: {left:#?}"
    );
    s.b.cli().args(["audit", "verify"]).assert().success();
}
