//! PQRS through the desk layer and the CLI: legal dates, the lifecycle and its refusals, work
//! orders, pause and extension, data-treatment requests, and the radicado under concurrency.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::pqrs_branch::*;

use assert_cmd::Command;
use chrono::Duration;
use std::collections::BTreeSet;
use ventanilla::desk::{
    self, Actor,
    attentions::Request,
    consents::Record,
    pqrs::{Action, Filing, Filter},
};
use ventanilla::domain::pqrs::Standing;
use ventanilla::error::Error;
use ventanilla::store::Store;

#[test]
fn due_dates_by_type_and_moment_of_receipt() {
    let mut b = branch();
    // (type, received, deemed filing day, due date)
    let cases = [
        // a weekday morning
        (
            "peticion",
            "2026-11-23T09:00",
            "2026-11-23",
            Some("2026-12-15"),
        ),
        (
            "documentos",
            "2026-11-23T09:00",
            "2026-11-23",
            Some("2026-12-07"),
        ),
        (
            "consulta",
            "2026-11-23T09:00",
            "2026-11-23",
            Some("2027-01-07"),
        ),
        (
            "habeas-consulta",
            "2026-11-23T09:00",
            "2026-11-23",
            Some("2026-12-07"),
        ),
        ("felicitacion", "2026-11-23T09:00", "2026-11-23", None),
        (
            "recurso-reposicion",
            "2026-11-23T09:00",
            "2026-11-23",
            Some("2027-01-25"),
        ),
        // after hours on Friday, before the holiday Monday 16 Nov: filed Tuesday 17
        (
            "queja",
            "2026-11-13T17:30",
            "2026-11-17",
            Some("2026-12-09"),
        ),
        // on a Saturday: the same
        (
            "reclamo",
            "2026-11-14T10:00",
            "2026-11-17",
            Some("2026-12-09"),
        ),
        // across the year end: Dec 25, Jan 1 and Jan 11 (Reyes, moved) are not counted
        (
            "peticion",
            "2026-12-22T11:00",
            "2026-12-22",
            Some("2027-01-15"),
        ),
    ];
    // recursos contest a decision notified that Monday
    let decision = b.decided("2026-11-20T09:00");
    // filed later, so no receipt is in the future
    b.clock.advance(Duration::days(60));
    for (kind, received, filed, due) in cases {
        let mut f = filing(kind, received);
        if kind.starts_with("recurso") {
            f.appeal_of = Some(decision.clone());
        }
        let p = b.file(&f);
        assert_eq!(p.filed_on, filed, "{kind} {received}");
        assert_eq!(p.due_date.as_deref(), due, "{kind} {received}");
    }
}

#[test]
fn the_lifecycle_from_filing_to_archive_records_every_step() {
    let mut b = branch();
    let p = b.file(&filing("reclamo", "2026-11-23T09:00"));
    assert_eq!(p.radicado, "SEDE-2026-000001");
    let r = p.radicado.as_str();
    let steps = [
        Action::Assign {
            area: "Facturación".into(),
            user: Some("asesor2".into()),
        },
        Action::Start,
        Action::Draft {
            answer: "Se reliquida la factura".into(),
        },
        Action::Approve,
        Action::Notify {
            via: "personal".parse().unwrap(),
            evidence: "acta 17".into(),
        },
        Action::Close {
            in_favor: true,
            note: String::new(),
        },
        Action::Archive,
    ];
    let mut seen = Vec::new();
    for s in steps {
        seen.push(b.step(r, s).unwrap());
    }
    assert_eq!(
        seen,
        [
            "asignada",
            "en-tramite",
            "proyectada",
            "aprobada",
            "notificada",
            "cerrada",
            "archivada"
        ]
    );
    let d = desk::pqrs::show(&b.store, &b.cfg, b.today(), r).unwrap();
    let events: Vec<&str> = d.events.iter().map(|e| e.step.as_str()).collect();
    assert_eq!(
        events,
        [
            "radicada",
            "asignada",
            "en-tramite",
            "proyectada",
            "aprobada",
            "notificada",
            "cerrada",
            "archivada"
        ]
    );
    assert_eq!(d.pqrs.area, "Facturación");
    assert_eq!(d.pqrs.assignee.as_deref(), Some("asesor2"));
    assert_eq!(d.pqrs.in_favor, Some(true));
    assert!(d.days_left.is_none(), "no clock once closed");
}

