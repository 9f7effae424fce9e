//! The workshop report as Markdown: the session's particulars in bold-labelled lines, each
//! section a heading with a list or a sentence, the votes as a table (counts right-aligned).

use std::fmt::Write as _;

use super::{Block, WorkshopReport};
use crate::render::escape::markdown as esc;

/// The report as Markdown; every word from the map and the log is escaped.
pub fn to_markdown(report: &WorkshopReport) -> String {
    let mut out = String::new();
    let mut in_facts = false;
    for block in report.blocks() {
        let is_fact = matches!(block, Block::Fact(..));
        if in_facts && !is_fact {
            // The facts are one paragraph of hard-broken lines; a blank line ends it.
            out.push('\n');
        }
        in_facts = is_fact;
        match &block {
            Block::Title(text) => {
                let _ = writeln!(out, "# {}\n", esc(text));
            }
            Block::Fact(name, value) => {
                // Two trailing spaces: a line break within the paragraph.
                let _ = writeln!(out, "**{}:** {}  ", esc(name), esc(value));
            }
            Block::Heading(level, text) => {
                let _ = writeln!(out, "{} {}\n", "#".repeat((*level).clamp(2, 4)), esc(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "*{}*\n", esc(text));
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", list_item(item));
                }
                out.push('\n');
            }
            Block::Votes(votes) => {
                out.push_str("| Box | For | Against |\n| --- | ---: | ---: |\n");
                for vote in votes {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} |",
                        esc(&vote.label),
                        vote.votes_for,
                        vote.votes_against
                    );
                }
                out.push('\n');
            }
        }
    }
    if in_facts {
        out.push('\n');
    }
    out
}

/// An item's words escaped, and a start Markdown would read as a list of its own ("- ", "+ ",
/// "1. ", "2) ") escaped too, so an idea written as "1. Ask employers" stays one item.
fn list_item(text: &str) -> String {
    let escaped = esc(text.trim());
    if escaped.starts_with("- ") || escaped.starts_with("+ ") {
        return format!("\\{escaped}");
    }
    // Digits are ASCII: their count is a byte index.
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    let rest = &escaped[digits..];
    let marker = rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")";
    if digits > 0 && marker {
        return format!("{}\\{rest}", &escaped[..digits]);
    }
    escaped
}
