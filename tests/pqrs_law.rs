//! The PQRS law by regime through the desk layer: incomplete petitions (dated requests and
//! completions, the requester's prórroga, the motivated desistimiento), recursos (linked,
//! windowed, never closed at the window, apelación en subsidio), traslado limits, positive
//! silence, priority first, and the affiliate's deletion path without deadlock.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use ventanilla::clock::{Clock, FixedClock, SystemClock};
use ventanilla::config::Config;
use ventanilla::desk::{
    self, Actor,
    pqrs::{Action, Filing, Filter},
    users::NewStaff,
};
use ventanilla::domain::customer::Input;
use ventanilla::domain::ids::{self, DocType};
use ventanilla::domain::pqrs::{Standing, Status};
use ventanilla::domain::regime::RegimeKind;
use ventanilla::domain::user::Role;
use ventanilla::error::Error;
use ventanilla::store::Store;
use ventanilla::store::pqrs::Pqrs;

struct Branch {
    dir: tempfile::TempDir,
    store: Store,
    clock: FixedClock,
    cfg: Config,
}

const AFFILIATE: &str = "1144052337";
const OTHER: &str = "52123456";

fn branch_under(regime: RegimeKind) -> Branch {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("sede.sqlite3");
    common::branch_with_windows(&path, 2);
    let mut store = Store::open(&path).unwrap();
    let clock = FixedClock::new(common::monday_morning());
    let mut cfg = common::config();
    cfg.regime.name = regime;
    let cli = Actor::cli(None);
    let sup = NewStaff {
        username: "super",
        name: "Supervisora",
        role: Role::Supervisor,
        pin: "1234",
    };
    desk::users::add(&mut store, &SystemClock, &cli, &cfg, &sup).unwrap();
    for (doc, affiliation) in [(AFFILIATE, "afiliado"), (OTHER, "no afiliado")] {
        let input = Input {
            doc_type: "CC".into(),
            doc_number: doc.into(),
            names: "Ana".into(),
            surnames: "Rentería".into(),
            phone: "3104445566".into(),
            email: format!("{doc}@correo.co"),
            affiliation: affiliation.into(),
            category: if affiliation == "afiliado" { "A" } else { "" }.into(),
            ..Input::default()
        };
        desk::customers::add(&mut store, &clock, &cli, &cfg, &input).unwrap();
    }
    Branch {
        dir,
        store,
        clock,
        cfg,
    }
}

fn branch() -> Branch {
    branch_under(RegimeKind::General)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn filing(kind: &str, doc: &str, received: &str) -> Filing {
    Filing {
        kind: kind.parse().unwrap(),
        channel: "escrito".parse().unwrap(),
        document: Some(ids::parse(DocType::CC, doc).unwrap().document),
        subject: "Asunto".into(),
        description: "Hechos y lo que se pide".into(),
        notify_via: "personal".parse().unwrap(),
        received: Some(at(received)),
        ..Filing::default()
    }
}

impl Branch {
    fn actor(&self, user: &str) -> Actor {
        Actor::staff(&desk::users::active(&self.store, user).unwrap())
    }

    fn try_file(&mut self, user: &str, f: &Filing) -> Result<Pqrs, Error> {
        let actor = self.actor(user);
        desk::pqrs::file(&mut self.store, &self.clock, &actor, &self.cfg, f)
    }

    fn file(&mut self, f: &Filing) -> Pqrs {
        self.try_file("asesor1", f).unwrap()
    }

    fn step_as(&mut self, user: &str, radicado: &str, action: Action) -> Result<Pqrs, Error> {
        let actor = self.actor(user);
        desk::pqrs::step(
            &mut self.store,
            &self.clock,
            &actor,
            &self.cfg,
            radicado,
            action,
        )
    }

    fn step(&mut self, radicado: &str, action: Action) -> Result<Pqrs, Error> {
        let actor = Actor::cli(None);
        desk::pqrs::step(
            &mut self.store,
            &self.clock,
            &actor,
            &self.cfg,
            radicado,
            action,
        )
    }

    /// The command line on this branch's file.
    fn cli(&self) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("ventanilla").unwrap();
        c.env_remove("VENTANILLA_CONFIG")
            .env("XDG_CONFIG_HOME", self.dir.path().join("cfg"))
            .arg("--db")
            .arg(self.dir.path().join("sede.sqlite3"));
        c
    }

    fn today(&self) -> NaiveDate {
        desk::turns::day_of(&self.cfg, self.clock.now())
    }

    /// Takes `radicado` to its notified decision today.
    fn decide(&mut self, radicado: &str) {
        for s in [
            Action::Assign {
                area: String::new(),
                user: None,
            },
            Action::Start,
            Action::Draft {
                answer: "No procede".into(),
            },
            Action::Approve,
            notify(),
        ] {
            self.step(radicado, s).unwrap();
        }
    }

    /// From «en trámite»: projects, approves and notifies the answer.
    fn decide_from_draft(&mut self, radicado: &str) {
        for s in [
            Action::Draft {
                answer: "Procede".into(),
            },
            Action::Approve,
            notify(),
        ] {
            self.step(radicado, s).unwrap();
        }
    }
}

