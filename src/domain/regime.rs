//! The legal regime of the organisation as data: for every request type its term (business
//! days or months), whether and how far it may be extended and what silence means; the
//! recursos (filing window, decision term, apelación en subsidio) and the traslado limits.
//!
//! Two regimes: general (Ley 1755 de 2015 / CPACA) and servicios públicos domiciliarios
//! (Ley 142 de 1994 arts. 152–159). The habeas data rules of Ley 1581 de 2012 apply under both.
//! Built once from the configuration ([`Regime::from_config`]); the numbers are validated when
//! the configuration is loaded.

use crate::closed_set;
use crate::config::{Config, Terms, Utilities};
use crate::domain::calendar::Calendar;
use crate::domain::request::Kind;
use chrono::NaiveDate;

closed_set! {
    /// Which legal regime the organisation answers requests under.
    pub enum RegimeKind: "régimen" {
        General = "general", "general (Ley 1755 de 2015)", ["ley 1755", "cpaca"];
        ServiciosPublicos = "servicios-publicos", "servicios públicos domiciliarios (Ley 142 de 1994)",
            ["ley 142", "servicios publicos domiciliarios", "spd"];
    }
}

closed_set! {
    /// What an unanswered request means once its term ends.
    pub enum Silence: "sentido del silencio" {
        Negativo = "negativo", "negativo (se entiende negada)";
        Positivo = "positivo", "positivo (se entiende concedida)", ["silencio positivo"];
        Ninguno = "ninguno", "sin efecto";
    }
}

/// A term: business days, calendar months (a month term ending on a non-business day runs to
/// the next business day), or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    Days(u32),
    Months(u32),
    None,
}

/// The rule of one request type under a regime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub term: Term,
    /// Business days an extension may add beyond the term; 0: no extension.
    pub extension_days: u32,
    pub silence: Silence,
}

/// Recursos against a decision (Ley 1437 de 2011 arts. 74–86; Ley 142 arts. 154–159).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recursos {
    /// Business days after the notification of the decision to file a recurso.
    pub filing_days: u32,
    /// The apelación is filed en subsidio of the reposición and decided by the
    /// Superintendencia (utilities): it is forwarded there as a traslado.
    pub apelacion_en_subsidio: bool,
    /// Who decides the apelación en subsidio.
    pub superintendencia: String,
}

/// The whole regime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regime {
    pub kind: RegimeKind,
    terms: Terms,
    utilities: Utilities,
    pub recursos: Recursos,
}

impl Regime {
    /// The regime the configuration names, with its tables.
    pub fn from_config(config: &Config) -> Regime {
        Regime::new(config.regime.name, &config.terms, &config.utilities)
    }

    /// A regime of `kind` from the general terms (which also hold the habeas data rules) and
    /// the utilities' table.
    pub fn new(kind: RegimeKind, terms: &Terms, utilities: &Utilities) -> Regime {
        let recursos = match kind {
            RegimeKind::General => Recursos {
                filing_days: terms.recurso_filing_days,
                apelacion_en_subsidio: false,
                superintendencia: String::new(),
            },
            RegimeKind::ServiciosPublicos => Recursos {
                filing_days: utilities.recurso_filing_days,
                apelacion_en_subsidio: utilities.apelacion_en_subsidio,
                superintendencia: utilities.superintendencia.clone(),
            },
        };
        Regime {
            kind,
            terms: terms.clone(),
            utilities: utilities.clone(),
            recursos,
        }
    }

    /// The general terms (incomplete petitions, habeas data marks).
    pub fn terms(&self) -> &Terms {
        &self.terms
    }

    /// The rule of `kind` under this regime.
    pub fn rule(&self, kind: Kind) -> Rule {
        use Kind::*;
        let t = &self.terms;
        let days = |n: u32, silence| Rule {
            term: Term::Days(n),
            // general terms: one extension, the total at most twice the term
            extension_days: n,
            silence,
        };
        let utility = self.kind == RegimeKind::ServiciosPublicos;
        let u = &self.utilities;
        match kind {
            // Ley 1581 de 2012 applies under every regime
            HabeasConsulta => Rule {
                term: Term::Days(t.habeas_consulta),
                extension_days: t.habeas_consulta_extension,
                silence: Silence::Negativo,
            },
            HabeasReclamo => Rule {
                term: Term::Days(t.habeas_reclamo),
                extension_days: t.habeas_reclamo_extension,
                silence: Silence::Negativo,
            },
            Felicitacion => Rule {
                term: Term::None,
                extension_days: 0,
                silence: Silence::Ninguno,
            },
            // Ley 142 art. 158: peticiones, quejas, reclamos and recursos in 15 business days
            Peticion | Documentos | Consulta | Queja | Reclamo if utility => Rule {
                term: Term::Days(u.pqr_days),
                extension_days: u.extension_days,
                silence: u.silence,
            },
            RecursoReposicion | RecursoApelacion if utility => Rule {
                term: Term::Days(u.recurso_days),
                extension_days: 0,
                silence: u.silence,
            },
            Peticion => days(t.peticion, Silence::Negativo),
            // Ley 1755 art. 14 num. 1: unanswered document requests are deemed accepted
            Documentos => days(t.documentos, Silence::Positivo),
            Consulta => days(t.consulta, Silence::Negativo),
            Queja => days(t.queja, Silence::Negativo),
            Reclamo => days(t.reclamo, Silence::Negativo),
            Sugerencia => days(t.sugerencia, Silence::Ninguno),
            Denuncia => days(t.denuncia, Silence::Negativo),
            // Ley 1437 art. 86: decided within months, else negative silence
            RecursoReposicion | RecursoApelacion => Rule {
                term: Term::Months(t.recurso_months),
                extension_days: 0,
                silence: Silence::Negativo,
            },
        }
    }

