//! Customers, consents, attentions and imports through the desk layer and the CLI.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use ventanilla::clock::FixedClock;
use ventanilla::desk::{self, Actor, attentions::Request, consents::Record};
use ventanilla::domain::consent::Status;
use ventanilla::domain::customer::Input;
use ventanilla::domain::ids::{self, DocType};
use ventanilla::store::Store;

struct Branch {
    dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    clock: FixedClock,
}

fn branch() -> Branch {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("sede.sqlite3");
    common::branch_with_windows(&path, 3);
    let store = Store::open(&path).unwrap();
    Branch {
        dir,
        path,
        store,
        clock: FixedClock::new(common::monday_morning()),
    }
}

fn cc(n: &str) -> ids::Document {
    ids::parse(DocType::CC, n).unwrap().document
}

fn jose() -> Input {
    Input {
        doc_type: "CC".into(),
        doc_number: "1144052337".into(),
        names: "José Luis".into(),
        surnames: "Pérez Muñoz".into(),
        affiliation: "afiliado".into(),
        category: "A".into(),
        ..Input::default()
    }
}

impl Branch {
    fn cli(&self) -> Command {
        let mut c = Command::cargo_bin("ventanilla").unwrap();
        c.env_remove("VENTANILLA_CONFIG")
            .env("VENTANILLA_PIN_COSTE", "pruebas")
            .env("XDG_CONFIG_HOME", self.dir.path().join("cfg"))
            .arg("--db")
            .arg(&self.path);
        c
    }
}

#[test]
fn search_ignores_accents_and_case_and_exact_lookup_by_number() {
    let mut b = branch();
    let cfg = common::config();
    desk::customers::add(&mut b.store, &b.clock, &Actor::cli(None), &cfg, &jose()).unwrap();
    let other = Input {
        doc_number: "52000111".into(),
        names: "Josefina".into(),
        surnames: "Peña".into(),
        ..jose()
    };
    desk::customers::add(&mut b.store, &b.clock, &Actor::cli(None), &cfg, &other).unwrap();
    let names = |q: &str| -> Vec<String> {
        desk::customers::find(&b.store, q, 20)
            .unwrap()
            .into_iter()
            .map(|c| format!("{} {}", c.names, c.surnames))
            .collect()
    };
    assert_eq!(names("jose perez"), ["José Luis Pérez Muñoz"]);
    let mut both = names("JOSÉ");
    both.sort();
    assert_eq!(
        both,
        ["Josefina Peña", "José Luis Pérez Muñoz"],
        "prefix of both first names"
    );
    assert_eq!(names("jos pe").len(), 2, "word prefixes");
    assert_eq!(
        names("jose pe"),
        ["José Luis Pérez Muñoz", "Josefina Peña"],
        "a finished word matches whole words first, then as a prefix"
    );
    assert_eq!(names("muñoz"), ["José Luis Pérez Muñoz"]);
    assert_eq!(names("1.144.052.337"), ["José Luis Pérez Muñoz"]);
    assert!(names("zzz").is_empty());
}

#[test]
fn duplicate_documents_and_bad_fields_are_refused_with_the_field_named() {
    let mut b = branch();
    let cfg = common::config();
    desk::customers::add(&mut b.store, &b.clock, &Actor::cli(None), &cfg, &jose()).unwrap();
    let dup =
        desk::customers::add(&mut b.store, &b.clock, &Actor::cli(None), &cfg, &jose()).unwrap_err();
    assert!(
        dup.to_string()
            .contains("ya existe un cliente con CC 1144052337")
    );
    let bad = Input {
        doc_number: "99".into(),
        email: "sin-arroba".into(),
        ..jose()
    };
    let err = desk::customers::add(&mut b.store, &b.clock, &Actor::cli(None), &cfg, &bad)
        .unwrap_err()
        .to_string();
    assert!(err.contains("correo:"), "{err}");
}