fn notify() -> Action {
    Action::Notify {
        via: "personal".parse().unwrap(),
        evidence: "acta".into(),
    }
}

fn refusal(r: Result<Pqrs, Error>) -> String {
    r.unwrap_err().to_string()
}

#[test]
fn information_requests_and_completions_are_dated_by_the_real_day() {
    let mut b = branch();
    // filed Monday 23 Nov 2026; the desk records it on Friday 4 Dec
    let p = b.file(&filing("peticion", OTHER, "2026-11-23T09:00"));
    assert_eq!(p.due_date.as_deref(), Some("2026-12-15"));
    b.clock.advance(Duration::days(11));
    let ask = |on: &str| Action::RequestInfo {
        missing: "Copia de la factura".into(),
        on: Some(day(on)),
    };
    let e = refusal(b.step(&p.radicado, ask("2026-12-05")));
    assert!(e.contains("todavía no ha llegado"), "{e}");
    let e = refusal(b.step(&p.radicado, ask("2026-11-20")));
    assert!(e.contains("anterior al 2026-11-23"), "{e}");
    // really asked on Friday 27 Nov: 4 business days used, 11 remain, whatever the day recorded
    let paused = b.step(&p.radicado, ask("2026-11-27")).unwrap();
    assert_eq!(paused.paused_on.as_deref(), Some("2026-11-27"));
    assert_eq!(paused.pause_remaining, Some(11));
    assert_eq!(paused.withdrawal_on.as_deref(), Some("2026-12-27"));
    // completed on Tuesday 1 Dec, recorded on Monday 7 Dec: the 11 days run from 2 Dec
    b.clock.advance(Duration::days(3));
    let e = refusal(b.step(
        &p.radicado,
        Action::Resume {
            on: Some(day("2026-11-26")),
        },
    ));
    assert!(e.contains("anterior al 2026-11-27"), "{e}");
    let resumed = b
        .step(
            &p.radicado,
            Action::Resume {
                on: Some(day("2026-12-01")),
            },
        )
        .unwrap();
    // 2,3,4,7,9,10,11,14,15,16,17 Dec (8 Dec is a holiday)
    assert_eq!(resumed.due_date.as_deref(), Some("2026-12-17"));
}

#[test]
fn the_requester_may_extend_the_completion_period_once_and_only_in_time() {
    let mut b = branch();
    let p = b.file(&filing("peticion", OTHER, "2026-11-23T09:00"));
    let r = p.radicado.clone();
    b.step(
        &r,
        Action::RequestInfo {
            missing: "Firma".into(),
            on: None,
        },
    )
    .unwrap();
    // a month to complete: until 23 Dec; asked on 20 Dec (recorded on 29 Dec)
    b.clock.advance(Duration::days(36));
    let extended = b
        .step(
            &r,
            Action::ExtendCompletion {
                asked_on: Some(day("2026-12-20")),
            },
        )
        .unwrap();
    assert_eq!(extended.withdrawal_on.as_deref(), Some("2027-01-23"));
    assert_eq!(extended.status, Status::EsperaInformacion);
    // only one extension
    let e = refusal(b.step(&r, Action::ExtendCompletion { asked_on: None }));
    assert!(e.contains("ya se prorrogó"), "{e}");
    // completing within the extension resumes the clock
    b.step(&r, Action::Resume { on: None }).unwrap();

    // asked after the period ended: refused, the way out is the desistimiento
    let q = b.file(&filing("peticion", OTHER, "2026-12-28T09:00"));
    b.step(
        &q.radicado,
        Action::RequestInfo {
            missing: "Firma".into(),
            on: None,
        },
    )
    .unwrap();
    b.clock.advance(Duration::days(40));
    let e = refusal(b.step(&q.radicado, Action::ExtendCompletion { asked_on: None }));
    assert!(e.contains("debía pedirse antes"), "{e}");
}

