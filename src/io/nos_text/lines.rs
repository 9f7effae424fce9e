//! What a line of pasted NOS text is: cleaned of what copying adds, and recognised as a section
//! heading, a stem, a numbered or bulleted item, or page furniture (banners, footers, page
//! numbers).

use crate::model::StatementList;

/// One line of the paste, cleaned, with its line number (1-based) for the preview.
#[derive(Clone, Debug, Default)]
pub(super) struct Line {
    pub no: usize,
    /// Trimmed; tabs inside kept (they separate metadata labels from values); empty for a
    /// blank line, which separates paragraphs.
    pub text: String,
    /// Cleaned but not trimmed: where text stands in `pdftotext -layout` columns.
    pub raw: String,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// The paste as lines: every kind of line break (CRLF, CR, form feed between PDF pages, Unicode
/// separators) ends a line; invisible characters go, other spaces become plain spaces.
pub(super) fn split(text: &str) -> Vec<Line> {
    let unified = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{c}', '\u{2028}', '\u{2029}', '\u{85}'], "\n");
    unified
        .split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let raw = clean(raw);
            Line {
                no: i + 1,
                text: raw.trim().to_string(),
                raw: raw.trim_end().to_string(),
            }
        })
        .collect()
}

impl Line {
    /// A line made here (a heading split from its text), at line `no`.
    pub fn made(no: usize, text: &str) -> Self {
        Self {
            no,
            text: text.trim().to_string(),
            raw: text.trim().to_string(),
        }
    }
}

fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
            '\t' => out.push('\t'),
            // A PDF's typographic ligatures, as the letters they stand for.
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Adds a wrapped line to the text it continues: with a space, or without one after a word
/// broken with a hyphen at the line's end ("multi-" + "agency").
pub(super) fn join_wrapped(text: &mut String, next: &str) {
    let next = collapse(next);
    if next.is_empty() {
        return;
    }
    let broken_word = text.ends_with('-')
        && text[..text.len() - 1].ends_with(char::is_alphabetic)
        && next.starts_with(char::is_lowercase);
    if !text.is_empty() && !broken_word {
        text.push(' ');
    }
    text.push_str(&next);
}

/// Words a web page puts around a standard that are not part of it ("Download PDF",
/// "Back to search results").
pub(super) fn is_page_chrome(line: &str) -> bool {
    matches!(
        compact(line).as_str(),
        "downloadpdf"
            | "download"
            | "downloadthisstandardasapdf"
            | "print"
            | "printthispage"
            | "share"
            | "backtosearchresults"
            | "backtoresults"
            | "back"
            | "skiptomaincontent"
            | "home"
            | "nosfinder"
            | "current"
            | "legacy"
    )
}

/// Whether text could be the start of a section heading ("Performance", "Knowledge and"), as
/// a heading broken over lines in a PDF's left column begins.
pub(super) fn could_begin_heading(text: &str) -> bool {
    let key = heading_key(text);
    !key.is_empty() && HEADINGS.iter().any(|h| h.starts_with(&key))
}

/// Every heading `section_of` knows, as its key.
const HEADINGS: &[&str] = &[
    "overview",
    "performance criteria",
    "knowledge and understanding",
    "scope/range",
    "scope/range related to performance criteria",
    "scope/range related to knowledge and understanding",
    "scope related to performance criteria",
    "scope related to knowledge and understanding",
    "values",
    "behaviours",
    "skills",
    "glossary",
    "links to other nos",
    "external links",
    "additional information",
];

/// Runs of spaces and tabs as one space.
pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Letters and digits only, lower case: how footers and stems are compared.
pub(super) fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A section of a published NOS, as its heading names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Section {
    Overview,
    List(StatementList),
    Glossary,
    LinksToOtherNos,
    ExternalLinks,
    /// "Additional Information": a page heading with nothing of its own.
    Additional,
    /// A section nosmap does not hold (legacy evidence requirements, assessment guidance):
    /// kept as left over, with its heading.
    NotHeld,
}

/// The section a heading line starts, if the line is one. Case, a trailing colon, spaces
/// around `/` and `&` for "and" do not matter.
pub(super) fn section_of(line: &str) -> Option<Section> {
    let key = heading_key(line);
    let section = match key.as_str() {
        "overview" => Section::Overview,
        "performance criteria" | "performance" => Section::List(StatementList::PerformanceCriteria),
        "knowledge and understanding" | "knowledge" => Section::List(StatementList::Knowledge),
        "scope/range" | "scope" | "range" => Section::List(StatementList::ScopeRange),
        "scope/range related to performance criteria"
        | "scope related to performance criteria"
        | "scope/range related to performance"
        | "range related to performance criteria" => {
            Section::List(StatementList::ScopeRangePerformance)
        }
        "scope/range related to knowledge and understanding"
        | "scope related to knowledge and understanding"
        | "scope/range related to knowledge"
        | "range related to knowledge and understanding" => {
            Section::List(StatementList::ScopeRangeKnowledge)
        }
        "values" => Section::List(StatementList::Values),
        "behaviours" | "behaviors" => Section::List(StatementList::Behaviours),
        "skills" => Section::List(StatementList::Skills),
        "glossary" => Section::Glossary,
        "links to other nos"
        | "links to other standards"
        | "links to other national occupational standards" => Section::LinksToOtherNos,
        "external links" => Section::ExternalLinks,
        "additional information" => Section::Additional,
        "evidence requirements"
        | "assessment guidance"
        | "assessment requirements"
        | "evidence"
        | "elements"
        | "guidance"
        | "assessment" => Section::NotHeld,
        _ => return None,
    };
    Some(section)
}