#[test]
fn edits_keep_who_changed_what() {
    let mut b = branch();
    let cfg = common::config();
    let asesor = Actor::staff(&desk::users::active(&b.store, "asesor1").unwrap());
    desk::customers::add(&mut b.store, &b.clock, &asesor, &cfg, &jose()).unwrap();
    let changes = vec![
        ("telefono".to_string(), "320 111 2222".to_string()),
        ("categoria".to_string(), "B".to_string()),
    ];
    assert_eq!(
        desk::customers::edit(
            &mut b.store,
            &b.clock,
            &asesor,
            &cfg,
            &cc("1144052337"),
            &changes
        )
        .unwrap(),
        2
    );
    let again = desk::customers::edit(
        &mut b.store,
        &b.clock,
        &asesor,
        &cfg,
        &cc("1144052337"),
        &changes,
    );
    assert!(matches!(
        again,
        Err(ventanilla::error::Error::NothingToDo(_))
    ));
    let card = desk::customers::card(&b.store, &cfg, &cc("1144052337")).unwrap();
    let h: Vec<(&str, Option<&str>, Option<&str>, &str)> = card
        .history
        .iter()
        .map(|c| {
            (
                c.field.as_str(),
                c.old.as_deref(),
                c.new.as_deref(),
                c.by.as_str(),
            )
        })
        .collect();
    assert_eq!(
        h,
        [
            ("telefono", None, Some("3201112222"), "asesor1"),
            ("categoria", Some("A"), Some("B"), "asesor1")
        ]
    );
    assert_eq!(card.customer.updated_by, "asesor1");
}

#[test]
fn consent_status_and_evidence_tampering() {
    let mut b = branch();
    let cfg = common::config();
    let cli = Actor::cli(None);
    desk::customers::add(&mut b.store, &b.clock, &cli, &cfg, &jose()).unwrap();
    let doc = cc("1144052337");
    assert_eq!(
        desk::customers::card(&b.store, &cfg, &doc).unwrap().consent,
        Status::Falta
    );
    let evidence = b.dir.path().join("formato.pdf");
    std::fs::write(&evidence, b"formato firmado").unwrap();
    let grant = common::paper_consent(&cfg, &evidence);
    let no_evidence = Record {
        evidence: None,
        ..grant.clone()
    };
    let err = desk::consents::record(&mut b.store, &b.clock, &cli, &doc, &no_evidence).unwrap_err();
    assert!(err.to_string().contains("evidencia"));
    desk::consents::record(&mut b.store, &b.clock, &cli, &doc, &grant).unwrap();
    assert_eq!(
        desk::customers::card(&b.store, &cfg, &doc).unwrap().consent,
        Status::Vigente
    );
    assert_eq!(
        desk::consents::ledger(&b.store, &doc).unwrap()[0].evidence_check,
        "intacta"
    );
    std::fs::write(&evidence, b"formato alterado").unwrap();
    assert_eq!(
        desk::consents::ledger(&b.store, &doc).unwrap()[0].evidence_check,
        "alterada"
    );
    std::fs::remove_file(&evidence).unwrap();
    assert_eq!(
        desk::consents::ledger(&b.store, &doc).unwrap()[0].evidence_check,
        "no encontrada"
    );
    let revoke = Record {
        grant: false,
        channel: ventanilla::domain::consent::Way::parse(&cfg.consent.channels, "verbal").unwrap(),
        evidence: None,
        ..grant
    };
    desk::consents::record(&mut b.store, &b.clock, &cli, &doc, &revoke).unwrap();
    assert_eq!(
        desk::customers::card(&b.store, &cfg, &doc).unwrap().consent,
        Status::Revocada
    );
}

#[test]
fn sensitive_notes_need_the_explicit_consent() {
    let mut b = branch();
    let cfg = common::config();
    let cli = Actor::cli(None);
    desk::customers::add(&mut b.store, &b.clock, &cli, &cfg, &jose()).unwrap();
    let doc = cc("1144052337");
    let err = desk::customers::set_sensitive_notes(
        &mut b.store,
        &b.clock,
        &cli,
        &doc,
        "usa silla de ruedas",
    )
    .unwrap_err();
    assert!(err.to_string().contains("autorización expresa"), "{err}");
    let grant = Record {
        grant: true,
        purpose: ventanilla::domain::consent::Purpose::parse(
            &cfg.consent.purposes,
            "datos-sensibles",
        )
        .unwrap(),
        channel: ventanilla::domain::consent::Way::parse(&cfg.consent.channels, "verbal").unwrap(),
        policy_version: "2026-01",
        evidence: None,
    };
    desk::consents::record(&mut b.store, &b.clock, &cli, &doc, &grant).unwrap();
    desk::customers::set_sensitive_notes(&mut b.store, &b.clock, &cli, &doc, "usa silla de ruedas")
        .unwrap();
    let card = desk::customers::card(&b.store, &cfg, &doc).unwrap();
    assert_eq!(
        card.customer.sensitive_notes.as_deref(),
        Some("usa silla de ruedas")
    );
    let last = card.history.last().unwrap();
    assert_eq!(
        (last.field.as_str(), last.new.as_deref()),
        ("notas_sensibles", Some("(registradas)")),
        "no sensitive text in the history"
    );
}

