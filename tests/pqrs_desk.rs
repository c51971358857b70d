//! The PQRS workspace (`ventanilla pqrs`): a reclamo's whole life by four people on
//! `TestBackend` at 80×24 (advisor files and assigns, professional drafts, supervisor returns
//! then approves, clerk records the citation's delivery and notifies, professional closes and
//! archives), and the real binary in a pseudo-terminal.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "common/pty.rs"]
mod pty;

use common::FileBranch;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use ventanilla::clock::FixedClock;
use ventanilla::desk::{self, Actor, pqrs::Filing};
use ventanilla::domain::user::Role;
use ventanilla::store::Store;
use ventanilla::tui::Mode;
use ventanilla::tui::event::Event;
use ventanilla::tui::pqrs_desk::PqrsDesk;

fn press(m: &mut PqrsDesk, code: KeyCode) {
    m.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typed(m: &mut PqrsDesk, text: &str) {
    for c in text.chars() {
        press(m, KeyCode::Char(c));
    }
}

/// Empties the focused field.
fn clear(m: &mut PqrsDesk) {
    press(m, KeyCode::End);
    for _ in 0..40 {
        press(m, KeyCode::Backspace);
    }
}

fn screen(m: &PqrsDesk) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| m.render(f)).unwrap();
    t
}

fn text(m: &PqrsDesk) -> String {
    common::screen_text(&screen(m))
}

/// The workspace on the branch's file, logged in as `user`.
fn desk_as(b: &FileBranch, clock: &Arc<FixedClock>, user: &str) -> PqrsDesk {
    let mut m = PqrsDesk::new(
        Store::open(&b.db).unwrap(),
        Box::new(clock.clone()),
        common::config(),
    );
    typed(&mut m, user);
    press(&mut m, KeyCode::Enter);
    typed(&mut m, "1234");
    press(&mut m, KeyCode::Enter);
    assert!(m.user.is_some(), "{user} logged in:\n{}", text(&m));
    m
}

fn go_to(m: &mut PqrsDesk, short: &str) {
    press(m, KeyCode::Char('g'));
    typed(m, short);
    press(m, KeyCode::Enter);
    assert!(m.detail.is_some(), "opened {short}:\n{}", text(m));
}

fn status(m: &PqrsDesk) -> &'static str {
    m.detail.as_ref().unwrap().pqrs.status.label()
}

