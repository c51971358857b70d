//! The message line that never cuts a sentence silently: a message wraps by words onto the
//! rows it is given; one longer than that ends its last row with "…" and the key that shows
//! the whole message in the message log.

/// The key that opens the message log (free in every console context).
pub const LOG_KEY: &str = "F12";

/// `text` in at most `rows` rows of `width` columns, cut between words: a message that does
/// not fit ends with "… F12".
pub fn fit(text: &str, width: u16, rows: usize) -> Vec<String> {
    fit_with(text, width, rows, &format!("… {LOG_KEY}"))
}

/// [`fit`] ending a message that does not fit with `more` ("…" where no log holds it).
pub fn fit_with(text: &str, width: u16, rows: usize, more: &str) -> Vec<String> {
    let width = usize::from(width.max(8));
    let mut lines = super::wrap(text, width);
    if lines.len() <= rows.max(1) {
        return lines;
    }
    lines.truncate(rows.max(1));
    let room = width.saturating_sub(more.chars().count() + 1);
    let last = lines.pop().unwrap_or_default();
    // whole words that fit before the marker
    let mut kept = String::new();
    for word in last.split(' ') {
        let wanted = kept.chars().count() + usize::from(!kept.is_empty()) + word.chars().count();
        if wanted > room {
            break;
        }
        if !kept.is_empty() {
            kept.push(' ');
        }
        kept.push_str(word);
    }
    lines.push(format!("{kept}{more}"));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_messages_stay_whole() {
        assert_eq!(
            fit("Turno R-001: en atención.", 80, 2),
            ["Turno R-001: en atención."]
        );
    }

    #[test]
    fn long_messages_wrap_then_end_between_words_with_the_log_key() {
        let text = "palabra ".repeat(40);
        let lines = fit(text.trim(), 30, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with("palabra… F12"), "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 30), "{lines:?}");
    }
}
