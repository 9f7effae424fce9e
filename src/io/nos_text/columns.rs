//! The left column of a NOS PDF's text as `pdftotext -layout` (or a copy from the PDF) gives
//! it: section headings and metadata labels stand in a column of their own beside their text
//! ("Overview            This standard is about…") and break over lines ("Performance" /
//! "criteria", "Indicative Review" / "Date"). Such lines are rewritten as the heading on a line
//! of its own followed by its text, and a label followed by a tab and its value, which is how
//! the rest of the reader expects them.

use super::lines::{Line, could_begin_heading, section_of};
use super::metadata::{could_begin_label, is_whole_label};

/// The lines with left-column headings and labels unfolded; other lines are unchanged.
pub(super) fn unfold(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        match gather(&lines, i) {
            Some((taken, made)) => {
                out.extend(made);
                i += taken;
            }
            None => {
                out.push(lines[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// A line starting at the margin, split at its first tab or run of three or more spaces (the
/// gap between a layout's left column and its body, which differs from page to page): (left
/// cell, right cell).
fn cells(line: &Line) -> (String, Option<String>) {
    let raw = &line.raw;
    let tab = raw.find('\t');
    let gap = raw.find("   ");
    let at = match (tab, gap) {
        (Some(t), Some(g)) => Some(t.min(g)),
        (t, g) => t.or(g),
    };
    match at {
        Some(at) => (
            raw[..at].trim().to_string(),
            Some(raw[at..].trim().to_string()),
        ),
        None => (raw.trim().to_string(), None),
    }
}

/// From line `at`: a heading or label in the left column, over one or more lines, with what
/// stands beside it. `None` when nothing there needs rewriting.
fn gather(lines: &[Line], at: usize) -> Option<(usize, Vec<Line>)> {
    let first = &lines[at];
    if first.text.is_empty() || first.raw.starts_with([' ', '\t']) {
        return None;
    }
    let (left, right) = cells(first);
    let begins = |text: &str| could_begin_heading(text) || could_begin_label(text);
    if !begins(&left) {
        return None;
    }
    let mut joined = left;
    let mut beside: Vec<String> = right.into_iter().filter(|r| !r.is_empty()).collect();
    let mut taken = 1;
    // The longest run of left cells that makes a whole heading or label ("Performance" /
    // "criteria" is one heading, not "Performance" and a stray word).
    let mut whole = complete(&joined).then(|| (joined.clone(), taken, beside.len()));
    while let Some(next) = lines.get(at + taken) {
        if next.text.is_empty() || next.raw.starts_with([' ', '\t']) {
            break;
        }
        let (left, right) = cells(next);
        let longer = format!("{joined} {left}");
        if !begins(&longer) {
            break;
        }
        joined = longer;
        beside.extend(right.filter(|r| !r.is_empty()));
        taken += 1;
        if complete(&joined) {
            whole = Some((joined.clone(), taken, beside.len()));
        }
    }
    let (joined, taken, kept) = whole?;
    beside.truncate(kept);
    if taken == 1 && beside.is_empty() {
        return None;
    }
    let no = first.no;
    if section_of(&joined).is_some() {
        let mut made = vec![Line::made(no, &joined)];
        made.extend(beside.iter().map(|text| Line::made(no, text)));
        Some((taken, made))
    } else if taken > 1 {
        // A label broken over lines; its value beside it or on the lines below.
        let text = if beside.is_empty() {
            joined
        } else {
            format!("{joined}\t{}", beside.join(" "))
        };
        Some((taken, vec![Line::made(no, &text)]))
    } else {
        None
    }
}

fn complete(text: &str) -> bool {
    section_of(text).is_some() || is_whole_label(text)
}
