//! The demo branch's last four weeks of turns and ratings, so the supervisor's screen and the
//! reports look like a real branch's. Written directly in one transaction (thousands of turns).

use crate::config::Config;
use crate::desk;
use crate::domain::calendar::Calendar;
use crate::domain::turn::{PreferentialReason, Status};
use crate::error::Result;
use crate::store::Store;
use crate::store::ratings::{self, NewRating};
use crate::store::turns::{self, PastTurn};
use chrono::{DateTime, Duration, TimeZone, Utc};

/// Business days of history.
const DAYS: usize = 20;

/// Writes the history before `now`'s day.
pub(super) fn seed(store: &mut Store, now: DateTime<Utc>, cfg: &Config, seed: u64) -> Result<()> {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x70617374);
    let cal = Calendar::new(
        cfg.office_hours.saturday_is_business_day,
        Default::default(),
    );
    let offset = cfg.utc_offset();
    let services = ["A", "R", "E", "V", "S", "F", "A", "E"];
    let staff = [
        (1, "asesor1"),
        (2, "asesor2"),
        (3, "asesor3"),
        (4, "supervisor"),
    ];
    let mut day = desk::turns::day_of(cfg, now);
    let tx = store.write()?;
    for _ in 0..DAYS {
        loop {
            day = day.pred_opt().unwrap_or(day);
            if cal.is_business_day(day) {
                break;
            }
        }
        let Some(open) = offset
            .from_local_datetime(&day.and_time(cfg.open_time()))
            .single()
            .map(|t| t.with_timezone(&Utc))
        else {
            continue;
        };
        // busier on Mondays and at mid-morning
        let arrivals = 110
            + rng.usize(0..40)
            + if chrono::Datelike::weekday(&day).number_from_monday() == 1 {
                40
            } else {
                0
            };
        let mut free_at = [open; 4];
        let mut seqs = std::collections::HashMap::new();
        let day_text = day.to_string();
        for i in 0..arrivals {
            let spread = (i as i64 * 8 * 3600) / arrivals as i64;
            let issued = open + Duration::seconds(spread + rng.i64(0..120));
            let service = services[rng.usize(..services.len())];
            let seq = {
                let s = seqs.entry(service).or_insert(0u32);
                *s += 1;
                *s
            };
            let w = rng.usize(..staff.len());
            let called = issued.max(free_at[w]) + Duration::seconds(rng.i64(20..240));
            let roll = rng.u8(..100);
            let status = match roll {
                0..=3 => Status::NoShow,
                4..=5 => Status::Cancelled,
                _ => Status::Finished,
            };
            let started =
                (status == Status::Finished).then(|| called + Duration::seconds(rng.i64(20..90)));
            let finished = started.map(|s| s + Duration::seconds(rng.i64(180..900)));
            free_at[w] = finished.unwrap_or(called + Duration::seconds(60));
            let stamp = desk::stamp;
            let (issued_s, called_s) = (stamp(issued), stamp(called));
            let (started_s, finished_s) = (started.map(stamp), finished.map(stamp));
            let pref = (rng.u8(..100) < 15).then(|| PreferentialReason::ALL[rng.usize(..5)]);
            let (window, advisor) = staff[w];
            let called_at = (status != Status::Cancelled).then_some(called_s.as_str());
            let id = turns::insert_past(
                &tx,
                &PastTurn {
                    day: &day_text,
                    service,
                    seq,
                    status,
                    preferential: pref,
                    issued_at: &issued_s,
                    called_at,
                    started_at: started_s.as_deref(),
                    finished_at: finished_s.as_deref(),
                    window: called_at.map(|_| window),
                    advisor: called_at.map(|_| advisor),
                },
            )?;
            if let Some(end) = &finished_s {
                let score = match rng.u8(..20) {
                    0 => None,
                    1 => Some(2),
                    2..=3 => Some(3),
                    4..=9 => Some(4),
                    _ => Some(5),
                };
                ratings::insert(
                    &tx,
                    &NewRating {
                        turn: Some(id),
                        attention: None,
                        kind: "presencial",
                        window: Some(window),
                        advisor,
                        service: Some(service),
                        score,
                        comment: "",
                        at: end,
                        by: advisor,
                    },
                )?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}
