//! PQRS through the desk layer and the CLI: legal dates, the lifecycle and its refusals, work
//! orders, pause and extension, data-treatment requests, and the radicado under concurrency.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::collections::BTreeSet;
use ventanilla::clock::FixedClock;
use ventanilla::desk::{
    self, Actor,
    attentions::Request,
    consents::Record,
    pqrs::{Action, Filing, Filter},
};
use ventanilla::domain::customer::Input;
use ventanilla::domain::ids::{self, DocType};
use ventanilla::domain::pqrs::Standing;
use ventanilla::error::Error;
use ventanilla::store::Store;

struct Branch {
    dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    clock: FixedClock,
    cfg: ventanilla::config::Config,
}

fn branch() -> Branch {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("sede.sqlite3");
    common::branch_with_windows(&path, 3);
    let mut store = Store::open(&path).unwrap();
    let clock = FixedClock::new(common::monday_morning());
    let cfg = common::config();
    for (doc, names, surnames, affiliation, phone) in [
        (
            "1144052337",
            "José Luis",
            "Pérez Muñoz",
            "afiliado",
            "3104445566",
        ),
        (
            "52123456",
            "Ximena",
            "Quiñónez Rentería",
            "no afiliado",
            "3157778899",
        ),
    ] {
        let input = Input {
            doc_type: "CC".into(),
            doc_number: doc.into(),
            names: names.into(),
            surnames: surnames.into(),
            phone: phone.into(),
            email: format!("{}@correo.co", doc),
            address: "Calle 5 # 38-25".into(),
            affiliation: affiliation.into(),
            category: if affiliation == "afiliado" { "A" } else { "" }.into(),
            ..Input::default()
        };
        desk::customers::add(&mut store, &clock, &Actor::cli(None), &cfg, &input).unwrap();
    }
    Branch {
        dir,
        path,
        store,
        clock,
        cfg,
    }
}

