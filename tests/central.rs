//! The network of branches on one central PostgreSQL, against a real throwaway cluster (the
//! tests skip, saying so, where PostgreSQL is not installed):
//! - two branches with overlapping customers sync into one central; every record at central
//!   equals the branch's, and the central report's branch lines equal each branch's report;
//! - the per-seccional indicator on a hand-built month;
//! - master data pulled down under the stated conflict rules; a deletion at one branch applied
//!   at central and at the other branch;
//! - wrong schema versions, a taken branch code and an unreachable server refused in Spanish,
//!   with the branch's outbox untouched.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::central_pg::Pg;
use serde_json::Value;
use ventanilla::central::{self, Target, report, schema};
use ventanilla::clock::FixedClock;
use ventanilla::config::Config;
use ventanilla::desk::{self, Actor};
use ventanilla::store::{Store, settings, sync};

/// A branch on a file: the demo's people and history, under its own code and seccional.
struct Branch {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    store: Store,
    cfg: Config,
}

fn branch(code: &str, seccional: &str, customers: u32, seed: u64, clock: &FixedClock) -> Branch {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("sede.sqlite3");
    let (mut store, _) = Store::open_or_create(&db).unwrap();
    let mut cfg = common::config();
    cfg.central.seccional = seccional.into();
    ventanilla::demo::seed(&mut store, clock, &cfg, customers, seed).unwrap();
    let tx = store.write().unwrap();
    settings::set(&tx, "branch_code", code).unwrap();
    tx.commit().unwrap();
    Branch {
        _dir: dir,
        db,
        store,
        cfg,
    }
}

/// The real binary on the branch file `db`, isolated from the user's configuration.
fn bin(db: &std::path::Path) -> assert_cmd::Command {
    let dir = db.parent().unwrap();
    let mut c = assert_cmd::Command::cargo_bin("ventanilla").unwrap();
    c.env_remove("VENTANILLA_CONFIG")
        .env_remove("VENTANILLA_CENTRAL")
        .env("XDG_CONFIG_HOME", dir.join("cfg"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .timeout(std::time::Duration::from_secs(60))
        .arg("--db")
        .arg(db);
    c
}

fn migrated(pg: &Pg) -> Target {
    let target = Target::resolve(Some(&pg.url("central")), None, None).unwrap();
    let mut client = target.connect().unwrap();
    schema::migrate(&mut client, &target.shown()).unwrap();
    target
}

fn sync_now(b: &mut Branch, target: &Target, clock: &FixedClock) -> central::pull::Pulled {
    use ventanilla::clock::Clock;
    central::round(&mut b.store, &b.cfg, target, clock.now())
        .unwrap()
        .1
}

fn assert_mirrored(pg: &Pg, code: &str, store: &Store) {
    common::central_pg::assert_mirrored(pg, code, store, false);
}

/// Registers Ximena Quiñónez (CC 52123456), an affiliate, at the branch's desk.
fn ximena(b: &mut Branch, clock: &FixedClock, phone: &str, category: &str) {
    let input = ventanilla::domain::customer::Input {
        doc_type: "CC".into(),
        doc_number: "52123456".into(),
        names: "Ximena".into(),
        surnames: "Quiñónez".into(),
        phone: phone.into(),
        affiliation: "afiliado".into(),
        category: category.into(),
        ..Default::default()
    };
    desk::customers::add(&mut b.store, clock, &Actor::cli(None), &b.cfg, &input).unwrap();
}

/// Ximena Quiñónez (CC 52123456) asks for her data to be deleted, and the request is decided
/// in her favour, which deletes her; an affiliate is talked to first.
fn delete_ximena(store: &mut Store, clock: &FixedClock, cfg: &Config, affiliate: bool) {
    let cli = Actor::cli(None);
    let asesor = Actor::staff(&desk::users::active(store, "asesor1").unwrap());
    let mut req = desk::pqrs::Filing {
        kind: "habeas-reclamo".parse().unwrap(),
        channel: "escrito".parse().unwrap(),
        document: Some(
            ventanilla::domain::ids::parse(ventanilla::domain::ids::DocType::CC, "52123456")
                .unwrap()
                .document,
        ),
        subject: "Supresión".into(),
        description: "Ximena Quiñónez pide suprimir sus datos".into(),
        notify_via: "electronica".parse().unwrap(),
        notify_address: "x@correo.co".into(),
        ..Default::default()
    };
    req.data_request = Some("supresion".parse().unwrap());
    let p = desk::pqrs::file(store, clock, &asesor, cfg, &req).unwrap();
    let mut steps = Vec::new();
    if affiliate {
        steps.push(desk::pqrs::Action::Converse {
            note: "Se le explicó qué pierde como afiliada".into(),
        });
    }
    steps.extend(common::data_request_steps(
        "Se suprimen los datos de Ximena Quiñónez",
    ));
    steps.push(desk::pqrs::Action::Close {
        in_favor: true,
        note: "Suprimida Ximena Quiñónez".into(),
    });
    for s in steps {
        desk::pqrs::step(store, clock, &cli, cfg, &p.radicado, s).unwrap();
    }
}

fn line<'a>(r: &'a report::CentralReport, code: &str) -> &'a report::Line {
    r.lines
        .iter()
        .find(|l| l.branch.as_deref() == Some(code))
        .unwrap()
}

