//! The branch (sede) identity.

/// A branch code: 2–8 ASCII capital letters or digits (it appears in radicados).
pub fn valid_code(code: &str) -> bool {
    (2..=8).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Suggests a code from a branch name: its first letters, accents removed, upper case.
pub fn suggest_code(name: &str) -> String {
    let code: String = name
        .split_whitespace()
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "sede" | "de" | "del" | "la" | "el"
            )
        })
        .flat_map(|w| w.chars())
        .map(crate::domain::service::fold_accent)
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .take(4)
        .collect();
    if valid_code(&code) {
        code
    } else {
        "SEDE".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert!(valid_code("CALI"));
        assert!(valid_code("B2"));
        assert!(!valid_code("cali"));
        assert!(!valid_code("C"));
        assert!(!valid_code("BOGOTA123"));
        assert_eq!(suggest_code("Sede Popayán"), "POPA");
        assert_eq!(suggest_code("Bogotá Norte"), "BOGO");
        assert_eq!(suggest_code("  "), "SEDE");
    }
}