#[test]
fn desistimiento_is_a_motivated_act_notified_and_open_to_reposicion() {
    let mut b = branch();
    let p = b.file(&filing("peticion", OTHER, "2026-11-23T09:00"));
    let r = p.radicado.clone();
    b.step(
        &r,
        Action::RequestInfo {
            missing: "Certificado de tradición".into(),
            on: None,
        },
    )
    .unwrap();
    b.clock.advance(Duration::days(32));
    let e = refusal(b.step(&r, Action::Withdraw { reason: " ".into() }));
    assert!(e.contains("motivación"), "{e}");
    let w = b
        .step(
            &r,
            Action::Withdraw {
                reason: "No aportó el certificado pedido el 23 de noviembre".into(),
            },
        )
        .unwrap();
    assert_eq!(w.status, Status::Desistida);
    let letter = desk::pqrs::withdrawal_letter(&b.store, &b.cfg, &r)
        .unwrap()
        .join("\n");
    assert!(letter.contains("AUTO DE DESISTIMIENTO TÁCITO"), "{letter}");
    assert!(letter.contains("No aportó el certificado"), "{letter}");
    assert!(letter.contains("recurso de reposición"), "{letter}");
    assert!(letter.contains("10 días hábiles"), "{letter}");
    assert!(letter.contains("volver a presentar"), "{letter}");
    // not archived before it is notified; a reposición only against the notified act
    let e = refusal(b.step(&r, Action::Archive));
    assert!(e.contains("se notifica antes de archivar"), "{e}");
    let mut repo = filing("recurso-reposicion", OTHER, &format!("{}T09:00", b.today()));
    repo.appeal_of = Some(r.clone());
    let e = refusal(b.try_file("asesor1", &repo));
    assert!(e.contains("aún no se ha notificado"), "{e}");
    let n = b.step(&r, notify()).unwrap();
    assert_eq!(n.status, Status::Desistida);
    assert_eq!(n.notified_on, Some(b.today().to_string()));
    let rec = b.file(&repo);
    assert_eq!(rec.appeal_of.as_deref(), Some(r.as_str()));
    assert_eq!(rec.area, "Jurídica");
    b.step(&r, Action::Archive).unwrap();
}

