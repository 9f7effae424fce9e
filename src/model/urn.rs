//! URNs typed at the start of a unit's title ("LSI CM01 Plan the coaching relationship").

/// Splits a leading URN from what was typed as a unit's title: `Some((urn, title))` when the text
/// starts with one. A URN is one token of capitals and digits with both in it ("CFAM&LAA1",
/// "SFJCCAA1"), or a short prefix of capitals followed by such a token ("LSI CM01"), as the 2019
/// catalogue spells them. A dash, colon or tab may stand between it and the title. Ordinary
/// titles ("IT security", "5S workplace organisation", "Use IT systems") are left alone.
pub fn split_leading_urn(typed: &str) -> Option<(String, String)> {
    let text = typed.trim_start();
    let separator = |c: char| matches!(c, ':' | '-' | '–' | '—');
    let mut tokens = text
        .split([' ', '\t'])
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_end_matches(separator));
    let first = tokens.next()?;
    let second = tokens.next();
    let urn = if is_code(first, 4) {
        first.to_string()
    } else if is_prefix(first) && second.is_some_and(|t| is_code(t, 3)) {
        format!("{first} {}", second.unwrap_or_default())
    } else {
        return None;
    };
    // The title is what follows the URN's last token.
    let last = urn.rsplit(' ').next().unwrap_or(&urn);
    let after = text.find(last).map(|at| &text[at + last.len()..])?;
    let title = after
        .trim_start_matches(|c: char| c.is_whitespace() || separator(c))
        .trim_end();
    if title.is_empty() || !title.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    Some((urn, title.to_string()))
}

/// Capitals and digits (and `&`), at least `min` long, holding both a capital and a digit.
fn is_code(token: &str, min: usize) -> bool {
    token.chars().count() >= min
        && token
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
        && token.chars().any(|c| c.is_ascii_uppercase())
        && token.chars().any(|c| c.is_ascii_digit())
}

/// Two to six capitals: an organisation's URN prefix ("LSI", "CFA").
fn is_prefix(token: &str) -> bool {
    (2..=6).contains(&token.chars().count()) && token.chars().all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::split_leading_urn;

    fn split(text: &str) -> Option<(&str, &str)> {
        // Leaked for the comparison's sake; tests only.
        split_leading_urn(text).map(|(u, t)| (&*u.leak(), &*t.leak()))
    }

    #[test]
    fn catalogue_urns_at_the_start_are_recognised() {
        assert_eq!(
            split("LSI CM01 Plan the coaching relationship"),
            Some(("LSI CM01", "Plan the coaching relationship"))
        );
        assert_eq!(
            split("CFAM&LAA1 Manage your own resources"),
            Some(("CFAM&LAA1", "Manage your own resources"))
        );
        assert_eq!(
            split("SFJCCAA1 - Respond to incidents"),
            Some(("SFJCCAA1", "Respond to incidents"))
        );
        assert_eq!(
            split("ESKITU021:\tUse IT systems"),
            Some(("ESKITU021", "Use IT systems"))
        );
    }

    #[test]
    fn ordinary_titles_are_left_alone() {
        for title in [
            "IT security",
            "Use IT systems",
            "5S workplace organisation",
            "UK 2019 plans",
            "Plan the coaching relationship",
            "LSI CM01",
            "LSI CM01 2020",
            "CPR training",
        ] {
            assert_eq!(split(title), None, "{title}");
        }
    }
}
