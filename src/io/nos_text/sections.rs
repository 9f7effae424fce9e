//! One unit's part of the paste, from its first heading to the next unit's header: lines
//! grouped under the headings and metadata labels they follow, then each group read as its
//! section is written (paragraphs, numbered items under a stem, bullets, glossary entries).

use crate::model::{GlossaryEntry, Statement, StatementList, Unit, UnitMetadata};

use super::lines::{
    self, Line, Section, bulleted_item, collapse, compact, join_wrapped, means_empty,
    numbered_item, section_of,
};
use super::metadata::{self, MetaField};
use super::{Header, Leftover, PastedUnit};

/// What a run of lines belongs to.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Owner {
    Section(Section),
    Meta(MetaField),
}

struct Group {
    owner: Owner,
    /// The heading's own line, for what is not held.
    heading: Option<Line>,
    lines: Vec<Line>,
    /// A metadata value that ended at a blank line.
    closed: bool,
}

pub(super) fn unit(head: &Header, body: &[Line]) -> PastedUnit {
    let mut pasted = PastedUnit {
        unit: Unit::new(head.urn.clone(), head.title.clone()),
        line: head.line,
        leftover: Vec::new(),
        notes: Vec::new(),
    };
    let footer = Footer::new(&head.urn, &head.title);
    let mut groups: Vec<Group> = Vec::new();
    let mut in_table = false;
    let mut numbered_seen = false;
    // Lines outside any section, as they come, blank lines included so blocks stay apart.
    let mut stray: Vec<Line> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let line = &body[i];
        // A label's value may be anything, even the unit's own URN (an Original URN) or a "2"
        // (a version number), which elsewhere would be page furniture.
        let awaiting_value = groups.last().is_some_and(|g| {
            matches!(g.owner, Owner::Meta(_)) && g.lines.iter().all(Line::is_blank)
        });
        let skip = if awaiting_value && !line.is_blank() {
            0
        } else {
            footer.lines_at(body, i)
        };
        if skip > 0 {
            i += skip;
            continue;
        }
        i += 1;
        // A "2" under "Version Number" is its value, not a page number.
        if lines::is_banner_or_page_number(&line.text) && !awaiting_value {
            continue;
        }
        // A metadata value ends at a blank line; what follows it, short of another label or
        // heading, is not part of it ("Download this standard as a PDF").
        if line.is_blank() {
            if let Some(group) = groups.last_mut()
                && matches!(group.owner, Owner::Meta(_))
                && !group.lines.iter().all(Line::is_blank)
            {
                group.closed = true;
            }
            continue_blank(&mut groups, &mut stray, line);
            continue;
        }
        if let Some(section) = section_of(&line.text) {
            // A heading's own word as a continuation ("… the range") is rare; "Skills" alone
            // on a line is the heading.
            numbered_seen |= matches!(section, Section::List(StatementList::PerformanceCriteria));
            groups.push(Group {
                owner: Owner::Section(section),
                heading: Some(line.clone()),
                lines: Vec::new(),
                closed: false,
            });
            continue;
        }
        if numbered_seen && let Some((field, value)) = metadata::label_of(&line.text, in_table) {
            in_table = true;
            let mut lines = Vec::new();
            if !value.is_empty() {
                lines.push(Line::made(line.no, &value));
            }
            groups.push(Group {
                owner: Owner::Meta(field),
                heading: Some(line.clone()),
                lines,
                closed: false,
            });
            continue;
        }
        match groups.last_mut() {
            Some(group) if !group.closed => group.lines.push(line.clone()),
            _ => stray.push(line.clone()),
        }
    }
    pasted.leftover = super::leftover_blocks(&stray, &[]);
    pasted.leftover.extend(head.chrome.iter().cloned());
    for group in groups {
        read_group(&mut pasted, group);
    }
    pasted.leftover.sort_by_key(|l| l.line);
    pasted
}

/// A blank line ends a paragraph of the open section (kept), or a block of stray lines.
fn continue_blank(groups: &mut [Group], stray: &mut Vec<Line>, line: &Line) {
    match groups.last_mut() {
        Some(group) if !group.closed => group.lines.push(line.clone()),
        _ => stray.push(line.clone()),
    }
}