#[test]
fn recursos_are_linked_windowed_and_never_closed_at_the_window() {
    let mut b = branch();
    let d = b.file(&filing("reclamo", OTHER, "2026-11-23T09:00"));
    // notified Monday 23 Nov: the window runs 10 business days, to Monday 7 Dec
    b.decide(&d.radicado);
    let mut f = filing("recurso-reposicion", OTHER, "2026-12-07T16:00");
    b.clock.advance(Duration::days(20));
    // unlinked, or against another person's decision: refused
    let e = refusal(b.try_file("asesor1", &f));
    assert!(e.contains("--against"), "{e}");
    // a receipt outside the calendar's range is refused, not computed without holidays
    let mut ancient = filing("peticion", OTHER, "1900-01-02T09:00");
    ancient.received = Some(at("1900-01-02T09:00"));
    let e = refusal(b.try_file("asesor1", &ancient));
    assert!(e.contains("fuera del calendario"), "{e}");
    f.appeal_of = Some(d.radicado.clone());
    let mut stranger = f.clone();
    stranger.document = Some(ids::parse(DocType::CC, AFFILIATE).unwrap().document);
    let e = refusal(b.try_file("asesor1", &stranger));
    assert!(e.contains("otro peticionario"), "{e}");
    // inside the window (its last day)
    let inside = b.file(&f);
    assert_eq!(inside.area, "Jurídica");
    assert_eq!(inside.due_date.as_deref(), Some("2027-02-08"));
    // its history names the decision once, in the dates people read
    let detail = desk::pqrs::show(&b.store, &b.cfg, b.today(), &inside.radicado).unwrap();
    let filed = detail.events.iter().find(|e| e.step == "recurso").unwrap();
    let text = ventanilla::domain::request::event_text(&filed.step, &filed.note);
    assert_eq!(text.matches("contra la decisión").count(), 1, "{text}");
    assert!(
        text.starts_with(&format!("recurso contra la decisión {},", d.radicado)),
        "{text}"
    );
    assert!(text.contains("notificada el 23/11/2026"), "{text}");
    // never closed at the window
    let e = refusal(b.step(
        &inside.radicado,
        Action::Close {
            in_favor: false,
            note: String::new(),
        },
    ));
    assert!(e.contains("no se resuelve en ventanilla"), "{e}");
    // after hours on its last day counts as the next: outside
    let mut late = f.clone();
    late.received = Some(at("2026-12-07T17:30"));
    let e = refusal(b.try_file("asesor1", &late));
    assert!(e.contains("venció el 2026-12-07"), "{e}");
    assert!(e.contains("--override-reason"), "{e}");
    // an advisor cannot override; a supervisor can, with a reason, audited
    late.window_override = Some("Constancia de correo certificado del 4 de diciembre".into());
    let e = b.try_file("asesor1", &late).unwrap_err();
    assert!(matches!(e, Error::Denied { .. }), "{e}");
    let admitted = b.try_file("super", &late).unwrap();
    // a PQRS solved at the window was decided and notified there: it can be contested
    let window = b.file(&filing("queja", OTHER, "2026-12-10T09:00"));
    b.step(
        &window.radicado,
        Action::Close {
            in_favor: false,
            note: "No procede".into(),
        },
    )
    .unwrap();
    let today = format!("{}T09:00", b.today());
    let mut against_window = filing("recurso-reposicion", OTHER, &today);
    against_window.appeal_of = Some(window.radicado.clone());
    assert_eq!(
        b.file(&against_window).appeal_of.as_deref(),
        Some(window.radicado.as_str())
    );
    let why = admitted.window_override.unwrap();
    assert!(
        why.contains("super") && why.contains("correo certificado"),
        "{why}"
    );
    let audited: i64 = b
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'pqrs.recurso-fuera-de-termino'
             AND object = ?1",
            [&admitted.radicado],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);
}

#[test]
fn utilities_take_the_apelacion_en_subsidio_to_the_superintendencia() {
    let mut b = branch_under(RegimeKind::ServiciosPublicos);
    let d = b.file(&filing("reclamo", OTHER, "2026-11-23T09:00"));
    assert!(d.positive_silence);
    // no extension under Ley 142 by default
    let e = refusal(b.step(
        &d.radicado,
        Action::Extend {
            until: day("2026-12-22"),
            reason: "Visita técnica".into(),
        },
    ));
    assert!(e.contains("no prevé ampliar"), "{e}");
    b.decide(&d.radicado);
    // 5 business days: to Monday 30 Nov
    let mut ap = filing("recurso-apelacion", OTHER, "2026-11-25T09:00");
    ap.appeal_of = Some(d.radicado.clone());
    b.clock.advance(Duration::days(10));
    let e = refusal(b.try_file("asesor1", &ap));
    assert!(e.contains("en subsidio"), "{e}");
    let mut repo = ap.clone();
    repo.kind = "recurso-reposicion".parse().unwrap();
    let repo = b.file(&repo);
    // Ley 142: recursos decided in 15 business days
    assert_eq!(repo.due_date.as_deref(), Some("2026-12-17"));
    let ap = b.file(&ap);
    let mut six = filing("recurso-reposicion", OTHER, "2026-12-01T09:00");
    six.appeal_of = Some(d.radicado.clone());
    let e = refusal(b.try_file("asesor1", &six));
    assert!(e.contains("venció el 2026-11-30"), "{e}");
    // the apelación goes to the Superintendencia as a traslado with its date, whenever the
    // reposición is decided
    b.clock.advance(Duration::days(30));
    let sent = b
        .step(
            &ap.radicado,
            Action::Forward {
                entity: String::new(),
                told_on: None,
                late_reason: None,
            },
        )
        .unwrap();
    assert_eq!(sent.status, Status::Trasladada);
    assert_eq!(
        sent.forwarded_to.as_deref(),
        Some("Superintendencia de Servicios Públicos Domiciliarios")
    );
    assert!(!sent.forwarded_late);
    let detail = desk::pqrs::show(&b.store, &b.cfg, b.today(), &ap.radicado).unwrap();
    let last = detail.events.last().unwrap();
    assert!(
        last.note.contains(&format!("el {}", b.today())),
        "{}",
        last.note
    );
}