#[test]
fn phone_attentions_go_to_whoever_has_fewest_open() {
    let mut b = branch();
    let mut cfg = common::config();
    cfg.routing.insert(
        "mutaciones".into(),
        vec!["asesor2".into(), "asesor3".into()],
    );
    let asesor1 = Actor::staff(&desk::users::active(&b.store, "asesor1").unwrap());
    let req = Request {
        channel: ventanilla::domain::attention::Channel::Telefono,
        topic: "mutaciones",
        level: ventanilla::domain::attention::Level::Basica,
        ..Request::default()
    };
    let mut assigned = Vec::new();
    for _ in 0..3 {
        let a = desk::attentions::add(&mut b.store, &b.clock, &asesor1, &cfg, &req).unwrap();
        assert!(a.ended_at.is_none(), "routed attentions stay open");
        assigned.push(a.assigned_to.unwrap());
    }
    assert_eq!(assigned, ["asesor2", "asesor3", "asesor2"]);
    let first = desk::attentions::of_day(
        &b.store,
        &cfg,
        desk::turns::day_of(&cfg, common::monday_morning()),
    )
    .unwrap()[0]
        .id;
    let asesor2 = Actor::staff(&desk::users::active(&b.store, "asesor2").unwrap());
    desk::attentions::close(&mut b.store, &b.clock, &asesor2, first, "").unwrap();
    let next = desk::attentions::add(&mut b.store, &b.clock, &asesor1, &cfg, &req).unwrap();
    assert_eq!(
        next.assigned_to.as_deref(),
        Some("asesor2"),
        "2 and 3 both have one open: first listed"
    );
    let window = Request {
        channel: ventanilla::domain::attention::Channel::Ventanilla,
        topic: "subsidio",
        level: ventanilla::domain::attention::Level::Detallada,
        ..Request::default()
    };
    let a = desk::attentions::add(&mut b.store, &b.clock, &asesor1, &cfg, &window).unwrap();
    assert!(a.assigned_to.is_none() && a.ended_at.is_some());
}

const HEADER: &str = "tipo_documento;numero_documento;nombres;apellidos;fecha_nacimiento;telefono;correo;estado_afiliacion;categoria\r\n";

