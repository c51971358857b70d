//! TLS to the central server: `sslmode=require` against a server whose certificate comes from
//! the organisation's own authority (`[central] ca_file`), refused in Spanish without it, and
//! `sslmode=disable` without TLS. Skips, saying so, where PostgreSQL is not installed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::central_pg::Pg;
use ventanilla::central::Target;

fn on_tls(client: &mut postgres::Client) -> bool {
    client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0)
}

#[test]
fn the_organisations_authority_is_trusted_and_an_unknown_one_refused() {
    let Some(pg) = Pg::start() else { return };
    let cert = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    pg.enable_tls(&cert.cert.pem(), &cert.key_pair.serialize_pem());
    let ca = pg.dir().join("ca.pem");
    std::fs::write(&ca, cert.cert.pem()).unwrap();
    let url = format!("{}?sslmode=require", pg.url("central"));

    let trusted = Target::resolve(Some(&url), None, None)
        .unwrap()
        .with_ca_file(Some(&ca));
    let mut client = trusted.connect().unwrap();
    assert!(on_tls(&mut client), "the connection is encrypted");

    let unknown = Target::resolve(Some(&url), None, None).unwrap();
    let e = unknown.connect().err().unwrap().to_string();
    assert!(e.contains("certificado TLS"), "{e}");
    assert!(e.contains("ca_file"), "{e}");

    let plain = format!("{}?sslmode=disable", pg.url("central"));
    let mut client = Target::resolve(Some(&plain), None, None)
        .unwrap()
        .connect()
        .unwrap();
    assert!(!on_tls(&mut client));

    let missing = Target::resolve(Some(&url), None, None)
        .unwrap()
        .with_ca_file(Some(&pg.dir().join("no-existe.pem")));
    let e = missing.connect().err().unwrap().to_string();
    assert!(e.contains("no se pudo leer la autoridad"), "{e}");
}
