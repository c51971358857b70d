//! Deterministic, realistic demo people: Colombian names with accents, documents valid for
//! each type and age, affiliation, phones, e-mails.

use crate::domain::customer::Affiliation;
use crate::domain::{ids, service::fold_accent};
use crate::store::customers::NewCustomer;
use chrono::{Datelike, Duration, NaiveDate};

const FEMALE: &str = include_str!("../../assets/demo/nombres_mujer.txt");
const MALE: &str = include_str!("../../assets/demo/nombres_hombre.txt");
const SURNAMES: &str = include_str!("../../assets/demo/apellidos.txt");
const COMPANIES: &str = include_str!("../../assets/demo/empresas.txt");

fn pick(rng: &mut fastrand::Rng, list: &[&'static str]) -> &'static str {
    list.get(rng.usize(..list.len().max(1)))
        .copied()
        .unwrap_or("")
}

fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Deterministic generator of demo people.
pub struct Generator {
    rng: fastrand::Rng,
    today: NaiveDate,
    female: Vec<&'static str>,
    male: Vec<&'static str>,
    surnames: Vec<&'static str>,
    companies: Vec<&'static str>,
}

impl Generator {
    /// A generator for `seed`, computing ages relative to `today`.
    pub fn new(seed: u64, today: NaiveDate) -> Self {
        Generator {
            rng: fastrand::Rng::with_seed(seed),
            today,
            female: lines(FEMALE),
            male: lines(MALE),
            surnames: lines(SURNAMES),
            companies: lines(COMPANIES),
        }
    }

    /// `n` customers with unique documents.
    pub fn customers(&mut self, n: usize) -> Vec<NewCustomer> {
        let mut seen = std::collections::HashSet::with_capacity(n);
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let c = self.customer();
            if seen.insert((c.doc_type.clone(), c.doc_number.clone())) {
                out.push(c);
            }
        }
        out
    }

    fn customer(&mut self) -> NewCustomer {
        let roll = self.rng.u32(..1000);
        let kind = match roll {
            0..850 => ids::DocType::CC,
            850..910 => ids::DocType::TI,
            910..940 => ids::DocType::RC,
            940..965 => ids::DocType::CE,
            965..975 => ids::DocType::PA,
            975..985 => ids::DocType::PEP,
            985..995 => ids::DocType::PPT,
            _ => ids::DocType::NIT,
        };
        if kind == ids::DocType::NIT {
            return self.company();
        }
        let age = match kind {
            ids::DocType::TI => self.rng.i32(7..18),
            ids::DocType::RC => self.rng.i32(0..7),
            _ => self.rng.i32(18..85),
        };
        let birth = self.birth_date(age);
        let female = self.rng.bool();
        let names = pick(
            &mut self.rng,
            if female { &self.female } else { &self.male },
        );
        let first = pick(&mut self.rng, &self.surnames);
        let surnames = format!("{first} {}", pick(&mut self.rng, &self.surnames));
        let number = self.doc_number(kind, birth.year());
        let (affiliation, category) = self.affiliation();
        let adult = age >= 18;
        NewCustomer {
            doc_type: kind.code().into(),
            doc_number: number,
            email: adult.then(|| self.email(names, &surnames)),
            phone: adult.then(|| self.phone()),
            address: adult.then(|| self.address()),
            names: names.into(),
            surnames,
            birth_date: Some(birth.format("%Y-%m-%d").to_string()),
            affiliation,
            category: category.map(Into::into),
        }
    }

    fn company(&mut self) -> NewCustomer {
        let base = format!("{}", self.rng.u64(800_000_000..=901_999_999));
        let dv = ids::nit_dv(&base).unwrap_or(0);
        NewCustomer {
            doc_type: "NIT".into(),
            doc_number: format!("{base}{dv}"),
            names: pick(&mut self.rng, &self.companies).into(),
            surnames: String::new(),
            birth_date: None,
            phone: Some(format!("602{}", self.rng.u32(3_000_000..=8_999_999))),
            email: Some(format!("contacto{}@empresa.com.co", self.rng.u32(1..999))),
            address: Some(self.address()),
            affiliation: Affiliation::Afiliado,
            category: None,
        }
    }

    /// A birth date at which the person is exactly `age` years old today.
    fn birth_date(&mut self, age: i32) -> NaiveDate {
        let months = chrono::Months::new(age.unsigned_abs() * 12);
        let birthday = self.today.checked_sub_months(months).unwrap_or(self.today);
        birthday - Duration::days(i64::from(self.rng.u32(0..360)))
    }

    /// A number shaped like real ones of that type and era.
    fn doc_number(&mut self, kind: ids::DocType, birth_year: i32) -> String {
        use ids::DocType::*;
        match kind {
            CC if birth_year < 1990 => format!("{}", self.rng.u64(10_000_000..=99_999_999)),
            CC => format!("10{:08}", self.rng.u64(0..=99_999_999)),
            TI | RC => format!("1{:09}", self.rng.u64(0..=999_999_999)),
            CE => format!("{}", self.rng.u32(100_000..=9_999_999)),
            PA => {
                let a = (b'A' + self.rng.u8(0..26)) as char;
                let b = (b'A' + self.rng.u8(0..26)) as char;
                format!("{a}{b}{}", self.rng.u32(100_000..=999_999))
            }
            PEP => format!(
                "{}",
                self.rng.u64(100_000_000_000_000..=999_999_999_999_999)
            ),
            PPT => format!("{}", self.rng.u32(1_000_000..=7_999_999)),
            NIT => format!("{}", self.rng.u64(800_000_000..=900_000_000)),
        }
    }

    fn affiliation(&mut self) -> (Affiliation, Option<&'static str>) {
        match self.rng.u32(..100) {
            0..42 => (Affiliation::Afiliado, Some("A")),
            42..57 => (Affiliation::Afiliado, Some("B")),
            57..66 => (Affiliation::Afiliado, Some("C")),
            66..90 => (Affiliation::NoAfiliado, None),
            _ => (Affiliation::Desafiliado, None),
        }
    }

    fn phone(&mut self) -> String {
        const PREFIXES: [u32; 8] = [300, 301, 310, 311, 312, 315, 316, 320];
        format!(
            "{}{:07}",
            PREFIXES[self.rng.usize(..PREFIXES.len())],
            self.rng.u32(..10_000_000)
        )
    }

    fn email(&mut self, names: &str, surnames: &str) -> String {
        const DOMAINS: [&str; 4] = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.es"];
        let plain = |s: &str| -> String {
            s.split_whitespace()
                .next()
                .unwrap_or("")
                .chars()
                .map(fold_accent)
                .collect::<String>()
                .to_lowercase()
        };
        let domain = DOMAINS[self.rng.usize(..DOMAINS.len())];
        format!(
            "{}.{}{}@{domain}",
            plain(names),
            plain(surnames),
            self.rng.u32(1..100)
        )
    }

    fn address(&mut self) -> String {
        let via = ["Calle", "Carrera", "Avenida", "Diagonal", "Transversal"][self.rng.usize(..5)];
        format!(
            "{via} {} # {}-{}",
            self.rng.u32(1..120),
            self.rng.u32(1..100),
            self.rng.u32(1..99)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn same_seed_same_people() {
        let a = Generator::new(7, today()).customers(200);
        let b = Generator::new(7, today()).customers(200);
        assert_eq!(a, b);
        assert_ne!(a, Generator::new(8, today()).customers(200));
    }

    #[test]
    fn documents_are_valid_for_type_and_age() {
        for c in Generator::new(1, today()).customers(3000) {
            let kind = ids::DocType::parse(&c.doc_type).unwrap();
            let parsed = ids::parse(kind, &c.doc_number).unwrap();
            assert!(parsed.warnings.is_empty(), "{c:?}: {:?}", parsed.warnings);
            assert_eq!(parsed.document.number, c.doc_number);
            if let Some(birth) = &c.birth_date {
                let birth = NaiveDate::parse_from_str(birth, "%Y-%m-%d").unwrap();
                let age = today().years_since(birth).unwrap();
                match kind {
                    ids::DocType::TI => assert!((7..18).contains(&age), "{c:?}"),
                    ids::DocType::RC => assert!(age < 7, "{c:?}"),
                    _ => assert!(age >= 18, "{c:?}"),
                }
            }
            let affiliated = c.affiliation == Affiliation::Afiliado;
            assert!(affiliated || c.category.is_none(), "{c:?}");
        }
    }

    #[test]
    fn names_carry_accents() {
        let people = Generator::new(3, today()).customers(500);
        assert!(
            people
                .iter()
                .any(|c| c.surnames.contains('í') || c.surnames.contains('á'))
        );
    }
}