#[test]
fn illegal_steps_are_refused_with_the_reason() {
    let mut b = branch();
    let p = b.file(&filing("peticion", "2026-11-23T09:00"));
    let r = p.radicado.as_str();
    let msg = |e: Error| e.to_string();
    // approving before drafting: what approval needs, and the steps legal now
    let refused = msg(b.step(r, Action::Approve).unwrap_err());
    assert!(
        refused.contains("se aprueba una respuesta proyectada"),
        "{refused}"
    );
    assert!(refused.contains("asignación"), "{refused}");
    // closing with a work order open
    b.step(
        r,
        Action::Assign {
            area: String::new(),
            user: None,
        },
    )
    .unwrap();
    let actor = b.asesor();
    let w = desk::pqrs::new_work_order(
        &mut b.store,
        &b.clock,
        &actor,
        &b.cfg,
        r,
        "Facturación",
        "Revisar el medidor",
    )
    .unwrap();
    b.step(r, Action::Start).unwrap();
    b.step(
        r,
        Action::Draft {
            answer: "Se da respuesta de fondo".into(),
        },
    )
    .unwrap();
    b.step(r, Action::Approve).unwrap();
    // electronic notification without the person's acceptance
    let e = b
        .step(
            r,
            Action::Notify {
                via: "electronica".parse().unwrap(),
                evidence: String::new(),
            },
        )
        .unwrap_err();
    assert!(msg(e).contains("no aceptó la notificación electrónica"));
    // por aviso only after a citation
    let e = b
        .step(
            r,
            Action::Notify {
                via: "aviso".parse().unwrap(),
                evidence: "guía 123".into(),
            },
        )
        .unwrap_err();
    assert!(msg(e).contains("después de la citación"));
    b.step(
        r,
        Action::Notify {
            via: "personal".parse().unwrap(),
            evidence: "acta 123".into(),
        },
    )
    .unwrap();
    let e = b
        .step(
            r,
            Action::Close {
                in_favor: false,
                note: String::new(),
            },
        )
        .unwrap_err();
    assert!(
        msg(e).contains("orden(es) de trabajo abierta(s)"),
        "refused"
    );
    desk::pqrs::close_work_order(&mut b.store, &b.clock, &actor, w.id, "Medidor cambiado").unwrap();
    b.step(
        r,
        Action::Close {
            in_favor: false,
            note: String::new(),
        },
    )
    .unwrap();
    // a date in the future as received
    let mut future = filing("peticion", "2026-11-24T09:00");
    future.subject = "Mañana".into();
    let actor = b.asesor();
    let e = desk::pqrs::file(&mut b.store, &b.clock, &actor, &b.cfg, &future).unwrap_err();
    assert!(msg(e).contains("no puede ser futura"));
    // an advisor cannot approve
    let p = b.file(&filing("consulta", "2026-11-23T09:00"));
    let actor = b.asesor();
    b.step(
        &p.radicado,
        Action::Assign {
            area: String::new(),
            user: None,
        },
    )
    .unwrap();
    b.step(
        &p.radicado,
        Action::Draft {
            answer: "Se da respuesta de fondo".into(),
        },
    )
    .unwrap();
    let e = desk::pqrs::step(
        &mut b.store,
        &b.clock,
        &actor,
        &b.cfg,
        &p.radicado,
        Action::Approve,
    )
    .unwrap_err();
    assert!(msg(e).contains("requiere el rol supervisor"));
}