    /// The day an unanswered request of `kind` due on `due` has produced positive silence
    /// (silencio administrativo positivo: the term ends at the close of `due`), if silence
    /// means that under this regime.
    pub fn positive_silence_on(&self, kind: Kind, due: NaiveDate) -> Option<NaiveDate> {
        (self.rule(kind).silence == Silence::Positivo)
            .then(|| due.succ_opt())
            .flatten()
    }

    /// The last day to file a recurso against a decision notified on `notified_on`.
    pub fn recurso_window_end(&self, cal: &Calendar, notified_on: NaiveDate) -> NaiveDate {
        cal.add(notified_on, self.recursos.filing_days)
    }

    /// Business days to forward a request to the competent party (traslado por competencia):
    /// 5 (Ley 1755 art. 21), 2 for habeas data reclamos (Ley 1581 art. 15).
    pub fn forward_days(&self, kind: Kind) -> u32 {
        if kind == Kind::HabeasReclamo {
            self.terms.habeas_forward_days
        } else {
            self.terms.forward_days
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadline::OfficeHours;
    use crate::domain::pqrs::dates;
    use chrono::{NaiveDateTime, NaiveTime};

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    /// Receipts: a weekday morning, a Monday at closing time, a Sunday, a Friday evening
    /// before a holiday Monday (16 Nov 2026), and 30 Dec (across the year end, 1 Jan and the
    /// Reyes Monday 11 Jan 2027).
    const RECEIPTS: [(&str, &str); 5] = [
        ("2026-11-23 09:00", "2026-11-23"),
        ("2026-11-23 17:00", "2026-11-24"),
        ("2026-11-29 10:00", "2026-11-30"),
        ("2026-11-13 18:00", "2026-11-17"),
        ("2026-12-30 10:00", "2026-12-30"),
    ];

    /// Business days after each receipt's filing day, counted by hand on the 2026–2027
    /// holiday list: [n] → one date per receipt.
    fn after(n: u32) -> [&'static str; 5] {
        match n {
            5 => [
                "2026-11-30",
                "2026-12-01",
                "2026-12-07",
                "2026-11-24",
                "2027-01-07",
            ],
            10 => [
                "2026-12-07",
                "2026-12-09",
                "2026-12-15",
                "2026-12-01",
                "2027-01-15",
            ],
            15 => [
                "2026-12-15",
                "2026-12-16",
                "2026-12-22",
                "2026-12-09",
                "2027-01-22",
            ],
            20 => [
                "2026-12-22",
                "2026-12-23",
                "2026-12-30",
                "2026-12-16",
                "2027-01-29",
            ],
            23 => [
                "2026-12-28",
                "2026-12-29",
                "2027-01-05",
                "2026-12-21",
                "2027-02-03",
            ],
            30 => [
                "2027-01-07",
                "2027-01-08",
                "2027-01-15",
                "2026-12-31",
                "2027-02-12",
            ],
            60 => [
                "2027-02-19",
                "2027-02-22",
                "2027-02-26",
                "2027-02-15",
                "2027-03-31",
            ],
            _ => unreachable!("no hand count for {n}"),
        }
    }

    /// Two months after each filing day, moved to the next business day when needed.
    const TWO_MONTHS: [&str; 5] = [
        "2027-01-25",
        "2027-01-25",
        "2027-02-01",
        "2027-01-18",
        "2027-03-01",
    ];

    #[test]
    fn due_dates_extension_limits_silence_and_recurso_windows_per_regime_and_type() {
        let cal = Calendar::legal();
        let hours = OfficeHours {
            open: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            close: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
        };
        // (regime, kind, term days or 0 for two months, extension total, positive silence)
        use Kind::*;
        use RegimeKind::*;
        let table = [
            (General, Peticion, 15, 30, false),
            (General, Queja, 15, 30, false),
            (General, Reclamo, 15, 30, false),
            (General, Documentos, 10, 20, true),
            (General, Consulta, 30, 60, false),
            (General, HabeasConsulta, 10, 15, false),
            (General, HabeasReclamo, 15, 23, false),
            (General, RecursoReposicion, 0, 0, false),
            (General, RecursoApelacion, 0, 0, false),
            (ServiciosPublicos, Peticion, 15, 15, true),
            (ServiciosPublicos, Queja, 15, 15, true),
            (ServiciosPublicos, Reclamo, 15, 15, true),
            (ServiciosPublicos, Documentos, 15, 15, true),
            (ServiciosPublicos, Consulta, 15, 15, true),
            (ServiciosPublicos, Sugerencia, 15, 30, false),
            (ServiciosPublicos, HabeasConsulta, 10, 15, false),
            (ServiciosPublicos, HabeasReclamo, 15, 23, false),
            (ServiciosPublicos, RecursoReposicion, 15, 15, true),
            (ServiciosPublicos, RecursoApelacion, 15, 15, true),
        ];
        for (rk, kind, term, max, positive) in table {
            let r = regime(rk);
            for (i, (received, filed)) in RECEIPTS.iter().enumerate() {
                let got = dates(&cal, hours, &r, kind, at(received));
                let why = format!("{rk:?} {kind:?} {received}");
                assert_eq!(got.filed_on, d(filed), "{why}");
                let due = if term == 0 {
                    d(TWO_MONTHS[i])
                } else {
                    d(after(term)[i])
                };
                let max = if max == 0 { due } else { d(after(max)[i]) };
                assert_eq!(got.due_on, Some(due), "{why}");
                assert_eq!(got.max_extension_on, Some(max), "{why}");
                let silence = r.positive_silence_on(kind, due);
                assert_eq!(silence, positive.then(|| due.succ_opt().unwrap()), "{why}");
                // a decision notified on the filing day: the recurso window
                let window = r.recurso_window_end(&cal, d(filed));
                let days = if rk == General { 10 } else { 5 };
                assert_eq!(window, d(after(days)[i]), "{why}");
            }
        }
    }

    fn regime(kind: RegimeKind) -> Regime {
        let c = Config::defaults().unwrap();
        Regime::new(kind, &c.terms, &c.utilities)
    }

    #[test]
    fn general_and_utilities_tables_follow_the_law() {
        let g = regime(RegimeKind::General);
        let u = regime(RegimeKind::ServiciosPublicos);
        let rows = [
            // kind, general rule, utilities rule
            (
                Kind::Peticion,
                (Term::Days(15), 15, Silence::Negativo),
                (Term::Days(15), 0, Silence::Positivo),
            ),
            (
                Kind::Documentos,
                (Term::Days(10), 10, Silence::Positivo),
                (Term::Days(15), 0, Silence::Positivo),
            ),
            (
                Kind::Consulta,
                (Term::Days(30), 30, Silence::Negativo),
                (Term::Days(15), 0, Silence::Positivo),
            ),
            (
                Kind::Reclamo,
                (Term::Days(15), 15, Silence::Negativo),
                (Term::Days(15), 0, Silence::Positivo),
            ),
            (
                Kind::Sugerencia,
                (Term::Days(15), 15, Silence::Ninguno),
                (Term::Days(15), 15, Silence::Ninguno),
            ),
            (
                Kind::HabeasConsulta,
                (Term::Days(10), 5, Silence::Negativo),
                (Term::Days(10), 5, Silence::Negativo),
            ),
            (
                Kind::HabeasReclamo,
                (Term::Days(15), 8, Silence::Negativo),
                (Term::Days(15), 8, Silence::Negativo),
            ),
            (
                Kind::RecursoReposicion,
                (Term::Months(2), 0, Silence::Negativo),
                (Term::Days(15), 0, Silence::Positivo),
            ),
            (
                Kind::Felicitacion,
                (Term::None, 0, Silence::Ninguno),
                (Term::None, 0, Silence::Ninguno),
            ),
        ];
        for (kind, general, utilities) in rows {
            let r = g.rule(kind);
            assert_eq!((r.term, r.extension_days, r.silence), general, "{kind:?}");
            let r = u.rule(kind);
            assert_eq!((r.term, r.extension_days, r.silence), utilities, "{kind:?}");
        }
        assert_eq!(g.recursos.filing_days, 10);
        assert!(!g.recursos.apelacion_en_subsidio);
        assert_eq!(u.recursos.filing_days, 5);
        assert!(u.recursos.apelacion_en_subsidio);
        assert!(u.recursos.superintendencia.contains("Superintendencia"));
        assert_eq!(g.forward_days(Kind::Peticion), 5);
        assert_eq!(g.forward_days(Kind::HabeasReclamo), 2);
    }
}
