//! The closing metadata table of a published NOS ("Developed by", "Version Number", …): labels
//! with their values on the same line (after a tab, a colon or spaces) or on the lines below.

use crate::model::{Category, Date, Status, UnitMetadata, Validity};

use super::lines::{collapse, compact, means_empty};

/// A metadata field of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MetaField {
    DevelopedBy,
    Version,
    DateApproved,
    ReviewDate,
    Validity,
    Status,
    OriginatingOrganisation,
    OriginalUrn,
    Occupations,
    Suites,
    Keywords,
    SocCodes,
    Category,
}

impl MetaField {
    /// Fields whose value is a `;`-separated list, which may run over several lines.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Self::Occupations | Self::Suites | Self::Keywords | Self::SocCodes
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::DevelopedBy => "Developed by",
            Self::Version => "Version number",
            Self::DateApproved => "Date approved",
            Self::ReviewDate => "Indicative review date",
            Self::Validity => "Validity",
            Self::Status => "Status",
            Self::OriginatingOrganisation => "Originating organisation",
            Self::OriginalUrn => "Original URN",
            Self::Occupations => "Relevant occupations",
            Self::Suites => "Suite",
            Self::Keywords => "Keywords",
            Self::SocCodes => "SOC code",
            Self::Category => "NOS category",
        }
    }
}

/// Labels as published and as seen in variants, longest first so "Suites" is not read as
/// "Suite" + "s".
const LABELS: &[(&str, MetaField)] = &[
    (
        "originating organisation",
        MetaField::OriginatingOrganisation,
    ),
    (
        "originating organization",
        MetaField::OriginatingOrganisation,
    ),
    ("indicative review date", MetaField::ReviewDate),
    ("relevant occupations", MetaField::Occupations),
    ("version number", MetaField::Version),
    ("date approved", MetaField::DateApproved),
    ("nos category", MetaField::Category),
    ("original urn", MetaField::OriginalUrn),
    ("developed by", MetaField::DevelopedBy),
    ("review date", MetaField::ReviewDate),
    ("occupations", MetaField::Occupations),
    ("soc codes", MetaField::SocCodes),
    ("soc code", MetaField::SocCodes),
    ("key words", MetaField::Keywords),
    ("keywords", MetaField::Keywords),
    ("validity", MetaField::Validity),
    ("category", MetaField::Category),
    ("version", MetaField::Version),
    ("suites", MetaField::Suites),
    ("status", MetaField::Status),
    ("suite", MetaField::Suites),
    ("soc", MetaField::SocCodes),
];

/// The field a line's label names and the value after it (empty when the value is on the
/// next line). A label followed by a single space counts only if it has two words or the
/// table has begun (`in_table`), so "Status reports …" in a skills list stays text.
pub(super) fn label_of(line: &str, in_table: bool) -> Option<(MetaField, String)> {
    for &(label, field) in LABELS {
        let Some(rest) = super::lines::after_label(line, label) else {
            continue;
        };
        let rest_original = rest;
        let strong = rest.is_empty()
            || rest.starts_with([':', '\t'])
            || rest.starts_with("  ")
            || rest.starts_with(" :");
        let weak = rest.starts_with(' ');
        if strong || (weak && (label.contains(' ') || in_table)) {
            let value = rest_original.trim_start_matches([' ', '\t', ':']);
            return Some((field, collapse(value)));
        }
    }
    None
}

/// Sets a field from the text of its value; what cannot be read is said in `notes` and
/// returned, to be kept as left over.
pub(super) fn set(
    metadata: &mut UnitMetadata,
    field: MetaField,
    lines: &[String],
    notes: &mut Vec<String>,
) -> Option<String> {
    let joined = collapse(&lines.join(" "));
    if joined.is_empty() || means_empty(&joined) {
        return None;
    }
    let unread = |notes: &mut Vec<String>, why: &str| {
        notes.push(format!("{} “{joined}” {why}", field.label()));
        Some(format!("{}: {joined}", field.label()))
    };
    match field {
        MetaField::DevelopedBy => metadata.developed_by = joined,
        MetaField::OriginatingOrganisation => metadata.originating_organisation = joined,
        // URNs hold no spaces; copying can add them ("ABC DE 12"). Older codes of another shape
        // stay as written.
        MetaField::OriginalUrn => {
            metadata.original_urn = super::lines::as_urn(&joined).unwrap_or(joined)
        }
        MetaField::Version => {
            let digits: String = joined
                .trim_start_matches(|c: char| !c.is_ascii_digit())
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            match digits.parse() {
                Ok(number) => metadata.version_number = Some(number),
                Err(_) => return unread(notes, "is not a version number: left empty"),
            }
        }
        MetaField::DateApproved | MetaField::ReviewDate => match date(&joined) {
            Some((date, day_given)) => {
                if !day_given {
                    notes.push(format!(
                        "{} “{joined}” gives no day: read as {}",
                        field.label(),
                        date
                    ));
                }
                if field == MetaField::DateApproved {
                    metadata.date_approved = Some(date);
                } else {
                    metadata.indicative_review_date = Some(date);
                }
            }
            None => return unread(notes, "is not a date nosmap reads: left empty"),
        },
        MetaField::Validity => match choice(&joined, Validity::ALL, |v| v.label()) {
            Some(value) => metadata.validity = Some(value),
            None => return unread(notes, "is neither Current nor Legacy: left empty"),
        },
        MetaField::Status => match choice(&joined, Status::ALL, |v| v.label()) {
            Some(value) => metadata.status = Some(value),
            None => return unread(notes, "is not Original, Tailored or Imported: left empty"),
        },
        MetaField::Category => match choice(&joined, Category::ALL, |v| v.label()) {
            Some(value) => metadata.category = Some(value),
            None => return unread(notes, "is not Core, Generic or Job-specific: left empty"),
        },
        MetaField::Occupations => metadata.occupations.extend(list(lines)),
        MetaField::Suites => metadata.suites.extend(list(lines)),
        MetaField::Keywords => metadata.keywords.extend(list(lines)),
        MetaField::SocCodes => metadata.soc_codes.extend(list(lines)),
    }
    None
}