#[test]
fn extension_only_before_expiry_within_the_maximum_and_once() {
    let mut b = branch();
    let p = b.file(&filing("peticion", "2026-11-23T09:00"));
    let r = p.radicado.as_str();
    assert_eq!(p.max_extension_on.as_deref(), Some("2027-01-07"));
    let extend = |until: &str| Action::Extend {
        until: day(until),
        reason: "Se requiere concepto técnico".into(),
    };
    let e = b.step(r, extend("2027-01-08")).unwrap_err();
    assert!(e.to_string().contains("máximo legal"), "{e}");
    let e = b
        .step(
            r,
            Action::Extend {
                until: day("2026-12-30"),
                reason: " ".into(),
            },
        )
        .unwrap_err();
    assert!(e.to_string().contains("motivo"), "{e}");
    b.step(r, extend("2026-12-30")).unwrap();
    let e = b.step(r, extend("2027-01-05")).unwrap_err();
    assert!(e.to_string().contains("ya se amplió"), "{e}");
    // another one, after its expiry
    let q = b.file(&filing("documentos", "2026-11-23T09:00"));
    b.clock.advance(Duration::days(15));
    let e = b.step(&q.radicado, extend("2026-12-18")).unwrap_err();
    assert!(e.to_string().contains("venció"), "{e}");
    // and it shows as overdue in the watch
    let overdue = desk::pqrs::watch(
        &b.store,
        &b.cfg,
        b.today(),
        &Filter {
            overdue: true,
            ..Filter::default()
        },
    )
    .unwrap();
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].row.radicado, q.radicado);
    // unanswered document requests are deemed accepted (Ley 1755 art. 14 num. 1)
    assert_eq!(overdue[0].standing, Some(Standing::SilencioPositivo));
}

#[test]
fn pause_for_missing_information_shifts_the_due_date() {
    let mut b = branch();
    let p = b.file(&filing("peticion", "2026-11-23T09:00"));
    let r = p.radicado.as_str();
    assert_eq!(p.due_date.as_deref(), Some("2026-12-15"));
    // asked on Friday 27 (4 business days used, 11 left)
    b.clock.advance(Duration::days(4));
    b.step(
        r,
        Action::RequestInfo {
            missing: "Copia de la factura".into(),
            on: None,
        },
    )
    .unwrap();
    let watch = desk::pqrs::watch(&b.store, &b.cfg, b.today(), &Filter::default()).unwrap();
    assert_eq!(watch[0].standing, Some(Standing::EnPausa));
    // completed on Friday Dec 4: 11 business days from Monday Dec 7 (Dec 8 is a holiday)
    b.clock.advance(Duration::days(7));
    b.step(r, Action::Resume { on: None }).unwrap();
    let d = desk::pqrs::show(&b.store, &b.cfg, b.today(), r).unwrap();
    assert_eq!(d.pqrs.due_date.as_deref(), Some("2026-12-22"));
    assert_eq!(d.pqrs.max_extension_on.as_deref(), Some("2027-01-15"));
    // withdrawal only after the month to complete has passed
    let q = b.file(&filing("peticion", "2026-12-04T09:00"));
    b.step(
        &q.radicado,
        Action::RequestInfo {
            missing: "Firma".into(),
            on: None,
        },
    )
    .unwrap();
    let withdraw = || Action::Withdraw {
        reason: "No aportó la firma pedida el 4 de diciembre".into(),
    };
    let e = b.step(&q.radicado, withdraw()).unwrap_err();
    assert!(e.to_string().contains("tiene hasta el 2027-01-04"), "{e}");
    b.clock.advance(Duration::days(32));
    let e = b
        .step(&q.radicado, Action::Resume { on: None })
        .unwrap_err();
    assert!(e.to_string().contains("desistimiento"), "{e}");
    assert_eq!(b.step(&q.radicado, withdraw()).unwrap(), "desistida");
}

#[test]
fn recursos_go_to_the_legal_area_and_denuncias_may_be_anonymous() {
    let mut b = branch();
    let mut f = filing("recurso-apelacion", "2026-11-23T09:00");
    f.appeal_of = Some(b.decided("2026-11-20T09:00"));
    f.area = "Comercial".into();
    assert_eq!(b.file(&f).area, "Jurídica");
    let mut anon = filing("denuncia", "2026-11-23T09:00");
    anon.document = None;
    assert_eq!(b.file(&anon).customer, None);
    let mut not_anon = filing("queja", "2026-11-23T09:00");
    not_anon.document = None;
    let actor = b.asesor();
    let e = desk::pqrs::file(&mut b.store, &b.clock, &actor, &b.cfg, &not_anon).unwrap_err();
    assert!(e.to_string().starts_with("documento:"), "{e}");
}

