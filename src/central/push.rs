//! Branch → central: the outbox sent in order, in batches, each batch one PostgreSQL
//! transaction of idempotent upserts that also records the batch's last position and a token.
//! The branch forgets a batch's outbox lines only after PostgreSQL committed it.
//!
//! Crash safety: before a batch is sent, the branch writes "position:token" as in flight. If
//! the process dies after PostgreSQL committed but before the branch forgot the lines, the next
//! round finds the same position and token at central and forgets them then. Any other
//! disagreement (a new central, a restored copy of either side) queues every record again:
//! the upserts make a resend change nothing that was already right.

use super::explain;
use super::kinds::{self, KINDS, Kind};
use crate::config::Central;
use crate::error::{Error, Result};
use crate::store::{Store, settings, sync};
use postgres::{Client, Transaction};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// The branch as central knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    pub code: String,
    pub name: String,
    pub seccional: String,
    /// A random token made at this branch's first sync: the code is this branch's only while
    /// the identity matches.
    pub identity: String,
}

/// The lock writers of pulled tables hold until they commit, so that branches pulling by
/// `seq` never skip a change committed late.
pub const PULLED_LOCK: i64 = 20_261_202;

/// The setting holding the batch in flight ("position:token").
const IN_FLIGHT: &str = "sync_in_flight";

/// The branch's identity, making it at the first sync.
pub fn branch(store: &mut Store, config: &crate::config::Config) -> Result<Branch> {
    let conn = store.conn();
    let code = settings::get(conn, "branch_code")?.unwrap_or_else(|| config.branch.code.clone());
    let name = settings::get(conn, "branch_name")?.unwrap_or_else(|| config.branch.name.clone());
    let identity = match settings::get(conn, sync::IDENTITY)? {
        Some(id) => id,
        None => {
            let id = format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
            let tx = store.write()?;
            settings::set(&tx, sync::IDENTITY, &id)?;
            tx.commit()?;
            id
        }
    };
    let seccional = match config.central.seccional.trim() {
        "" => code.clone(),
        s => s.to_string(),
    };
    Ok(Branch {
        code,
        name,
        seccional,
        identity,
    })
}

/// What a push did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Pushed {
    /// Records written (inserted, updated or removed) at central.
    pub records: usize,
    pub batches: usize,
    /// Whether every record was queued again because central disagreed with the branch.
    pub resent_all: bool,
}

/// Registers the branch (or checks it is the one registered under its code) and returns
/// central's last position and token for it.
fn register(client: &mut Client, shown: &str, b: &Branch) -> Result<(i64, String)> {
    let row = client
        .query_opt(
            "SELECT identity, pushed_seq, pushed_token FROM branches WHERE code = $1",
            &[&b.code],
        )
        .map_err(|e| explain(&e, shown))?;
    match row {
        Some(r) if r.get::<_, String>(0) != b.identity => Err(Error::refused(format!(
            "el código de sede «{}» ya lo usa otra sede en el servidor central; cambie el \
             código de esta sede o pida al administrador central que lo libere. No se envió nada",
            b.code
        ))),
        Some(r) => {
            client
                .execute(
                    "UPDATE branches SET name = $2, seccional = $3, last_seen = now() WHERE code = $1",
                    &[&b.code, &b.name, &b.seccional],
                )
                .map_err(|e| explain(&e, shown))?;
            Ok((r.get(1), r.get(2)))
        }
        None => {
            client
                .execute(
                    "INSERT INTO branches (code, identity, name, seccional, last_seen)
                     VALUES ($1, $2, $3, $4, now()) ON CONFLICT (code) DO NOTHING",
                    &[&b.code, &b.identity, &b.name, &b.seccional],
                )
                .map_err(|e| explain(&e, shown))?;
            // Another branch may have taken the code a moment ago: check again.
            let (identity, seq, token): (String, i64, String) = client
                .query_one(
                    "SELECT identity, pushed_seq, pushed_token FROM branches WHERE code = $1",
                    &[&b.code],
                )
                .map(|r| (r.get(0), r.get(1), r.get(2)))
                .map_err(|e| explain(&e, shown))?;
            if identity != b.identity {
                return register(client, shown, b);
            }
            Ok((seq, token))
        }
    }
}

