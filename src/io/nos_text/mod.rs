//! Published NOS pasted or saved as text — the ukstandards.org.uk page or a NOS PDF's text
//! (layouts in shared/design/nos-domain.md §7) — read into units.
//!
//! Reading never fails: every line ends up in a unit's field, is recognised as what copying adds
//! (stems, page footers and numbers, protective-marking banners, "Additional Information"), or is
//! reported as left over with its line number, so a preview can say what went where before
//! anything is added. A paste may hold several units one after another: each starts at its
//! "Overview" heading (or, failing one, its "Performance criteria"), with the URN and title on the
//! lines just before it.

mod columns;
mod lines;
mod metadata;
mod sections;

use crate::edit::Edit;
use crate::model::{FunctionalMap, Node, NodeId, StatementList, Unit, split_leading_urn};

use lines::{Line, Section, as_urn, collapse, compact, section_of};

/// What a paste holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PastedText {
    /// The units found, in the order of the text.
    pub units: Vec<PastedUnit>,
    /// Text before the first unit that belongs to none ("Back to search results").
    pub before: Vec<Leftover>,
}

/// One unit read from the text, with what could not be placed in it.
#[derive(Clone, Debug, PartialEq)]
pub struct PastedUnit {
    /// The unit; its statements have no ids yet (the map gives them when it is added).
    pub unit: Unit,
    /// The line its header starts on.
    pub line: usize,
    /// Text in the unit's part of the paste that belongs to no field.
    pub leftover: Vec<Leftover>,
    /// How something was read that the reader should know of ("Date approved “March 2021”
    /// gives no day: read as 2021-03-01").
    pub notes: Vec<String>,
}

/// A block of text that went nowhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leftover {
    /// Its first line in the paste.
    pub line: usize,
    /// Its words, lines joined with spaces.
    pub text: String,
}

/// Reads pasted text. See the module documentation.
pub fn read(text: &str) -> PastedText {
    let lines = split_heading_stems(columns::unfold(lines::split(text)));
    let anchors = unit_starts(&lines);
    let mut pasted = PastedText::default();
    if anchors.is_empty() {
        pasted.before = leftover_blocks(&lines, &[]);
        return pasted;
    }
    let mut headers = Vec::new();
    let mut floor = 0;
    for &anchor in &anchors {
        headers.push(header(&lines, floor, anchor));
        floor = anchor + 1;
    }
    let first_start = headers[0].start;
    pasted.before = leftover_blocks(&lines[..first_start], &[]);
    for (i, head) in headers.iter().enumerate() {
        let end = headers.get(i + 1).map_or(lines.len(), |next| next.start);
        pasted
            .units
            .push(sections::unit(head, &lines[anchors[i]..end]));
    }
    pasted
}

/// A unit's URN and title, and where they start.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    pub start: usize,
    pub line: usize,
    pub urn: String,
    pub title: String,
    /// Web page words among the header's lines ("Download PDF") and lines there that are not
    /// the title: reported as left over.
    pub chrome: Vec<Leftover>,
}

/// The header of the unit whose body starts at `anchor`: the nearest URN-shaped line before it
/// (within a few lines), with the title either between the two (as in a PDF, where it may
/// wrap) or on the line before the URN (as on the web page). No URN: the line before the
/// anchor is the title.
fn header(lines: &[Line], floor: usize, anchor: usize) -> Header {
    let mut chrome = Vec::new();
    let candidates: Vec<usize> = (floor..anchor)
        .rev()
        .filter(|&i| {
            let text = &lines[i].text;
            if lines::is_page_chrome(text) {
                chrome.push(Leftover {
                    line: lines[i].no,
                    text: collapse(text),
                });
                return false;
            }
            !text.is_empty() && !lines::is_banner_or_page_number(text)
        })
        .take(6)
        .collect();
    let urn_at = candidates.iter().copied().find_map(|i| {
        urn_label(&lines[i].text)
            .or_else(|| as_urn(&lines[i].text))
            .map(|urn| (i, urn))
    });
    let titled = |at: usize| section_of(&lines[at].text).is_none();
    let mut head = match urn_at {
        Some((u, urn)) => {
            let between: Vec<usize> = candidates.iter().copied().filter(|&i| i > u).collect();
            if between.is_empty() {
                match candidates
                    .iter()
                    .copied()
                    .find(|&i| i < u)
                    .filter(|&i| titled(i))
                {
                    Some(t) => header_at(lines, t, urn, &[t]),
                    None => header_at(lines, u, urn, &[]),
                }
            } else {
                // The three lines nearest the heading are the title; any others are reported.
                let mut title_lines: Vec<usize> = between.iter().copied().take(3).collect();
                title_lines.sort_unstable();
                for &extra in between.iter().skip(3) {
                    chrome.push(Leftover {
                        line: lines[extra].no,
                        text: collapse(&lines[extra].text),
                    });
                }
                header_at(lines, u, urn, &title_lines)
            }
        }
        None => match candidates.first().copied().filter(|&i| titled(i)) {
            Some(t) => {
                // "ABC12 Keep bees" on one line: the URN and the title.
                match split_leading_urn(&lines[t].text) {
                    Some((urn, title)) => Header {
                        title: collapse(&title),
                        ..header_at(lines, t, urn.replace(' ', ""), &[])
                    },
                    None => header_at(lines, t, String::new(), &[t]),
                }
            }
            None => header_at(lines, anchor, String::new(), &[]),
        },
    };
    // Chrome above the header's start is before the unit, and reported there.
    chrome.retain(|c| c.line >= lines[head.start].no);
    chrome.sort_by_key(|c| c.line);
    head.chrome = chrome;
    head
}