#[test]
fn import_windows_1252_semicolons_reports_every_bad_row_and_upserts() {
    let b = branch();
    let mut file: Vec<u8> = HEADER.as_bytes().to_vec();
    file.extend(b"CC;1.144.052.337;Jos\xe9;P\xe9rez Mu\xf1oz;1990-05-17;3105551234;jose@correo.com;afiliado;B\r\n");
    file.extend(b"CC;12X;Ana;G\xf3mez;;;;;\r\n");
    file.extend(b"TI;1012345678;Mar\xeda;Ospina;2012-01-02;;;no afiliado;A\r\n");
    file.extend(b"CE;554433;Sim\xf3n;Bol\xedvar;1783-07-24;;;;\r\n");
    let path = b.dir.path().join("clientes.csv");
    std::fs::write(&path, &file).unwrap();
    let errors = b.dir.path().join("errores.csv");
    b.cli()
        .args(["import", "customers"])
        .arg(&path)
        .arg("--errors")
        .arg(&errors)
        .assert()
        // rows were rejected: the good ones are in, and the exit code says not all were
        .code(1)
        .stdout(predicate::str::contains(
            "Insertados: 1  Actualizados: 0  Rechazados: 3",
        ))
        .stderr(predicate::str::contains(
            "no es UTF-8 válido (primera vez en la línea 2)",
        ))
        .stderr(predicate::str::contains("línea 3: numero_documento"))
        .stderr(predicate::str::contains("línea 4: categoria"))
        .stderr(predicate::str::contains("línea 5: fecha_nacimiento"));
    let report = std::fs::read_to_string(&errors).unwrap();
    // the error file in the configured dialect (Spanish Excel: BOM, `;`, CRLF)
    assert!(
        report.starts_with("\u{feff}linea;campo;motivo\r\n3;numero_documento;"),
        "{report}"
    );
    let store = Store::open(&b.path).unwrap();
    let c = desk::customers::card(&store, &common::config(), &cc("1144052337"))
        .unwrap()
        .customer;
    assert_eq!(
        (c.names.as_str(), c.surnames.as_str()),
        ("José", "Pérez Muñoz")
    );
    // the same document again, fixed name: updated, not duplicated
    let update = format!("{HEADER}CC;1144052337;José Luis;Pérez Muñoz;;;;afiliado;A\r\n");
    std::fs::write(&path, update).unwrap();
    b.cli()
        .args(["import", "customers"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("Insertados: 0  Actualizados: 1"));
    let c = desk::customers::card(&store, &common::config(), &cc("1144052337"))
        .unwrap()
        .customer;
    assert_eq!(
        (c.names.as_str(), c.category.as_deref(), c.phone.as_deref()),
        ("José Luis", Some("A"), Some("3105551234"))
    );
}

#[test]
fn strict_import_leaves_the_database_unchanged() {
    let b = branch();
    let path = b.dir.path().join("clientes.csv");
    std::fs::write(
        &path,
        format!(
            "\u{feff}{}CC,52000111,Luz,Rojas,,,,,\nCC,,Sin,Número,,,,,\n",
            HEADER.replace(';', ",")
        ),
    )
    .unwrap();
    let before = Store::open(&b.path).unwrap();
    let count = || ventanilla::store::customers::count(before.conn()).unwrap();
    assert_eq!(count(), 0);
    b.cli()
        .args(["import", "customers", "--strict"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no se guardó nada"));
    assert_eq!(count(), 0);
    b.cli()
        .args(["import", "customers"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("1 fila(s) rechazada(s)"));
    assert_eq!(count(), 1);
}

#[test]
fn cli_customer_and_consent_round_trip_with_export() {
    let b = branch();
    b.cli()
        .args([
            "customer",
            "add",
            "--doc",
            "CC:52.000.111",
            "--names",
            "Luz Marina",
            "--surnames",
            "Quiñónez",
        ])
        .args([
            "--affiliation",
            "afiliado",
            "--category",
            "a",
            "--user",
            "asesor1",
        ])
        .assert()
        .success();
    let out = b
        .cli()
        .args(["customer", "find", "quinonez", "--json"])
        .output()
        .unwrap();
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found[0]["doc_number"], "52000111");
    b.cli()
        .args([
            "consent",
            "grant",
            "CC",
            "52000111",
            "--purpose",
            "envio-informacion",
            "--channel",
            "verbal",
            "--user",
            "asesor1",
        ])
        .assert()
        .success();
    b.cli()
        .args(["turn", "issue", "--service", "R", "--doc", "CC:52000111"])
        .assert()
        .success();
    b.cli()
        .args([
            "attention",
            "add",
            "--channel",
            "ventanilla",
            "--doc",
            "CC:52000111",
            "--topic",
            "subsidio",
            "--user",
            "asesor1",
        ])
        .assert()
        .success();
    let out = b
        .cli()
        .args(["customer", "show", "CC", "52000111", "--json"])
        .output()
        .unwrap();
    let card: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(card["consent"], "vigente");
    let kinds: Vec<&str> = card["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    let mut sorted = kinds.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["atención", "consentimiento", "turno"],
        "one list of every kind"
    );
    let ats: Vec<&str> = card["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["at"].as_str().unwrap())
        .collect();
    assert!(
        ats.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {ats:?}"
    );
    let xlsx = b.dir.path().join("clientes.xlsx");
    b.cli()
        .args(["export", "customers", "--out"])
        .arg(&xlsx)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 clientes"));
    assert!(
        std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
        "an xlsx is a zip"
    );
}