fn habeas(doc: &str, request: &str, changes: &str) -> Filing {
    Filing {
        kind: "habeas-reclamo".parse().unwrap(),
        channel: "correo".parse().unwrap(),
        document: Some(cc(doc)),
        subject: "Solicitud sobre mis datos".into(),
        description: "Ximena Quiñónez, CC 52123456, tel. 3157778899, pide no ser contactada".into(),
        notify_via: "electronica".parse().unwrap(),
        notify_address: "52123456@correo.co".into(),
        data_request: (!request.is_empty()).then(|| request.parse().unwrap()),
        data_changes: changes.into(),
        ..Filing::default()
    }
}

/// Takes a data-treatment request through assignment, projection, approval and notice.
fn up_to_notice(b: &mut Branch, r: &str) {
    let steps = common::data_request_steps("Respuesta proyectada");
    for s in steps {
        b.step(r, s).unwrap();
    }
}

/// Closes a data-treatment request the lawful way (`in_favor`: the change is applied).
fn decide(b: &mut Branch, r: &str, in_favor: bool) {
    up_to_notice(b, r);
    let note = String::new();
    b.step(r, Action::Close { in_favor, note }).unwrap();
}

fn close_in_favor(b: &mut Branch, r: &str) {
    decide(b, r, true);
}

#[test]
fn deletion_pseudonymises_everywhere_and_keeps_the_pqrs() {
    let mut b = branch();
    let cli = Actor::cli(None);
    let doc = cc("52123456");
    // traces of the person: consent with evidence, an attention, a turn, an earlier PQRS
    let evidence = b.dir.path().join("formato-quinonez.pdf");
    std::fs::write(&evidence, b"firmado").unwrap();
    let grant = Record {
        grant: true,
        purpose: ventanilla::domain::consent::Purpose::parse(
            &b.cfg.consent.purposes,
            "envio-informacion",
        )
        .unwrap(),
        channel: ventanilla::domain::consent::Way::parse(&b.cfg.consent.channels, "formato-fisico")
            .unwrap(),
        policy_version: "2026-01",
        evidence: Some(&evidence),
    };
    desk::consents::record(&mut b.store, &b.clock, &cli, &doc, &grant).unwrap();
    let asesor = b.asesor();
    let req = Request {
        channel: ventanilla::domain::attention::Channel::Telefono,
        document: Some(doc.clone()),
        topic: "Actualización de datos",
        notes: "Llamó Ximena Quiñónez desde el 3157778899",
        level: ventanilla::domain::attention::Level::Basica,
        ..Request::default()
    };
    desk::attentions::add(&mut b.store, &b.clock, &asesor, &b.cfg, &req).unwrap();
    b.cli()
        .args(["turn", "issue", "--service", "A", "--doc", "CC:52123456"])
        .assert()
        .success();
    let mut earlier = filing("queja", "2026-11-23T08:00");
    earlier.document = Some(doc.clone());
    earlier.description = "La señora Quiñónez Rentería se queja de la fila".into();
    let earlier = b.file(&earlier);

    let p = b.file(&habeas("52123456", "supresion", ""));
    assert!(p.in_process_marked_at.is_some(), "reclamo en trámite mark");
    assert!(!p.needs_conversation, "not an affiliate");
    close_in_favor(&mut b, &p.radicado);

    // PQRS keep radicado, dates and content without the personal data
    let kept = desk::pqrs::show(&b.store, &b.cfg, b.today(), &earlier.radicado).unwrap();
    assert_eq!(kept.pqrs.radicado, earlier.radicado);
    assert_eq!(kept.pqrs.due_date, earlier.due_date);
    assert_eq!(
        kept.pqrs.description,
        "La señora [dato suprimido] se queja de la fila"
    );
    let closed = desk::pqrs::show(&b.store, &b.cfg, b.today(), &p.radicado).unwrap();
    assert_eq!(closed.pqrs.status.code(), "cerrada");
    assert!(
        closed
            .events
            .iter()
            .any(|e| e.note.contains("Datos personales suprimidos"))
    );
    assert!(
        desk::customers::find(&b.store, "quinonez", 20)
            .unwrap()
            .is_empty()
    );

    // nothing of the person is left anywhere in the file
    drop(b.store);
    let mut bytes = std::fs::read(&b.path).unwrap();
    let wal = b.path.with_extension("sqlite3-wal");
    if let Ok(w) = std::fs::read(&wal) {
        bytes.extend(w);
    }
    for secret in [
        "52123456",
        "Quiñónez",
        "quinonez",
        "Rentería",
        "renteria",
        "Ximena",
        "ximena",
        "3157778899",
        "formato-quinonez",
    ] {
        let found = bytes.windows(secret.len()).any(|w| w == secret.as_bytes());
        assert!(!found, "«{secret}» is still in the database file");
    }
    // the other customer is intact
    let store = Store::open(&b.path).unwrap();
    assert_eq!(desk::customers::find(&store, "perez", 20).unwrap().len(), 1);
    drop(store);
    // the lawful re-seal is noted beside the anchors, which it does not break
    let anchors = std::fs::read_to_string(format!("{}.anclas", b.path.display())).unwrap();
    assert!(anchors.contains("\nresellado "), "{anchors}");
    Command::cargo_bin("ventanilla")
        .unwrap()
        .env_remove("VENTANILLA_CONFIG")
        .env("VENTANILLA_PIN_COSTE", "pruebas")
        .env("XDG_CONFIG_HOME", b.dir.path().join("cfg"))
        .arg("--db")
        .arg(&b.path)
        .args(["audit", "verify"])
        .assert()
        .success();
}

