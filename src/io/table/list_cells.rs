//! List cells of the spreadsheet layout: statement lists, the glossary and the string lists
//! (suites, keywords…), one entry per line.
//!
//! An entry that would not read back as it is (empty, spaces around it, a line break inside, a
//! leading `## ` that is not a heading, a leading `"`, a glossary term holding ` = `) is written
//! as a JSON string, so the round trip is exact while ordinary text stays as people typed it.

use crate::model::Unit;
use crate::model::fields::UnitField;

/// One entry as a line of a list cell.
pub(super) fn line_of(text: &str, could_be_heading: bool) -> String {
    let needs_quotes = text.is_empty()
        || text.trim() != text
        || text.contains(['\n', '\r'])
        || text.starts_with('"')
        || (could_be_heading && text.starts_with("## "));
    if needs_quotes {
        serde_json::to_string(text).unwrap_or_else(|_| text.to_string())
    } else {
        text.to_string()
    }
}

/// Reads [`line_of`] back: a JSON string, or the line as it is (a line that starts with `"` but
/// is not a JSON string was typed so).
pub(super) fn entry_of(line: &str) -> String {
    if line.starts_with('"')
        && let Ok(text) = serde_json::from_str::<String>(line)
    {
        return text;
    }
    line.to_string()
}

pub(super) fn statements_cell(statements: &[crate::model::Statement]) -> String {
    statements
        .iter()
        .map(|s| {
            if s.heading {
                format!("## {}", line_of(&s.text, false))
            } else {
                line_of(&s.text, true)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn statements_from_cell(text: &str) -> Vec<crate::model::Statement> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| match line.strip_prefix("## ") {
            Some(heading) => crate::model::Statement::heading(entry_of(heading)),
            None => crate::model::Statement::item(entry_of(line)),
        })
        .collect()
}

pub(super) fn glossary_cell(unit: &Unit) -> String {
    unit.glossary
        .iter()
        .map(|g| {
            let term = if g.term.contains(" = ") {
                serde_json::to_string(&g.term).unwrap_or_else(|_| g.term.clone())
            } else {
                line_of(&g.term, false)
            };
            format!("{term} = {}", line_of(&g.definition, false))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn glossary_from_cell(text: &str) -> Result<Vec<crate::model::GlossaryEntry>, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let quoted_term = line.starts_with('"').then(|| {
                let mut stream = serde_json::Deserializer::from_str(line).into_iter::<String>();
                let term = stream.next()?.ok()?;
                Some((term, &line[stream.byte_offset()..]))
            });
            let (term, rest) = match quoted_term.flatten() {
                Some((term, rest)) => (term, rest.strip_prefix(" = ")),
                None => match line.split_once(" = ") {
                    Some((term, rest)) => (term.trim().to_string(), Some(rest)),
                    None => (String::new(), None),
                },
            };
            let definition = rest.ok_or_else(|| format!("“{line}” is not “term = definition”"))?;
            Ok(crate::model::GlossaryEntry::new(
                term,
                entry_of(definition.trim()),
            ))
        })
        .collect()
}

/// The list a line-per-entry field holds, for the fields that are lists of strings.
pub(super) fn string_list(unit: &Unit, field: UnitField) -> Option<&Vec<String>> {
    let m = &unit.metadata;
    Some(match field {
        UnitField::LinksToOtherNos => &unit.links_to_other_nos,
        UnitField::ExternalLinks => &unit.external_links,
        UnitField::Occupations => &m.occupations,
        UnitField::Suites => &m.suites,
        UnitField::Keywords => &m.keywords,
        UnitField::SocCodes => &m.soc_codes,
        UnitField::Themes => &unit.themes,
        _ => return None,
    })
}

pub(super) fn string_list_mut(unit: &mut Unit, field: UnitField) -> Option<&mut Vec<String>> {
    let m = &mut unit.metadata;
    Some(match field {
        UnitField::LinksToOtherNos => &mut unit.links_to_other_nos,
        UnitField::ExternalLinks => &mut unit.external_links,
        UnitField::Occupations => &mut m.occupations,
        UnitField::Suites => &mut m.suites,
        UnitField::Keywords => &mut m.keywords,
        UnitField::SocCodes => &mut m.soc_codes,
        UnitField::Themes => &mut unit.themes,
        _ => return None,
    })
}
