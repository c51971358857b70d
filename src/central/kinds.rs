//! The kinds of branch records that go up to the central server, and how each is kept there.

/// A kind of record: the branch table and the central table share its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub name: &'static str,
    /// The column whose date places the record in a month (partitioned tables), if any.
    pub day_column: Option<&'static str>,
    /// Columns that never leave the branch.
    pub omit: &'static [&'static str],
    /// The records of the kind that go up (an SQL condition), when not all do; the outbox
    /// triggers apply the same condition.
    pub only: Option<&'static str>,
}

const fn by_day(name: &'static str, day_column: &'static str) -> Kind {
    Kind {
        name,
        day_column: Some(day_column),
        omit: &[],
        only: None,
    }
}

const fn plain(name: &'static str) -> Kind {
    Kind {
        name,
        day_column: None,
        omit: &[],
        only: None,
    }
}

/// Every kind, in the order a batch writes them (parents before children is not needed:
/// the central tables have no foreign keys, so a batch never waits on another).
pub const KINDS: &[Kind] = &[
    by_day("turns", "day"),
    by_day("turn_events", "at"),
    by_day("attentions", "started_at"),
    by_day("ratings", "at"),
    plain("pqrs"),
    plain("pqrs_events"),
    plain("pqrs_answers"),
    plain("work_orders"),
    plain("pqrs_deliveries"),
    plain("attachments"),
    plain("consents"),
    // Sensitive notes (Ley 1581, datos sensibles) stay at the branch that took them; people
    // who came down from the master data go back up only once the branch edits them or records
    // an attention, a PQRS or a consent of theirs.
    Kind {
        name: "customers",
        day_column: None,
        omit: &["sensitive_notes"],
        only: Some(
            "created_by <> 'central' OR updated_by <> 'central' \
             OR EXISTS (SELECT 1 FROM customer_changes h WHERE h.customer = customers.id AND h.by <> 'central') \
             OR EXISTS (SELECT 1 FROM attentions a WHERE a.customer = customers.id) \
             OR EXISTS (SELECT 1 FROM pqrs p WHERE p.customer = customers.id) \
             OR EXISTS (SELECT 1 FROM consents k WHERE k.customer = customers.id)",
        ),
    },
    plain("customer_changes"),
    // Staff names and roles; never their PIN hashes or lock-out state.
    Kind {
        name: "users",
        day_column: None,
        omit: &["pin_hash", "failed_attempts", "locked_until"],
        only: None,
    },
    // a branch's own deletions (its ledger salt); those pulled from others are theirs
    Kind {
        name: "deletions",
        day_column: None,
        omit: &[],
        only: Some("salt = (SELECT value FROM settings WHERE key = 'deletion_salt')"),
    },
];

/// The kind named `name`.
pub fn of(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// The columns left out of `kind` under `[central] attachments`.
pub fn omitted(kind: &Kind, attachments: bool) -> Vec<&'static str> {
    let mut out = kind.omit.to_vec();
    if kind.name == "attachments" && !attachments {
        out.push("data");
    }
    out
}

/// The month partition key of a record: the date its day column starts with.
pub fn day_of(kind: &Kind, row: &serde_json::Value) -> Option<chrono::NaiveDate> {
    let text = row.get(kind.day_column?)?.as_str()?;
    chrono::NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

/// The name of the partition of `table` for the month of `day`, and the month's bounds.
pub fn partition(table: &str, day: chrono::NaiveDate) -> (String, String, String) {
    use chrono::Datelike;
    let first = day.with_day(1).unwrap_or(day);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    (
        format!("{table}_{}", first.format("%Y%m")),
        first.to_string(),
        next.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_a_branch_table_with_an_outbox_trigger() {
        let sql = include_str!("../../assets/migrations/0016_sync_outbox.sql");
        for k in KINDS {
            assert!(
                sql.contains(&format!(
                    "CREATE TRIGGER sync_{}_i AFTER INSERT ON {}",
                    k.name, k.name
                )),
                "{} has no trigger",
                k.name
            );
        }
    }

    #[test]
    fn the_triggers_and_the_kinds_agree_on_which_customers_go_up() {
        let sql = include_str!("../../assets/migrations/0016_sync_outbox.sql");
        let only = of("customers").unwrap().only.unwrap();
        let when = only
            .replace("created_by", "NEW.created_by")
            .replace("updated_by", "NEW.updated_by")
            .replace("customers.id", "NEW.id");
        assert_eq!(sql.matches(&format!("WHEN {when} BEGIN")).count(), 2);
        assert!(sql.contains(&format!("WHERE {only}")));
        let own = of("deletions").unwrap().only.unwrap();
        let when = own.replacen("salt", "NEW.salt", 1);
        assert_eq!(sql.matches(&format!("WHEN {when} BEGIN")).count(), 2);
        assert!(sql.contains(&format!("WHERE {own}")));
    }

    #[test]
    fn partitions_are_months() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        assert_eq!(
            partition("turns", d),
            (
                "turns_202612".into(),
                "2026-12-01".into(),
                "2027-01-01".into()
            )
        );
        let row = serde_json::json!({"at": "2026-11-30T15:00:00Z"});
        assert_eq!(
            day_of(of("ratings").unwrap(), &row),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
        );
        assert_eq!(day_of(of("pqrs").unwrap(), &row), None);
    }
}
