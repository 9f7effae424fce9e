//! The "Workshop decisions" report of a session of the workshop log: a session held through the
//! log's own functions (ideas parked, one placed in the map, boxes agreed, left to discuss and
//! voted on, a unit added and a function renamed, the session recorded against the map as it
//! began), then read back from each format as a reader would get it: the HTML and Markdown as
//! text, the CSV parsed, the Word document unzipped and its XML parsed, the PDF through poppler's
//! pdftotext and pdfinfo, and the command line writing each of them.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::io::Read;
use std::path::Path;

use nosmap::edit::ops::{mark, new_child};
use nosmap::edit::{Document, Edit};
use nosmap::model::{ChangeKind, Date, FunctionalMap, Node, NodeKind, Verdict};
use nosmap::render::workshop::{
    NO_CHANGES, NO_VOTES, NOTHING_AGREED, NOTHING_TO_DISCUSS, build, session_for, to_csv, to_docx,
    to_html, to_markdown, to_pdf,
};
use nosmap::walkthrough::log::{park_idea, place_idea, record_session, sessions, set_people};

fn day() -> Date {
    Date::new(2026, 12, 4).unwrap()
}

fn later_day() -> Date {
    Date::new(2026, 12, 11).unwrap()
}

const HOSTILE_IDEA: &str = "<script>alert(1)</script> & more";
const IDEAS: [&str; 3] = ["Use peer coaching", "Add a digital unit", HOSTILE_IDEA];
const FACILITATOR: &str = "Asha Patel";
const RENAMED: &str = "Agree objectives and measures";

/// What every format must say of the session of [`held_session`], in plain words.
const SAID: [&str; 11] = [
    "4 December 2026",
    FACILITATOR,
    "Ben Jones, Skills for Care",
    "A Plan work",
    "B Deliver work",
    "TST03 Deliver services",
    "Serve customers online",
    RENAMED,
    "Use peer coaching",
    "Add a digital unit",
    "placed as Add a digital unit",
];

fn apply_all(doc: &mut Document, label: &str, edits: Vec<Edit>) {
    doc.transact(label, |doc| {
        edits.into_iter().try_for_each(|e| doc.apply(label, e))
    })
    .unwrap();
}

/// `common::small()` through a session on 4 December 2026: three ideas parked (one placed
/// under B), who ran it and who came, A agreed, B to discuss, 3 for and 1 against TST03, a unit
/// added under B and A1 renamed; then the session recorded, as workshop mode does when the
/// presentation ends.
fn held_session() -> FunctionalMap {
    let mut s = common::small();
    let baseline = s.doc.map().clone();
    for idea in IDEAS {
        let edit = park_idea(s.doc.map(), Some(day()), idea).unwrap();
        s.doc.apply("idea", edit).unwrap();
    }
    let attendees = vec![
        "Ben Jones, Skills for Care".to_string(),
        "Chloé Martin".to_string(),
    ];
    let edit = set_people(s.doc.map(), 0, FACILITATOR, &attendees).unwrap();
    s.doc.apply("people", edit).unwrap();
    let edit = mark(s.doc.map(), s.a, |w| {
        w.verdict = Some(Verdict::Agreed(day()))
    })
    .unwrap();
    s.doc.apply("agree", edit).unwrap();
    let edit = mark(s.doc.map(), s.b, |w| {
        w.verdict = Some(Verdict::NeedsDiscussion)
    })
    .unwrap();
    s.doc.apply("discuss", edit).unwrap();
    let edit = mark(s.doc.map(), s.u3, |w| {
        w.votes_for = 3;
        w.votes_against = 1;
    })
    .unwrap();
    s.doc.apply("votes", edit).unwrap();
    let (_, add) = new_child(s.doc.map(), s.b, NodeKind::Unit, "Serve customers online").unwrap();
    s.doc.apply("add", add).unwrap();
    let mut renamed = s.doc.map().node(s.a1).unwrap().clone();
    if let Node::Function(f) = &mut renamed {
        f.title = RENAMED.into();
    }
    s.doc
        .apply(
            "rename",
            Edit::SetNode {
                id: s.a1,
                node: renamed,
            },
        )
        .unwrap();
    let idea = sessions(s.doc.map())[0]
        .ideas
        .iter()
        .find(|i| i.text == "Add a digital unit")
        .unwrap()
        .id;
    let (_, edits) = place_idea(s.doc.map(), idea, s.b).unwrap();
    apply_all(&mut s.doc, "place idea", edits);
    let edit = record_session(&baseline, s.doc.map(), Some(day())).unwrap();
    s.doc.apply("record", edit).unwrap();
    s.doc.map().clone()
}