fn heading_key(line: &str) -> String {
    let lower = collapse(line).to_lowercase();
    let trimmed = lower.trim_end_matches([':', ' ', '.']);
    trimmed
        .replace(" / ", "/")
        .replace("/ ", "/")
        .replace(" /", "/")
        .replace(" & ", " and ")
}

/// What follows `label` (ASCII, lower case) at the start of `line`, in any case. Compared byte
/// for byte on the line itself: lower-casing a line can change its length ("İ", the Kelvin
/// sign), so positions found in a lower-cased copy do not fit the original.
pub(super) fn after_label<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    line.get(..label.len())
        .filter(|start| start.eq_ignore_ascii_case(label))
        .map(|_| &line[label.len()..])
}

/// A heading with its stem on the same line ("Performance criteria You must be able to:"),
/// as a web page copies: the heading's length in bytes, so the line can be split.
pub(super) fn heading_before_stem(line: &str) -> Option<usize> {
    for heading in ["performance criteria", "knowledge and understanding"] {
        if let Some(rest) = after_label(line, heading) {
            let rest = rest.trim_start_matches([':', ' ', '\t']);
            if after_label(rest, "you ").is_some() || after_label(rest, "what you ").is_some() {
                return Some(heading.len());
            }
        }
    }
    None
}

/// The stems that open the two numbered lists; items complete them.
pub(super) fn stems(list: StatementList) -> &'static [&'static str] {
    match list {
        StatementList::PerformanceCriteria => &[
            "you must be able to",
            "what you must be able to do",
            "you must be able to do",
        ],
        StatementList::Knowledge => &[
            "you need to know and understand",
            "what you must know and understand",
            "you must know and understand",
        ],
        _ => &[],
    }
}

/// `P3 text`, `P 3. text`, `P3) text`, `P3 - text`, `P3<TAB>text`, `3. text`: the item's number
/// and text (possibly empty, when the number stands alone) if the line starts an item of a list
/// numbered with `prefix`.
pub(super) fn numbered_item(line: &str, prefix: char) -> Option<(u32, &str)> {
    let (rest, lettered) = match line.strip_prefix(prefix) {
        Some(rest) => (rest.trim_start_matches(' '), true),
        None => (line, false),
    };
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 5 {
        return None;
    }
    let number: u32 = rest[..digits].parse().ok()?;
    let after = &rest[digits..];
    let (after, punctuated) = match after.strip_prefix(['.', ')', ':']) {
        Some(after) => (after, true),
        None => (after, false),
    };
    // Unlettered numbers need their punctuation, so "2 metres" continuing an item stays text.
    if !lettered && !punctuated {
        return None;
    }
    if after.is_empty() {
        return Some((number, ""));
    }
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    let text = after.trim_start_matches([' ', '\t']);
    // "P1 - text", "P1 – text": the dash separates, it is not the text's.
    let text = match text.strip_prefix(['-', '–', '—']) {
        Some(rest) if rest.starts_with([' ', '\t']) => rest.trim_start_matches([' ', '\t']),
        _ => text,
    };
    Some((number, text))
}

/// The text of a bulleted line (`•`, `◦`, `-`, `*`, `1.`, `a)`, `(a)` …), if it is one.
pub(super) fn bulleted_item(line: &str) -> Option<&str> {
    const MARKS: &[char] = &[
        '•', '◦', '▪', '‣', '●', '○', '■', '□', '–', '—', '-', '*', '·', '\u{f0b7}', '➢', '►', '✓',
    ];
    fn spaced(after: &str) -> Option<&str> {
        (after.is_empty() || after.starts_with([' ', '\t']))
            .then(|| after.trim_start_matches([' ', '\t']))
    }
    if let Some(after) = line.strip_prefix(MARKS) {
        return spaced(after);
    }
    let body = line.strip_prefix('(').unwrap_or(line);
    let marker = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = if marker == 0 {
        // One letter (a), b.), or roman numerals up to iv.
        body.chars()
            .take_while(char::is_ascii_alphabetic)
            .count()
            .min(4)
    } else {
        marker
    };
    if marker == 0 || marker > 3 {
        return None;
    }
    let letters = &body[..marker];
    if letters.chars().all(char::is_alphabetic)
        && letters.len() > 1
        && !letters.chars().all(|c| "ivx".contains(c))
    {
        return None;
    }
    let after = body[marker..].strip_prefix(['.', ')'])?;
    spaced(after).filter(|text| !text.is_empty())
}

