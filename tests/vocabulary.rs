//! The vocabulary: every closed set round-trips code → value → label → value, parses its
//! labels, codes and synonyms however they are typed (case, accents, decomposed accents,
//! stray spaces), refuses unknown words in Spanish, and is registered.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use ventanilla::domain::vocab::{SetInfo, every_set, fold};

/// Every way of writing `word` that a person or a keyboard produces: as is, upper and lower
/// case, decomposed (NFD, as macOS sends it), accents stripped, padded, `-`/`_` for spaces.
fn spellings(word: &str) -> Vec<String> {
    let stripped: String = word
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    vec![
        word.to_string(),
        word.to_uppercase(),
        word.to_lowercase(),
        word.nfd().collect(),
        word.to_uppercase().nfd().collect(),
        stripped.clone(),
        format!("  {word}\t"),
        word.replace(' ', "_"),
        stripped.replace(' ', "-"),
    ]
}

#[test]
fn every_declared_set_is_registered() {
    // The declarations in the source, by enum name and file, against the registry.
    let mut declared = Vec::new();
    for entry in walk(std::path::Path::new("src")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if line.trim_start().starts_with("crate::closed_set! {")
                || line.trim_start().starts_with("closed_set! {")
            {
                let decl = lines
                    .by_ref()
                    .find(|l| l.trim_start().starts_with("pub enum"))
                    .unwrap();
                let name = decl.trim_start()["pub enum ".len()..]
                    .split(':')
                    .next()
                    .unwrap()
                    .trim()
                    .to_string();
                let module = entry.file_stem().unwrap().to_string_lossy().to_string();
                declared.push(format!("{module}::{name}"));
            }
        }
    }
    declared.sort();
    let mut registered: Vec<String> = every_set().iter().map(|s| s.name.to_string()).collect();
    registered.sort();
    assert_eq!(
        declared, registered,
        "every closed_set! must be listed in vocab::every_set()"
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out
}

#[test]
fn codes_labels_and_synonyms_parse_back_to_their_value_in_every_spelling() {
    for set in every_set() {
        for (code, label, synonyms) in &set.values {
            assert!(code.is_ascii(), "{}: code «{code}» is not ASCII", set.name);
            assert!(
                !label.trim().is_empty(),
                "{}: «{code}» has no label",
                set.name
            );
            for word in [*code, *label].iter().chain(synonyms.iter()) {
                for typed in spellings(word) {
                    assert_eq!(
                        (set.parse)(&typed),
                        Some(*code),
                        "{}: «{}» ({:?}) should parse as «{code}»",
                        set.name,
                        typed,
                        typed.chars().collect::<Vec<_>>()
                    );
                }
            }
        }
    }
}

#[test]
fn no_two_values_of_a_set_share_a_word() {
    for set in every_set() {
        let mut seen: Vec<(String, &str)> = Vec::new();
        for (code, label, synonyms) in &set.values {
            for word in [*code, *label].iter().chain(synonyms.iter()) {
                let key = fold(word);
                if let Some((_, other)) = seen.iter().find(|(k, c)| *k == key && c != code) {
                    panic!("{}: «{word}» names both «{code}» and «{other}»", set.name);
                }
                seen.push((key, code));
            }
        }
    }
}

#[test]
fn unknown_words_are_refused_with_the_valid_labels_in_spanish() {
    use ventanilla::domain::request::Kind;
    let err = Kind::parse("reclamacionx").unwrap_err().to_string();
    assert!(
        err.starts_with(
            "tipo de PQRS: «reclamacionx» no existe; ¿quiso decir «Reclamo»? Use uno de: "
        ),
        "{err}"
    );
    let far = Kind::parse("zzz").unwrap_err().to_string();
    assert!(
        far.starts_with("tipo de PQRS: «zzz» no existe; use uno de: "),
        "{far}"
    );
    for kind in Kind::ALL {
        assert!(err.contains(kind.label()), "{err} lacks {}", kind.label());
    }
    let empty = Kind::parse("   ").unwrap_err().to_string();
    assert!(
        empty.starts_with("tipo de PQRS: indique uno de: "),
        "{empty}"
    );
}

#[test]
fn the_words_the_first_users_typed_are_understood() {
    use ventanilla::domain::request::{Channel, Kind};
    use ventanilla::domain::vocab::YesNo;
    assert_eq!(Kind::parse("petición").unwrap(), Kind::Peticion);
    assert_eq!(Kind::parse("Petición general").unwrap(), Kind::Peticion);
    assert_eq!(Kind::parse("reclamación").unwrap(), Kind::Reclamo);
    assert_eq!(Channel::parse("teléfono").unwrap(), Channel::Telefono);
    for yes in ["sí", "si", "SÍ", "Si\u{301}"] {
        assert_eq!(YesNo::parse(yes).unwrap(), YesNo::Si, "{yes}");
    }
}

fn one_set() -> impl Strategy<Value = SetInfo> {
    let sets = every_set();
    (0..sets.len()).prop_map(move |i| sets[i].clone())
}

proptest! {
    /// Any value, typed with any mix of case per letter and composed or decomposed accents,
    /// parses to itself.
    #[test]
    fn any_casing_and_composition_parses(set in one_set(), pick in any::<prop::sample::Index>(),
                                         mask in any::<u64>(), decompose in any::<bool>()) {
        let (code, label, _) = set.values[pick.index(set.values.len())];
        let typed: String = label
            .chars()
            .enumerate()
            .map(|(i, c)| if mask >> (i % 64) & 1 == 1 {
                c.to_uppercase().collect::<String>()
            } else {
                c.to_lowercase().collect::<String>()
            })
            .collect();
        let typed: String = if decompose { typed.nfd().collect() } else { typed };
        prop_assert_eq!((set.parse)(&typed), Some(code));
    }

    /// Arbitrary text never panics a parser, and what it accepts is a word of that value.
    #[test]
    fn arbitrary_text_is_parsed_or_refused(set in one_set(), text in "\\PC{0,24}") {
        if let Some(code) = (set.parse)(&text) {
            let (_, label, synonyms) = set.values.iter().find(|(c, _, _)| *c == code).unwrap();
            let key = fold(&text);
            prop_assert!(fold(code) == key || fold(label) == key
                || synonyms.iter().any(|s| fold(s) == key));
        }
    }
}

#[test]
fn configured_sets_parse_leniently_and_suggest_on_typos() {
    use ventanilla::domain::consent::{Purpose, Way};
    let config = ventanilla::config::Config::defaults().unwrap();
    let purposes = &config.consent.purposes;
    let typed = "Envi\u{301}o de informacio\u{301}n";
    assert_eq!(
        Purpose::parse(purposes, typed).unwrap().code(),
        "envio-informacion"
    );
    assert_eq!(
        Purpose::parse(purposes, "ENVIO-INFORMACION")
            .unwrap()
            .code(),
        "envio-informacion"
    );
    let err = Purpose::parse(purposes, "envio de informasion").unwrap_err();
    assert!(
        err.contains("¿quiso decir «Envío de información»?"),
        "{err}"
    );
    let ways = &config.consent.channels;
    assert_eq!(
        Way::parse(ways, "Formato físico").unwrap().code(),
        "formato-fisico"
    );
    assert!(Way::parse(ways, "paloma mensajera").is_err());
}
