//! The workshop report as one HTML page that prints on A4: the session's particulars as a
//! definition list, each section a heading with a list or a sentence, the votes as a table.

use std::fmt::Write as _;

use super::{Block, Vote, WorkshopReport};
use crate::render::escape::xml;

const STYLE: &str = "@page { size: A4; margin: 20mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1d232b; max-width: 48em; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 0.6em; }
h2 { font-size: 13pt; margin: 1.4em 0 0.4em; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 1em 0 0.3em; page-break-after: avoid; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; margin: 0 0 1em; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
ul { margin: 0.3em 0 0.8em; padding-left: 1.4em; } li { margin: 0.15em 0; page-break-inside: avoid; }
p.empty { color: #55606c; font-style: italic; }
table { border-collapse: collapse; margin: 0.4em 0 1em; min-width: 60%; }
th, td { border: 1px solid #9aa5b1; padding: 3pt 6pt; vertical-align: top; text-align: left; }
thead th { background: #dde6f0; } tbody th { font-weight: normal; } tr { page-break-inside: avoid; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }";

/// The report as a complete HTML page.
pub fn to_html(report: &WorkshopReport) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"nosmap\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n",
        xml(&report.title())
    );
    // Consecutive facts make one list.
    let mut in_facts = false;
    for block in report.blocks() {
        let is_fact = matches!(block, Block::Fact(..));
        if in_facts && !is_fact {
            out.push_str("</dl>\n");
        } else if !in_facts && is_fact {
            out.push_str("<dl class=\"facts\">\n");
        }
        in_facts = is_fact;
        match &block {
            Block::Title(text) => {
                let _ = writeln!(out, "<h1>{}</h1>", xml(text));
            }
            Block::Fact(name, value) => {
                let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", xml(name), xml(value));
            }
            Block::Heading(level, text) => {
                let level = (*level).clamp(2, 4);
                let _ = writeln!(out, "<h{level}>{}</h{level}>", xml(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p class=\"empty\">{}</p>", xml(text));
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", xml(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Votes(votes) => write_votes(&mut out, votes),
        }
    }
    if in_facts {
        out.push_str("</dl>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn write_votes(out: &mut String, votes: &[Vote]) {
    out.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Box</th><th scope=\"col\" class=\"number\">For</th><th scope=\"col\" class=\"number\">Against</th></tr></thead>\n<tbody>\n",
    );
    for vote in votes {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"number\">{}</td><td class=\"number\">{}</td></tr>",
            xml(&vote.label),
            vote.votes_for,
            vote.votes_against
        );
    }
    out.push_str("</tbody>\n</table>\n");
}
