//! A small migration runner over `PRAGMA user_version`: numbered SQL files embedded from
//! `assets/migrations`, applied in order, each in its own transaction. Append-only once
//! released.

use crate::error::{Error, Result};
use rusqlite::Connection;

/// The migrations, in order; the database's `user_version` counts how many were applied.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_foundation",
        include_str!("../../assets/migrations/0001_foundation.sql"),
    ),
    (
        "0002_customers",
        include_str!("../../assets/migrations/0002_customers.sql"),
    ),
    (
        "0003_calendar",
        include_str!("../../assets/migrations/0003_calendar.sql"),
    ),
    (
        "0004_turns",
        include_str!("../../assets/migrations/0004_turns.sql"),
    ),
    (
        "0005_customer_records",
        include_str!("../../assets/migrations/0005_customer_records.sql"),
    ),
    (
        "0006_pqrs",
        include_str!("../../assets/migrations/0006_pqrs.sql"),
    ),
    (
        "0007_ratings",
        include_str!("../../assets/migrations/0007_ratings.sql"),
    ),
    (
        "0008_turn_metrics",
        include_str!("../../assets/migrations/0008_turn_metrics.sql"),
    ),
    (
        "0009_audit_chain",
        include_str!("../../assets/migrations/0009_audit_chain.sql"),
    ),
    (
        "0010_pqrs_law",
        include_str!("../../assets/migrations/0010_pqrs_law.sql"),
    ),
    (
        "0011_attention_record",
        include_str!("../../assets/migrations/0011_attention_record.sql"),
    ),
    (
        "0012_deletion_ledger",
        include_str!("../../assets/migrations/0012_deletion_ledger.sql"),
    ),
    (
        "0013_telecom",
        include_str!("../../assets/migrations/0013_telecom.sql"),
    ),
    (
        "0014_pqrs_back_office",
        include_str!("../../assets/migrations/0014_pqrs_back_office.sql"),
    ),
    (
        "0015_stations",
        include_str!("../../assets/migrations/0015_stations.sql"),
    ),
    (
        "0016_sync_outbox",
        include_str!("../../assets/migrations/0016_sync_outbox.sql"),
    ),
];

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// The database's schema version.
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Refuses a database written by a newer version of the program.
pub fn check_version(conn: &Connection) -> Result<()> {
    let v = version(conn)?;
    if v > latest() {
        return Err(Error::Database(format!(
            "la base de datos es de una versión más nueva de ventanilla (esquema {v}; este \
             programa conoce hasta {}): actualice el programa; no se modificó",
            latest()
        )));
    }
    Ok(())
}

/// Applies every pending migration.
pub fn run(conn: &mut Connection) -> Result<()> {
    let current = version(conn)?;
    for (i, (_name, sql)) in MIGRATIONS.iter().enumerate().skip(current.max(0) as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        if version(&tx)? > i as i64 {
            continue;
        }
        tx.execute_batch(sql)
            .map_err(|e| mismatch(current, _name, e))?;
        let starts_chain = *_name == "0009_audit_chain";
        if starts_chain {
            super::audit::seal(&tx)?;
        }
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
        if starts_chain {
            // the chain starts here, and so does its anchor file (see `anchors`)
            let now = crate::clock::Clock::now(&crate::clock::SystemClock);
            super::anchors::start(conn, "ancla", now)?;
        }
    }
    Ok(())
}

/// A migration that fails because what it creates already exists: the version number was
/// set back by hand (see SECURITY.md), not a database of an older release.
fn mismatch(version: i64, name: &str, err: rusqlite::Error) -> Error {
    let text = err.to_string();
    if text.contains("already exists") || text.contains("duplicate column") {
        return Error::Database(format!(
            "la versión del esquema de la base ({version}) no corresponde a sus tablas (la \
             migración {name} ya estaba aplicada): la versión fue alterada; no se modificó"
        ));
    }
    err.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_all_to_an_empty_database_and_is_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), latest());
        run(&mut conn).unwrap();
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN
                 ('settings','users','services','windows','window_services','audit_log','customers',
                  'calendar_changes','turns','turn_events',
                  'customer_changes','consents','attentions')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 13);
    }

    #[test]
    fn upgrades_a_database_from_the_previous_release() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0].1).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute("INSERT INTO settings VALUES ('branch_name', 'Vieja')", [])
            .unwrap();
        run(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), latest());
        let name: String = conn
            .query_row("SELECT value FROM settings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(name, "Vieja");
    }

    #[test]
    fn upgrading_seals_the_audit_records_written_before_the_chain() {
        let mut conn = Connection::open_in_memory().unwrap();
        for (i, (_, sql)) in MIGRATIONS.iter().enumerate().take(8) {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        for n in 0..3 {
            conn.execute(
                "INSERT INTO audit_log (at, actor, action, object, detail)
                 VALUES ('2026-11-20T10:00:00Z', 'admin', 'x', ?1, '')",
                [n],
            )
            .unwrap();
        }
        run(&mut conn).unwrap();
        let v = crate::store::audit::verify(&conn).unwrap();
        assert_eq!((v.records, v.broken_at), (4, None), "the seal is recorded");
        let detail: String = conn
            .query_row(
                "SELECT detail FROM audit_log WHERE id = 4 AND action = 'audit.seal'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(detail, "se sellaron 3 registros anteriores a la cadena");
    }

    #[test]
    fn refuses_newer_schema() {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", latest() + 1)
            .unwrap();
        assert!(
            check_version(&conn)
                .unwrap_err()
                .to_string()
                .contains("más nueva")
        );
    }
}
