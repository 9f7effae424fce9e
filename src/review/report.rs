//! The consultation report: how many comments came from whom (by nation, stakeholder type,
//! type), what was decided, per unit, and what changed in the map since the review draft (the
//! versions comparison, comments left out).

use std::collections::BTreeMap;

use super::listing::comment_rows;
use crate::analysis::versions::{compare, report as change_report};
use crate::model::{CommentKind, Disposition, FunctionalMap, Nation};
use crate::render::escape::{markdown as escape_markdown, xml as escape_html};

/// Counts of one group of comments, by disposition.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub total: usize,
    pub open: usize,
    pub accepted: usize,
    pub modified: usize,
    pub noted: usize,
    pub rejected: usize,
}

impl Tally {
    fn add(&mut self, disposition: Disposition) {
        self.total += 1;
        match disposition {
            Disposition::Open => self.open += 1,
            Disposition::Accepted => self.accepted += 1,
            Disposition::AcceptedWithModification => self.modified += 1,
            Disposition::Noted => self.noted += 1,
            Disposition::Rejected => self.rejected += 1,
        }
    }

    fn cells(&self) -> [usize; 6] {
        [
            self.total,
            self.accepted,
            self.modified,
            self.noted,
            self.rejected,
            self.open,
        ]
    }
}

const TALLY_HEADINGS: [&str; 6] = [
    "Comments",
    "Accepted",
    "Accepted with modification",
    "Noted",
    "Rejected",
    "Open",
];

/// The report's figures.
#[derive(Clone, Debug, Default)]
pub struct Consultation {
    pub all: Tally,
    pub reviewers: usize,
    pub organisations: usize,
    /// Groups in a fixed order (nations and types as listed; stakeholder types alphabetically,
    /// "Not stated" last), each with its tally.
    pub by_nation: Vec<(String, Tally)>,
    pub by_stakeholder: Vec<(String, Tally)>,
    pub by_kind: Vec<(String, Tally)>,
    /// Units (and functions) with comments, in map order: place name, title, tally.
    pub by_unit: Vec<(String, String, Tally)>,
}

/// Counts the comments of `map`.
pub fn consultation(map: &FunctionalMap) -> Consultation {
    let rows = comment_rows(map);
    let mut result = Consultation::default();
    let mut nations: BTreeMap<Nation, Tally> = BTreeMap::new();
    let mut kinds: BTreeMap<CommentKind, Tally> = BTreeMap::new();
    let mut stakeholders: BTreeMap<String, Tally> = BTreeMap::new();
    let mut units: Vec<(String, String, Tally)> = Vec::new();
    let mut reviewers = std::collections::BTreeSet::new();
    let mut organisations = std::collections::BTreeSet::new();
    for row in &rows {
        let c = row.comment;
        result.all.add(c.disposition);
        nations.entry(c.nation).or_default().add(c.disposition);
        kinds.entry(c.kind).or_default().add(c.disposition);
        stakeholders
            .entry(c.stakeholder.trim().to_string())
            .or_default()
            .add(c.disposition);
        if !c.reviewer.trim().is_empty() || !c.organisation.trim().is_empty() {
            reviewers.insert((
                c.reviewer.trim().to_lowercase(),
                c.organisation.trim().to_lowercase(),
            ));
        }
        if !c.organisation.trim().is_empty() {
            organisations.insert(c.organisation.trim().to_lowercase());
        }
        match units.last_mut() {
            Some((name, _, tally)) if *name == row.node_name => tally.add(c.disposition),
            _ => {
                let mut tally = Tally::default();
                tally.add(c.disposition);
                units.push((row.node_name.clone(), row.node_title.clone(), tally));
            }
        }
    }
    result.reviewers = reviewers.len();
    result.organisations = organisations.len();
    result.by_nation = Nation::ALL
        .iter()
        .filter_map(|n| {
            let label = if *n == Nation::Unstated {
                "Not stated"
            } else {
                n.label()
            };
            nations.get(n).map(|t| (label.to_string(), *t))
        })
        .collect();
    result.by_kind = CommentKind::ALL
        .iter()
        .filter_map(|k| kinds.get(k).map(|t| (k.label().to_string(), *t)))
        .collect();
    let unstated = stakeholders.remove("");
    result.by_stakeholder = stakeholders.into_iter().collect();
    if let Some(tally) = unstated {
        result.by_stakeholder.push(("Not stated".into(), tally));
    }
    result.by_unit = units;
    result
}

/// "42 comments from 7 organisations (9 reviewers): 12 accepted, … 12 open."
pub fn counts_sentence(map: &FunctionalMap) -> String {
    tally_sentence(&consultation(map))
}

/// [`counts_sentence`] of figures already counted.
fn tally_sentence(c: &Consultation) -> String {
    if c.all.total == 0 {
        return "No comments yet.".into();
    }
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{} from {} ({}): {} accepted, {} accepted with modification, {} noted, {} rejected, {} open.",
        plural(c.all.total, "comment"),
        plural(c.organisations, "organisation"),
        plural(c.reviewers, "reviewer"),
        c.all.accepted,
        c.all.modified,
        c.all.noted,
        c.all.rejected,
        c.all.open
    )
}

/// The map without any comments: what "changed since the draft" compares.
fn without_comments(map: &FunctionalMap) -> FunctionalMap {
    let mut map = map.clone();
    let ids: Vec<_> = map
        .nodes()
        .filter(|(_, n)| !n.comments().is_empty())
        .map(|(id, _)| id)
        .collect();
    for id in ids {
        if let Some(node) = map.node_mut(id) {
            node.annotations_mut().comments.clear();
        }
    }
    map
}