#[test]
fn late_traslados_are_refused_unless_a_supervisor_gives_a_reason_and_are_flagged() {
    let mut b = branch();
    let p = b.file(&filing("peticion", OTHER, "2026-11-23T09:00"));
    let mut h = filing("habeas-reclamo", OTHER, "2026-11-23T09:00");
    h.data_request = Some("revocatoria".parse().unwrap());
    let h = b.file(&h);
    let forward = |late: Option<&str>| Action::Forward {
        entity: "Cámara de Comercio".into(),
        told_on: None,
        late_reason: late.map(String::from),
    };
    // Wednesday 25 Nov: day 2, inside both limits
    b.clock.advance(Duration::days(2));
    let in_time = b.file(&filing("queja", OTHER, "2026-11-25T09:00"));
    let ok = b
        .step_as("asesor1", &in_time.radicado, forward(None))
        .unwrap();
    assert!(!ok.forwarded_late);
    // Thursday 26 Nov: the habeas data reclamo's 2 days have passed, the petition's 5 not
    b.clock.advance(Duration::days(1));
    let e = refusal(b.step_as("asesor1", &h.radicado, forward(None)));
    assert!(e.contains("a más tardar el 2026-11-25"), "{e}");
    assert!(e.contains("--late-reason"), "{e}");
    // Tuesday 1 Dec: the petition's 5 days (to 30 Nov) have passed too
    b.clock.advance(Duration::days(5));
    let e = refusal(b.step_as("asesor1", &p.radicado, forward(None)));
    assert!(e.contains("a más tardar el 2026-11-30"), "{e}");
    let e = b
        .step_as("asesor1", &p.radicado, forward(Some("Se detectó tarde")))
        .unwrap_err();
    assert!(matches!(e, Error::Denied { .. }), "{e}");
    let late = b
        .step_as(
            "super",
            &p.radicado,
            forward(Some("El área lo devolvió hoy")),
        )
        .unwrap();
    assert!(late.forwarded_late);
    let detail = desk::pqrs::show(&b.store, &b.cfg, b.today(), &p.radicado).unwrap();
    let note = &detail.events.last().unwrap().note;
    assert!(note.contains("TRASLADO TARDÍO"), "{note}");
}

#[test]
fn positive_silence_shows_once_the_due_date_passes_unanswered() {
    let mut b = branch_under(RegimeKind::ServiciosPublicos);
    let p = b.file(&filing("reclamo", OTHER, "2026-11-23T09:00"));
    let s = b.file(&filing("sugerencia", OTHER, "2026-11-23T09:00"));
    assert!(!s.positive_silence);
    let standing = |b: &Branch, r: &str| {
        desk::pqrs::watch(&b.store, &b.cfg, b.today(), &Filter::default())
            .unwrap()
            .into_iter()
            .find(|l| l.row.radicado == r)
            .unwrap()
            .standing
    };
    // due Tuesday 15 Dec: still owed that day
    b.clock.set(b.clock.now() + Duration::days(22));
    assert_eq!(standing(&b, &p.radicado), Some(Standing::PorVencer));
    b.clock.set(b.clock.now() + Duration::days(1));
    assert_eq!(standing(&b, &p.radicado), Some(Standing::SilencioPositivo));
    assert_eq!(standing(&b, &s.radicado), Some(Standing::Vencida));
    // the late answer records that the silence already applied
    b.decide(&p.radicado);
    let d = desk::pqrs::show(&b.store, &b.cfg, b.today(), &p.radicado).unwrap();
    let silence = d
        .events
        .iter()
        .find(|e| e.step == "notificada")
        .expect("notified");
    assert!(
        silence.note.contains("silencio administrativo positivo"),
        "{}",
        silence.note
    );
    assert!(
        silence.note.contains("desde el 2026-12-16"),
        "{}",
        silence.note
    );
}

