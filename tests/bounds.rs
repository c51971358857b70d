//! Bounds on what people type and configure: business-day arithmetic past the supported
//! calendar (1984–2200), receipts outside it and absurd configuration values are refused at
//! once with a Spanish message naming what is wrong (each call must finish within seconds).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::time::Duration;

struct Branch(common::FileBranch);

fn branch() -> Branch {
    Branch(common::FileBranch::new(1))
}

impl Branch {
    /// The binary, given 10 s per call: no bound may make it run longer.
    fn cli(&self) -> Command {
        let mut c = self.0.cli();
        c.timeout(Duration::from_secs(10));
        c
    }

    fn with_config(&self, toml: &str) -> Command {
        let path = self.0.path("ventanilla.toml");
        std::fs::write(&path, toml).unwrap();
        let mut c = self.cli();
        c.arg("--config").arg(path);
        c
    }
}

#[test]
fn business_day_counts_past_the_calendar_are_refused_at_once() {
    let b = branch();
    b.cli()
        .args(["calendar", "add", "2026-01-01", "10"])
        .assert()
        .success()
        .stdout("2026-01-16\n");
    for args in [
        ["add", "2026-01-01", "999999999"],
        ["add", "2026-01-01", "4294967295"],
        ["add", "2200-12-30", "5"],
    ] {
        b.cli()
            .arg("calendar")
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("el calendario llega hasta 2200"));
    }
    b.cli()
        .args(["calendar", "add", "0001-01-01", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "0001-01-01 está fuera del calendario",
        ));
    b.cli()
        .args(["calendar", "between", "2026-01-01", "9999-12-31"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "9999-12-31 está fuera del calendario",
        ));
    b.cli()
        .args(["ticket", "list", "--due-within", "999999999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("el calendario llega hasta 2200"));
}

#[test]
fn receipts_outside_the_calendar_are_refused() {
    let b = branch();
    b.cli()
        .args(["calendar", "due", "queja", "2026-11-23T10:00"])
        .assert()
        .success();
    for when in ["0001-01-01T10:00", "9999-12-31T10:00", "1983-12-31T23:59"] {
        b.cli()
            .args(["calendar", "due", "queja", when])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("la fecha de recibido"))
            .stderr(predicate::str::contains("fuera del calendario"));
    }
    b.cli()
        .args(["customer", "add", "--doc", "CC:52123456"])
        .args(["--names", "Ana", "--surnames", "Ruiz"])
        .assert()
        .success();
    b.cli()
        .args(["ticket", "new", "--type", "queja", "--channel", "web"])
        .args([
            "--doc",
            "CC:52123456",
            "--subject",
            "s",
            "--description",
            "d",
        ])
        .args(["--received", "0001-01-01T10:00"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fuera del calendario"));
}

#[test]
fn absurd_configuration_values_are_refused_naming_the_key() {
    let b = branch();
    b.with_config("[terms]\nqueja = 15\n")
        .args(["calendar", "due", "queja", "2026-11-23T10:00"])
        .assert()
        .success();
    for (toml, key) in [
        ("[terms]\nqueja = 999999999\n", "terms.queja"),
        ("[terms]\nrecurso_months = 100000\n", "terms.recurso_months"),
        (
            "[queue]\nstarvation_minutes = 4000000\n",
            "queue.starvation_minutes",
        ),
        ("[kiosk]\nidle_seconds = 4000000000\n", "kiosk.idle_seconds"),
        ("[backup]\nkeep = 1000000\n", "backup.keep"),
        (
            "[indicators]\non_time_min_percent = 250.0\n",
            "indicators.on_time_min_percent",
        ),
    ] {
        b.with_config(toml)
            .args(["calendar", "due", "queja", "2026-11-23T10:00"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("clave «{key}»")))
            .stderr(predicate::str::contains("fuera de lo razonable"));
    }
}

#[test]
fn zero_legal_terms_and_unknown_regimes_are_configuration_errors() {
    let b = branch();
    for (toml, key) in [
        ("[terms]\nrecurso_months = 0\n", "terms.recurso_months"),
        ("[terms]\npeticion = 0\n", "terms.peticion"),
        ("[utilities]\npqr_days = 0\n", "utilities.pqr_days"),
        (
            "[terms]\nrecurso_filing_days = 0\n",
            "terms.recurso_filing_days",
        ),
        ("[regime]\nname = \"especial\"\n", "regime.name"),
        ("[utilities]\nsilence = \"tal vez\"\n", "utilities.silence"),
    ] {
        b.with_config(toml)
            .args(["calendar", "due", "queja", "2026-11-23T10:00"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("clave «{key}»")));
    }
}

/// What hostile or careless input looks like: huge and negative numbers, dates far out of
/// range or malformed, very long and odd text, injection attempts, empty values.
fn nasty() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        Just("999999999999999999999".to_string()),
        Just("-1".to_string()),
        Just("0".to_string()),
        Just(String::new()),
        Just("0001-01-01T00:00".to_string()),
        Just("9999-12-31".to_string()),
        Just("2026-02-30".to_string()),
        Just("2026-13-01T25:61".to_string()),
        Just("' OR 1=1; DROP TABLE turns; --".to_string()),
        Just("%s%n{}{{}}\\u{0}".to_string()),
        Just("CC:".to_string()),
        Just("CC:99999999999999999999999999".to_string()),
        Just("ñÑáéíóú 🙂 \u{202e}tfel".to_string()),
        "[a-zA-Z0-9:;, -]{0,24}",
        "\\PC{0,40}",
        (1usize..6).prop_map(|n| "x".repeat(n * 4000)),
        (0u32..100_000).prop_map(|n| n.to_string()),
        (1u32..9999, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
    ]
}

/// The command lines the fuzzing fills: every `{}` gets a nasty value.
const TEMPLATES: &[&[&str]] = &[
    &["calendar", "add", "{}", "{}"],
    &["calendar", "due", "{}", "{}"],
    &["calendar", "holidays", "{}"],
    &["calendar", "between", "{}", "{}"],
    &[
        "ticket",
        "new",
        "--type",
        "{}",
        "--channel",
        "{}",
        "--subject",
        "{}",
        "--description",
        "{}",
    ],
    &[
        "ticket",
        "new",
        "--type",
        "queja",
        "--channel",
        "web",
        "--subject",
        "s",
        "--description",
        "d",
        "--received",
        "{}",
    ],
    &["ticket", "show", "{}"],
    &["ticket", "list", "--status", "{}"],
    &["turn", "issue", "--service", "{}", "--doc", "{}"],
    &["turn", "next", "--window", "{}", "--user", "{}"],
    &["turn", "transfer", "{}", "--window", "{}"],
    &["turn", "list", "--date", "{}"],
    &["customer", "search", "{}"],
    &["customer", "show", "{}", "{}"],
    &[
        "attention",
        "add",
        "--channel",
        "{}",
        "--topic",
        "{}",
        "--caller",
        "{}",
        "--user",
        "asesor1",
    ],
    &[
        "advisor", "state", "{}", "--reason", "{}", "--user", "asesor1",
    ],
    &["report", "day", "{}"],
    &["report", "range", "{}", "{}"],
    &["report", "month", "{}"],
    &["doc", "check", "{}", "{}"],
    &["doc", "dv", "{}"],
    &[
        "export",
        "turns",
        "--from",
        "{}",
        "--to",
        "{}",
        "--out",
        "/dev/null",
    ],
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Any command line filled with nasty values ends within the time limit, never panics,
    /// and either succeeds or says what is wrong in Spanish on stderr.
    #[test]
    fn nasty_command_lines_end_in_time_without_panicking(
        template in proptest::sample::select(TEMPLATES),
        values in proptest::collection::vec(nasty(), 4),
    ) {
        let b = shared_branch();
        let mut filled = values.iter();
        let args: Vec<String> = template
            .iter()
            .map(|a| if *a == "{}" { filled.next().cloned().unwrap_or_default() } else { a.to_string() })
            .collect();
        let shown: Vec<String> = args.iter().map(|a| a.chars().take(40).collect()).collect();
        let args_shown = &shown;
        let out = b.cli().args(&args).output();
        let out = out.unwrap_or_else(|e| panic!("{args_shown:?}: did not end within 10 s: {e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        proptest::prop_assert!(!stderr.contains("panicked"), "{args_shown:?} panicked: {stderr}");
        proptest::prop_assert_ne!(out.status.code(), Some(101), "{:?}", args_shown);
        proptest::prop_assert!(out.status.code().is_some(), "{:?} killed by a signal", args_shown);
        if !out.status.success() {
            proptest::prop_assert!(!stderr.trim().is_empty(), "{:?} failed silently", args_shown);
            // a refusal repeats a bounded part of what was typed, not a pasted page
            proptest::prop_assert!(stderr.len() < 8000, "{:?}: {} bytes of error", args_shown, stderr.len());
        }
    }
}

/// One branch for every fuzzed call (making one per case would dominate the run).
fn shared_branch() -> &'static Branch {
    static BRANCH: std::sync::OnceLock<Branch> = std::sync::OnceLock::new();
    BRANCH.get_or_init(branch)
}