fn november() -> (chrono::NaiveDate, chrono::NaiveDate) {
    (
        chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    )
}

fn central_report(target: &Target, cfg: &Config, scope: &report::Scope) -> report::CentralReport {
    let (from, to) = november();
    let bounds = (
        "2026-11-01T05:00:00Z".to_string(),
        "2026-12-01T05:00:00Z".to_string(),
    );
    report::build(
        target,
        (from, to),
        bounds,
        scope,
        report::Targets::of(cfg),
        -300,
    )
    .unwrap()
}

#[test]
fn two_branches_sync_into_one_central_and_its_report_adds_them_up() {
    let Some(pg) = Pg::start() else { return };
    let target = migrated(&pg);
    let clock = FixedClock::new(common::monday_morning());
    let mut norte = branch("NORTE", "Valle", 120, 1, &clock);
    let mut sur = branch("SUR", "Valle", 150, 2, &clock);
    let mut popayan = branch("POPA", "Cauca", 80, 3, &clock);
    // the same person registered at two branches
    for b in [&mut norte, &mut sur] {
        ximena(b, &clock, "", "");
    }
    for b in [&mut norte, &mut sur, &mut popayan] {
        sync_now(b, &target, &clock);
        // a second round sends nothing and changes nothing
        let (pushed, _) =
            central::round(&mut b.store, &b.cfg, &target, common::monday_morning()).unwrap();
        assert_eq!(pushed.records, 0);
        assert_eq!(sync::pending_count(b.store.conn()).unwrap(), 0);
    }
    assert_mirrored(&pg, "NORTE", &norte.store);
    assert_mirrored(&pg, "SUR", &sur.store);
    assert_mirrored(&pg, "POPA", &popayan.store);
    let mut c = pg.client("central");
    let staff: i64 = c
        .query_one("SELECT count(*) FROM users WHERE branch = 'NORTE'", &[])
        .unwrap()
        .get(0);
    let secrets: i64 = c
        .query_one(
            "SELECT count(*) FROM users WHERE row ? 'pin_hash' OR row ? 'failed_attempts'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        (staff > 0, secrets),
        (true, 0),
        "staff go up without their PINs"
    );
    let months: Vec<String> = c
        .query(
            "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'turns' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(months.contains(&"turns_202611".to_string()), "{months:?}");

    // each branch as central sees it: just synced, its open PQRS
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut client = target.connect().unwrap();
    let seen = ventanilla::central::status::branches(&mut client, &target.shown(), today).unwrap();
    let codes: Vec<&str> = seen.iter().map(|b| b.code.as_str()).collect();
    assert_eq!(codes, ["POPA", "NORTE", "SUR"], "by seccional, then code");
    for (b, local) in seen.iter().zip([&popayan, &norte, &sur]) {
        assert!(b.lag_s.unwrap() < 60, "{b:?}");
        let codes = ventanilla::central::status::open_codes();
        let open: i64 = local
            .store
            .conn()
            .query_row(
                "SELECT count(*) FROM pqrs WHERE status IN (SELECT value FROM json_each(?1))",
                [serde_json::to_string(&codes).unwrap()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(b.open_pqrs, open, "{b:?}");
    }
    let all = central_report(&target, &norte.cfg, &report::Scope::default());
    let (from, to) = november();
    let mut sums = (0, 0, 0, 0, 0, 0);
    let mut types = std::collections::BTreeMap::new();
    let mut channels = std::collections::BTreeMap::new();
    let mut services = std::collections::BTreeMap::new();
    for (code, b) in [("NORTE", &norte), ("SUR", &sur), ("POPA", &popayan)] {
        let own = desk::reports::build(&b.store, &b.cfg, from, to).unwrap();
        let l = line(&all, code);
        assert_eq!(l.issued as usize, own.totals.issued, "{code} issued");
        assert_eq!(l.served as usize, own.totals.served, "{code} served");
        assert_eq!(l.no_shows as usize, own.totals.no_shows, "{code} no-shows");
        assert_eq!(
            l.cancelled as usize, own.totals.cancelled,
            "{code} cancelled"
        );
        assert_eq!(
            l.wait_median_min, own.totals.wait_median_min,
            "{code} median"
        );
        assert_eq!(l.wait_p90_min, own.totals.wait_p90_min, "{code} p90");
        assert_eq!(l.ratings as usize, own.ratings, "{code} ratings");
        assert_eq!(l.pqrs_filed as usize, own.pqrs.filed, "{code} pqrs");
        assert_eq!(
            l.in_favor as usize, own.pqrs.closed_in_favor,
            "{code} in favour"
        );
        let favor = &own.indicators[1];
        assert_eq!(l.persons as usize, favor.denominator, "{code} persons");
        assert_eq!(l.in_favor_percent, favor.value, "{code} indicator");
        // the other three indicators, as the branch measures them
        let ind = |i: usize| (own.indicators[i].numerator, own.indicators[i].denominator);
        assert_eq!(
            (l.good_in_person as usize, l.scored_in_person as usize),
            ind(0),
            "{code} satisfacción presencial"
        );
        assert_eq!(
            (
                l.answered_on_time as usize,
                (l.answered + l.overdue) as usize
            ),
            ind(2),
            "{code} PQRS a tiempo"
        );
        assert_eq!(l.on_time_met, own.indicators[2].met, "{code}");
        assert_eq!(
            (l.good_virtual as usize, l.scored_virtual as usize),
            ind(3),
            "{code} satisfacción virtual"
        );
        for (label, n) in &own.pqrs.by_type {
            *types.entry(label.clone()).or_insert(0) += *n as i64;
        }
        for (label, n) in &own.attentions_by_channel {
            *channels.entry(label.clone()).or_insert(0) += *n as i64;
        }
        for g in &own.by_service {
            let s = services.entry(g.key.clone()).or_insert((0, 0));
            s.0 += g.issued as i64;
            s.1 += g.served as i64;
        }
        assert!(own.totals.issued > 0);
        sums.0 += l.issued;
        sums.1 += l.served;
        sums.2 += l.ratings;
        sums.3 += l.pqrs_filed;
        sums.4 += l.in_favor;
        sums.5 += l.no_shows;
    }
    let total = all.lines.iter().find(|l| l.level == "total").unwrap();
    assert_eq!(
        (
            total.issued,
            total.served,
            total.ratings,
            total.pqrs_filed,
            total.in_favor,
            total.no_shows
        ),
        sums
    );
    assert_eq!(all.pqrs_by_type, types, "PQRS by type, all branches");
    assert_eq!(all.attentions_by_channel, channels, "attentions by channel");
    let central_services: std::collections::BTreeMap<String, (i64, i64)> = all
        .by_service
        .iter()
        .map(|s| (s.service.clone(), (s.issued, s.served)))
        .collect();
    assert_eq!(central_services, services, "turns by service");
    let valle = all
        .lines
        .iter()
        .find(|l| l.level == "seccional" && l.seccional.as_deref() == Some("Valle"))
        .unwrap();
    assert_eq!(
        valle.issued,
        line(&all, "NORTE").issued + line(&all, "SUR").issued
    );
    // a report of one seccional has only its branches
    let cauca = central_report(
        &target,
        &norte.cfg,
        &report::Scope {
            branch: None,
            seccional: Some("Cauca".into()),
        },
    );
    let codes: Vec<_> = cauca
        .lines
        .iter()
        .filter_map(|l| l.branch.clone())
        .collect();
    assert_eq!(codes, vec!["POPA".to_string()]);
    assert_eq!(
        cauca
            .lines
            .iter()
            .find(|l| l.level == "total")
            .unwrap()
            .issued,
        line(&all, "POPA").issued
    );
}

/// Writes a hand-built month straight into central: per branch, persons attended (finished
/// turns with documents) and PQRS closed in the user's favour.
fn hand_built(pg: &Pg) {
    let mut c = pg.client("central");
    c.batch_execute(
        "INSERT INTO branches (code, identity, name, seccional) VALUES
             ('A', 'a', 'Sede A', 'Valle'), ('B', 'b', 'Sede B', 'Valle'),
             ('C', 'c', 'Sede C', 'Cauca');
         CREATE TABLE turns_202611 PARTITION OF turns
             FOR VALUES FROM ('2026-11-01') TO ('2026-12-01');",
    )
    .unwrap();
    // A: 400 persons (documents 1..400); B: 600 persons, 100 of them also attended at A
    // (documents 301..900); C: 100 persons. Valle has 900 distinct users.
    let persons = [("A", 1..=400), ("B", 301..=900), ("C", 2001..=2100)];
    for (code, docs) in persons {
        for (i, doc) in docs.enumerate() {
            let row = serde_json::json!({
                "id": i + 1, "day": "2026-11-10", "status": "finished",
                "doc_type": "CC", "doc_number": doc.to_string(), "wait_s": 60, "service_s": 300
            });
            c.execute(
                "INSERT INTO turns (branch, id, day, row) VALUES ($1, $2, '2026-11-10', $3)",
                &[&code, &(i as i64 + 1), &row],
            )
            .unwrap();
        }
    }
    // in favour: A 2, B 2 (Valle 4 of 900 = 0.44 %: met); C 1 of 100 = 1 %: not met
    for (code, n) in [("A", 2), ("B", 2), ("C", 1)] {
        for id in 1..=n {
            let p = serde_json::json!({"id": id, "in_favor": 1, "status": "cerrada",
                                       "created_at": "2026-11-05T15:00:00Z"});
            let e = serde_json::json!({"id": id, "pqrs": id, "step": "cerrada",
                                       "at": "2026-11-20T15:00:00Z"});
            c.execute(
                "INSERT INTO pqrs (branch, id, row) VALUES ($1, $2, $3)",
                &[&code, &(id as i64), &p],
            )
            .unwrap();
            c.execute(
                "INSERT INTO pqrs_events (branch, id, row) VALUES ($1, $2, $3)",
                &[&code, &(id as i64), &e],
            )
            .unwrap();
        }
    }
}

#[test]
fn the_in_favour_indicator_is_counted_per_seccional_over_its_distinct_users() {
    let Some(pg) = Pg::start() else { return };
    let target = migrated(&pg);
    hand_built(&pg);
    let cfg = common::config();
    let r = central_report(&target, &cfg, &report::Scope::default());
    let seccional = |s: &str| {
        r.lines
            .iter()
            .find(|l| l.level == "seccional" && l.seccional.as_deref() == Some(s))
            .unwrap()
    };
    let valle = seccional("Valle");
    assert_eq!((valle.in_favor, valle.persons), (4, 900));
    assert_eq!(valle.in_favor_met, Some(true));
    assert!((valle.in_favor_percent.unwrap() - 4.0 / 9.0).abs() < 1e-9);
    let cauca = seccional("Cauca");
    assert_eq!((cauca.in_favor, cauca.persons), (1, 100));
    assert_eq!(cauca.in_favor_met, Some(false));
    assert_eq!(line(&r, "A").persons, 400);
    assert_eq!(line(&r, "B").persons, 600);
    let total = r.lines.iter().find(|l| l.level == "total").unwrap();
    assert_eq!((total.in_favor, total.persons), (5, 1000));
    assert_eq!(total.issued, 1100);
}

#[test]
fn master_data_comes_down_and_a_deletion_reaches_central_and_the_other_branch() {
    let Some(pg) = Pg::start() else { return };
    let target = migrated(&pg);
    let clock = FixedClock::new(common::monday_morning());
    let mut norte = branch("NORTE", "Valle", 30, 1, &clock);
    let mut sur = branch("SUR", "Valle", 30, 2, &clock);
    let cli = Actor::cli(None);
    // Ximena is known at both; at NORTE her phone was typed at the desk, category B
    for (b, phone) in [(&mut norte, "3157778899"), (&mut sur, "")] {
        ximena(b, &clock, phone, "B");
    }
    // central loads master data: Ximena is of category A (central owns affiliation and category),
    // with another phone (ignored: the branch owns contact data), and a new person
    let csv = "tipo_documento,numero_documento,nombres,apellidos,fecha_nacimiento,telefono,correo,estado_afiliacion,categoria\n\
               CC,52123456,Ximena,Quiñónez,,3009990000,,afiliado,A\n\
               CC,1144052337,José,Pérez,,,,afiliado,C\n";
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("maestro.csv");
    std::fs::write(&file, csv).unwrap();
    common::cli_in(dir.path())
        .env("VENTANILLA_CENTRAL", pg.url("central"))
        .args(["central", "import", "customers"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains("2 nuevas o cambiadas"));
    // a later file without affiliation or category for José says nothing about them
    std::fs::write(
        &file,
        "tipo_documento,numero_documento,nombres,apellidos\nCC,1144052337,José,Pérez\n",
    )
    .unwrap();
    common::cli_in(dir.path())
        .env("VENTANILLA_CENTRAL", pg.url("central"))
        .args(["central", "import", "customers"])
        .arg(&file)
        .assert()
        .success();
    let (aff, cat): (Option<String>, Option<String>) = pg
        .client("central")
        .query_one(
            "SELECT affiliation, category FROM master_customers WHERE doc_number = '1144052337'",
            &[],
        )
        .map(|r| (r.get(0), r.get(1)))
        .unwrap();
    assert_eq!(
        (aff.as_deref(), cat.as_deref()),
        (Some("afiliado"), Some("C"))
    );
    let pulled = sync_now(&mut norte, &target, &clock);
    assert_eq!((pulled.customers_added, pulled.customers_updated), (1, 1));
    let x = ventanilla::store::customers::by_document(norte.store.conn(), "CC", "52123456")
        .unwrap()
        .unwrap();
    assert_eq!(x.category.as_deref(), Some("A"));
    assert_eq!(x.affiliation.code(), "afiliado");
    assert_eq!(
        x.phone.as_deref(),
        Some("3157778899"),
        "the branch's phone stays"
    );
    let history = ventanilla::store::customers::changes(norte.store.conn(), x.id).unwrap();
    assert!(
        history
            .iter()
            .any(|c| c.field == "category" && c.old.as_deref() == Some("B")),
        "{history:?}"
    );
    assert!(
        ventanilla::store::customers::by_document(norte.store.conn(), "CC", "1144052337")
            .unwrap()
            .is_some()
    );
    // a second pull brings nothing new
    let again = sync_now(&mut norte, &target, &clock);
    assert_eq!(again.customers_added + again.customers_updated, 0);
    // José came down from the master data: he does not go back up until the branch edits him
    let jose = |c: &mut postgres::Client| -> i64 {
        c.query_one(
            "SELECT count(*) FROM customers WHERE row->>'doc_number' = '1144052337'",
            &[],
        )
        .unwrap()
        .get(0)
    };
    let mut c = pg.client("central");
    assert_eq!(jose(&mut c), 0);
    let jose_doc =
        ventanilla::domain::ids::parse(ventanilla::domain::ids::DocType::CC, "1144052337")
            .unwrap()
            .document;
    let typed = [("telefono".to_string(), "3114445566".to_string())];
    desk::customers::edit(
        &mut norte.store,
        &clock,
        &cli,
        &norte.cfg,
        &jose_doc,
        &typed,
    )
    .unwrap();
    sync_now(&mut norte, &target, &clock);
    assert_eq!(jose(&mut c), 1);
    // later, SUR types her new phone: for contact data the latest change wins at central,
    // and both branches' records and changes are kept
    clock.advance(chrono::Duration::hours(2));
    let doc = ventanilla::domain::ids::parse(ventanilla::domain::ids::DocType::CC, "52123456")
        .unwrap()
        .document;
    let phone = [("telefono".to_string(), "3201234567".to_string())];
    desk::customers::edit(&mut sur.store, &clock, &cli, &sur.cfg, &doc, &phone).unwrap();
    sync_now(&mut sur, &target, &clock);
    let (latest, from): (Option<String>, String) = c
        .query_one(
            "SELECT phone, from_branch FROM customer_contacts WHERE doc_number = '52123456'",
            &[],
        )
        .map(|r| (r.get(0), r.get(1)))
        .unwrap();
    assert_eq!(
        (latest.as_deref(), from.as_str()),
        (Some("3201234567"), "SUR")
    );
    let phones: Vec<Option<String>> = c
        .query(
            "SELECT row->>'phone' FROM customers WHERE row->>'doc_number' = '52123456'
             ORDER BY branch",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(
        phones,
        vec![
            Some("3157778899".to_string()),
            Some("3201234567".to_string())
        ]
    );
    let sur_changes: i64 = c
        .query_one(
            "SELECT count(*) FROM customer_changes WHERE branch = 'SUR' AND row->>'new' = '3201234567'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(sur_changes, 1);

    // NORTE deletes Ximena at her request (an affiliate: talked to first)
    delete_ximena(&mut norte.store, &clock, &norte.cfg, true);
    sync_now(&mut norte, &target, &clock);
    let master: i64 = c
        .query_one(
            "SELECT count(*) FROM master_customers WHERE doc_number = '52123456'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(master, 0, "central's master data forgot her");
    let named: i64 = c
        .query_one(
            "SELECT count(*) FROM customers WHERE row->>'doc_number' = '52123456'
                OR row->>'names' = 'Ximena'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(named, 0, "no branch's copy at central names her");
    let traces: i64 = c
        .query_one(
            "SELECT (SELECT count(*) FROM customer_changes WHERE row::text LIKE '%3201234567%')
                  + (SELECT count(*) FROM customers WHERE row::text LIKE '%3201234567%')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        traces, 0,
        "nor the phone SUR typed, in its history or its record"
    );
    // SUR pulls the deletion and applies it with the same pseudonymisation
    let pulled = sync_now(&mut sur, &target, &clock);
    assert_eq!(pulled.deletions_applied, 1);
    let entries: i64 = c
        .query_one("SELECT count(*) FROM deletions", &[])
        .unwrap()
        .get(0);
    assert_eq!(
        entries, 1,
        "SUR does not send NORTE's deletion back as its own"
    );
    assert!(
        ventanilla::store::customers::by_document(sur.store.conn(), "CC", "52123456")
            .unwrap()
            .is_none()
    );
    // and master data never brings her back
    c.execute(
        "INSERT INTO master_customers (doc_type, doc_number, names, surnames, affiliation)
         VALUES ('CC', '52123456', 'Ximena', 'Quiñónez', 'afiliado')",
        &[],
    )
    .unwrap();
    let pulled = sync_now(&mut sur, &target, &clock);
    assert_eq!(pulled.customers_added, 0);
    assert!(
        ventanilla::store::customers::by_document(sur.store.conn(), "CC", "52123456")
            .unwrap()
            .is_none()
    );
    // at SUR, José came down from the master data untouched; a phone attention of his takes
    // him up with it, so SUR's persons attended are the same at central and at SUR (his two
    // calls are one person at both)
    let sur_asesor = Actor::staff(&desk::users::active(&sur.store, "asesor1").unwrap());
    let call = desk::attentions::Request {
        channel: ventanilla::domain::attention::Channel::Telefono,
        document: Some(jose_doc.clone()),
        topic: "Certificado",
        level: ventanilla::domain::attention::Level::Basica,
        solved: true,
        ..Default::default()
    };
    for _ in 0..2 {
        desk::attentions::add(&mut sur.store, &clock, &sur_asesor, &sur.cfg, &call).unwrap();
    }
    sync_now(&mut sur, &target, &clock);
    let (from, to) = november();
    let own = desk::reports::build(&sur.store, &sur.cfg, from, to).unwrap();
    let central = central_report(&target, &sur.cfg, &report::Scope::default());
    assert_eq!(
        line(&central, "SUR").persons as usize,
        own.indicators[1].denominator
    );
    // José, edited at NORTE, changes category centrally: NORTE's copy at central follows
    c.execute(
        "UPDATE master_customers SET category = 'A', seq = nextval('central_seq')
         WHERE doc_number = '1144052337'",
        &[],
    )
    .unwrap();
    assert_eq!(sync_now(&mut norte, &target, &clock).customers_updated, 1);
    let category: Option<String> = c
        .query_one(
            "SELECT row->>'category' FROM customers WHERE branch = 'NORTE'
               AND row->>'doc_number' = '1144052337'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(category.as_deref(), Some("A"));
    assert_mirrored(&pg, "NORTE", &norte.store);
    assert_mirrored(&pg, "SUR", &sur.store);
}

#[test]
fn organisation_calendar_changes_reach_every_branch() {
    let Some(pg) = Pg::start() else { return };
    let target = migrated(&pg);
    let clock = FixedClock::new(common::monday_morning());
    let mut norte = branch("NORTE", "Valle", 10, 1, &clock);
    let dir = tempfile::TempDir::new().unwrap();
    common::cli_in(dir.path())
        .env("VENTANILLA_CENTRAL", pg.url("central"))
        .args([
            "central",
            "calendar",
            "close",
            "2026-12-07",
            "--reason",
            "Día cívico",
        ])
        .assert()
        .success();
    let pulled = sync_now(&mut norte, &target, &clock);
    assert_eq!(pulled.calendar_changes, 1);
    let cal = desk::calendar::load(&norte.store, &norte.cfg).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    assert!(!cal.is_business_day(day));
    assert_eq!(sync_now(&mut norte, &target, &clock).calendar_changes, 0);
}

#[test]
fn bad_servers_are_refused_in_spanish_and_nothing_is_marked_sent() {
    let Some(pg) = Pg::start() else { return };
    let clock = FixedClock::new(common::monday_morning());
    let mut norte = branch("NORTE", "Valle", 10, 1, &clock);
    let pending = sync::pending_count(norte.store.conn()).unwrap();
    let fail = |b: &mut Branch, url: &str| {
        let target = Target::resolve(Some(url), None, None).unwrap();
        let e = central::round(&mut b.store, &b.cfg, &target, common::monday_morning())
            .unwrap_err()
            .to_string();
        assert_eq!(sync::pending_count(b.store.conn()).unwrap(), pending, "{e}");
        e
    };
    // no schema yet
    let e = fail(&mut norte, &pg.url("central"));
    assert!(e.contains("ventanilla central migrate"), "{e}");
    // nobody listening
    let e = fail(&mut norte, "postgresql://ventanilla@127.0.0.1:1/central");
    assert!(e.contains("no se pudo conectar"), "{e}");
    assert!(!e.contains("password"), "{e}");
    // wrong credentials
    pg.require_password("sede", "correcta");
    let e = fail(
        &mut norte,
        &format!("postgresql://sede:equivocada@127.0.0.1:{}/central", pg.port),
    );
    assert!(e.contains("rechazó el usuario o la contraseña"), "{e}");
    assert!(
        !e.contains("equivocada"),
        "the password is never shown: {e}"
    );
    // a database that does not exist
    let e = fail(&mut norte, &pg.url("otra"));
    assert!(e.contains("no existe la base de datos"), "{e}");
    // a schema newer than this build
    let target = migrated(&pg);
    pg.sql("central", "UPDATE central_schema SET version = 99");
    let e = fail(&mut norte, &pg.url("central"));
    assert!(e.contains("más nueva"), "{e}");
    pg.sql(
        "central",
        &format!("UPDATE central_schema SET version = {}", schema::latest()),
    );
    // another branch already uses the code
    let mut impostor = branch("NORTE", "Valle", 5, 9, &clock);
    sync_now(&mut impostor, &target, &clock);
    let e = fail(&mut norte, &pg.url("central"));
    assert!(e.contains("ya lo usa otra sede"), "{e}");
    // a batch central rejects by one of its constraints: nothing of it is marked sent
    pg.sql(
        "central",
        "ALTER TABLE pqrs ADD CONSTRAINT ninguna CHECK (false) NOT VALID",
    );
    let mut sur = branch("SUR", "Valle", 5, 4, &clock);
    let pending_sur = sync::pending_count(sur.store.conn()).unwrap();
    let url = pg.url("central");
    let target_sur = Target::resolve(Some(&url), None, None).unwrap();
    let e = central::round(
        &mut sur.store,
        &sur.cfg,
        &target_sur,
        common::monday_morning(),
    )
    .err()
    .unwrap()
    .to_string();
    assert!(
        e.contains("rechazó un lote por la restricción «ninguna»"),
        "{e}"
    );
    // the batches before it were committed and forgotten; the rejected one still waits
    let left = sync::pending_count(sur.store.conn()).unwrap();
    assert!(left > 0 && left < pending_sur, "{left} of {pending_sur}");
    let mut c = pg.client("central");
    let pqrs: i64 = c
        .query_one("SELECT count(*) FROM pqrs WHERE branch = 'SUR'", &[])
        .unwrap()
        .get(0);
    assert_eq!(pqrs, 0);
    pg.sql("central", "ALTER TABLE pqrs DROP CONSTRAINT ninguna");
    // another round of the same branch under way: this one does nothing and says why
    let mut other = pg.client("central");
    other
        .execute(
            "SELECT pg_advisory_lock(hashtextextended('ventanilla sync ' || 'SUR', 0))",
            &[],
        )
        .unwrap();
    let before = sync::pending_count(sur.store.conn()).unwrap();
    let e = central::round(
        &mut sur.store,
        &sur.cfg,
        &target_sur,
        common::monday_morning(),
    )
    .err()
    .unwrap()
    .to_string();
    assert!(e.contains("otra sincronización de la sede SUR"), "{e}");
    assert_eq!(sync::pending_count(sur.store.conn()).unwrap(), before);
    drop(other);
    sync_now(&mut sur, &target_sur, &clock);
    assert_mirrored(&pg, "SUR", &sur.store);
    // the branch keeps working offline: it issues a turn while the server is unreachable
    common::issue_turns(&mut norte.store, &clock, &["R"]);
    assert!(sync::pending_count(norte.store.conn()).unwrap() > pending);
    // `sync` records the failure where the supervisor sees it
    let out = bin(&norte.db)
        .env(
            "VENTANILLA_CENTRAL",
            "postgresql://ventanilla:secreta@127.0.0.1:1/central",
        )
        .arg("sync")
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(err.contains("no se pudo conectar"), "{err}");
    assert!(
        !err.contains("secreta"),
        "the password is never shown: {err}"
    );
    let status = sync::status(norte.store.conn()).unwrap();
    assert!(status.last_error.unwrap().contains("no se pudo conectar"));
    assert!(
        !format!("{:?}", settings::get(norte.store.conn(), sync::LAST_ERROR)).contains("secreta")
    );
}

#[test]
fn a_branch_restored_from_an_older_copy_leaves_central_equal_to_it() {
    let Some(pg) = Pg::start() else { return };
    let target = migrated(&pg);
    let clock = FixedClock::new(common::monday_morning());
    let mut norte = branch("NORTE", "Valle", 20, 1, &clock);
    sync_now(&mut norte, &target, &clock);
    // the copy of last night
    let copy = norte.db.with_file_name("copia.sqlite3");
    norte
        .store
        .conn()
        .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    // the day goes on and is sent
    common::issue_turns(&mut norte.store, &clock, &["R", "E", "R"]);
    sync_now(&mut norte, &target, &clock);
    // the disk fails; the branch comes back from the copy and works on
    norte.store = Store::open(&copy).unwrap();
    common::issue_turns(&mut norte.store, &clock, &["V"]);
    let (pushed, _) = central::round(
        &mut norte.store,
        &norte.cfg,
        &target,
        common::monday_morning(),
    )
    .unwrap();
    assert!(
        pushed.resent_all,
        "central knew more than the copy: everything is sent again"
    );
    assert_mirrored(&pg, "NORTE", &norte.store);
    let (pushed, _) = central::round(
        &mut norte.store,
        &norte.cfg,
        &target,
        common::monday_morning(),
    )
    .unwrap();
    assert!(!pushed.resent_all);
    assert_eq!(pushed.records, 0);
}

#[test]
fn attachments_travel_with_their_bytes_only_when_configured() {
    let Some(pg) = Pg::start() else { return };
    let target = migrated(&pg);
    let clock = FixedClock::new(common::monday_morning());
    let mut norte = branch("NORTE", "Valle", 10, 1, &clock);
    let radicado: String = norte
        .store
        .conn()
        .query_row("SELECT radicado FROM pqrs ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let owner = ventanilla::domain::attachment::Owner::Pqrs;
    let attach = |b: &mut Branch, name: &str| {
        let path = b.db.with_file_name(name);
        std::fs::write(&path, b"%PDF-1.4 escaneado").unwrap();
        let cli = Actor::cli(None);
        desk::attachments::attach(&mut b.store, &clock, &cli, &b.cfg, owner, &radicado, &path)
            .unwrap()
    };
    attach(&mut norte, "carta.pdf");
    sync_now(&mut norte, &target, &clock);
    norte.cfg.central.attachments = true;
    attach(&mut norte, "soporte.pdf");
    sync_now(&mut norte, &target, &clock);
    let mut c = pg.client("central");
    let rows: Vec<(String, bool, Option<String>)> = c
        .query(
            "SELECT row->>'name', row ? 'data', row->>'data' FROM attachments ORDER BY id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let hex: String = b"%PDF-1.4 escaneado"
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("carta.pdf".to_string(), false, None),
            ("soporte.pdf".to_string(), true, Some(hex)),
        ]
    );
}

#[test]
fn a_turn_goes_up_as_it_moves_with_its_durations() {
    use ventanilla::domain::turn::Transition;
    let Some(pg) = Pg::start() else { return };
    let target = migrated(&pg);
    let b = common::FileBranch::new(1);
    let mut store = b.store();
    let cfg = common::config();
    let clock = FixedClock::new(common::monday_morning());
    let sync = |store: &mut Store| {
        central::round(store, &cfg, &target, common::monday_morning()).unwrap();
    };
    let turn_lines = |store: &Store| -> i64 {
        store
            .conn()
            .query_row(
                "SELECT count(*) FROM sync_outbox WHERE kind = 'turns'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    sync(&mut store);
    common::issue_turns(&mut store, &clock, &["R"]);
    // one line per change: the durations the metrics triggers write are not queued again
    assert_eq!(turn_lines(&store), 1);
    sync(&mut store);
    let asesor = Actor::staff(&desk::users::active(&store, "asesor1").unwrap());
    clock.advance(chrono::Duration::minutes(7));
    let t = desk::turns::call_next(&mut store, &clock, &asesor, &cfg, 1).unwrap();
    clock.advance(chrono::Duration::minutes(1));
    desk::turns::act(
        &mut store,
        &clock,
        &asesor,
        &cfg,
        &t.label,
        Transition::Start,
    )
    .unwrap();
    clock.advance(chrono::Duration::minutes(12));
    desk::turns::act(
        &mut store,
        &clock,
        &asesor,
        &cfg,
        &t.label,
        Transition::Finish,
    )
    .unwrap();
    // the desk's own four writes of the turn (calling writes it twice); none for durations
    assert_eq!(turn_lines(&store), 4);
    sync(&mut store);
    let mut c = pg.client("central");
    let (status, wait, service): (String, Option<i64>, Option<i64>) = c
        .query_one(
            "SELECT status, wait_s, (row->>'service_s')::bigint FROM turns",
            &[],
        )
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .unwrap();
    assert_eq!(
        (status.as_str(), wait, service),
        ("finished", Some(420), Some(720))
    );
    assert_mirrored(&pg, "SEDE", &store);
}

#[test]
fn central_keeps_a_second_anchor_of_the_audit_chain() {
    let Some(pg) = Pg::start() else { return };
    migrated(&pg);
    let b = common::FileBranch::new(1);
    let central_check = || {
        b.cli()
            .env("VENTANILLA_CENTRAL", pg.url("central"))
            .args(["central", "check"])
            .assert()
    };
    for _ in 0..3 {
        b.cli()
            .args(["turn", "issue", "--service", "R"])
            .assert()
            .success();
    }
    b.cli()
        .env("VENTANILLA_CENTRAL", pg.url("central"))
        .arg("sync")
        .assert()
        .success();
    central_check()
        .success()
        .stdout(predicates::str::contains("coincide con las"));
    // a lawful deletion re-seals the chain; its note travels, so it is no alarm
    let mut store = b.store();
    let clock = FixedClock::new(common::monday_morning());
    let cfg = common::config();
    let cli = Actor::cli(None);
    let input = ventanilla::domain::customer::Input {
        doc_type: "CC".into(),
        doc_number: "52123456".into(),
        names: "Ximena".into(),
        surnames: "Quiñónez".into(),
        affiliation: "no afiliado".into(),
        ..Default::default()
    };
    desk::customers::add(&mut store, &clock, &cli, &cfg, &input).unwrap();
    b.cli()
        .env("VENTANILLA_CENTRAL", pg.url("central"))
        .arg("sync")
        .assert()
        .success();
    delete_ximena(&mut store, &clock, &cfg, false);
    central_check()
        .success()
        .stdout(predicates::str::contains("coincide con las"));
    // an informed attacker rewrites a record, recomputes every seal and removes the local
    // anchor file: central's anchors still tell
    drop(store);
    let conn = b.raw();
    conn.execute("UPDATE audit_log SET detail = 'nada' WHERE id = 2", [])
        .unwrap();
    common::recompute(&conn);
    std::fs::remove_file(ventanilla::store::anchors::file_of(&b.db)).unwrap();
    central_check()
        .failure()
        .stdout(predicates::str::contains("servidor central"))
        .stderr(predicates::str::contains(
            "no coincide con las anclas del servidor central",
        ));
}

#[test]
fn the_organisations_legal_terms_reach_every_branch() {
    let Some(pg) = Pg::start() else { return };
    let target = migrated(&pg);
    let clock = FixedClock::new(common::monday_morning());
    let mut norte = branch("NORTE", "Valle", 10, 1, &clock);
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("terminos.toml");
    let queja = |db: &std::path::Path| -> u64 {
        let out = bin(db).args(["config", "show", "--json"]).output().unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["config"]["terms"]["queja"].as_u64().unwrap()
    };
    assert_eq!(queja(&norte.db), 15);
    // a value the configuration would refuse is refused at central, naming the key
    std::fs::write(&file, "[terms]\nqueja = 0\n").unwrap();
    bin(&norte.db)
        .env("VENTANILLA_CENTRAL", pg.url("central"))
        .args(["central", "terms", "set"])
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicates::str::contains("terms.queja"));
    std::fs::write(&file, "[terms]\nqueja = 10\n").unwrap();
    bin(&norte.db)
        .env("VENTANILLA_CENTRAL", pg.url("central"))
        .args(["central", "terms", "set"])
        .arg(&file)
        .assert()
        .success();
    assert!(sync_now(&mut norte, &target, &clock).terms_changed);
    assert_eq!(
        queja(&norte.db),
        10,
        "the organisation's term applies at the branch"
    );
    assert!(!sync_now(&mut norte, &target, &clock).terms_changed);
    bin(&norte.db)
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(predicates::str::contains("los del servidor central"));
}
