//! The PQRS back office's files: attachments copied into the database and exported verified,
//! the consent evidence among them; letters as PDF (text read back) and printed; deliveries
//! that decide the notification.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Duration;
use common::pqrs_branch::*;
use ventanilla::desk::{self, pqrs::Action};

#[test]
fn attachments_round_trip_through_the_cli_with_their_sha256() {
    use sha2::{Digest, Sha256};
    let b = common::FileBranch::new(1);
    anonymous_denuncia(&b);
    // a scanned petition (binary bytes), attached by the short radicado
    let scan = b.path("peticion escaneada.pdf");
    let bytes: Vec<u8> = (0..50_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&scan, &bytes).unwrap();
    let want: String = Sha256::digest(&bytes)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect();
    let out = b
        .cli()
        .args(["attach", "add", "pqrs", "000001"])
        .arg(&scan)
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let a: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(a["sha256"], want.as_str());
    assert_eq!(a["media_type"], "application/pdf");
    assert_eq!(a["size"], 50_000);
    let id = a["id"].as_i64().unwrap();
    b.cli()
        .args([
            "attach",
            "list",
            "pqrs",
            &format!("SEDE-{}-000001", this_year()),
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("peticion escaneada.pdf"))
        .stdout(predicates::str::contains("48,8 KB"));
    // exported (extract is the same), verified, owner-only, never over an existing file
    let out_dir = b.path("salida");
    std::fs::create_dir(&out_dir).unwrap();
    b.cli()
        .args(["attach", "extract", &id.to_string(), "--to"])
        .arg(&out_dir)
        .assert()
        .success()
        .stdout(predicates::str::contains("SHA-256 verificado"));
    let copy = out_dir.join("peticion escaneada.pdf");
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    b.cli()
        .args(["attach", "export", &id.to_string(), "--to"])
        .arg(&copy)
        .assert()
        .failure()
        .stderr(predicates::str::contains("no se sobrescribe"));
    // a file over the limit, and one that cannot be read: refused with size and limit
    let cfg = b.path("limite.toml");
    std::fs::write(&cfg, "[files]\nattachment_max_kb = 10\n").unwrap();
    b.cli()
        .arg("--config")
        .arg(&cfg)
        .args(["attach", "add", "pqrs", "1"])
        .arg(&scan)
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "pesa 48,8 KB y el límite es 10,0 KB",
        ));
    b.cli()
        .args(["attach", "add", "pqrs", "1"])
        .arg(b.path("no-existe.pdf"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("no se puede leer"));
    // tampered bytes in the database: the export refuses
    b.raw()
        .execute(
            "UPDATE attachments SET data = zeroblob(length(data)) WHERE id = ?1",
            [id],
        )
        .unwrap();
    b.cli()
        .args(["attach", "export", &id.to_string(), "--to"])
        .arg(b.path("otra.pdf"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("no coincide con su SHA-256"));
}

/// The text of a PDF: `pdftotext` when installed, else the PDF crate's own reader.
fn pdf_text(path: &std::path::Path) -> String {
    if let Ok(out) = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        && out.status.success()
    {
        return String::from_utf8_lossy(&out.stdout).into_owned();
    }
    let bytes = std::fs::read(path).unwrap();
    let doc = printpdf::PdfDocument::parse(&bytes, &Default::default(), &mut Vec::new()).unwrap();
    doc.extract_text().concat().join("\n")
}

#[test]
fn letters_as_pdf_and_deliveries_decide_the_notification() {
    let mut b = branch();
    let p = b.file(&filing("reclamo", "2026-11-23T09:00"));
    let r = p.radicado.clone();
    for a in [
        Action::Assign {
            area: "Facturación".into(),
            user: Some("asesor1".into()),
        },
        Action::Start,
        Action::Draft {
            answer: "Se reliquida la factura de octubre y se abona la diferencia a su cuenta."
                .into(),
        },
    ] {
        b.step(&r, a).unwrap();
    }
    // no letter before the answer is approved
    let e = desk::pqrs::letter(
        &b.store,
        &b.cfg,
        day("2026-11-23"),
        &r,
        "respuesta".parse().unwrap(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("aprobación de la respuesta"), "{e}");
    b.step(&r, Action::Approve).unwrap();
    // the response letter and the citation, through the CLI's own writer
    for (which, title) in [
        ("respuesta", "COMUNICADO DE RESPUESTA"),
        ("citacion", "CITACIÓN PARA NOTIFICACIÓN PERSONAL"),
    ] {
        let (name, blocks) = desk::pqrs::letter(
            &b.store,
            &b.cfg,
            day("2026-11-23"),
            &r,
            which.parse().unwrap(),
        )
        .unwrap();
        let path = b.dir.path().join(format!("{which}.pdf"));
        std::fs::write(&path, ventanilla::pdf::letter(&name, &blocks)).unwrap();
        let text = pdf_text(&path);
        for want in [title, r.as_str(), "José Luis Pérez Muñoz", "Atentamente"] {
            assert!(text.contains(want), "{which}: {want} missing in\n{text}");
        }
        if which == "respuesta" {
            assert!(
                text.contains("Se reliquida la factura de octubre"),
                "{text}"
            );
        }
    }
    // citation delivered today; the person does not come in 5 business days
    let deliver = |b: &mut Branch, letter: &str, returned: bool| {
        let actor = b.asesor();
        desk::pqrs::record_delivery(
            &mut b.store,
            &b.clock,
            &actor,
            &b.cfg,
            &r,
            &desk::pqrs::DeliveryInput {
                letter: letter.parse().unwrap(),
                to_whom: "José Luis Pérez".into(),
                on: None,
                how: "mensajeria".parse().unwrap(),
                returned,
                note: "guía 7781".into(),
            },
        )
    };
    deliver(&mut b, "citacion", false).unwrap();
    let notify = |via: &str| Action::Notify {
        via: via.parse().unwrap(),
        evidence: "acta".into(),
    };
    let e = b.step(&r, notify("aviso")).unwrap_err().to_string();
    assert!(e.contains("hasta el 2026-11-30"), "{e}");
    b.clock.advance(Duration::days(8)); // Tuesday 1 December
    let e = b.step(&r, notify("personal")).unwrap_err().to_string();
    assert!(e.contains("no compareció"), "{e}");
    let e = b.step(&r, notify("aviso")).unwrap_err().to_string();
    assert!(e.contains("entrega del aviso"), "{e}");
    deliver(&mut b, "aviso", false).unwrap();
    assert_eq!(b.step(&r, notify("aviso")).unwrap(), "notificada");
    let d = desk::pqrs::show(&b.store, &b.cfg, day("2026-12-01"), &r).unwrap();
    assert_eq!(d.deliveries.len(), 2);
    assert!(
        d.events
            .iter()
            .any(|e| e.step == "entrega" && e.note.contains("guía 7781"))
    );
}

#[test]
fn cli_writes_the_letter_and_records_its_delivery() {
    let b = common::FileBranch::new(1);
    b.cli()
        .args([
            "ticket",
            "new",
            "--type",
            "queja",
            "--channel",
            "telefono",
            "--name",
            "Rosa Elvira Cárdenas",
            "--contact",
            "3115556677",
            "--subject",
            "Trato",
            "--description",
            "Queja por el trato en ventanilla",
        ])
        .assert()
        .success();
    for args in [
        vec!["ticket", "assign", "000001", "--to", "asesor1"],
        vec!["ticket", "start", "000001"],
        vec![
            "ticket",
            "answer",
            "000001",
            "--text",
            "Ofrecemos excusas; el caso se trató con el equipo.",
        ],
        vec!["ticket", "draft", "000001"],
        vec!["ticket", "approve", "000001"],
    ] {
        b.cli().args(&args).assert().success();
    }
    let pdf = b.path("respuesta.pdf");
    b.cli()
        .args(["ticket", "letter", "000001", "--kind", "respuesta", "--out"])
        .arg(&pdf)
        .assert()
        .success();
    let text = pdf_text(&pdf);
    assert!(text.contains("Rosa Elvira Cárdenas"), "{text}");
    assert!(text.contains("Ofrecemos excusas"), "{text}");
    // printable where a printer is configured (here a capture file)
    let capture = b.path("impresora.bin");
    let cfg = b.path("impresora.toml");
    std::fs::write(
        &cfg,
        format!("[kiosk]\nprinter = \"file:{}\"\n", capture.display()),
    )
    .unwrap();
    b.cli()
        .arg("--config")
        .arg(&cfg)
        .args([
            "ticket", "letter", "000001", "--kind", "citacion", "--print",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("impresa"));
    let printed = String::from_utf8_lossy(&std::fs::read(&capture).unwrap()).into_owned();
    assert!(printed.contains("SEDE-"), "{printed}");
    b.cli()
        .args([
            "ticket",
            "deliver",
            "000001",
            "--letter",
            "respuesta",
            "--to-whom",
            "Rosa Elvira Cárdenas",
            "--how",
            "en mano",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "entregada a Rosa Elvira Cárdenas",
        ));
    b.cli()
        .args(["ticket", "notify", "000001", "--via", "personal"])
        .assert()
        .success()
        .stdout(predicates::str::contains("notificada"));
}

#[test]
fn consent_evidence_is_copied_into_the_database() {
    let mut b = branch();
    let scan = b.dir.path().join("actualiza-tus-datos.pdf");
    std::fs::write(&scan, b"%PDF-1.4 firmado").unwrap();
    let actor = b.asesor();
    let record = common::paper_consent(&b.cfg, &scan);
    desk::consents::record(&mut b.store, &b.clock, &actor, &cc("52123456"), &record).unwrap();
    let id: i64 = b
        .store
        .conn()
        .query_row("SELECT max(id) FROM consents", [], |r| r.get(0))
        .unwrap();
    // the file may go away: the database keeps its bytes
    std::fs::remove_file(&scan).unwrap();
    let owner = ventanilla::domain::attachment::Owner::Consent;
    let list = desk::attachments::list(&b.store, owner, &id.to_string()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name, "actualiza-tus-datos.pdf");
    let (_, path) = desk::attachments::export(&b.store, list[0].id, b.dir.path()).unwrap();
    assert_eq!(std::fs::read(path).unwrap(), b"%PDF-1.4 firmado");
}