fn header_at(lines: &[Line], start: usize, urn: String, title_lines: &[usize]) -> Header {
    Header {
        start,
        line: lines[start].no,
        urn,
        title: collapse(
            &title_lines
                .iter()
                .map(|&i| lines[i].text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        chrome: Vec::new(),
    }
}

/// `URN: ABC12`, `Unique Reference Number ABC12`; `[Unique Reference Number]` (a template's
/// placeholder) as an empty URN.
fn urn_label(line: &str) -> Option<String> {
    if compact(line) == "uniquereferencenumber" {
        return Some(String::new());
    }
    ["unique reference number", "urn"].iter().find_map(|label| {
        let rest = lines::after_label(line, label)?;
        if !rest.starts_with([':', '\t', ' ']) {
            return None;
        }
        as_urn(rest.trim_start_matches([':', '\t', ' ']))
    })
}

/// Where units start: at each "Overview", and at a "Performance criteria" that comes before
/// any overview of its own (a unit published without one), so a unit without an overview
/// after one with it is a unit of its own.
fn unit_starts(lines: &[Line]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut criteria_seen = false;
    for (index, line) in lines.iter().enumerate() {
        match section_of(&line.text) {
            Some(Section::Overview) => {
                starts.push(index);
                criteria_seen = false;
            }
            Some(Section::List(StatementList::PerformanceCriteria)) => {
                if starts.is_empty() || criteria_seen {
                    starts.push(index);
                }
                criteria_seen = true;
            }
            _ => {}
        }
    }
    starts
}

/// "Performance criteria You must be able to:" on one line becomes two.
fn split_heading_stems(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        match lines::heading_before_stem(&line.text) {
            Some(at) => {
                out.push(Line::made(line.no, &line.text[..at]));
                out.push(Line::made(line.no, &line.text[at..]));
            }
            None => out.push(line),
        }
    }
    out
}

/// Lines that went nowhere as blocks (runs of lines without a blank between), without page
/// furniture and without the lines in `skip`.
fn leftover_blocks(lines: &[Line], skip: &[usize]) -> Vec<Leftover> {
    let mut blocks: Vec<Leftover> = Vec::new();
    let mut open = false;
    for line in lines {
        if line.is_blank() {
            open = false;
            continue;
        }
        if lines::is_banner_or_page_number(&line.text) || skip.contains(&line.no) {
            continue;
        }
        match blocks.last_mut() {
            Some(block) if open => {
                block.text.push(' ');
                block.text.push_str(&collapse(&line.text));
            }
            _ => blocks.push(Leftover {
                line: line.no,
                text: collapse(&line.text),
            }),
        }
        open = true;
    }
    blocks
}

impl PastedUnit {
    /// What went where, one line per field that got something: "Performance criteria: P1–P8".
    pub fn summary(&self) -> Vec<String> {
        let unit = &self.unit;
        let mut said = Vec::new();
        if !unit.overview.is_empty() {
            let paragraphs = unit.overview.split("\n\n").count();
            said.push(format!(
                "Overview: {paragraphs} paragraph{}",
                if paragraphs == 1 { "" } else { "s" }
            ));
        }
        for list in StatementList::ALL {
            let items = unit.statements(list).iter().filter(|s| s.is_item()).count();
            let headings = unit.statements(list).len() - items;
            if items + headings == 0 {
                continue;
            }
            let what = match list.prefix() {
                Some(p) if items > 1 => format!("{p}1–{p}{items}"),
                Some(p) if items == 1 => format!("{p}1"),
                _ => format!("{items} item{}", if items == 1 { "" } else { "s" }),
            };
            let headings = match headings {
                0 => String::new(),
                1 => " under 1 heading".into(),
                n => format!(" under {n} headings"),
            };
            said.push(format!("{}: {what}{headings}", list.label()));
        }
        let counted = |label: &str, n: usize, said: &mut Vec<String>| {
            if n > 0 {
                said.push(format!("{label}: {n}"));
            }
        };
        counted("Glossary entries", unit.glossary.len(), &mut said);
        counted(
            "Links to other NOS",
            unit.links_to_other_nos.len(),
            &mut said,
        );
        counted("External links", unit.external_links.len(), &mut said);
        let meta = sections::metadata_filled(&unit.metadata);
        if !meta.is_empty() {
            said.push(format!("Metadata: {}", meta.join(", ")));
        }
        said
    }

    /// The unit's name for the preview: "ABC12 Keep bees" or what it lacks.
    pub fn name(&self) -> String {
        match (self.unit.urn.is_empty(), self.unit.title.is_empty()) {
            (false, false) => format!("{} {}", self.unit.urn, self.unit.title),
            (false, true) => format!("{} (no title found)", self.unit.urn),
            (true, false) => format!("{} (no URN found)", self.unit.title),
            (true, true) => "A unit with no URN or title found".into(),
        }
    }
}

impl PastedText {
    /// Every leftover block, before the units and in each, in the order of the text.
    pub fn all_leftover(&self) -> Vec<&Leftover> {
        let mut all: Vec<&Leftover> = self.before.iter().collect();
        all.extend(self.units.iter().flat_map(|u| u.leftover.iter()));
        all.sort_by_key(|l| l.line);
        all
    }

    /// Warnings about the map the units would join: URNs it already has.
    pub fn clashes(&self, map: &FunctionalMap) -> Vec<String> {
        self.units
            .iter()
            .filter(|u| !u.unit.urn.is_empty())
            .filter(|u| map.units().any(|(_, existing)| existing.urn == u.unit.urn))
            .map(|u| {
                format!(
                    "{} is already in the map: it would be added as a second unit with that URN",
                    u.unit.urn
                )
            })
            .collect()
    }
}

/// The edits that add the units under `parent` from position `index`, in order: one
/// `AddNode` each, with node ids from the map's next free one.
pub fn add_edits(
    map: &FunctionalMap,
    units: &[PastedUnit],
    parent: NodeId,
    index: usize,
) -> Vec<Edit> {
    let mut next = map.next_free_id();
    units
        .iter()
        .enumerate()
        .map(|(offset, pasted)| {
            let id = next;
            next = next.next();
            Edit::AddNode {
                id,
                parent,
                index: index + offset,
                node: Node::Unit(Box::new(pasted.unit.clone())),
            }
        })
        .collect()
}

/// A new map of the units: a key area per suite the units name first (in order of first
/// appearance; "Imported NOS" for units naming none), each unit under its own.
pub fn new_map(units: &[PastedUnit]) -> Result<FunctionalMap, String> {
    use crate::edit::Document;
    use crate::model::{Function, KeyPurpose, MapMeta};
    let mut doc = Document::new(FunctionalMap::new(
        MapMeta::new("Imported NOS"),
        KeyPurpose::new("Key purpose to be agreed"),
    ));
    let root = doc.map().root();
    let mut areas: Vec<(String, NodeId)> = Vec::new();
    for pasted in units {
        let suite = pasted
            .unit
            .metadata
            .suites
            .first()
            .cloned()
            .unwrap_or_else(|| "Imported NOS".to_string());
        let area = match areas.iter().find(|(name, _)| *name == suite) {
            Some((_, id)) => *id,
            None => {
                let id = doc.map().next_free_id();
                let code = area_code(areas.len());
                let add = Edit::AddNode {
                    id,
                    parent: root,
                    index: areas.len(),
                    node: Node::Function(Function::new(code, suite.clone())),
                };
                doc.apply("add", add).map_err(|e| e.to_string())?;
                areas.push((suite, id));
                id
            }
        };
        let index = doc.map().children(area).len();
        for edit in add_edits(doc.map(), std::slice::from_ref(pasted), area, index) {
            doc.apply("add", edit)
                .map_err(|e| format!("{}: {e}", pasted.name()))?;
        }
    }
    Ok(doc.into_map())
}

/// A, B, … Z, AA, AB …: key-area letters as published maps use them.
fn area_code(index: usize) -> String {
    let letter = |i: usize| char::from(b'A' + (i % 26) as u8);
    if index < 26 {
        letter(index).to_string()
    } else {
        format!("{}{}", letter(index / 26 - 1), letter(index))
    }
}