/// [`held_session`] and a second session a week later, run by someone else.
fn two_sessions() -> FunctionalMap {
    let mut doc = Document::new(held_session());
    let edit = park_idea(doc.map(), Some(later_day()), "Ask employers").unwrap();
    doc.apply("idea", edit).unwrap();
    let edit = set_people(doc.map(), 1, "Dev Singh", &[]).unwrap();
    doc.apply("people", edit).unwrap();
    doc.map().clone()
}

fn report_of(map: &FunctionalMap) -> nosmap::render::workshop::WorkshopReport {
    build(map, session_for(map, None).unwrap()).unwrap()
}

/// Whitespace as one space: a wrapped or laid-out line reads as the words it holds.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_report_holds_what_the_session_decided() {
    let map = held_session();
    assert_eq!(session_for(&map, None), Some(0));
    assert_eq!(session_for(&map, Some(day())), Some(0));
    assert_eq!(session_for(&map, Some(later_day())), None);
    assert!(build(&map, 1).is_none(), "no second session");

    let report = build(&map, 0).unwrap();
    assert_eq!(report.map_title, "Small");
    assert_eq!(report.date, Some(day()));
    assert_eq!(report.session_title, "4 December 2026");
    assert_eq!(report.facilitator, FACILITATOR);
    assert_eq!(report.attendees.len(), 2);
    let agreed: Vec<_> = report
        .agreed
        .iter()
        .map(|a| (a.label.as_str(), a.on))
        .collect();
    assert_eq!(agreed, [("A Plan work", day())]);
    assert_eq!(report.to_discuss, ["B Deliver work"]);
    let votes: Vec<_> = report
        .votes
        .iter()
        .map(|v| (v.label.as_str(), v.votes_for, v.votes_against))
        .collect();
    assert_eq!(votes, [("TST03 Deliver services", 3, 1)]);
    let changes: Vec<(ChangeKind, Vec<&str>)> = report
        .changes
        .iter()
        .map(|g| (g.kind, g.entries.iter().map(|e| e.label.as_str()).collect()))
        .collect();
    assert_eq!(
        changes,
        [
            (
                ChangeKind::Added,
                vec!["Serve customers online", "Add a digital unit"]
            ),
            (
                ChangeKind::Changed,
                vec!["A1 Agree objectives and measures"]
            ),
        ]
    );
    let ideas: Vec<_> = report
        .ideas
        .iter()
        .map(|i| (i.text.as_str(), i.placed_as.as_deref()))
        .collect();
    assert_eq!(
        ideas,
        [
            ("Use peer coaching", None),
            ("Add a digital unit", Some("Add a digital unit")),
            (HOSTILE_IDEA, None),
        ]
    );
}

#[test]
fn the_html_page_holds_every_decision_and_escapes_the_rooms_words() {
    let html = to_html(&report_of(&held_session()));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("@page { size: A4"));
    assert!(html.trim_end().ends_with("</html>"));
    for said in SAID {
        assert!(html.contains(said), "{said} in {html}");
    }
    assert!(!html.contains("<script>"), "an idea is text, never markup");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
    // The votes as a table: the box, then its counts.
    assert!(html.contains("<table>"));
    assert!(html.contains(
        "<th scope=\"row\">TST03 Deliver services</th><td class=\"number\">3</td><td class=\"number\">1</td>"
    ));
    for heading in ["Agreed", "To discuss", "Votes", "Added", "Changed", "Ideas"] {
        assert!(html.contains(&format!(">{heading}</h")), "{heading}");
    }
}

