//! Services customers take turns for, and small text rules shared by names.

/// A service code is one ASCII capital letter (it prefixes the turn label, e.g. `E-023`).
pub fn valid_code(code: &str) -> bool {
    code.len() == 1 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// A name folded for comparison: trimmed, lower case, without accents ("Jurídica" → "juridica").
pub fn fold_key(s: &str) -> String {
    super::vocab::fold(s)
}

/// Folds a Spanish accented letter to its base letter (á → a, Ñ → N, ü → u).
pub fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' => 'a',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' => 'o',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'ñ' => 'n',
        'Á' | 'À' | 'Ä' | 'Â' => 'A',
        'É' | 'È' | 'Ë' | 'Ê' => 'E',
        'Í' | 'Ì' | 'Ï' | 'Î' => 'I',
        'Ó' | 'Ò' | 'Ö' | 'Ô' => 'O',
        'Ú' | 'Ù' | 'Ü' | 'Û' => 'U',
        'Ñ' => 'N',
        other => other,
    }
}

/// Parses a comma-separated list of service codes (`E,R`), upper-casing and trimming.
pub fn parse_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().to_uppercase())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_codes_and_lists() {
        assert!(valid_code("E"));
        assert!(!valid_code("e"));
        assert!(!valid_code("EE"));
        assert_eq!(parse_list(" e, R ,,"), vec!["E", "R"]);
        let folded: String = "Ñandú Árbol".chars().map(fold_accent).collect();
        assert_eq!(folded, "Nandu Arbol");
    }
}