/// Makes the branch's outbox position agree with central's before sending.
fn reconcile(store: &mut Store, central: (i64, String)) -> Result<bool> {
    let conn = store.conn();
    let acked = sync::position(conn, sync::ACKED)?;
    let in_flight = settings::get(conn, IN_FLIGHT)?;
    let (seq, token) = central;
    if seq == acked {
        return Ok(false);
    }
    let tx = store.write()?;
    let resend = in_flight.as_deref() != Some(format!("{seq}:{token}").as_str());
    if resend {
        for kind in KINDS {
            sync::requeue(&tx, kind.name, kind.only)?;
        }
    } else {
        sync::acknowledge(&tx, seq)?;
    }
    settings::remove(&tx, IN_FLIGHT)?;
    tx.commit()?;
    Ok(resend)
}

/// Before a resend of everything: removes at central this branch's records the branch no
/// longer has (a branch restored from an older copy must not leave its lost records counted).
fn prune(store: &Store, client: &mut Client, shown: &str, branch: &str) -> Result<()> {
    let mut tx = client.transaction().map_err(|e| explain(&e, shown))?;
    for kind in KINDS {
        let ids = sync::ids(store.conn(), kind.name, kind.only)?;
        tx.execute(
            &format!(
                "DELETE FROM {} WHERE branch = $1 AND id <> ALL($2)",
                kind.name
            ),
            &[&branch, &ids],
        )
        .map_err(|e| explain(&e, shown))?;
    }
    tx.commit().map_err(|e| explain(&e, shown))
}

/// Sends everything the outbox holds.
pub fn push(
    store: &mut Store,
    client: &mut Client,
    shown: &str,
    b: &Branch,
    cfg: &Central,
) -> Result<Pushed> {
    let central = register(client, shown, b)?;
    let mut out = Pushed {
        resent_all: reconcile(store, central)?,
        ..Pushed::default()
    };
    if out.resent_all {
        prune(store, client, shown, &b.code)?;
    }
    let mut months = HashSet::new();
    loop {
        let acked = sync::position(store.conn(), sync::ACKED)?;
        let lines = sync::pending(store.conn(), acked, cfg.batch)?;
        let Some(last) = lines.last().map(|l| l.seq) else {
            break;
        };
        let batch = read_batch(store, &lines, cfg.attachments)?;
        ensure_months(client, shown, &batch, &mut months)?;
        let token = format!("{:016x}", fastrand::u64(..));
        {
            let tx = store.write()?;
            settings::set(&tx, IN_FLIGHT, &format!("{last}:{token}"))?;
            tx.commit()?;
        }
        let mut tx = client.transaction().map_err(|e| explain(&e, shown))?;
        if batch.contains_key("deletions") {
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PULLED_LOCK])
                .map_err(|e| explain(&e, shown))?;
        }
        for (name, (rows, gone)) in &batch {
            let Some(kind) = kinds::of(name) else {
                continue;
            };
            out.records +=
                write_kind(&mut tx, &b.code, kind, rows, gone).map_err(|e| explain(&e, shown))?;
        }
        if let Some((rows, _)) = batch.get("deletions") {
            super::erase::apply(&mut tx, &b.code, rows).map_err(|e| explain(&e, shown))?;
        }
        tx.execute(
            "UPDATE branches SET pushed_seq = $2, pushed_token = $3, last_push = now()
             WHERE code = $1",
            &[&b.code, &last, &token],
        )
        .map_err(|e| explain(&e, shown))?;
        tx.commit().map_err(|e| explain(&e, shown))?;
        let tx = store.write()?;
        sync::acknowledge(&tx, last)?;
        settings::remove(&tx, IN_FLIGHT)?;
        tx.commit()?;
        out.batches += 1;
    }
    super::anchors::push(store, client, shown, &b.code, &mut months)?;
    Ok(out)
}

/// A batch: per kind, the records as they are now and the ids no longer at the branch.
type Batch = BTreeMap<String, (Vec<Value>, Vec<i64>)>;