#[test]
fn the_markdown_holds_every_decision_with_the_votes_as_a_table() {
    let markdown = to_markdown(&report_of(&held_session()));
    assert!(markdown.starts_with("# Workshop decisions — Small\n"));
    for said in SAID {
        assert!(markdown.contains(said), "{said} in {markdown}");
    }
    assert!(markdown.contains("| TST03 Deliver services | 3 | 1 |"));
    assert!(markdown.contains("| --- | ---: | ---: |"));
    assert!(!markdown.contains("<script>"));
    assert!(markdown.contains("## Ideas"));
    assert!(markdown.contains("### Added"));
}

#[test]
fn empty_sections_say_so_instead_of_vanishing() {
    let mut s = common::small();
    let edit = park_idea(s.doc.map(), Some(day()), "Use peer coaching").unwrap();
    s.doc.apply("idea", edit).unwrap();
    let report = report_of(s.doc.map());
    let html = to_html(&report);
    let markdown = to_markdown(&report);
    for sentence in [NOTHING_AGREED, NOTHING_TO_DISCUSS, NO_VOTES, NO_CHANGES] {
        assert!(html.contains(sentence), "{sentence} in the HTML");
        assert!(markdown.contains(sentence), "{sentence} in the Markdown");
    }
    assert!(html.contains("not recorded"), "no facilitator recorded");
    assert!(html.contains("Use peer coaching"));
    assert!(!html.contains("<table>"), "no votes, no table");
    // The header and the idea: nothing decided.
    let rows = common::csv_rows(&to_csv(&report));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][1], "idea");
}

#[test]
fn the_csv_has_a_row_per_decision_change_and_idea() {
    let rows = common::csv_rows(&to_csv(&report_of(&held_session())));
    assert_eq!(
        rows[0],
        [
            "session",
            "kind",
            "box",
            "votes_for",
            "votes_against",
            "detail"
        ]
    );
    let body = &rows[1..];
    assert!(body.iter().all(|r| r.len() == 6 && r[0] == "2026-12-04"));
    let count = |kind: &str| body.iter().filter(|r| r[1] == kind).count();
    for (kind, expected) in [
        ("agreed", 1),
        ("to discuss", 1),
        ("votes", 1),
        ("added", 2),
        ("changed", 1),
        ("moved", 0),
        ("removed", 0),
        ("idea", 3),
    ] {
        assert_eq!(count(kind), expected, "{kind} rows in {body:?}");
    }
    assert_eq!(body.len(), 9, "no row of another kind");
    let row = |kind: &str, label: &str| {
        body.iter()
            .find(|r| r[1] == kind && r[2] == label)
            .unwrap_or_else(|| panic!("no {kind} row for {label} in {body:?}"))
    };
    assert_eq!(row("agreed", "A Plan work")[5], "2026-12-04");
    row("to discuss", "B Deliver work");
    let votes = row("votes", "TST03 Deliver services");
    assert_eq!((votes[3].as_str(), votes[4].as_str()), ("3", "1"));
    row("added", "Serve customers online");
    assert!(row("changed", "A1 Agree objectives and measures")[5].contains(RENAMED));
    let ideas: Vec<(&str, &str)> = body
        .iter()
        .filter(|r| r[1] == "idea")
        .map(|r| (r[2].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        ideas,
        [
            ("", "Use peer coaching"),
            ("Add a digital unit", "Add a digital unit"),
            ("", HOSTILE_IDEA),
        ]
    );
}

/// A part of the Word document's package, as text.
fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The words of every `w:t` in `xml`, and those inside tables.
fn word_texts(xml: &str) -> (Vec<String>, Vec<String>) {
    let document = roxmltree::Document::parse(xml).unwrap();
    let mut all = Vec::new();
    let mut in_tables = Vec::new();
    for node in document
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "t")
    {
        let text = node.text().unwrap_or("").to_string();
        if node.ancestors().any(|a| a.tag_name().name() == "tbl") {
            in_tables.push(text.clone());
        }
        all.push(text);
    }
    (all, in_tables)
}