#[test]
fn affiliates_are_talked_to_first_and_other_requests_apply_their_change() {
    let mut b = branch();
    let p = b.file(&habeas("1144052337", "supresion", ""));
    assert!(p.needs_conversation);
    let r = p.radicado.as_str();
    let close = |in_favor| Action::Close {
        in_favor,
        note: String::new(),
    };
    let e = b.step(r, close(false)).unwrap_err();
    assert!(e.to_string().contains("recién radicada"), "{e}");
    let assign = Action::Assign {
        area: String::new(),
        user: Some("asesor1".into()),
    };
    b.step(r, assign).unwrap();
    b.step(r, Action::Start).unwrap();
    let draft = || Action::Draft {
        answer: "Se conserva la afiliación".into(),
    };
    let e = b.step(r, draft()).unwrap_err();
    assert!(e.to_string().contains("conversación"), "{e}");
    let note = "Conserva la afiliación; retira la solicitud".into();
    b.step(r, Action::Converse { note }).unwrap();
    b.step(r, draft()).unwrap();
    b.step(r, Action::Approve).unwrap();
    let notify = Action::Notify {
        via: "electronica".parse().unwrap(),
        evidence: "correo enviado".into(),
    };
    b.step(r, notify).unwrap();
    b.step(r, close(false)).unwrap();
    let card = desk::customers::card(&b.store, &b.cfg, &cc("1144052337")).unwrap();
    assert_eq!(card.customer.names, "José Luis", "refused: data kept");

    // opt-out, rectification and revocation
    let o = b.file(&habeas("52123456", "oposicion", ""));
    close_in_favor(&mut b, &o.radicado);
    let bad = habeas("52123456", "rectificacion", "telefono 300");
    let actor = b.asesor();
    let e = desk::pqrs::file(&mut b.store, &b.clock, &actor, &b.cfg, &bad).unwrap_err();
    assert!(e.to_string().contains("campo=valor"), "{e}");
    let r = b.file(&habeas(
        "52123456",
        "rectificacion",
        "telefono=3001112233; correo=ximena@correo.co",
    ));
    close_in_favor(&mut b, &r.radicado);
    let cli = Actor::cli(None);
    let grant = Record {
        grant: true,
        purpose: ventanilla::domain::consent::Purpose::parse(
            &b.cfg.consent.purposes,
            "contacto-comercial",
        )
        .unwrap(),
        channel: ventanilla::domain::consent::Way::parse(&b.cfg.consent.channels, "verbal")
            .unwrap(),
        policy_version: "2026-01",
        evidence: None,
    };
    desk::consents::record(&mut b.store, &b.clock, &cli, &cc("52123456"), &grant).unwrap();
    let v = b.file(&habeas("52123456", "revocatoria", ""));
    close_in_favor(&mut b, &v.radicado);
    let card = desk::customers::card(&b.store, &b.cfg, &cc("52123456")).unwrap();
    assert!(card.customer.mass_opt_out);
    assert_eq!(card.customer.phone.as_deref(), Some("3001112233"));
    assert_eq!(card.customer.email.as_deref(), Some("ximena@correo.co"));
    let ledger = desk::consents::ledger(&b.store, &cc("52123456")).unwrap();
    let last = ledger.last().unwrap();
    assert_eq!(
        (
            last.entry.action.as_str(),
            last.entry.purpose.as_str(),
            last.entry.channel.as_str()
        ),
        (
            "revoke",
            "contacto-comercial",
            v.radicado.replace("SEDE", "pqrs:SEDE").as_str()
        )
    );
}

