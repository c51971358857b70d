//! `ventanilla audit list` and `audit verify`.

use super::{Ctx, print_json};
use crate::cli::AuditCommand;
use crate::desk;
use crate::error::Result;
use chrono::TimeZone;

/// Lists audit records.
pub fn run(ctx: &Ctx, cmd: AuditCommand) -> Result<()> {
    let (since, json) = match cmd {
        AuditCommand::List { since, json } => (since, json),
        AuditCommand::Verify { json } => return verify(ctx, json),
    };
    let store = ctx.store()?;
    let offset = ctx.loaded.config.utc_offset();
    let since = match since {
        Some(text) => {
            let date = super::parse_date(&text)?;
            let local = offset.from_local_datetime(&date.and_time(chrono::NaiveTime::MIN));
            local.single().map(|d| d.with_timezone(&chrono::Utc))
        }
        None => None,
    };
    let entries = desk::audit::list(store.conn(), since)?;
    if json {
        return print_json(&entries);
    }
    for e in entries {
        let at = crate::localtime::human_stamp(&e.at, offset);
        let behalf = e
            .on_behalf
            .map(|u| format!(" (por {u})"))
            .unwrap_or_default();
        crate::say!(
            "{at}  {}{behalf}  {}  {}  {}",
            e.actor,
            desk::audit::action_label(&e.action),
            e.object,
            desk::audit::detail_label(&e.detail)
        );
    }
    Ok(())
}

/// Walks the audit chain and compares it with its anchors; exit 1 (refused) when a record was
/// altered or removed, the log lost its table or seals, the schema version was changed, or an
/// anchor no longer matches. Opens the database as it is (no upgrade, nothing sealed); when all
/// is well, anchors the head.
fn verify(ctx: &Ctx, json: bool) -> Result<()> {
    let store = crate::store::Store::open_as_is(&ctx.db_path()?)?;
    let v = desk::trust::audit(&store, &ctx.loaded.config)?;
    if json {
        print_json(&v)?;
    } else if v.sound() {
        crate::say!(
            "Cadena de auditoría íntegra: {} registros verificados; {} anclas coinciden.",
            v.records,
            v.anchors_checked
        );
    } else {
        for p in v.problems.iter().skip(1) {
            eprintln!("ventanilla: además, {p}");
        }
    }
    match v.problems.first() {
        None => {
            desk::trust::anchor(&store, ctx.clock.now())?;
            Ok(())
        }
        Some(first) => Err(crate::error::Error::Refused(format!(
            "auditoría alterada: {first}"
        ))),
    }
}