fn read_batch(store: &Store, lines: &[sync::Pending], attachments: bool) -> Result<Batch> {
    let mut ids: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for l in lines {
        ids.entry(l.kind.as_str()).or_default().push(l.row_id);
    }
    let mut out = Batch::new();
    for (name, mut list) in ids {
        let Some(kind) = kinds::of(name) else {
            continue;
        };
        list.sort_unstable();
        list.dedup();
        let rows = sync::rows(
            store.conn(),
            name,
            &list,
            &kinds::omitted(kind, attachments),
        )?;
        let present: HashSet<i64> = rows
            .iter()
            .filter_map(|r| r.get("id").and_then(Value::as_i64))
            .collect();
        let gone = list
            .into_iter()
            .filter(|id| !present.contains(id))
            .collect();
        out.insert(name.to_string(), (rows, gone));
    }
    Ok(out)
}

/// The day a partitioned record is filed under (records without one go to 1970-01).
fn day_or_epoch(kind: &Kind, row: &Value) -> chrono::NaiveDate {
    kinds::day_of(kind, row).unwrap_or_default()
}

/// Creates the month partitions a batch needs, each in its own short statement, before the
/// batch's transaction (so that branches sending at once do not wait on each other's DDL).
fn ensure_months(
    client: &mut Client,
    shown: &str,
    batch: &Batch,
    known: &mut HashSet<String>,
) -> Result<()> {
    for (name, (rows, _)) in batch {
        let Some(kind) = kinds::of(name).filter(|k| k.day_column.is_some()) else {
            continue;
        };
        for row in rows {
            ensure_month(client, shown, kind.name, day_or_epoch(kind, row), known)?;
        }
    }
    Ok(())
}

pub(super) fn ensure_month(
    client: &mut Client,
    shown: &str,
    table: &str,
    day: chrono::NaiveDate,
    known: &mut HashSet<String>,
) -> Result<()> {
    let (part, from, to) = kinds::partition(table, day);
    if known.contains(&part) {
        return Ok(());
    }
    let sql = format!(
        "CREATE TABLE IF NOT EXISTS {part} PARTITION OF {table}
         FOR VALUES FROM ('{from}') TO ('{to}') WITH (toast_tuple_target = 128)"
    );
    if let Err(e) = client.batch_execute(&sql) {
        // Two branches creating the same month at once: the loser finds it made.
        let exists: bool = client
            .query_one("SELECT to_regclass($1) IS NOT NULL", &[&part])
            .map_err(|e| explain(&e, shown))?
            .get(0);
        if !exists {
            return Err(explain(&e, shown));
        }
    }
    known.insert(part);
    Ok(())
}

/// Upserts `rows` and removes `gone` of one kind; returns how many records it wrote.
fn write_kind(
    tx: &mut Transaction<'_>,
    branch: &str,
    kind: &Kind,
    rows: &[Value],
    gone: &[i64],
) -> std::result::Result<usize, postgres::Error> {
    let table = kind.name;
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| r.get("id").and_then(Value::as_i64).unwrap_or_default())
        .collect();
    if !rows.is_empty() {
        if kind.day_column.is_some() {
            let days: Vec<chrono::NaiveDate> = rows.iter().map(|r| day_or_epoch(kind, r)).collect();
            tx.execute(
                &format!(
                    "INSERT INTO {table} (branch, id, day, row)
                     SELECT $1, u.id, u.day, u.row
                     FROM unnest($2::bigint[], $3::date[], $4::jsonb[]) AS u(id, day, row)
                     ON CONFLICT (branch, day, id) DO UPDATE SET row = EXCLUDED.row
                     WHERE {table}.row IS DISTINCT FROM EXCLUDED.row"
                ),
                &[&branch, &ids, &days, &rows],
            )?;
        } else {
            let seq = if table == "deletions" {
                ", seq = nextval('central_seq')"
            } else {
                ""
            };
            tx.execute(
                &format!(
                    "INSERT INTO {table} (branch, id, row)
                     SELECT $1, u.id, u.row FROM unnest($2::bigint[], $3::jsonb[]) AS u(id, row)
                     ON CONFLICT (branch, id) DO UPDATE SET row = EXCLUDED.row{seq}
                     WHERE {table}.row IS DISTINCT FROM EXCLUDED.row"
                ),
                &[&branch, &ids, &rows],
            )?;
        }
    }
    if !gone.is_empty() {
        tx.execute(
            &format!("DELETE FROM {table} WHERE branch = $1 AND id = ANY($2)"),
            &[&branch, &gone],
        )?;
    }
    Ok(rows.len() + gone.len())
}