#[test]
fn a_reclamo_lives_its_whole_life_in_the_workspace_by_four_people() {
    let b = FileBranch::new(1);
    {
        let mut store = b.store();
        common::add_staff(&mut store, "profesional", Role::Asesor);
        common::add_staff(&mut store, "firma", Role::Supervisor);
        common::add_staff(&mut store, "notificador", Role::Asesor);
    }
    let clock = Arc::new(FixedClock::new(common::monday_morning()));
    let cfg = common::config();
    // the advisor files it at the window for a caller without a customer record
    {
        let mut store = b.store();
        let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
        let f = Filing {
            kind: "reclamo".parse().unwrap(),
            channel: "telefono".parse().unwrap(),
            person: Some(desk::pqrs::Person {
                name: "José Pérez Muñoz".into(),
                contact: "3104445566".into(),
            }),
            subject: "Cobro doble de la cuota".into(),
            description: "Le cobraron dos veces la cuota de octubre".into(),
            ..Filing::default()
        };
        desk::pqrs::file(&mut store, clock.as_ref(), &asesor, &cfg, &f).unwrap();
    }

    // 1. the advisor opens it and assigns it; signing is not offered to them
    let mut m = desk_as(&b, &clock, "asesor1");
    assert_snapshot!("list_advisor", screen(&m).backend());
    press(&mut m, KeyCode::Char('?'));
    assert_snapshot!("help", screen(&m).backend());
    press(&mut m, KeyCode::Char('x'));
    assert!(m.overlay.is_none(), "any key closes the help");
    press(&mut m, KeyCode::Enter);
    assert_snapshot!("detail_radicada", screen(&m).backend());
    press(&mut m, KeyCode::Char('f'));
    let refused = text(&m);
    assert!(refused.contains("asignación"), "{refused}");
    press(&mut m, KeyCode::Char('s'));
    clear(&mut m);
    typed(&mut m, "factura");
    press(&mut m, KeyCode::Tab);
    typed(&mut m, "profesional");
    press(&mut m, KeyCode::Enter);
    assert_eq!(status(&m), "asignada");
    assert_eq!(m.detail.as_ref().unwrap().pqrs.area, "Facturación");
    drop(m);

    // 2. the professional starts it and drafts the answer from the reclamo's template
    let mut m = desk_as(&b, &clock, "profesional");
    assert_snapshot!("list_professional", screen(&m).backend());
    press(&mut m, KeyCode::Enter);
    press(&mut m, KeyCode::Char('i'));
    press(&mut m, KeyCode::Char('p'));
    assert!(
        text(&m).contains("No hay respuesta que proyectar"),
        "{}",
        text(&m)
    );
    press(&mut m, KeyCode::Char('w'));
    typed(&mut m, "se reliquidó la factura de octubre.");
    assert_snapshot!("answer_editor", screen(&m).backend());
    press(&mut m, KeyCode::Esc);
    press(&mut m, KeyCode::Char('p'));
    assert_eq!(status(&m), "respuesta proyectada");
    drop(m);

    // 3. the supervisor finds it waiting for signature and returns it with a note
    let mut m = desk_as(&b, &clock, "firma");
    assert_snapshot!("approvals_queue", screen(&m).backend());
    press(&mut m, KeyCode::Enter);
    press(&mut m, KeyCode::Char('d'));
    typed(&mut m, "Diga cuánto se abona y cuándo");
    press(&mut m, KeyCode::Enter);
    assert_eq!(status(&m), "en trámite");
    drop(m);

    // 4. the professional corrects it and quits with the editor open: nothing is lost
    let mut m = desk_as(&b, &clock, "profesional");
    go_to(&mut m, "000001");
    press(&mut m, KeyCode::Char('w'));
    typed(&mut m, " Se abonan $12.500 en la próxima factura.");
    m.handle(Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(m.should_quit());
    drop(m);
    let mut m = desk_as(&b, &clock, "profesional");
    go_to(&mut m, "1");
    let d = m.detail.as_ref().unwrap();
    assert_eq!(d.answers.len(), 2);
    assert!(
        d.answers[1].body.ends_with("en la próxima factura."),
        "{:?}",
        d.answers
    );
    press(&mut m, KeyCode::Char('p'));
    drop(m);

    // 5. the supervisor approves
    let mut m = desk_as(&b, &clock, "firma");
    press(&mut m, KeyCode::Enter);
    press(&mut m, KeyCode::Char('f'));
    assert_eq!(status(&m), "respuesta aprobada");
    drop(m);

    // 6. the clerk records the citation's delivery and notifies in person
    let mut m = desk_as(&b, &clock, "notificador");
    go_to(&mut m, "000001");
    press(&mut m, KeyCode::Char('e'));
    press(&mut m, KeyCode::Tab);
    typed(&mut m, "José Pérez Muñoz");
    press(&mut m, KeyCode::Tab);
    press(&mut m, KeyCode::Tab);
    press(&mut m, KeyCode::Tab);
    typed(&mut m, "guía 7781");
    assert_snapshot!("delivery_form", screen(&m).backend());
    press(&mut m, KeyCode::Enter);
    assert_eq!(
        m.detail.as_ref().unwrap().deliveries.len(),
        1,
        "{}",
        text(&m)
    );
    // the citation as PDF, and the signed delivery proof attached
    let pdf = b.path("citacion.pdf");
    press(&mut m, KeyCode::Char('y'));
    typed(&mut m, "citación");
    press(&mut m, KeyCode::Tab);
    clear(&mut m);
    typed(&mut m, pdf.to_str().unwrap());
    press(&mut m, KeyCode::Enter);
    assert!(
        std::fs::read(&pdf).is_ok_and(|b| b.starts_with(b"%PDF")),
        "{}",
        text(&m)
    );
    let proof = b.path("guia-7781.jpg");
    std::fs::write(&proof, b"\xff\xd8 prueba de entrega").unwrap();
    press(&mut m, KeyCode::Char('j'));
    typed(&mut m, proof.to_str().unwrap());
    press(&mut m, KeyCode::Enter);
    let attached = &m.detail.as_ref().unwrap().attachments;
    assert_eq!(attached.len(), 1, "{}", text(&m));
    assert_eq!(attached[0].media_type, "image/jpeg");
    press(&mut m, KeyCode::Char('n'));
    press(&mut m, KeyCode::Tab);
    typed(&mut m, "acta 15");
    press(&mut m, KeyCode::Enter);
    assert_eq!(status(&m), "notificada");
    drop(m);

    // 7. the professional closes it with the result and archives it
    let mut m = desk_as(&b, &clock, "profesional");
    go_to(&mut m, "000001");
    press(&mut m, KeyCode::Char('c'));
    typed(&mut m, "sí");
    press(&mut m, KeyCode::Tab);
    typed(&mut m, "Reliquidada y abonada");
    press(&mut m, KeyCode::Enter);
    assert_eq!(status(&m), "cerrada");
    press(&mut m, KeyCode::Char('x'));
    assert_eq!(status(&m), "archivada");
    assert_snapshot!("detail_archived", screen(&m).backend());
    let steps: Vec<String> = m
        .detail
        .as_ref()
        .unwrap()
        .events
        .iter()
        .map(|e| format!("{} {}", e.by, e.step))
        .collect();
    assert_eq!(
        steps,
        [
            "asesor1 radicada",
            "asesor1 asignada",
            "profesional en-tramite",
            "profesional proyectada",
            "firma devuelta",
            "profesional proyectada",
            "firma aprobada",
            "notificador entrega",
            "notificador notificada",
            "profesional cerrada",
            "profesional archivada",
        ]
    );
}

#[test]
fn the_real_binary_opens_the_workspace_in_a_pseudo_terminal() {
    use std::time::Duration;
    const WAIT: Duration = Duration::from_secs(20);
    let b = FileBranch::new(1);
    common::pqrs_branch::anonymous_denuncia(&b);
    let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_ventanilla"));
    cmd.env("VENTANILLA_PIN_COSTE", "pruebas");
    cmd.env("XDG_CONFIG_HOME", b.path("cfg"));
    cmd.env("XDG_DATA_HOME", b.path("data"));
    cmd.env_remove("VENTANILLA_CONFIG");
    cmd.args(["--db", b.db.to_str().unwrap(), "pqrs"]);
    let mut app = pty::PtyApp::spawn(cmd, 80, 24);
    assert!(
        app.wait_text("Ingreso al área de trabajo", WAIT),
        "{}",
        app.contents()
    );
    app.send(b"asesor1\r1234\r");
    assert!(app.wait_text("Bienvenido(a)", WAIT), "{}", app.contents());
    assert!(app.wait_text("000001", WAIT), "{}", app.contents());
    app.send(b"\r");
    assert!(app.wait_text("Historia", WAIT), "{}", app.contents());
    assert!(app.wait_text("s asignar", WAIT), "{}", app.contents());
    // approving is not offered, and the refusal names the steps legal now
    app.send(b"f");
    assert!(app.wait_text("asignación", WAIT), "{}", app.contents());
    app.send(b"\x1b");
    assert!(app.wait_text("1 de 1", WAIT), "{}", app.contents());
    app.send(b"q");
    let status = app.wait_exit(WAIT).expect("the program exits");
    assert!(status.success(), "{status:?}");
    assert!(
        !app.parser.screen().alternate_screen(),
        "left the alternate screen"
    );
}
