//! The forms in which names are compared. The catalogue spells one suite, title or URN many
//! ways (“Management & Leadership”, “Cultural  and Heritage Venue Management”, a URN with a
//! zero-width space); comparison goes through these, display keeps what was written.

/// A title as compared: lowercase, `&` as “and”, apostrophes dropped, “on-line”/“e-mail” as
/// one word, punctuation as space, the tags “legacy” and a trailing version (“v2”) dropped.
pub fn title(text: &str) -> String {
    let lower = text.to_lowercase().replace('&', " and ");
    let mut cleaned = String::with_capacity(lower.len());
    let mut chars = lower.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '’' | '‘' => {}
            // “on-line”, “e-mail”, “co-ordinate”: a hyphen inside a word joins it.
            '-' if cleaned.chars().last().is_some_and(char::is_alphanumeric)
                && chars.peek().is_some_and(|n| n.is_alphanumeric()) => {}
            c if c.is_alphanumeric() => cleaned.push(c),
            _ => cleaned.push(' '),
        }
    }
    let mut words: Vec<&str> = cleaned
        .split_whitespace()
        .filter(|w| *w != "legacy")
        .collect();
    while words.last().is_some_and(|w| is_version_tag(w)) {
        words.pop();
    }
    words.join(" ")
}

fn is_version_tag(word: &str) -> bool {
    word.len() > 1 && word.starts_with('v') && word[1..].chars().all(|c| c.is_ascii_digit())
}

/// A suite or organisation name as compared: lowercase, `&` as “and”, punctuation and repeated
/// spaces as one space.
pub fn name(text: &str) -> String {
    let lower = text.to_lowercase().replace('&', " and ");
    let spaced: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A URN as compared: uppercase, without spaces, zero-width characters or the word “Unit”
/// (“ICS Unit 26” and “ICS26” are one code).
pub fn urn(text: &str) -> String {
    let upper = text.to_uppercase().replace("UNIT", "");
    upper
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}'))
        .collect()
}

/// A `;`-separated list (suites, occupations), trimmed, repeated spaces collapsed, empties
/// dropped; repeats kept (the catalogue lists a suite twice on some rows).
pub fn split_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(|item| item.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|item| !item.is_empty())
        .collect()
}

/// Keywords, separated by `;` or `,` (the catalogue uses both).
pub fn split_keywords(text: &str) -> Vec<String> {
    text.split([';', ','])
        .map(|item| item.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|item| !item.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_compare_without_case_punctuation_tags_or_hyphens() {
        assert_eq!(
            title("Manage On-line  communities (Legacy)"),
            title("manage online communities")
        );
        assert_eq!(
            title("Install door systems V2 Legacy"),
            "install door systems"
        );
        assert_eq!(
            title("Build your organisation’s understanding"),
            "build your organisations understanding"
        );
        assert_eq!(title("Health & Safety"), "health and safety");
        assert_ne!(title("Manage a project"), title("Manage a programme"));
    }

    #[test]
    fn names_and_urns_compare_in_one_spelling() {
        assert_eq!(name("Management & Leadership"), "management and leadership");
        assert_eq!(
            name("Cultural  and Heritage Venue Management "),
            name("Cultural and Heritage Venue Management")
        );
        assert_eq!(urn("ICS Unit 26"), "ICS26");
        assert_eq!(urn("eskitu032\u{200b}"), "ESKITU032");
        assert_eq!(split_list("A; B ;; A;"), vec!["A", "B", "A"]);
        assert_eq!(split_keywords("x, y; z"), vec!["x", "y", "z"]);
    }
}