#[test]
fn priority_petitions_come_first_with_their_reason() {
    let mut b = branch();
    let early = b.file(&filing("peticion", OTHER, "2026-11-20T09:00"));
    let mut urgent = filing("peticion", OTHER, "2026-11-23T09:00");
    urgent.priority = true;
    urgent.priority_reason = "Medicamento negado a una persona con cáncer".into();
    let urgent = b.file(&urgent);
    let lines = desk::pqrs::watch(&b.store, &b.cfg, b.today(), &Filter::default()).unwrap();
    let order: Vec<&str> = lines.iter().map(|l| l.row.radicado.as_str()).collect();
    assert_eq!(order, [urgent.radicado.as_str(), early.radicado.as_str()]);
    assert_eq!(
        lines[0].row.priority_reason.as_deref(),
        Some("Medicamento negado a una persona con cáncer")
    );
    let receipt = desk::pqrs::receipt(&urgent, "Sede", None).join("\n");
    assert!(
        receipt.contains("Atención prioritaria: Medicamento"),
        "{receipt}"
    );
}

#[test]
fn an_affiliate_deletion_notified_before_the_conversation_can_still_be_conversed_and_closed() {
    let mut b = branch();
    let mut f = filing("habeas-reclamo", AFFILIATE, "2026-11-23T09:00");
    f.data_request = Some("supresion".parse().unwrap());
    let p = b.file(&f);
    assert!(p.needs_conversation);
    // The answer cannot even be projected before the conversation, so a deletion can no longer
    // be notified without it (the deadlock the first version had cannot arise).
    for s in [
        Action::Assign {
            area: String::new(),
            user: None,
        },
        Action::Start,
    ] {
        b.step(&p.radicado, s).unwrap();
    }
    let e = refusal(b.step(
        &p.radicado,
        Action::Draft {
            answer: "Procede".into(),
        },
    ));
    assert!(e.contains("conversación"), "{e}");
    b.step(
        &p.radicado,
        Action::Converse {
            note: "Se le explicó que pierde los avisos de subsidio; confirma".into(),
        },
    )
    .unwrap();
    b.decide_from_draft(&p.radicado);
    let close = || Action::Close {
        in_favor: true,
        note: "Datos suprimidos".into(),
    };
    let closed = b.step(&p.radicado, close()).unwrap();
    assert_eq!(closed.status, Status::Cerrada);
    // once closed there is nothing to converse about
    let e = refusal(b.step(
        &p.radicado,
        Action::Converse {
            note: "otra".into(),
        },
    ));
    assert!(e.contains("conversación"), "{e}");
}

fn consent(b: &mut Branch, doc: &str, grant: bool) {
    let record = desk::consents::Record {
        grant,
        purpose: ventanilla::domain::consent::Purpose::parse(
            &b.cfg.consent.purposes,
            "envio-informacion",
        )
        .unwrap(),
        channel: ventanilla::domain::consent::Way::parse(&b.cfg.consent.channels, "verbal")
            .unwrap(),
        policy_version: "2026-01",
        evidence: None,
    };
    let doc = ids::parse(DocType::CC, doc).unwrap().document;
    desk::consents::record(&mut b.store, &b.clock, &Actor::cli(None), &doc, &record).unwrap();
}