/// Page furniture a PDF's text carries between blocks: protective-marking banners and page
/// numbers.
pub(super) fn is_banner_or_page_number(line: &str) -> bool {
    let letters = compact(line);
    if matches!(
        letters.as_str(),
        "notprotectivelymarked"
            | "official"
            | "officialsensitive"
            | "unclassified"
            | "protect"
            | "restricted"
    ) {
        return true;
    }
    page_tail(&letters) == letters.len() && !letters.is_empty()
}

/// How many bytes at the end of `compact` text are a page number: `7`, `page7`, `7of9`,
/// `page7of9`.
pub(super) fn page_tail(compact: &str) -> usize {
    let strip_digits = |s: &str| s.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let mut end = strip_digits(compact);
    if end == compact.len() {
        return 0;
    }
    if let Some(before) = compact[..end].strip_suffix("of") {
        let more = strip_digits(before);
        if more < before.len() {
            end = more;
        }
    }
    if let Some(before) = compact[..end].strip_suffix("page") {
        end = before.len();
    }
    compact.len() - end
}

/// Whether a line could be a URN on its own: one to four tokens that, put together, are 4–20
/// capital letters, digits and `&`, starting with a letter and holding a digit.
pub(super) fn as_urn(line: &str) -> Option<String> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    if tokens.is_empty() || tokens.len() > 4 {
        return None;
    }
    let joined: String = tokens.concat();
    let length = joined.chars().count();
    let shape = joined.chars().all(|c| {
        c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '&' | '-' | '/' | '.')
    }) && joined.starts_with(|c: char| c.is_ascii_uppercase())
        && joined.chars().any(|c| c.is_ascii_digit())
        && joined.chars().filter(char::is_ascii_uppercase).count() >= 2;
    ((4..=20).contains(&length) && shape).then_some(joined)
}

/// "None", "N/A", "Not applicable": a section present but empty.
pub(super) fn means_empty(text: &str) -> bool {
    matches!(
        compact(text).as_str(),
        "none" | "na" | "notapplicable" | "nil"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_numbers_in_every_form_copying_makes() {
        for line in [
            "P1 plan it",
            "P1. plan it",
            "P 1 plan it",
            "P1) plan it",
            "P1\tplan it",
            "1. plan it",
            "P1 - plan it",
            "P1 – plan it",
        ] {
            assert_eq!(numbered_item(line, 'P'), Some((1, "plan it")), "{line}");
        }
        assert_eq!(numbered_item("P12", 'P'), Some((12, "")));
        assert_eq!(numbered_item("2 metres from the hive", 'P'), None);
        assert_eq!(numbered_item("Plan the work", 'P'), None);
        assert_eq!(numbered_item("K3 how to", 'P'), None);
    }

    #[test]
    fn bullets_of_several_kinds() {
        for line in [
            "• hives",
            "- hives",
            "* hives",
            "◦ hives",
            "1. hives",
            "a) hives",
            "(b) hives",
            "iv. hives",
        ] {
            assert_eq!(bulleted_item(line), Some("hives"), "{line}");
        }
        assert_eq!(bulleted_item("hives and swarms"), None);
        assert_eq!(bulleted_item("-20 degrees"), None);
        assert_eq!(bulleted_item("Of. hives"), None);
    }

    #[test]
    fn urns_with_and_without_spaces() {
        assert_eq!(as_urn("ABC DE 12"), Some("ABCDE12".into()));
        assert_eq!(as_urn("CFAM&LDC2"), Some("CFAM&LDC2".into()));
        assert_eq!(as_urn("Manage bees"), None);
        assert_eq!(as_urn("OVERVIEW"), None);
        assert_eq!(as_urn("2021"), None);
    }

    #[test]
    fn page_furniture() {
        assert!(is_banner_or_page_number("NOT PROTECTIVELY MARKED"));
        assert!(is_banner_or_page_number("Page 3 of 7"));
        assert!(is_banner_or_page_number("4"));
        assert!(!is_banner_or_page_number("Hives"));
        assert_eq!(page_tail("abc12title3"), 1);
        assert_eq!(page_tail("titlepage3of9"), "page3of9".len());
    }

    #[test]
    fn headings_in_any_case_and_spelling() {
        assert_eq!(
            section_of("PERFORMANCE CRITERIA"),
            Some(Section::List(StatementList::PerformanceCriteria))
        );
        assert_eq!(
            section_of("Scope / range:"),
            Some(Section::List(StatementList::ScopeRange))
        );
        assert_eq!(
            section_of("Knowledge & Understanding"),
            Some(Section::List(StatementList::Knowledge))
        );
        assert_eq!(
            section_of("Scope/range related to knowledge and understanding"),
            Some(Section::List(StatementList::ScopeRangeKnowledge))
        );
        assert_eq!(section_of("Plan the work"), None);
        assert_eq!(
            heading_before_stem("Performance criteria You must be able to:"),
            Some(20)
        );
    }
}