#[test]
fn cli_files_lists_and_steps_with_json() {
    let b = branch();
    let out = b
        .cli()
        .args([
            "ticket",
            "new",
            "--type",
            "peticion",
            "--channel",
            "presencial",
            "--doc",
            "CC:1144052337",
            "--subject",
            "Certificado",
            "--description",
            "Solicita certificado",
            "--received",
            "2026-11-13T18:10",
            "--json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let first = format!("SEDE-{}-000001", this_year());
    assert_eq!(v["radicado"], first.as_str());
    assert_eq!(v["filed_on"], "2026-11-17");
    assert_eq!(v["due_date"], "2026-12-09");
    b.cli()
        .args(["ticket", "approve", &first])
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "se aprueba una respuesta proyectada",
        ));
    b.cli()
        .args(["ticket", "assign", &first, "--area", "Jurídica"])
        .assert()
        .success()
        .stdout(predicates::str::contains("asignada"));
    let out = b
        .cli()
        .args(["ticket", "list", "--area", "juridica", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["status"], "asignada");
    b.cli()
        .args(["ticket", "new", "--type", "queja", "--channel", "fax"])
        .args([
            "--doc",
            "CC:1144052337",
            "--subject",
            "s",
            "--description",
            "d",
        ])
        .assert()
        .failure()
        .stderr(predicates::str::contains("canal: «fax» no existe"));
}

#[test]
fn radicados_from_concurrent_processes_have_no_duplicates_nor_gaps() {
    let b = branch();
    const PROCS: usize = 6;
    const EACH: usize = 12;
    let workers: Vec<_> = (0..PROCS)
        .map(|i| {
            let mut cmds: Vec<std::process::Command> = (0..EACH)
                .map(|j| {
                    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_ventanilla"));
                    c.env_remove("VENTANILLA_CONFIG")
                        .env("VENTANILLA_PIN_COSTE", "pruebas")
                        .env("XDG_CONFIG_HOME", b.dir.path().join("cfg"))
                        .arg("--db")
                        .arg(&b.path)
                        .args(["ticket", "new", "--type", "sugerencia", "--channel", "web"])
                        .args(["--doc", "CC:52123456", "--json"])
                        .args(["--subject", &format!("p{i} n{j}"), "--description", "d"]);
                    c
                })
                .collect();
            std::thread::spawn(move || {
                cmds.iter_mut()
                    .map(|c| {
                        let out = c.output().unwrap();
                        assert!(
                            out.status.success(),
                            "{}",
                            String::from_utf8_lossy(&out.stderr)
                        );
                        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                        v["radicado"].as_str().unwrap().to_string()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let all: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), PROCS * EACH, "no duplicates");
    let year = this_year();
    let expected: BTreeSet<String> = (1..=PROCS * EACH)
        .map(|n| format!("SEDE-{year}-{n:06}"))
        .collect();
    assert_eq!(
        unique.into_iter().cloned().collect::<BTreeSet<_>>(),
        expected,
        "no gaps"
    );
}
