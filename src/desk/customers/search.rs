//! Finding customers by document or by name (full-text, accent- and case-insensitive).

use super::*;

/// Finds customers: by document number when `text` is one, else by names (accent- and
/// case-insensitive word prefixes), best first.
pub fn find(store: &Store, text: &str, limit: u32) -> Result<Vec<Customer>> {
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '-' | ','))
        .collect();
    if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit()) {
        return customers::by_number(store.conn(), &compact);
    }
    let Some(q) = fts_query(text, true) else {
        return Ok(Vec::new());
    };
    let mut found = customers::search(store.conn(), &q, limit)?;
    // fewer than asked: the earlier words may be prefixes too ("jos rodr")
    if (found.len() as u32) < limit
        && let Some(loose) = fts_query(text, false).filter(|l| *l != q)
    {
        for c in customers::search(store.conn(), &loose, limit)? {
            if found.len() as u32 >= limit {
                break;
            }
            if !found.iter().any(|f| f.id == c.id) {
                found.push(c);
            }
        }
    }
    Ok(found)
}

/// [`find`], and when the `limit` was reached, how many match in all (the loose prefixes'
/// count, a superset of what `find` ranks first).
pub fn find_counted(
    store: &Store,
    text: &str,
    limit: u32,
) -> Result<(Vec<Customer>, Option<usize>)> {
    let found = find(store, text, limit)?;
    if (found.len() as u32) < limit {
        return Ok((found, None));
    }
    let total = match fts_query(text, false) {
        Some(loose) => Some(customers::count_matches(store.conn(), &loose)?),
        None => None,
    };
    Ok((found, total))
}

/// An FTS5 expression for `text`: the last word (the one being typed) as a prefix; the
/// others whole words when `whole_words` (`"maria" "rodr"*`, cheap lookups), else prefixes too
/// (`"jos"* "rodr"*`).
pub fn fts_query(text: &str, whole_words: bool) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .map(fold_accent)
                .collect::<String>()
                .to_lowercase()
        })
        .collect();
    let last = words.len().checked_sub(1)?;
    // words followed by more text are complete: whole-word matches (cheap lookups); the word
    // being typed is a prefix
    let terms: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == last || !whole_words {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect();
    Some(terms.join(" "))
}