fn read_group(pasted: &mut PastedUnit, group: Group) {
    let content: Vec<&Line> = group.lines.iter().filter(|l| !l.is_blank()).collect();
    let all_text = collapse(
        &content
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let unit = &mut pasted.unit;
    match group.owner {
        Owner::Meta(field) => {
            let mut values: Vec<String> = content.iter().map(|l| l.text.clone()).collect();
            // A one-line field takes one line; more is not its value.
            if !field.is_list() && values.len() > 1 {
                for extra in content.iter().skip(1) {
                    pasted.leftover.push(Leftover {
                        line: extra.no,
                        text: collapse(&extra.text),
                    });
                }
                values.truncate(1);
            }
            if let Some(unread) =
                metadata::set(&mut unit.metadata, field, &values, &mut pasted.notes)
            {
                let line = content.first().map_or(0, |l| l.no);
                pasted.leftover.push(Leftover { line, text: unread });
            }
        }
        Owner::Section(_) if means_empty(&all_text) => {}
        Owner::Section(Section::Additional) => {
            // Its text (there should be none) goes nowhere it could be lost: left over.
            push_blocks(&mut pasted.leftover, &content);
        }
        Owner::Section(Section::NotHeld) => {
            let heading = group.heading.as_ref();
            let line = heading.map_or(0, |h| h.no);
            let title = heading.map(|h| collapse(&h.text)).unwrap_or_default();
            let text = if all_text.is_empty() {
                title
            } else {
                format!("{title}\n{all_text}")
            };
            pasted.leftover.push(Leftover { line, text });
        }
        Owner::Section(Section::Overview) => {
            let overview = paragraphs(&group.lines);
            if !unit.overview.is_empty() && !overview.is_empty() {
                unit.overview.push_str("\n\n");
            }
            unit.overview.push_str(&overview);
        }
        Owner::Section(Section::List(list)) => {
            let (statements, stray) = match list.prefix() {
                Some(prefix) => numbered(&content, prefix, list),
                None => bulleted(&content),
            };
            unit.statements_mut(list).extend(statements);
            pasted.leftover.extend(stray);
        }
        Owner::Section(Section::Glossary) => unit.glossary.extend(glossary(&content)),
        Owner::Section(Section::LinksToOtherNos) => {
            unit.links_to_other_nos.extend(entries(&content))
        }
        Owner::Section(Section::ExternalLinks) => unit.external_links.extend(entries(&content)),
    }
}

fn push_blocks(leftover: &mut Vec<Leftover>, content: &[&Line]) {
    leftover.extend(content.iter().map(|l| Leftover {
        line: l.no,
        text: collapse(&l.text),
    }));
}

/// Paragraphs separated by blank lines, wrapped lines joined. Text copied with no blank lines
/// at all (a web page's paragraphs) breaks where a line ends a sentence and the next starts a
/// new one with a capital. Bulleted lines stay lines of their own.
fn paragraphs(lines: &[Line]) -> String {
    let has_blank_between = {
        let first = lines.iter().position(|l| !l.is_blank());
        let last = lines.iter().rposition(|l| !l.is_blank());
        match (first, last) {
            (Some(a), Some(b)) => lines[a..b].iter().any(Line::is_blank),
            _ => false,
        }
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous: Option<&str> = None;
    for line in lines {
        if line.is_blank() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            previous = None;
            continue;
        }
        let text = collapse(&line.text);
        let bullet = bulleted_item(&line.text).is_some();
        let starts_sentence = text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        let after_bullets = previous.is_some_and(|p| bulleted_item(p).is_some()) && !bullet;
        let sentence_break = (!has_blank_between
            && previous.is_some_and(|p| p.ends_with(['.', '!', '?', ':']))
            && starts_sentence)
            || (after_bullets && starts_sentence);
        if !current.is_empty() {
            if sentence_break {
                paragraphs.push(std::mem::take(&mut current));
            } else if bullet || previous.is_some_and(|p| p.ends_with(':')) {
                current.push('\n');
            } else {
                join_wrapped(&mut current, &text);
                previous = Some(&line.text);
                continue;
            }
        }
        current.push_str(&text);
        previous = Some(&line.text);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs.join("\n\n")
}

/// Items numbered P1…/K1… after their stem; a line that is not a new item continues the one
/// before (so does one whose number is not past the last, as "P3 or higher" wrapped from the
/// line above). A short line in capitals' case without end punctuation just before an item is
/// a group heading. Text before the first item other than the stem becomes a heading if short,
/// else left over.
fn numbered(
    content: &[&Line],
    prefix: char,
    list: StatementList,
) -> (Vec<Statement>, Vec<Leftover>) {
    let mut statements: Vec<Statement> = Vec::new();
    let mut before: Vec<&Line> = Vec::new();
    let mut last_number = 0;
    let texts: Vec<String> = content
        .iter()
        .map(|l| without_inline_stem(&l.text, list, prefix))
        .collect();
    fn starts_item(text: &str, prefix: char, last: u32) -> Option<(u32, &str)> {
        numbered_item(text, prefix).filter(|(number, _)| last == 0 || *number > last)
    }
    for (index, line) in content.iter().enumerate() {
        let text = texts[index].as_str();
        if let Some((number, item)) = starts_item(text, prefix, last_number) {
            last_number = number;
            statements.push(Statement::item(collapse(item)));
            continue;
        }
        if statements.is_empty() {
            before.push(line);
            continue;
        }
        let next_is_item = texts
            .get(index + 1)
            .is_some_and(|next| starts_item(next, prefix, last_number).is_some());
        if next_is_item && looks_like_heading(text) {
            statements.push(Statement::heading(collapse(text).trim_end_matches(':')));
        } else if let Some(last) = statements.last_mut() {
            join_wrapped(&mut last.text, text);
        }
    }
    let (headings, stray) = without_stem(&before, list);
    let mut all: Vec<Statement> = headings.into_iter().map(Statement::heading).collect();
    all.extend(statements.into_iter().filter(|s| !s.text.is_empty()));
    (all, stray)
}

/// "You must be able to: P1 plan…" on one line: the item without its stem.
fn without_inline_stem(text: &str, list: StatementList, prefix: char) -> String {
    for stem in lines::stems(list) {
        if let Some(rest) = lines::after_label(text, stem) {
            let rest = rest.trim_start_matches([':', ' ', '\t']);
            if numbered_item(rest, prefix).is_some() {
                return rest.to_string();
            }
        }
    }
    text.to_string()
}

/// A group heading among items: starts with a capital, eight words at most, no end
/// punctuation.
fn looks_like_heading(text: &str) -> bool {
    let text = collapse(text);
    text.starts_with(char::is_uppercase)
        && text.split(' ').count() <= 8
        && !text.ends_with(['.', ',', ';'])
}

/// The lines before a numbered list's first item, less its stem (which may break over lines:
/// "You need to know and" / "understand:"): short lines left are headings, longer text left
/// over.
fn without_stem(before: &[&Line], list: StatementList) -> (Vec<String>, Vec<Leftover>) {
    let stems: Vec<String> = lines::stems(list).iter().map(|s| compact(s)).collect();
    let mut rest = before;
    // The longest run of leading lines that together spell a stem.
    for take in (1..=before.len().min(3)).rev() {
        let joined = compact(
            &before[..take]
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        if stems.contains(&joined) {
            rest = &before[take..];
            break;
        }
    }
    let mut headings = Vec::new();
    let mut stray = Vec::new();
    for line in rest {
        let text = collapse(&line.text);
        if text.split(' ').count() <= 8 && !text.ends_with('.') {
            headings.push(text.trim_end_matches(':').to_string());
        } else {
            stray.push(Leftover {
                line: line.no,
                text,
            });
        }
    }
    (headings, stray)
}

/// Bulleted items; a line without a bullet continues the item before it, or is a heading
/// when it comes before the first bullet or looks like one just before a bullet ("Settings"
/// between two groups). Without any bullet, each line is an item unless it starts in lower case
/// (a wrapped line).
fn bulleted(content: &[&Line]) -> (Vec<Statement>, Vec<Leftover>) {
    let any_bullet = content.iter().any(|l| bulleted_item(&l.text).is_some());
    let mut statements: Vec<Statement> = Vec::new();
    for (index, line) in content.iter().enumerate() {
        let bullet = bulleted_item(&line.text);
        let text = collapse(bullet.unwrap_or(&line.text));
        if text.is_empty() {
            continue;
        }
        let next_is_bullet = content
            .get(index + 1)
            .is_some_and(|next| bulleted_item(&next.text).is_some());
        let continues = match (any_bullet, bullet) {
            (true, Some(_)) => false,
            (true, None) => {
                statements.last().is_some_and(Statement::is_item)
                    && !(next_is_bullet && looks_like_heading(&text))
            }
            (false, _) => text.starts_with(char::is_lowercase) && !statements.is_empty(),
        };
        if continues && let Some(last) = statements.last_mut() {
            join_wrapped(&mut last.text, &text);
        } else if any_bullet && bullet.is_none() {
            statements.push(Statement::heading(text.trim_end_matches(':')));
        } else {
            statements.push(Statement::item(text));
        }
    }
    (statements, Vec::new())
}

/// `Term – definition`, `Term - definition`, `Term: definition`, `Term<TAB>definition`, or
/// the term on a line of its own and its definition below; a line without a separator
/// otherwise continues the definition before it.
fn glossary(content: &[&Line]) -> Vec<GlossaryEntry> {
    let mut entries: Vec<GlossaryEntry> = Vec::new();
    for line in content {
        let text = bulleted_item(&line.text).unwrap_or(&line.text);
        let split = ["\t", " – ", " — ", " - ", ": ", " = "]
            .iter()
            .filter_map(|sep| text.find(sep).map(|at| (at, sep.len())))
            .min_by_key(|(at, _)| *at);
        if let Some((at, len)) = split.filter(|(at, _)| *at > 0) {
            entries.push(GlossaryEntry::new(
                collapse(&text[..at]),
                collapse(&text[at + len..]),
            ));
            continue;
        }
        let short_term = collapse(text).split(' ').count() <= 5 && !text.ends_with(['.', ',']);
        match entries.last_mut() {
            Some(last) if last.definition.is_empty() => join_wrapped(&mut last.definition, text),
            Some(last) if !short_term || text.starts_with(char::is_lowercase) => {
                join_wrapped(&mut last.definition, text)
            }
            _ => entries.push(GlossaryEntry::new(collapse(text), "")),
        }
    }
    entries
}

/// One entry per line (bullets removed); a line starting in lower case continues the one
/// before.
fn entries(content: &[&Line]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in content {
        let text = collapse(bulleted_item(&line.text).unwrap_or(&line.text));
        match out.last_mut() {
            Some(last) if text.starts_with(char::is_lowercase) => join_wrapped(last, &text),
            _ => out.push(text),
        }
    }
    out
}

/// The metadata fields that hold something, by label, for the preview.
pub(super) fn metadata_filled(m: &UnitMetadata) -> Vec<&'static str> {
    [
        (!m.developed_by.is_empty(), MetaField::DevelopedBy),
        (m.version_number.is_some(), MetaField::Version),
        (m.date_approved.is_some(), MetaField::DateApproved),
        (m.indicative_review_date.is_some(), MetaField::ReviewDate),
        (m.validity.is_some(), MetaField::Validity),
        (m.status.is_some(), MetaField::Status),
        (
            !m.originating_organisation.is_empty(),
            MetaField::OriginatingOrganisation,
        ),
        (!m.original_urn.is_empty(), MetaField::OriginalUrn),
        (!m.occupations.is_empty(), MetaField::Occupations),
        (!m.suites.is_empty(), MetaField::Suites),
        (!m.keywords.is_empty(), MetaField::Keywords),
        (!m.soc_codes.is_empty(), MetaField::SocCodes),
        (m.category.is_some(), MetaField::Category),
    ]
    .into_iter()
    .filter(|(filled, _)| *filled)
    .map(|(_, field)| field.label())
    .collect()
}

/// The footer a PDF prints on every page — URN, title (wrapped as the footer wraps it) and page
/// number, in either order — recognised by letters and digits alone.
struct Footer {
    urn: String,
    title: String,
}

impl Footer {
    fn new(urn: &str, title: &str) -> Self {
        Self {
            urn: compact(urn),
            title: compact(title),
        }
    }

    /// How many lines from `at` are a footer (0: none). A line that is the URN alone is a
    /// running header.
    fn lines_at(&self, body: &[Line], at: usize) -> usize {
        if self.urn.is_empty() && self.title.is_empty() {
            return 0;
        }
        let first = compact(&body[at].text);
        // The URN or the title alone: a running header repeated on each page.
        if (!self.urn.is_empty() && first == self.urn)
            || (self.title.len() >= 12 && first == self.title)
        {
            return 1;
        }
        let wanted = [
            format!("{}{}", self.urn, self.title),
            format!("{}{}", self.title, self.urn),
        ];
        let mut text = String::new();
        for (taken, line) in body[at..].iter().take(3).enumerate() {
            if line.is_blank() {
                return 0;
            }
            text.push_str(&compact(&line.text));
            let tail = lines::page_tail(&text);
            let core = &text[..text.len() - tail];
            if tail > 0 && wanted.iter().any(|w| w == core) {
                return taken + 1;
            }
            if !wanted
                .iter()
                .any(|w| w.starts_with(core) && core.len() > self.urn.len())
            {
                return 0;
            }
        }
        0
    }
}