/// The changes since the review draft, in words, grouped by key area.
fn changes_since(draft: &FunctionalMap, map: &FunctionalMap) -> (String, Vec<(String, String)>) {
    let (old, new) = (without_comments(draft), without_comments(map));
    let comparison = compare(&old, &new);
    let lines = change_report::describe(&old, &new, &comparison)
        .into_iter()
        .map(|d| (d.group, d.text))
        .collect();
    (change_report::summary(&comparison), lines)
}

/// The report as an HTML page.
pub fn report_html(map: &FunctionalMap, draft: Option<&FunctionalMap>) -> String {
    let c = consultation(map);
    let title = escape_html(&format!("Consultation report: {}", map.display_title()));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n\
         @page {{ size: A4; margin: 18mm; }}\n\
         body {{ font-family: 'DejaVu Sans', Arial, sans-serif; max-width: 52em; margin: 2em auto; line-height: 1.4; color: #1b1b1b; }}\n\
         table {{ border-collapse: collapse; margin: 0.5em 0 1.2em; }}\n\
         th, td {{ border: 1px solid #bbb; padding: 3px 8px; text-align: left; }}\n\
         td.n {{ text-align: right; }}\n\
         th {{ background: #dde6f0; }}\n\
         h2 {{ border-bottom: 1px solid #ccc; margin-top: 1.6em; }}\n\
         </style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{}</p>\n",
        escape_html(&tally_sentence(&c))
    );
    let table = |out: &mut String, heading: &str, first: &str, rows: &[(String, Tally)]| {
        out.push_str(&format!(
            "<h2>{heading}</h2>\n<table>\n<tr><th>{first}</th>"
        ));
        for h in TALLY_HEADINGS {
            out.push_str(&format!("<th>{h}</th>"));
        }
        out.push_str("</tr>\n");
        for (name, tally) in rows {
            out.push_str(&format!("<tr><td>{}</td>", escape_html(name)));
            for n in tally.cells() {
                out.push_str(&format!("<td class=\"n\">{n}</td>"));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    };
    table(&mut out, "By nation", "Nation", &c.by_nation);
    table(
        &mut out,
        "By stakeholder type",
        "Stakeholder type",
        &c.by_stakeholder,
    );
    table(&mut out, "By type of comment", "Type", &c.by_kind);
    let units: Vec<(String, Tally)> = c
        .by_unit
        .iter()
        .map(|(name, title, t)| (format!("{name} {title}"), *t))
        .collect();
    table(&mut out, "By unit", "Unit", &units);
    if let Some(draft) = draft {
        let (summary, lines) = changes_since(draft, map);
        out.push_str(&format!(
            "<h2>What changed since the review draft</h2>\n<p>{}</p>\n",
            escape_html(&summary)
        ));
        let mut group = None;
        for (g, text) in lines {
            if group.as_ref() != Some(&g) {
                if group.is_some() {
                    out.push_str("</ul>\n");
                }
                out.push_str(&format!("<h3>{}</h3>\n<ul>\n", escape_html(&g)));
                group = Some(g);
            }
            out.push_str(&format!("<li>{}</li>\n", escape_html(&text)));
        }
        if group.is_some() {
            out.push_str("</ul>\n");
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The report as Markdown.
pub fn report_markdown(map: &FunctionalMap, draft: Option<&FunctionalMap>) -> String {
    let c = consultation(map);
    let mut out = format!(
        "# Consultation report: {}\n\n{}\n",
        escape_markdown(&map.display_title()),
        escape_markdown(&tally_sentence(&c))
    );
    let table = |out: &mut String, heading: &str, first: &str, rows: &[(String, Tally)]| {
        out.push_str(&format!("\n## {heading}\n\n| {first} |"));
        for h in TALLY_HEADINGS {
            out.push_str(&format!(" {h} |"));
        }
        out.push_str("\n| --- |");
        out.push_str(&" ---: |".repeat(TALLY_HEADINGS.len()));
        out.push('\n');
        for (name, tally) in rows {
            out.push_str(&format!(
                "| {} |",
                escape_markdown(name).replace('|', "\\|")
            ));
            for n in tally.cells() {
                out.push_str(&format!(" {n} |"));
            }
            out.push('\n');
        }
    };
    table(&mut out, "By nation", "Nation", &c.by_nation);
    table(
        &mut out,
        "By stakeholder type",
        "Stakeholder type",
        &c.by_stakeholder,
    );
    table(&mut out, "By type of comment", "Type", &c.by_kind);
    let units: Vec<(String, Tally)> = c
        .by_unit
        .iter()
        .map(|(name, title, t)| (format!("{name} {title}"), *t))
        .collect();
    table(&mut out, "By unit", "Unit", &units);
    if let Some(draft) = draft {
        let (summary, lines) = changes_since(draft, map);
        out.push_str(&format!(
            "\n## What changed since the review draft\n\n{}\n",
            escape_markdown(&summary)
        ));
        let mut group = None;
        for (g, text) in lines {
            if group.as_ref() != Some(&g) {
                out.push_str(&format!("\n### {}\n\n", escape_markdown(&g)));
                group = Some(g);
            }
            out.push_str(&format!("- {}\n", escape_markdown(&text)));
        }
    }
    out
}
