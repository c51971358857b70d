//! The PQRS back office through the desk layer and the CLI: the written answer (versions,
//! approval by the signing role, return for correction, what closing needs), any requester
//! (by name and contact, anonymous where allowed, the sender of web and e-mail filings) and
//! the work orders in the daily report.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::pqrs_branch::*;
use ventanilla::desk::{self, Actor, pqrs::Action};

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
