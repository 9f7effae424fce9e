//! The session's decisions as CSV, one row each, for a spreadsheet or a script: boxes agreed
//! (detail: the ISO date agreed), to discuss, voted on (the counts), added, changed, moved or
//! removed (detail: what changed), and ideas (box: what it was placed as; detail: its words).
//! UTF-8 with a byte-order mark so Excel reads the accents; a cell a spreadsheet would run as a
//! formula is written as text.

use super::WorkshopReport;
use crate::io::table::{BOM, spreadsheet_safe};

/// The header row.
pub const COLUMNS: [&str; 6] = [
    "session",
    "kind",
    "box",
    "votes_for",
    "votes_against",
    "detail",
];

/// The `kind` of each row, as written.
pub const AGREED: &str = "agreed";
pub const TO_DISCUSS: &str = "to discuss";
pub const VOTES: &str = "votes";
pub const IDEA: &str = "idea";

/// The decisions of the report as CSV (the session column: its ISO date, or empty).
pub fn to_csv(report: &WorkshopReport) -> String {
    let session = report.date.map(|d| d.to_string()).unwrap_or_default();
    let row = |kind: &str, label: &str, votes: Option<(u32, u32)>, detail: &str| -> [String; 6] {
        let (votes_for, votes_against) = votes.map_or((String::new(), String::new()), |(f, a)| {
            (f.to_string(), a.to_string())
        });
        [
            session.clone(),
            kind.to_string(),
            spreadsheet_safe(label).into_owned(),
            votes_for,
            votes_against,
            spreadsheet_safe(detail).into_owned(),
        ]
    };
    let mut rows: Vec<[String; 6]> = Vec::new();
    for agreed in &report.agreed {
        rows.push(row(AGREED, &agreed.label, None, &agreed.on.to_string()));
    }
    for label in &report.to_discuss {
        rows.push(row(TO_DISCUSS, label, None, ""));
    }
    for vote in &report.votes {
        rows.push(row(
            VOTES,
            &vote.label,
            Some((vote.votes_for, vote.votes_against)),
            "",
        ));
    }
    for group in &report.changes {
        for entry in &group.entries {
            rows.push(row(group.kind.word(), &entry.label, None, &entry.detail));
        }
    }
    for idea in &report.ideas {
        rows.push(row(
            IDEA,
            idea.placed_as.as_deref().unwrap_or(""),
            None,
            &idea.text,
        ));
    }
    let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let header = COLUMNS.map(String::from);
    for record in std::iter::once(header).chain(rows) {
        // Writing to memory cannot fail, and every record has the header's six cells.
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}
