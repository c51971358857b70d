//! Central → branch: affiliate master data, organisation-wide calendar changes and deletions
//! completed at other branches, each pulled as the changes after the branch's last position.
//!
//! Conflict rules: central owns affiliation and category (a pull overwrites the branch's,
//! writing the change to the customer's history); the branch owns the contact data typed at
//! its desk (a pull never touches names, phone, e-mail or address of a person the branch
//! knows). A person deleted at any branch is never brought back by master data.

use super::explain;
use crate::desk::{self, Actor};
use crate::domain::user::Role;
use crate::error::Result;
use crate::store::deletions::{self, Deletion};
use crate::store::{Store, calendar, customers, settings, sync};
use chrono::{DateTime, NaiveDate, Utc};
use postgres::Client;

/// Rows read from central per round trip.
const PAGE: i64 = 5000;

/// What a pull brought.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Pulled {
    /// Master records applied: people added, and people whose affiliation or category changed.
    pub customers_added: usize,
    pub customers_updated: usize,
    pub calendar_changes: usize,
    /// Whether the organisation's legal terms changed (they apply from the next start).
    pub terms_changed: bool,
    /// People deleted here because another branch deleted them.
    pub deletions_applied: usize,
    /// What could not be applied this round and will be tried again (in Spanish).
    pub warnings: Vec<String>,
}

/// Who the branch's records name as the author of what the central server handed down.
pub fn actor() -> Actor {
    Actor {
        principal: "central".into(),
        on_behalf: None,
        role: Role::Administrador,
    }
}

/// Pulls everything newer than the branch's positions.
/// Pulls master data, calendar and terms newer than the branch's positions (deletions come
/// first, on their own: [`deletions`]). Terms this version cannot apply do not stop the rest:
/// they are reported in `warnings` and tried again next round.
pub fn pull(
    store: &mut Store,
    client: &mut Client,
    shown: &str,
    now: DateTime<Utc>,
    out: &mut Pulled,
) -> Result<()> {
    master(store, client, shown, now, out)?;
    calendar_changes(store, client, shown, now, out)?;
    if let Err(e) = terms(store, client, shown, now, out) {
        out.warnings.push(e.to_string());
    }
    Ok(())
}

/// Applies the deletions completed at other branches: the first thing a round does, so a
/// person deleted elsewhere is deleted here before anything of theirs goes up or comes down.
pub fn deletions(
    store: &mut Store,
    client: &mut Client,
    shown: &str,
    branch: &str,
    now: DateTime<Utc>,
    out: &mut Pulled,
) -> Result<()> {
    deletions_elsewhere(store, client, shown, branch, now, out)
}

/// One master record as central holds it.
struct Master {
    doc_type: String,
    doc_number: String,
    names: String,
    surnames: String,
    affiliation: Option<String>,
    category: Option<String>,
}

fn master(
    store: &mut Store,
    client: &mut Client,
    shown: &str,
    now: DateTime<Utc>,
    out: &mut Pulled,
) -> Result<()> {
    loop {
        let after = sync::position(store.conn(), sync::PULL_MASTER)?;
        let rows = client
            .query(
                "SELECT doc_type, doc_number, names, surnames, affiliation, category, seq
                 FROM master_customers WHERE seq > $1 ORDER BY seq LIMIT $2",
                &[&after, &PAGE],
            )
            .map_err(|e| explain(&e, shown))?;
        let Some(last) = rows.last().map(|r| r.get::<_, i64>(6)) else {
            return Ok(());
        };
        let at = desk::stamp(now);
        let tx = store.write()?;
        let ledger = deletions::all(&tx)?;
        for r in &rows {
            let m = Master {
                doc_type: r.get(0),
                doc_number: r.get(1),
                names: r.get(2),
                surnames: r.get(3),
                affiliation: r.get(4),
                category: r.get(5),
            };
            if is_deleted(&ledger, &m.doc_type, &m.doc_number) {
                continue;
            }
            apply_master(&tx, &m, &at, out)?;
        }
        settings::set(&tx, sync::PULL_MASTER, &last.to_string())?;
        tx.commit()?;
        if rows.len() < PAGE as usize {
            return Ok(());
        }
    }
}

fn is_deleted(ledger: &[Deletion], doc_type: &str, doc_number: &str) -> bool {
    ledger
        .iter()
        .any(|d| deletions::doc_hash(&d.salt, doc_type, doc_number) == d.doc_hash)
}

fn apply_master(tx: &rusqlite::Connection, m: &Master, at: &str, out: &mut Pulled) -> Result<()> {
    let affiliation = m
        .affiliation
        .as_deref()
        .and_then(crate::domain::customer::Affiliation::from_code);
    match customers::by_document(tx, &m.doc_type, &m.doc_number)? {
        Some(c) if c.suppressed_at.is_some() => {}
        Some(c) => {
            let mut changed = false;
            if let Some(a) = affiliation
                && a != c.affiliation
            {
                central_sets(
                    tx,
                    c.id,
                    "affiliation",
                    Some(c.affiliation.code()),
                    Some(a.code()),
                    at,
                )?;
                changed = true;
            }
            if m.category.is_some() && m.category != c.category {
                central_sets(
                    tx,
                    c.id,
                    "category",
                    c.category.as_deref(),
                    m.category.as_deref(),
                    at,
                )?;
                changed = true;
            }
            out.customers_updated += usize::from(changed);
        }
        None => {
            let new = customers::NewCustomer {
                doc_type: m.doc_type.clone(),
                doc_number: m.doc_number.clone(),
                names: m.names.clone(),
                surnames: m.surnames.clone(),
                birth_date: None,
                phone: None,
                email: None,
                address: None,
                affiliation: affiliation
                    .unwrap_or(crate::domain::customer::Affiliation::NoAfiliado),
                category: m.category.clone(),
            };
            customers::insert(tx, &new, at, "central")?;
            out.customers_added += 1;
        }
    }
    Ok(())
}