#[test]
fn the_word_document_holds_every_decision_in_headings_lists_and_a_votes_table() {
    let docx = to_docx(&report_of(&held_session())).unwrap();
    let xml = part(&docx, "word/document.xml");
    let (texts, in_tables) = word_texts(&xml);
    let joined = texts.join("\n");
    for said in SAID {
        assert!(joined.contains(said), "{said} in {joined}");
    }
    assert!(
        texts.iter().any(|t| t == HOSTILE_IDEA),
        "the idea's words, escaped in the XML and read back whole"
    );
    assert!(!xml.contains("<script>"));
    assert_eq!(
        in_tables,
        ["Box", "For", "Against", "TST03 Deliver services", "3", "1"]
    );
    assert!(
        xml.contains("w:val=\"Heading1\""),
        "sections in Word's heading styles"
    );
    assert!(xml.contains("w:val=\"Title\""));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx.as_slice())).unwrap();
    let footers: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.starts_with("word/footer"))
        .collect();
    assert!(!footers.is_empty(), "a footer");
    let footer = part(&docx, &footers[0]);
    assert!(
        footer.contains("Workshop decisions — Small, page "),
        "{footer}"
    );
    assert!(archive.by_name("word/styles.xml").is_ok());
}

/// The PDF's text as pdftotext lays it out, and pdfinfo's report; `None` without poppler.
fn pdf_read(pdf: &[u8], folder: &Path) -> Option<(String, String)> {
    let path = folder.join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let path = path.to_str().unwrap();
    let text = common::poppler("pdftotext", &["-layout", path, "-"])?;
    let info = common::poppler("pdfinfo", &[path])?;
    Some((text, info))
}

/// The page count pdfinfo gives, and whether every page is A4 portrait (595 × 842 pt).
fn pages_are_a4(pdf: &Path, info: &str) -> (usize, bool) {
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let last = pages.to_string();
    let sizes = common::poppler(
        "pdfinfo",
        &["-f", "1", "-l", last.as_str(), pdf.to_str().unwrap()],
    )
    .unwrap();
    // "Page    1 size: 595.276 x 841.89 pts (A4)", one line per page.
    let page_sizes: Vec<&str> = sizes
        .lines()
        .filter(|l| {
            let mut words = l.split_whitespace();
            words.next() == Some("Page")
                && words.next().is_some_and(|n| n.parse::<usize>().is_ok())
                && l.contains("size:")
        })
        .collect();
    let all_a4 = page_sizes.len() == pages
        && page_sizes
            .iter()
            .all(|l| l.contains("595.2") && l.contains("841.8"));
    (pages, all_a4)
}

#[test]
fn the_pdf_is_a4_and_holds_every_decision_as_text() {
    let folder = tempfile::tempdir().unwrap();
    let pdf = to_pdf(&report_of(&held_session())).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let Some((text, info)) = pdf_read(&pdf, folder.path()) else {
        return;
    };
    let flat_text = flat(&text);
    for said in SAID {
        assert!(flat_text.contains(said), "{said} in {text}");
    }
    assert!(flat_text.contains(HOSTILE_IDEA), "{text}");
    assert!(flat_text.contains("Workshop decisions — Small, page 1"));
    // The votes row: the box, then its counts in their columns.
    let row = text
        .lines()
        .find(|l| l.contains("TST03 Deliver services") && !l.contains("•"))
        .unwrap();
    let words: Vec<&str> = row.split_whitespace().collect();
    assert!(words.ends_with(&["3", "1"]), "{row}");
    assert!(info.contains("Workshop decisions — Small"), "title: {info}");
    let (pages, a4) = pages_are_a4(&folder.path().join("report.pdf"), &info);
    assert_eq!(pages, 1);
    assert!(a4, "{info}");
}

