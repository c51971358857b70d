//! `ventanilla attach ...`: attachments copied into the database, listed and exported.

use super::{Ctx, parse_vocab, print_json};
use crate::cli::AttachCommand;
use crate::desk;
use crate::domain::attachment::human_size;
use crate::error::Result;
use crate::localtime;
use crate::store::attachments::Attachment;

fn say_one(ctx: &Ctx, a: &Attachment) {
    let off = ctx.loaded.config.utc_offset();
    crate::say!(
        "#{}\t{}\t{}\t{}\t{} {}\tsha256:{}",
        a.id,
        a.name,
        a.media_type,
        human_size(u64::try_from(a.size).unwrap_or(0)),
        a.by,
        localtime::human_stamp(&a.at, off),
        a.sha256
    );
}

/// Runs an attach subcommand.
pub fn run(ctx: &Ctx, cmd: AttachCommand) -> Result<()> {
    match cmd {
        AttachCommand::Add {
            owner,
            reference,
            file,
            common,
        } => {
            let mut store = ctx.store()?;
            let actor = ctx.actor(&store, common.on_behalf.user.as_deref())?;
            let a = desk::attachments::attach(
                &mut store,
                ctx.clock.as_ref(),
                &actor,
                &ctx.loaded.config,
                parse_vocab(&owner)?,
                &reference,
                &file,
            )?;
            if common.json {
                return print_json(&a);
            }
            say_one(ctx, &a);
        }
        AttachCommand::List {
            owner,
            reference,
            json,
        } => {
            let store = ctx.store()?;
            let list = desk::attachments::list(&store, parse_vocab(&owner)?, &reference)?;
            if json {
                return print_json(&list);
            }
            for a in &list {
                say_one(ctx, a);
            }
            if list.is_empty() {
                crate::say!("No tiene adjuntos.");
            }
        }
        AttachCommand::Export { id, to, json } => {
            let store = ctx.store()?;
            let (a, path) = desk::attachments::export(&store, id, &to)?;
            if json {
                return print_json(&serde_json::json!({ "adjunto": a, "ruta": path }));
            }
            crate::say!(
                "Adjunto #{} extraído en {} (SHA-256 verificado: {})",
                a.id,
                path.display(),
                a.sha256
            );
        }
    }
    Ok(())
}