fn cc(n: &str) -> ids::Document {
    ids::parse(DocType::CC, n).unwrap().document
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn filing(kind: &str, received: &str) -> Filing {
    Filing {
        kind: kind.parse().unwrap(),
        channel: "escrito".parse().unwrap(),
        document: Some(cc("1144052337")),
        subject: "Certificado".into(),
        description: "Solicita un certificado de afiliación".into(),
        notify_via: "personal".parse().unwrap(),
        received: Some(at(received)),
        ..Filing::default()
    }
}

impl Branch {
    fn asesor(&self) -> Actor {
        Actor::staff(&desk::users::active(&self.store, "asesor1").unwrap())
    }

    fn file(&mut self, f: &Filing) -> ventanilla::store::pqrs::Pqrs {
        let actor = self.asesor();
        desk::pqrs::file(&mut self.store, &self.clock, &actor, &self.cfg, f).unwrap()
    }

    fn step(&mut self, radicado: &str, action: Action) -> Result<String, Error> {
        let actor = Actor::cli(None);
        desk::pqrs::step(
            &mut self.store,
            &self.clock,
            &actor,
            &self.cfg,
            radicado,
            action,
        )
        .map(|p| p.status.code().to_string())
    }

    /// Files a reclamo of `doc` and takes it to its notified decision today; returns its
    /// radicado (recursos are filed against it).
    fn decided(&mut self, received: &str) -> String {
        let p = self.file(&filing("reclamo", received));
        for s in [
            Action::Assign {
                area: "Facturación".into(),
                user: None,
            },
            Action::Start,
            Action::Draft {
                answer: "No procede la devolución".into(),
            },
            Action::Approve,
            Action::Notify {
                via: "personal".parse().unwrap(),
                evidence: "acta 3".into(),
            },
        ] {
            self.step(&p.radicado, s).unwrap();
        }
        p.radicado
    }

    fn today(&self) -> NaiveDate {
        desk::turns::day_of(&self.cfg, self.clock.now_utc())
    }

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

trait Now {
    fn now_utc(&self) -> chrono::DateTime<chrono::Utc>;
}

impl Now for FixedClock {
    fn now_utc(&self) -> chrono::DateTime<chrono::Utc> {
        ventanilla::clock::Clock::now(self)
    }
}

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

/// The year the CLI (on the system clock) numbers radicados in, at Colombian time.
fn this_year() -> i32 {
    use chrono::Datelike;
    (chrono::Utc::now() - Duration::hours(5)).year()
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

#[test]
fn the_written_answer_is_drafted_returned_approved_and_required_to_close() {
    use ventanilla::domain::user::Role;
    let mut b = branch();
    common::add_staff(&mut b.store, "firma", Role::Supervisor);
    let supervisor = Actor::staff(&desk::users::active(&b.store, "firma").unwrap());
    let asesor = b.asesor();
    let p = b.file(&filing("reclamo", "2026-11-23T09:00"));
    let r = p.radicado.as_str();
    let as_actor = |b: &mut Branch, who: &Actor, a: Action| {
        desk::pqrs::step(&mut b.store, &b.clock, who, &b.cfg, r, a).map_err(|e| e.to_string())
    };
    let assign = Action::Assign {
        area: "Facturación".into(),
        user: Some("asesor1".into()),
    };
    as_actor(&mut b, &asesor, assign).unwrap();
    as_actor(&mut b, &asesor, Action::Start).unwrap();
    // closing while in process: no answer yet, and the refusal names the next legal steps
    let refused = as_actor(
        &mut b,
        &asesor,
        Action::Close {
            in_favor: true,
            note: "listo".into(),
        },
    )
    .unwrap_err();
    assert!(refused.contains("proyección de la respuesta"), "{refused}");
    // projecting needs a written answer
    let refused = as_actor(
        &mut b,
        &asesor,
        Action::Draft {
            answer: String::new(),
        },
    )
    .unwrap_err();
    assert!(
        refused.contains("escriba primero la respuesta"),
        "{refused}"
    );
    let v1 =
        desk::pqrs::save_answer(&mut b.store, &b.clock, &asesor, r, "Primera versión").unwrap();
    let again =
        desk::pqrs::save_answer(&mut b.store, &b.clock, &asesor, r, "Primera versión").unwrap();
    assert_eq!(
        (v1.version, again.version),
        (1, 1),
        "the same text saves nothing new"
    );
    as_actor(
        &mut b,
        &asesor,
        Action::Draft {
            answer: String::new(),
        },
    )
    .unwrap();
    // the advisor does not sign
    let refused = as_actor(&mut b, &asesor, Action::Approve).unwrap_err();
    assert!(refused.contains("supervisor"), "{refused}");
    // returned for correction (GCO step 14 "No") needs a note, and goes back to en trámite
    let refused = as_actor(&mut b, &supervisor, Action::Return { note: " ".into() }).unwrap_err();
    assert!(refused.contains("qué debe corregirse"), "{refused}");
    as_actor(
        &mut b,
        &supervisor,
        Action::Return {
            note: "Cite la resolución tarifaria".into(),
        },
    )
    .unwrap();
    as_actor(
        &mut b,
        &asesor,
        Action::Draft {
            answer: "Segunda versión, con la resolución CRA 943".into(),
        },
    )
    .unwrap();
    as_actor(&mut b, &supervisor, Action::Approve).unwrap();
    let d = desk::pqrs::show(&b.store, &b.cfg, day("2026-11-23"), r).unwrap();
    assert_eq!(d.pqrs.answer_approved, Some(2));
    assert_eq!(d.answers.len(), 2);
    let steps: Vec<&str> = d.events.iter().map(|e| e.step.as_str()).collect();
    assert!(steps.contains(&"devuelta"), "{steps:?}");
    let approved = d.events.last().unwrap();
    assert_eq!(approved.note, "versión 2");
    // once approved the text is frozen
    let refused = desk::pqrs::save_answer(&mut b.store, &b.clock, &asesor, r, "otra").unwrap_err();
    assert!(
        refused.to_string().contains("notificación de la respuesta"),
        "{refused}"
    );
    as_actor(
        &mut b,
        &asesor,
        Action::Notify {
            via: "personal".parse().unwrap(),
            evidence: "acta 1".into(),
        },
    )
    .unwrap();
    as_actor(
        &mut b,
        &asesor,
        Action::Close {
            in_favor: false,
            note: String::new(),
        },
    )
    .unwrap();
}

#[test]
fn window_closing_needs_a_note_and_felicitaciones_need_no_answer() {
    let mut b = branch();
    let p = b.file(&filing("queja", "2026-11-23T09:00"));
    let close = |note: &str| Action::Close {
        in_favor: true,
        note: note.into(),
    };
    let refused = b.step(&p.radicado, close("  ")).unwrap_err().to_string();
    assert!(refused.contains("qué se hizo"), "{refused}");
    assert!(refused.contains("asignación"), "{refused}");
    b.step(&p.radicado, close("Se corrigió la dirección en ventanilla"))
        .unwrap();
    let f = b.file(&filing("felicitacion", "2026-11-23T09:00"));
    b.step(
        &f.radicado,
        Action::Assign {
            area: String::new(),
            user: None,
        },
    )
    .unwrap();
    b.step(&f.radicado, close("")).unwrap();
}

#[test]
fn the_signing_role_is_configurable() {
    let mut b = branch();
    b.cfg.pqrs.signing_role = "administrador".into();
    common::add_staff(
        &mut b.store,
        "firma",
        ventanilla::domain::user::Role::Supervisor,
    );
    let supervisor = Actor::staff(&desk::users::active(&b.store, "firma").unwrap());
    let p = b.file(&filing("peticion", "2026-11-23T09:00"));
    for a in [
        Action::Assign {
            area: String::new(),
            user: None,
        },
        Action::Draft {
            answer: "Respuesta".into(),
        },
    ] {
        b.step(&p.radicado, a).unwrap();
    }
    let refused = desk::pqrs::step(
        &mut b.store,
        &b.clock,
        &supervisor,
        &b.cfg,
        &p.radicado,
        Action::Approve,
    )
    .unwrap_err();
    assert!(refused.to_string().contains("administrador"), "{refused}");
}

#[test]
fn any_requester_files_registered_by_name_or_anonymously_where_allowed() {
    let mut b = branch();
    let customers_before: i64 = b
        .store
        .conn()
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    // a phone caller who gives only a name and a number
    let mut named = filing("reclamo", "2026-11-23T09:00");
    named.document = None;
    named.person = Some(desk::pqrs::Person {
        name: "Marta Lucía Caicedo".into(),
        contact: "3201112233".into(),
    });
    let p = b.file(&named);
    assert_eq!(p.customer, None);
    assert_eq!(p.requester_name.as_deref(), Some("Marta Lucía Caicedo"));
    let d = desk::pqrs::show(&b.store, &b.cfg, day("2026-11-23"), &p.radicado).unwrap();
    assert!(
        d.customer.as_deref().unwrap().contains("3201112233"),
        "{:?}",
        d.customer
    );
    let customers_after: i64 = b
        .store
        .conn()
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        customers_before, customers_after,
        "no customer record created"
    );
    // a name without a contact, both a document and a name, a sender on a window filing
    let actor = b.asesor();
    let mut no_contact = named.clone();
    no_contact.person.as_mut().unwrap().contact = " ".into();
    let mut both = named.clone();
    both.document = Some(cc("1144052337"));
    let mut sender_at_window = named.clone();
    sender_at_window.channel = "presencial".parse().unwrap();
    sender_at_window.sender = "marta@correo.co".into();
    for (f, field) in [
        (no_contact, "contacto:"),
        (both, "documento:"),
        (sender_at_window, "remitente:"),
    ] {
        let e = desk::pqrs::file(&mut b.store, &b.clock, &actor, &b.cfg, &f).unwrap_err();
        assert!(e.to_string().starts_with(field), "{e}");
    }
    // a web form with the sender's address
    let mut web = named.clone();
    web.channel = "web".parse().unwrap();
    web.sender = "marta@correo.co".into();
    assert_eq!(b.file(&web).sender.as_deref(), Some("marta@correo.co"));
    // anonymous quejas only where configured
    let mut queja = filing("queja", "2026-11-23T09:00");
    queja.document = None;
    let e = desk::pqrs::file(&mut b.store, &b.clock, &actor, &b.cfg, &queja).unwrap_err();
    assert!(e.to_string().contains("nombre y un contacto"), "{e}");
    b.cfg.pqrs.anonymous_kinds = vec!["queja".into(), "sugerencia".into()];
    assert_eq!(b.file(&queja).customer, None);
}

/// Files an anonymous denuncia received on the web through the CLI.
fn anonymous_denuncia(b: &common::FileBranch) -> assert_cmd::assert::Assert {
    b.cli()
        .args([
            "ticket",
            "new",
            "--type",
            "denuncia",
            "--channel",
            "web",
            "--subject",
            "Cobros indebidos",
            "--description",
            "Un funcionario pide dinero por adelantar turnos",
        ])
        .assert()
        .success()
}

#[test]
fn cli_files_for_a_person_without_record_and_an_anonymous_denuncia() {
    let b = common::FileBranch::new(1);
    let out = b
        .cli()
        .args([
            "ticket",
            "new",
            "--type",
            "peticion",
            "--channel",
            "correo",
            "--name",
            "Pedro Pablo Angulo",
            "--contact",
            "pedro@correo.co",
            "--sender",
            "pedro@correo.co",
            "--subject",
            "Horario",
            "--description",
            "Pregunta por el horario de la sede",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("Pedro Pablo Angulo"), "{text}");
    assert!(text.contains("Remitente: pedro@correo.co"), "{text}");
    anonymous_denuncia(&b).stdout(predicates::str::contains("Peticionario: anónimo"));
    b.cli()
        .args([
            "ticket",
            "new",
            "--type",
            "reclamo",
            "--channel",
            "web",
            "--subject",
            "x",
            "--description",
            "y",
        ])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no se radica anónima"));
}

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
fn the_daily_report_counts_work_orders() {
    let mut b = branch();
    let p = b.file(&filing("reclamo", "2026-11-23T09:00"));
    let actor = b.asesor();
    let mut ids = Vec::new();
    for area in ["Facturación", "Comercial"] {
        let w = desk::pqrs::new_work_order(
            &mut b.store,
            &b.clock,
            &actor,
            &b.cfg,
            &p.radicado,
            area,
            "Revisar",
        )
        .unwrap();
        ids.push(w.id);
    }
    desk::pqrs::close_work_order(&mut b.store, &b.clock, &actor, ids[0], "Hecho").unwrap();
    let today = day("2026-11-23");
    let r = desk::reports::build(&b.store, &b.cfg, today, today).unwrap();
    let w = &r.pqrs.work_orders;
    assert_eq!((w.opened, w.closed), (2, 1));
    assert_eq!(w.open_by_area.get("Comercial"), Some(&1));
    let text = ventanilla::commands::report::text(&r);
    assert!(
        text.contains("Órdenes de trabajo: abiertas en el periodo 2 · cerradas 1"),
        "{text}"
    );
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
