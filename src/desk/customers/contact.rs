//! Whether a person may be contacted in mass communications, for `export customers`: the
//! opt-out, the consent per purpose, and the "reclamo en trámite" legend of an open habeas
//! data reclamo (Ley 1581 de 2012 art. 15).

use super::*;
use std::collections::{HashMap, HashSet};

/// The habeas data standing of everyone, read once for an export.
pub struct ContactIndex {
    ledgers: HashMap<i64, Vec<consent::Event>>,
    in_process: HashSet<i64>,
    purposes: Vec<String>,
    required: Vec<String>,
}

/// A customer's habeas data standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// Per configured purpose: `Some(true)` granted, `Some(false)` revoked, `None` never.
    pub purposes: Vec<(String, Option<bool>)>,
    pub consent: Status,
    pub opt_out: bool,
    /// An open habeas data reclamo: the record carries "reclamo en trámite".
    pub reclamo_en_tramite: bool,
    pub suppressed: bool,
}

impl Contact {
    /// May receive mass communications: consent in force, no opt-out, data not deleted and
    /// no habeas data reclamo in process.
    pub fn contactable(&self) -> bool {
        self.consent == Status::Vigente
            && !self.opt_out
            && !self.suppressed
            && !self.reclamo_en_tramite
    }
}

impl ContactIndex {
    /// Reads every consent and every open habeas data reclamo.
    pub fn load(store: &Store, config: &Config) -> Result<ContactIndex> {
        let conn = store.conn();
        let mut ledgers: HashMap<i64, Vec<consent::Event>> = HashMap::new();
        consents::each(conn, |customer, purpose, granted| {
            ledgers.entry(customer).or_default().push(consent::Event {
                purpose: purpose.to_string(),
                granted,
            });
        })?;
        let in_process = crate::store::pqrs::open_habeas_reclamos(conn)?;
        Ok(ContactIndex {
            ledgers,
            in_process,
            purposes: config.consent.purposes.clone(),
            required: config.consent.required.clone(),
        })
    }

    /// The configured purposes, in order (the export's columns).
    pub fn purposes(&self) -> &[String] {
        &self.purposes
    }

    /// The standing of `c`.
    pub fn of(&self, c: &Customer) -> Contact {
        let ledger = self.ledgers.get(&c.id).map_or(&[][..], Vec::as_slice);
        Contact {
            purposes: self
                .purposes
                .iter()
                .map(|p| (p.clone(), consent::per_purpose(ledger, p)))
                .collect(),
            consent: consent::overall(ledger, &self.required),
            opt_out: c.mass_opt_out,
            reclamo_en_tramite: self.in_process.contains(&c.id),
            suppressed: c.suppressed_at.is_some(),
        }
    }
}

/// Whether `customer` has a habeas data reclamo in process (the card's legend).
pub fn reclamo_en_tramite(conn: &rusqlite::Connection, customer: i64) -> Result<bool> {
    Ok(crate::store::pqrs::open_habeas_reclamos(conn)?.contains(&customer))
}
