//! Which notification is legal given the letters delivered (Ley 1437 de 2011 arts. 67–69):
//! the citation for personal notification first; personal notification within 5 business
//! days of its delivery; otherwise (or when it came back) notification por aviso, once the
//! aviso is delivered. Electronic notification needs the requester's acceptance (checked
//! where the acceptance is known).

use super::{Letter, NotifyWay};
use crate::domain::calendar::Calendar;
use chrono::NaiveDate;

/// Business days the cited person has to appear (Ley 1437 art. 68).
pub const CITATION_DAYS: u32 = 5;

/// A delivery as the rule needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivered {
    pub letter: Letter,
    pub on: NaiveDate,
    pub returned: bool,
}

/// The last day to notify personally after a citation delivered on `on`.
pub fn appear_by(cal: &Calendar, on: NaiveDate) -> NaiveDate {
    cal.add(on, CITATION_DAYS)
}

/// Checks notifying `via` on `today` given the `deliveries` so far (oldest first).
pub fn check(
    cal: &Calendar,
    via: NotifyWay,
    deliveries: &[Delivered],
    today: NaiveDate,
) -> Result<(), String> {
    let citation = deliveries
        .iter()
        .rev()
        .find(|d| d.letter == Letter::Citacion);
    match via {
        NotifyWay::Electronica => Ok(()),
        NotifyWay::Personal => match citation {
            Some(c) if !c.returned && today > appear_by(cal, c.on) => Err(format!(
                "la citación se entregó el {} y la persona no compareció en {CITATION_DAYS} \
                 días hábiles (hasta el {}): notifique por aviso (entregue el aviso y registre \
                 su entrega)",
                c.on,
                appear_by(cal, c.on)
            )),
            // no citation: the person is here (verbal requests are notified in person)
            _ => Ok(()),
        },
        NotifyWay::Aviso => {
            let Some(c) = citation else {
                return Err(
                    "por aviso se notifica solo después de la citación para notificación \
                     personal: genere la citación, entréguela y registre la entrega"
                        .into(),
                );
            };
            if !c.returned && today <= appear_by(cal, c.on) {
                return Err(format!(
                    "la persona tiene hasta el {} para comparecer a la citación: notifíquela \
                     personalmente si viene; por aviso solo después",
                    appear_by(cal, c.on)
                ));
            }
            let aviso = deliveries
                .iter()
                .rev()
                .find(|d| d.letter == Letter::Aviso && !d.returned);
            match aviso {
                Some(_) => Ok(()),
                None => Err("registre primero la entrega del aviso (con la copia de la \
                     decisión)"
                    .into()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn cal() -> Calendar {
        Calendar::new(false, Default::default())
    }

    fn d(letter: Letter, on: &str, returned: bool) -> Delivered {
        Delivered {
            letter,
            on: day(on),
            returned,
        }
    }

    #[test]
    fn citation_then_personal_within_five_days_otherwise_aviso() {
        let cited = [d(Letter::Citacion, "2026-11-23", false)];
        // Monday 23 + 5 business days = Monday 30
        assert!(check(&cal(), NotifyWay::Personal, &cited, day("2026-11-30")).is_ok());
        let late = check(&cal(), NotifyWay::Personal, &cited, day("2026-12-01")).unwrap_err();
        assert!(late.contains("por aviso"), "{late}");
        let early = check(&cal(), NotifyWay::Aviso, &cited, day("2026-11-27")).unwrap_err();
        assert!(early.contains("hasta el 2026-11-30"), "{early}");
        let no_aviso = check(&cal(), NotifyWay::Aviso, &cited, day("2026-12-01")).unwrap_err();
        assert!(no_aviso.contains("entrega del aviso"), "{no_aviso}");
        let both = [cited[0], d(Letter::Aviso, "2026-12-01", false)];
        assert!(check(&cal(), NotifyWay::Aviso, &both, day("2026-12-01")).is_ok());
        assert!(check(&cal(), NotifyWay::Aviso, &[], day("2026-12-01")).is_err());
        // a returned citation: straight to aviso
        let returned = [
            d(Letter::Citacion, "2026-11-23", true),
            d(Letter::Aviso, "2026-11-24", false),
        ];
        assert!(check(&cal(), NotifyWay::Aviso, &returned, day("2026-11-24")).is_ok());
        assert!(check(&cal(), NotifyWay::Personal, &[], day("2026-11-24")).is_ok());
    }
}
