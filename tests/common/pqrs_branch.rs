//! A branch on a file with two customers for the PQRS tests: filing, steps as the command
//! line's administrator, and the binary on the same file.

use assert_cmd::Command;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use ventanilla::clock::FixedClock;
use ventanilla::desk::{
    self, Actor,
    pqrs::{Action, Filing},
};
use ventanilla::domain::customer::Input;
use ventanilla::domain::ids::{self, DocType};
use ventanilla::error::Error;
use ventanilla::store::Store;

pub struct Branch {
    pub dir: tempfile::TempDir,
    pub path: std::path::PathBuf,
    pub store: Store,
    pub clock: FixedClock,
    pub cfg: ventanilla::config::Config,
}

pub fn branch() -> Branch {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("sede.sqlite3");
    super::branch_with_windows(&path, 3);
    let mut store = Store::open(&path).unwrap();
    let clock = FixedClock::new(super::monday_morning());
    let cfg = super::config();
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

pub fn cc(n: &str) -> ids::Document {
    ids::parse(DocType::CC, n).unwrap().document
}

pub fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn filing(kind: &str, received: &str) -> Filing {
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
    pub fn asesor(&self) -> Actor {
        Actor::staff(&desk::users::active(&self.store, "asesor1").unwrap())
    }

    pub fn file(&mut self, f: &Filing) -> ventanilla::store::pqrs::Pqrs {
        let actor = self.asesor();
        desk::pqrs::file(&mut self.store, &self.clock, &actor, &self.cfg, f).unwrap()
    }

    pub fn step(&mut self, radicado: &str, action: Action) -> Result<String, Error> {
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
    pub fn decided(&mut self, received: &str) -> String {
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

    pub fn today(&self) -> NaiveDate {
        desk::turns::day_of(&self.cfg, self.clock.now_utc())
    }

    pub fn cli(&self) -> Command {
        let mut c = Command::cargo_bin("ventanilla").unwrap();
        c.env_remove("VENTANILLA_CONFIG")
            .env("VENTANILLA_PIN_COSTE", "pruebas")
            .env("XDG_CONFIG_HOME", self.dir.path().join("cfg"))
            .arg("--db")
            .arg(&self.path);
        c
    }
}

pub trait Now {
    fn now_utc(&self) -> chrono::DateTime<chrono::Utc>;
}

impl Now for FixedClock {
    fn now_utc(&self) -> chrono::DateTime<chrono::Utc> {
        ventanilla::clock::Clock::now(self)
    }
}

/// The year the CLI (on the system clock) numbers radicados in, at Colombian time.
pub fn this_year() -> i32 {
    use chrono::Datelike;
    (chrono::Utc::now() - Duration::hours(5)).year()
}

/// Files an anonymous denuncia received on the web through the CLI.
pub fn anonymous_denuncia(b: &super::FileBranch) -> assert_cmd::assert::Assert {
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