/// Central writes one field it owns, leaving the change in the person's history.
fn central_sets(
    tx: &rusqlite::Connection,
    id: i64,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
    at: &str,
) -> Result<()> {
    customers::set_field(tx, id, field, new, at, "central")?;
    customers::add_change(tx, id, at, "central", field, old, new)
}

fn calendar_changes(
    store: &mut Store,
    client: &mut Client,
    shown: &str,
    now: DateTime<Utc>,
    out: &mut Pulled,
) -> Result<()> {
    let after = sync::position(store.conn(), sync::PULL_CALENDAR)?;
    let rows = client
        .query(
            "SELECT date, kind, reason, seq FROM org_calendar WHERE seq > $1 ORDER BY seq",
            &[&after],
        )
        .map_err(|e| explain(&e, shown))?;
    let Some(last) = rows.last().map(|r| r.get::<_, i64>(3)) else {
        return Ok(());
    };
    let tx = store.write()?;
    let current = calendar::current(&tx)?;
    for r in &rows {
        let (date, kind, reason): (NaiveDate, String, String) = (r.get(0), r.get(1), r.get(2));
        let closed = kind == "cerrado";
        let same = match current.get(&date) {
            Some(crate::domain::calendar::Change::Closed(_)) => closed,
            Some(_) => !closed,
            None => false,
        };
        if same {
            continue;
        }
        calendar::append(&tx, date, closed, &reason, &desk::stamp(now), "central")?;
        desk::audit::record(
            &tx,
            now,
            &actor(),
            if closed {
                "calendar.close"
            } else {
                "calendar.open"
            },
            &format!("date:{date}"),
            &format!("{reason} (servidor central)"),
        )?;
        out.calendar_changes += 1;
    }
    settings::set(&tx, sync::PULL_CALENDAR, &last.to_string())?;
    tx.commit()?;
    Ok(())
}

fn terms(
    store: &mut Store,
    client: &mut Client,
    shown: &str,
    now: DateTime<Utc>,
    out: &mut Pulled,
) -> Result<()> {
    use crate::config::central_terms;
    let after = sync::position(store.conn(), sync::PULL_TERMS)?;
    let row = client
        .query_opt(
            "SELECT terms, seq FROM org_terms WHERE seq > $1 ORDER BY seq DESC LIMIT 1",
            &[&after],
        )
        .map_err(|e| explain(&e, shown))?;
    let Some(row) = row else {
        return Ok(());
    };
    let (json, seq): (serde_json::Value, i64) = (row.get(0), row.get(1));
    let terms: crate::config::Terms = serde_json::from_value(json).map_err(|e| {
        crate::error::Error::refused(format!(
            "los términos del servidor central no son de esta versión de ventanilla ({e})"
        ))
    })?;
    central_terms::check(&terms)?;
    let text = serde_json::to_string(&terms)
        .map_err(|e| crate::error::Error::refused(format!("términos: {e}")))?;
    let tx = store.write()?;
    if settings::get(&tx, central_terms::SETTING)?.as_deref() != Some(text.as_str()) {
        settings::set(&tx, central_terms::SETTING, &text)?;
        desk::audit::record(
            &tx,
            now,
            &actor(),
            "config.terms",
            "terms",
            "términos de ley fijados por el servidor central",
        )?;
        out.terms_changed = true;
    }
    settings::set(&tx, sync::PULL_TERMS, &seq.to_string())?;
    tx.commit()?;
    Ok(())
}

fn deletions_elsewhere(
    store: &mut Store,
    client: &mut Client,
    shown: &str,
    branch: &str,
    now: DateTime<Utc>,
    out: &mut Pulled,
) -> Result<()> {
    let after = sync::position(store.conn(), sync::PULL_DELETIONS)?;
    let rows = client
        .query(
            "SELECT row->>'doc_hash', row->>'salt', row->>'deleted_at', row->>'radicado', seq
             FROM deletions WHERE seq > $1 AND branch <> $2 ORDER BY seq",
            &[&after, &branch],
        )
        .map_err(|e| explain(&e, shown))?;
    let Some(last) = rows.last().map(|r| r.get::<_, i64>(4)) else {
        return Ok(());
    };
    let entries: Vec<Deletion> = rows
        .iter()
        .map(|r| Deletion {
            doc_hash: r.get(0),
            salt: r.get(1),
            deleted_at: r.get(2),
            radicado: r.get(3),
        })
        .collect();
    let tx = store.write()?;
    out.deletions_applied += desk::deletions::reapply(&tx, now, &actor(), &entries)?;
    settings::set(&tx, sync::PULL_DELETIONS, &last.to_string())?;
    tx.commit()?;
    Ok(())
}