#[test]
fn a_long_session_runs_onto_more_a4_pages_each_numbered() {
    let mut s = common::small();
    for n in 1..=150 {
        let idea = format!("Idea {n}: ask the sector about the unit in more words than fit");
        let edit = park_idea(s.doc.map(), Some(day()), &idea).unwrap();
        s.doc.apply("idea", edit).unwrap();
    }
    let folder = tempfile::tempdir().unwrap();
    let pdf = to_pdf(&report_of(s.doc.map())).unwrap();
    let Some((text, info)) = pdf_read(&pdf, folder.path()) else {
        return;
    };
    let (pages, a4) = pages_are_a4(&folder.path().join("report.pdf"), &info);
    assert!(pages > 1, "150 ideas fill more than a page");
    assert!(a4, "every page A4: {info}");
    let flat_text = flat(&text);
    for page in 1..=pages {
        assert!(flat_text.contains(&format!("Workshop decisions — Small, page {page}")));
    }
    for n in [1, 75, 150] {
        assert!(
            flat_text.contains(&format!("Idea {n}: ask the sector")),
            "idea {n}"
        );
    }
}

/// Saves `map` as `name` in `folder`.
fn save(map: &FunctionalMap, folder: &Path, name: &str) {
    std::fs::write(folder.join(name), nosmap::io::to_string(map).unwrap()).unwrap();
}

#[test]
fn the_command_line_writes_each_format_by_its_extension() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let name = "log.nosmap.ron";
    save(&held_session(), dir, name);
    for file in [
        "report.html",
        "report.md",
        "report.pdf",
        "report.docx",
        "report.csv",
    ] {
        let out = common::nosmap(&["workshop-report", name, "-o", file], dir);
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let written = std::fs::read(dir.join(file)).unwrap();
        assert!(!written.is_empty(), "{file}");
    }
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains(FACILITATOR) && html.contains("4 December 2026"));
    assert!(
        std::fs::read(dir.join("report.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    assert!(
        std::fs::read(dir.join("report.docx"))
            .unwrap()
            .starts_with(b"PK")
    );
    let rows = common::csv_rows(&std::fs::read_to_string(dir.join("report.csv")).unwrap());
    assert_eq!(rows.len(), 10, "the header and nine rows");

    // Written already: not again without --force.
    let out = common::nosmap(&["workshop-report", name, "-o", "report.md"], dir);
    assert_eq!(out.status.code(), Some(2));
    let out = common::nosmap(
        &["workshop-report", name, "-o", "report.md", "--force"],
        dir,
    );
    assert!(out.status.success());

    let out = common::nosmap(&["workshop-report", name, "-o", "report.txt"], dir);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains(".html, .md, .pdf, .docx or .csv"), "{said}");
    assert!(!dir.join("report.txt").exists());
}

#[test]
fn the_command_line_refuses_a_map_without_a_log() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let name = "plain.nosmap.ron";
    save(common::small().doc.map(), dir, name);
    let out = common::nosmap(&["workshop-report", name, "-o", "report.html"], dir);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("has no workshop log: nothing was captured while presenting"),
        "{said}"
    );
    assert!(!dir.join("report.html").exists());
}

#[test]
fn the_date_picks_the_session_and_an_unknown_date_lists_those_there_are() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let map = two_sessions();
    assert_eq!(sessions(&map).len(), 2);
    assert_eq!(session_for(&map, None), Some(1), "the latest by default");
    let name = "two.nosmap.ron";
    save(&map, dir, name);

    let out = common::nosmap(
        &[
            "workshop-report",
            name,
            "--date",
            "2026-12-04",
            "-o",
            "first.md",
        ],
        dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = std::fs::read_to_string(dir.join("first.md")).unwrap();
    assert!(first.contains(FACILITATOR) && first.contains("Use peer coaching"));
    assert!(first.contains("4 December 2026"));
    assert!(!first.contains("Dev Singh") && !first.contains("Ask employers"));

    let out = common::nosmap(&["workshop-report", name, "-o", "latest.md"], dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let latest = std::fs::read_to_string(dir.join("latest.md")).unwrap();
    assert!(latest.contains("Dev Singh") && latest.contains("Ask employers"));
    assert!(latest.contains("11 December 2026"));
    assert!(!latest.contains("Use peer coaching"));
    assert!(latest.contains(NOTHING_AGREED));

    let out = common::nosmap(
        &[
            "workshop-report",
            name,
            "--date",
            "2027-01-01",
            "-o",
            "none.md",
        ],
        dir,
    );
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("2026-12-04") && said.contains("2026-12-11"),
        "the sessions there are: {said}"
    );
    assert!(!dir.join("none.md").exists());
}
