//! A deletion (habeas data supresión) reaching central: the person leaves the master data at
//! once, and every other branch's copy at central is pseudonymised as the branch's own
//! deletion does it (`desk::pqrs::treatment` and `store::personal::clear_identity`): identity
//! and contact fields, the change history, callers' contact, notification addresses and
//! consent evidence. Each branch does the same to its own records when it pulls the deletion
//! (first thing in its next round) and sends them; turns' documents and free texts are cleared
//! then.

use postgres::Transaction;
use serde_json::Value;

/// The hash the deletion ledger keeps, computed by PostgreSQL with the salt `salt` over the
/// SQL expressions `doc_type` and `doc_number`.
fn ledger_hash(salt: &str, doc_type: &str, doc_number: &str) -> String {
    format!(
        "encode(sha256(convert_to({salt}, 'UTF8') || '\\x00'::bytea || \
         convert_to({doc_type} || ':' || {doc_number}, 'UTF8')), 'hex')"
    )
}

/// Applies the ledger entries `rows` sent by `branch`. Each record is hashed once per distinct
/// salt, not once per entry.
pub fn apply(
    tx: &mut Transaction<'_>,
    branch: &str,
    rows: &[Value],
) -> std::result::Result<(), postgres::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    tx.batch_execute(
        "CREATE TEMP TABLE IF NOT EXISTS erase_entries (h text, s text, at text) ON COMMIT DELETE ROWS;
         CREATE TEMP TABLE IF NOT EXISTS erase_people (branch text, id bigint, at text) ON COMMIT DELETE ROWS;",
    )?;
    tx.execute(
        "INSERT INTO erase_entries
         SELECT r->>'doc_hash', r->>'salt', r->>'deleted_at' FROM unnest($1::jsonb[]) AS r",
        &[&rows],
    )?;
    let salts = "(SELECT DISTINCT s FROM erase_entries)";
    tx.execute(
        &format!(
            "DELETE FROM master_customers m WHERE (m.doc_type, m.doc_number) IN (
                 SELECT x.doc_type, x.doc_number FROM master_customers x, {salts} k
                 WHERE {} IN (SELECT h FROM erase_entries WHERE s = k.s))",
            ledger_hash("k.s", "x.doc_type", "x.doc_number")
        ),
        &[],
    )?;
    tx.execute(
        &format!(
            "INSERT INTO erase_people
             SELECT c.branch, c.id, e.at FROM customers c, {salts} k, erase_entries e
             WHERE c.branch <> $1 AND c.row->>'suppressed_at' IS NULL AND e.s = k.s
               AND e.h = {}",
            ledger_hash("k.s", "(c.row->>'doc_type')", "(c.row->>'doc_number')")
        ),
        &[&branch],
    )?;
    tx.batch_execute(
        "UPDATE customers c SET row = c.row || jsonb_build_object(
             'names', 'Titular', 'surnames', 'suprimido',
             'doc_number', 'SUPRIMIDO-' || c.id, 'birth_date', NULL,
             'phone', NULL, 'email', NULL, 'address', NULL, 'category', NULL,
             'mass_opt_out', 1, 'suppressed_at', g.at, 'updated_at', g.at)
         FROM erase_people g WHERE c.branch = g.branch AND c.id = g.id;
         DELETE FROM customer_changes h USING erase_people g
         WHERE h.branch = g.branch AND (h.row->>'customer')::bigint = g.id;
         UPDATE attentions a SET row = a.row || '{\"caller\": \"\", \"contact\": \"\"}'::jsonb
         FROM erase_people g WHERE a.branch = g.branch AND a.customer = g.id;
         UPDATE pqrs p SET row = p.row || '{\"notify_address\": \"\", \"data_changes\": null}'::jsonb
         FROM erase_people g WHERE p.branch = g.branch AND (p.row->>'customer')::bigint = g.id;
         UPDATE consents k SET row = k.row || '{\"evidence_path\": null}'::jsonb
         FROM erase_people g WHERE k.branch = g.branch AND (k.row->>'customer')::bigint = g.id;",
    )?;
    Ok(())
}