fn choice<T: Copy>(text: &str, all: &[T], label: impl Fn(T) -> &'static str) -> Option<T> {
    let wanted = compact(text);
    all.iter().copied().find(|&v| compact(label(v)) == wanted)
}

/// A `;`-separated list; without semicolons, one entry per line (a comma may be inside an
/// occupation's name, so commas split only a list of keywords on one line that has no `;`).
fn list(lines: &[String]) -> Vec<String> {
    let joined = lines.join(" ");
    let parts: Vec<String> = if joined.contains(';') {
        joined.split(';').map(collapse).collect()
    } else {
        lines.iter().map(|l| collapse(l)).collect()
    };
    parts
        .into_iter()
        .filter(|p| !p.is_empty() && !means_empty(p))
        .collect()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `2024-03-31`, `31 03 2024`, `31/03/2024`, `31 March 2024`, `March 2021`, `Mar 2021`,
/// `03/2021`: the date and whether a day was given (without one, the first of the month).
pub(super) fn date(text: &str) -> Option<(Date, bool)> {
    let text = text.trim();
    if let Ok(date) = Date::parse_iso(text) {
        return Some((date, true));
    }
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '.' | '-' | ','))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let month_of = |word: &str| -> Option<u8> {
        if let Ok(number) = word.parse::<u8>() {
            return (1..=12).contains(&number).then_some(number);
        }
        let position = MONTHS
            .iter()
            .position(|m| word.len() >= 3 && m.starts_with(word))?;
        Some(position as u8 + 1)
    };
    let year_of = |word: &str| -> Option<u16> {
        let year: u16 = word.parse().ok()?;
        match word.len() {
            4 => Some(year),
            2 => Some(2000 + year),
            _ => None,
        }
    };
    match words.as_slice() {
        [month, day, year] if month.chars().all(char::is_alphabetic) => {
            let day: u8 = day
                .trim_end_matches(|c: char| c.is_alphabetic())
                .parse()
                .ok()?;
            Some((Date::new(year_of(year)?, month_of(month)?, day)?, true))
        }
        [day, month, year] => {
            let day: u8 = day
                .trim_end_matches(|c: char| c.is_alphabetic())
                .parse()
                .ok()?;
            Some((Date::new(year_of(year)?, month_of(month)?, day)?, true))
        }
        [month, year] => Some((Date::new(year_of(year)?, month_of(month)?, 1)?, false)),
        _ => None,
    }
}

/// Whether text could be the start of a metadata label ("Indicative Review", "Relevant"), as a
/// label broken over lines in a PDF's left column begins.
pub(super) fn could_begin_label(text: &str) -> bool {
    let key = collapse(text).to_lowercase();
    let key = key.trim_end_matches([':', ' ']);
    !key.is_empty() && LABELS.iter().any(|(label, _)| label.starts_with(key))
}

/// Whether text is a whole metadata label and nothing else.
pub(super) fn is_whole_label(text: &str) -> bool {
    label_of(text, true).is_some_and(|(_, value)| value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_published() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(date("31 03 2024"), Some((d(2024, 3, 31), true)));
        assert_eq!(date("31/03/2024"), Some((d(2024, 3, 31), true)));
        assert_eq!(date("2024-03-31"), Some((d(2024, 3, 31), true)));
        assert_eq!(date("31 March 2024"), Some((d(2024, 3, 31), true)));
        assert_eq!(date("31st March 2024"), Some((d(2024, 3, 31), true)));
        assert_eq!(date("March 2021"), Some((d(2021, 3, 1), false)));
        assert_eq!(date("Sept 2021"), Some((d(2021, 9, 1), false)));
        assert_eq!(date("03/2021"), Some((d(2021, 3, 1), false)));
        assert_eq!(date("soon"), None);
        assert_eq!(date("31 02 2024"), None);
    }

    #[test]
    fn labels_with_tabs_colons_spaces_or_alone() {
        assert_eq!(
            label_of("Developed by\tLantra", false),
            Some((MetaField::DevelopedBy, "Lantra".into()))
        );
        assert_eq!(
            label_of("Key words: bees; hives", false),
            Some((MetaField::Keywords, "bees; hives".into()))
        );
        assert_eq!(
            label_of("Suite", false),
            Some((MetaField::Suites, String::new()))
        );
        assert_eq!(label_of("Status reports to the owner", false), None);
        assert_eq!(
            label_of("Status Original", true),
            Some((MetaField::Status, "Original".into()))
        );
        assert_eq!(label_of("Suitably dressed", true), None);
    }
}
