//! `ventanilla rating ...`.

use super::{Ctx, parse_date, print_json};
use crate::cli::RatingCommand;
use crate::desk::{self, ratings::Target};
use crate::error::Result;

/// Runs a rating subcommand.
pub fn run(ctx: &Ctx, cmd: RatingCommand) -> Result<()> {
    let config = &ctx.loaded.config;
    match cmd {
        RatingCommand::Add {
            turn,
            attention,
            score,
            skip,
            comment,
            on_behalf,
            json,
        } => {
            let mut store = ctx.store()?;
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let target = match (turn, attention) {
                (Some(label), _) => Target::Turn(label),
                (None, Some(id)) => Target::Attention(id),
                (None, None) => {
                    return Err(crate::error::Error::Usage(
                        "indique --turn o --attention".into(),
                    ));
                }
            };
            let score = if skip { None } else { score };
            let r = desk::ratings::rate(
                &mut store,
                ctx.clock.as_ref(),
                &actor,
                config,
                &target,
                score,
                &comment,
            )?;
            if json {
                return print_json(&r);
            }
            match r.score {
                Some(s) => crate::say!("Calificación {s} registrada"),
                None => crate::say!("Registrado como sin calificar"),
            }
        }
        RatingCommand::List { date, json } => {
            let store = ctx.store()?;
            let day = match date {
                Some(d) => parse_date(&d)?,
                None => ctx
                    .clock
                    .now()
                    .with_timezone(&config.utc_offset())
                    .date_naive(),
            };
            let list = desk::ratings::of_day(&store, config, day)?;
            let share = desk::ratings::satisfaction(&list);
            if json {
                return print_json(&serde_json::json!({
                    "date": day.to_string(),
                    "ratings": list,
                    "satisfaction": share,
                    "target": config.rating.satisfaction_target,
                }));
            }
            for r in &list {
                let score = r.score.map_or("-".to_string(), |s| s.to_string());
                let what = r
                    .turn
                    .clone()
                    .or(r.attention.map(|a| format!("atención {a}")))
                    .unwrap_or_default();
                let at = crate::localtime::human_stamp(&r.at, config.utc_offset());
                crate::say!("{at}\t{what}\t{}\t{score}\t{}", r.advisor, r.comment);
            }
            match share {
                Some(s) => crate::say!(
                    "Satisfacción: {s:.1}% (meta {}%)",
                    config.rating.satisfaction_target
                ),
                None => crate::say!("Sin calificaciones el {day}"),
            }
        }
    }
    Ok(())
}
