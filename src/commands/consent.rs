//! `ventanilla consent ...`.

use super::{Ctx, doc_of, print_json};
use crate::cli::{ConsentArgs, ConsentCommand};
use crate::desk::{self, consents::Record};
use crate::domain::consent::{Purpose, Way};
use crate::error::{Error, Result};

/// Runs a consent subcommand.
pub fn run(ctx: &Ctx, cmd: ConsentCommand) -> Result<()> {
    let config = &ctx.loaded.config;
    match cmd {
        ConsentCommand::Grant(a) => record(ctx, a, true),
        ConsentCommand::Revoke(a) => record(ctx, a, false),
        ConsentCommand::Show { kind, number, json } => {
            let store = ctx.store()?;
            let doc = doc_of(&kind, &number)?;
            let ledger = desk::consents::ledger(&store, &doc)?;
            if json {
                let card = desk::customers::card(&store, config, &doc)?;
                return print_json(&serde_json::json!({
                    "status": card.consent,
                    "purposes": card.purposes,
                    "ledger": ledger,
                }));
            }
            for e in ledger {
                let action = if e.entry.action == "grant" {
                    "autoriza"
                } else {
                    "revoca"
                };
                crate::say!(
                    "{}  {action}  {}  canal {}  aviso {}  evidencia {}  por {}",
                    crate::localtime::human_stamp(&e.entry.at, config.utc_offset()),
                    crate::domain::consent::purpose_label(&e.entry.purpose),
                    crate::domain::consent::channel_label(&e.entry.channel),
                    e.entry.policy_version,
                    e.evidence_check,
                    e.entry.by
                );
            }
            Ok(())
        }
    }
}

fn record(ctx: &Ctx, a: ConsentArgs, grant: bool) -> Result<()> {
    let mut store = ctx.store()?;
    let config = &ctx.loaded.config;
    let doc = doc_of(&a.kind, &a.number)?;
    let actor = ctx.actor(&store, a.on_behalf.user.as_deref())?;
    let version = a
        .policy_version
        .clone()
        .unwrap_or_else(|| config.consent.policy_version.clone());
    let r = Record {
        grant,
        purpose: Purpose::parse(&config.consent.purposes, &a.purpose).map_err(Error::Refused)?,
        channel: Way::parse(&config.consent.channels, &a.channel).map_err(Error::Refused)?,
        policy_version: &version,
        evidence: a.evidence.as_deref(),
    };
    desk::consents::record(&mut store, ctx.clock.as_ref(), &actor, &doc, &r)?;
    let what = if grant {
        "Autorización"
    } else {
        "Revocatoria"
    };
    crate::say!(
        "{what} de «{}» registrada para {} {}",
        r.purpose,
        doc.kind,
        doc.number
    );
    Ok(())
}