#[test]
fn reclamo_en_tramite_on_the_card_and_the_export_and_only_contactable_people_for_mailings() {
    let mut b = branch();
    const THIRD: &str = "79555111";
    let input = Input {
        doc_type: "CC".into(),
        doc_number: THIRD.into(),
        names: "Luis".into(),
        surnames: "Mina".into(),
        affiliation: "no afiliado".into(),
        ..Input::default()
    };
    desk::customers::add(&mut b.store, &b.clock, &Actor::cli(None), &b.cfg, &input).unwrap();
    consent(&mut b, AFFILIATE, true);
    consent(&mut b, OTHER, true);
    // OTHER: a reclamo about their data, open
    let mut r = filing("habeas-reclamo", OTHER, "2026-11-23T09:00");
    r.data_request = Some("revocatoria".parse().unwrap());
    b.file(&r);
    // THIRD: opposed to mass communications (granted)
    let mut o = filing("habeas-reclamo", THIRD, "2026-11-23T09:00");
    o.data_request = Some("oposicion".parse().unwrap());
    let o = b.file(&o);
    // a data-treatment request is decided (projected, approved, notified) before it closes
    b.decide(&o.radicado);
    b.step(
        &o.radicado,
        Action::Close {
            in_favor: true,
            note: String::new(),
        },
    )
    .unwrap();
    let card = |b: &Branch, n: &str| {
        desk::customers::card(
            &b.store,
            &b.cfg,
            &ids::parse(DocType::CC, n).unwrap().document,
        )
        .unwrap()
    };
    assert!(card(&b, OTHER).reclamo_en_tramite);
    assert!(!card(&b, AFFILIATE).reclamo_en_tramite);
    assert!(!card(&b, THIRD).reclamo_en_tramite, "closed: no legend");

    let cli = || b.cli();
    let all = b.dir.path().join("clientes.csv");
    cli()
        .args(["export", "customers", "--out"])
        .arg(&all)
        .assert()
        .success();
    let text = std::fs::read_to_string(&all).unwrap();
    // from the header on (a title block may come first), in the file's dialect
    let table = &text[text.find("tipo_documento").unwrap()..];
    let delimiter = if table.lines().next().unwrap().contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(table.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let row = |n: &str| rows.iter().find(|r| r[1] == n).unwrap().clone();
    assert_eq!(row(OTHER)[col("reclamo_en_tramite")], "sí");
    assert_eq!(row(AFFILIATE)[col("reclamo_en_tramite")], "no");
    assert_eq!(row(THIRD)[col("no_comunicaciones_masivas")], "sí");
    assert_eq!(
        row(AFFILIATE)[col("autoriza_envio-informacion")],
        "autorizada"
    );
    assert_eq!(
        row(THIRD)[col("autoriza_envio-informacion")],
        "sin autorización"
    );
    assert_eq!(row(AFFILIATE)[col("consentimiento")], "vigente");

    let mailing = b.dir.path().join("envio.csv");
    cli()
        .args(["export", "customers", "--solo-contactables", "--out"])
        .arg(&mailing)
        .assert()
        .success()
        .stdout(predicates::str::contains("1 clientes"));
    let text = std::fs::read_to_string(&mailing).unwrap();
    assert!(text.contains(AFFILIATE), "{text}");
    assert!(!text.contains(OTHER) && !text.contains(THIRD), "{text}");
}

#[test]
fn the_command_line_lists_priority_first_with_its_reason_and_refuses_unlinked_recursos() {
    let b = branch();
    let cli = || b.cli();
    let new = |extra: &[&str]| {
        let mut c = cli();
        c.args([
            "ticket",
            "new",
            "--type",
            "peticion",
            "--channel",
            "escrito",
            "--doc",
            "CC:52123456",
            "--subject",
            "Asunto",
            "--description",
            "Hechos",
        ])
        .args(extra);
        c
    };
    new(&[]).assert().success();
    new(&["--priority-reason", "Menor sin tratamiento médico"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "Atención prioritaria: Menor sin tratamiento médico",
        ));
    let out = cli().args(["ticket", "list"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(
        first.contains("SEDE-") && first.ends_with("PRIORITARIA: Menor sin tratamiento médico"),
        "{text}"
    );
    cli()
        .args([
            "ticket",
            "new",
            "--type",
            "recurso-reposicion",
            "--channel",
            "escrito",
            "--doc",
            "CC:52123456",
            "--subject",
            "Recurso",
            "--description",
            "Contra la respuesta",
        ])
        .assert()
        .failure()
        .stderr(predicates::str::contains("--against"));
}
