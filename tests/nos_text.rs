//! Pasting a published NOS as text (issue 18, point 1): every fixture in tests/fixtures/nos_text
//! (invented units in the web page's and the PDF's layouts, clean and messy) is read into exactly
//! the fields its `.expected.toml` lists, with what belongs nowhere reported as left over; any
//! text gets an answer without a panic; the units join a map as one undoable edit.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::path::{Path, PathBuf};

use nosmap::edit::Document;
use nosmap::io::nos_text::{self, PastedText};
use nosmap::model::{Date, Node, StatementList, Unit};
use proptest::prelude::*;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nos_text");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    found.sort();
    assert!(found.len() >= 8, "fixtures missing in {}", dir.display());
    found
}

fn strings(value: Option<&toml::Value>) -> Vec<String> {
    value
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn text(value: Option<&toml::Value>) -> String {
    value
        .and_then(toml::Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// `yyyy-mm` (no day in the text: the first of the month) or `yyyy-mm-dd`.
fn date(value: Option<&toml::Value>) -> Option<Date> {
    let text = value?.as_str()?;
    let full = if text.len() == 7 {
        format!("{text}-01")
    } else {
        text.to_string()
    };
    Some(Date::parse_iso(&full).unwrap())
}

fn items(unit: &Unit, list: StatementList) -> Vec<String> {
    unit.statements(list)
        .iter()
        .map(|s| s.text.clone())
        .collect()
}

/// Every field the expected unit names, compared one by one so a failure says which.
fn compare(name: &str, expected: &toml::Table, unit: &Unit) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut check = |key: &str, got: String, want: String| {
        if got != want {
            wrong.push(format!(
                "{name}: {key}\n    got:  {got:?}\n    want: {want:?}"
            ));
        }
    };
    let m = &unit.metadata;
    let field = |key: &str| expected.get(key);
    let checks: Vec<(&str, String, String)> = vec![
        ("urn", text(field("urn")), unit.urn.clone()),
        ("title", text(field("title")), unit.title.clone()),
        ("overview", text(field("overview")), unit.overview.clone()),
        (
            "developed_by",
            text(field("developed_by")),
            m.developed_by.clone(),
        ),
        (
            "originating_organisation",
            text(field("originating_organisation")),
            m.originating_organisation.clone(),
        ),
        (
            "original_urn",
            text(field("original_urn")),
            m.original_urn.clone(),
        ),
        (
            "links_to_other_nos",
            text(field("links_to_other_nos")),
            unit.links_to_other_nos.join("\n\n"),
        ),
        (
            "external_links",
            text(field("external_links")),
            unit.external_links.join("\n\n"),
        ),
        (
            "version",
            field("version").map(|v| v.to_string()).unwrap_or_default(),
            m.version_number.map(|v| v.to_string()).unwrap_or_default(),
        ),
        (
            "validity",
            text(field("validity")),
            m.validity
                .map(|v| v.label().to_string())
                .unwrap_or_default(),
        ),
        (
            "status",
            text(field("status")),
            m.status.map(|v| v.label().to_string()).unwrap_or_default(),
        ),
        (
            "category",
            text(field("category")),
            m.category
                .map(|v| v.label().to_string())
                .unwrap_or_default(),
        ),
        (
            "date_approved",
            format!("{:?}", date(field("date_approved"))),
            format!("{:?}", m.date_approved),
        ),
        (
            "indicative_review_date",
            format!("{:?}", date(field("indicative_review_date"))),
            format!("{:?}", m.indicative_review_date),
        ),
    ];
    for (key, want, got) in checks {
        check(key, got, want);
    }
    let lists = [
        ("pcs", StatementList::PerformanceCriteria),
        ("ku", StatementList::Knowledge),
        ("scope", StatementList::ScopeRange),
        ("scope_pcs", StatementList::ScopeRangePerformance),
        ("scope_ku", StatementList::ScopeRangeKnowledge),
        ("values", StatementList::Values),
        ("behaviours", StatementList::Behaviours),
        ("skills", StatementList::Skills),
    ];
    for (key, list) in lists {
        check(
            key,
            format!("{:?}", items(unit, list)),
            format!("{:?}", strings(field(key))),
        );
    }
    for (key, got) in [
        ("occupations", &m.occupations),
        ("suites", &m.suites),
        ("keywords", &m.keywords),
        ("soc_codes", &m.soc_codes),
    ] {
        check(
            key,
            format!("{got:?}"),
            format!("{:?}", strings(field(key))),
        );
    }
    let glossary: Vec<(String, String)> = field("glossary")
        .and_then(toml::Value::as_array)
        .map(|entries| {
            entries
                .iter()
                .map(|e| {
                    let pair = e.as_array().unwrap();
                    (
                        pair[0].as_str().unwrap().to_string(),
                        pair[1].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let got: Vec<(String, String)> = unit
        .glossary
        .iter()
        .map(|g| (g.term.clone(), g.definition.clone()))
        .collect();
    check("glossary", format!("{got:?}"), format!("{glossary:?}"));
    wrong
}

#[test]
fn every_fixture_is_read_into_the_fields_it_expects_and_the_rest_is_left_over() {
    let mut wrong = Vec::new();
    for path in fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let pasted = nos_text::read(&std::fs::read_to_string(&path).unwrap());
        let expected: toml::Table = std::fs::read_to_string(path.with_extension("expected.toml"))
            .unwrap()
            .parse()
            .unwrap();
        let units = expected["unit"].as_array().unwrap();
        if pasted.units.len() != units.len() {
            wrong.push(format!(
                "{name}: {} units found, {} expected",
                pasted.units.len(),
                units.len()
            ));
        }
        let mut leftover_wanted = Vec::new();
        for (unit, want) in pasted.units.iter().zip(units) {
            let want = want.as_table().unwrap();
            wrong.extend(compare(&name, want, &unit.unit));
            leftover_wanted.extend(strings(want.get("leftover")));
        }
        let leftover: Vec<String> = pasted
            .all_leftover()
            .into_iter()
            .map(|l| l.text.clone())
            .collect();
        if leftover != leftover_wanted {
            wrong.push(format!(
                "{name}: left over\n    got:  {leftover:?}\n    want: {leftover_wanted:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_preview_says_what_went_where() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nos_text/web.txt");
    let pasted = nos_text::read(&std::fs::read_to_string(path).unwrap());
    let summary = pasted.units[0].summary().join("\n");
    let pcs = pasted.units[0].unit.performance_criteria.len();
    assert!(
        summary.contains(&format!("Performance criteria: P1–P{pcs}")),
        "{summary}"
    );
    assert!(summary.contains("Metadata: Developed by"), "{summary}");
}

#[test]
fn text_with_no_unit_in_it_is_all_left_over() {
    let pasted = nos_text::read("Dear colleague,\n\nplease find the NOS attached.\r\n");
    assert!(pasted.units.is_empty());
    let left: Vec<(usize, &str)> = pasted
        .before
        .iter()
        .map(|l| (l.line, l.text.as_str()))
        .collect();
    assert_eq!(
        left,
        vec![(1, "Dear colleague,"), (3, "please find the NOS attached.")]
    );
}

#[test]
fn the_units_join_a_map_as_one_undoable_edit() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nos_text/two_units.txt");
    let pasted: PastedText = nos_text::read(&std::fs::read_to_string(path).unwrap());
    let mut doc = Document::new(
        nosmap::io::load(&common::example(
            "management-and-leadership-2008.nosmap.ron",
        ))
        .unwrap(),
    );
    let before = doc.map().clone();
    let parent = doc.map().children(doc.map().root())[0];
    let at = doc.map().children(parent).len();
    let edits = nos_text::add_edits(doc.map(), &pasted.units, parent, at);
    doc.transact("Paste NOS", |doc| {
        for edit in edits {
            doc.apply("Paste NOS", edit)?;
        }
        Ok(())
    })
    .unwrap();
    let added = &doc.map().children(parent)[at..];
    assert_eq!(added.len(), 2);
    for (&id, pasted) in added.iter().zip(&pasted.units) {
        let Some(Node::Unit(unit)) = doc.map().node(id) else {
            panic!("not a unit")
        };
        assert_eq!(unit.urn, pasted.unit.urn);
        assert!(
            unit.performance_criteria.iter().all(|s| s.id.is_assigned()),
            "statements get ids"
        );
    }
    assert!(doc.map().check_invariants().is_empty());
    doc.undo().unwrap();
    assert_eq!(doc.map(), &before, "one undo takes the whole paste back");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any text, including lines that look like headings, items and labels in any order, gets
    /// an answer: no panic, and every unit found can be summarised for the preview.
    #[test]
    fn any_text_gets_an_answer(lines in proptest::collection::vec(
        prop_oneof![
            Just("Overview".to_string()),
            Just("Performance criteria".to_string()),
            Just("You need to know and".to_string()),
            Just("understand:".to_string()),
            Just("Knowledge and understanding".to_string()),
            Just("Scope / range".to_string()),
            Just("Glossary".to_string()),
            Just("Developed by".to_string()),
            Just("Suite\tA; B".to_string()),
            Just("ABC DE 12".to_string()),
            Just("P1. check it".to_string()),
            Just("K 2\thow".to_string()),
            Just("• item".to_string()),
            Just("Page 2 of 3".to_string()),
            Just("\u{a0}\u{200b}".to_string()),
            Just("URN: İİ".to_string()),
            Just("Suite İİİİ".to_string()),
            Just("\u{212a}nowledge and understanding you".to_string()),
            "[ -~\u{a0}\u{200b}•–\tİΩ\u{212a}ﬁ]{0,30}",
        ],
        0..40,
    ), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        let pasted = nos_text::read(&text);
        for unit in &pasted.units {
            let _ = unit.summary();
            let _ = unit.name();
        }
    }
}

/// `import-text` says what went where, adds the units under the function named, as one step,
/// or writes a new map; a dry run changes nothing; a file with no unit is an error.
#[test]
fn import_text_on_the_command_line() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nos_text");
    std::fs::copy(fixtures.join("pdf.txt"), dir.join("pdf.txt")).unwrap();
    std::fs::copy(fixtures.join("leftover.txt"), dir.join("leftover.txt")).unwrap();
    let map = common::copy_example("management-and-leadership-2008.nosmap.ron", dir);
    let before = std::fs::read(&map).unwrap();
    let map_name = map.file_name().unwrap().to_str().unwrap();

    let dry = common::nosmap(
        &[
            "import-text",
            "pdf.txt",
            "--into",
            map_name,
            "--under",
            "B",
            "--dry-run",
        ],
        dir,
    );
    let said = String::from_utf8_lossy(&dry.stdout).to_string();
    assert_eq!(dry.status.code(), Some(0), "{said}");
    assert!(
        said.contains("pdf.txt:1: APIBK04 Inspect honey bee colonies"),
        "{said}"
    );
    assert!(said.contains("Performance criteria: P1–P10"), "{said}");
    assert!(said.contains("read as 2021-03-01"), "{said}");
    assert_eq!(
        std::fs::read(&map).unwrap(),
        before,
        "a dry run writes nothing"
    );

    let added = common::nosmap(
        &[
            "import-text",
            "pdf.txt",
            "leftover.txt",
            "--into",
            map_name,
            "--under",
            "B",
        ],
        dir,
    );
    let said = String::from_utf8_lossy(&added.stdout).to_string();
    assert_eq!(
        added.status.code(),
        Some(1),
        "left over text gives exit 1: {said}"
    );
    assert!(
        said.contains("leftover.txt:1: left over: Back to search results"),
        "{said}"
    );
    assert!(said.contains("added 2 units under B"), "{said}");
    let written = nosmap::io::load(&map).unwrap();
    let area = nosmap::analysis::find_node(&written, "B").unwrap();
    let urns: Vec<&str> = written
        .children(area)
        .iter()
        .filter_map(|&c| written.unit(c).map(|u| u.urn.as_str()))
        .collect();
    assert!(urns.ends_with(&["APIBK04", "PETGR05"]), "{urns:?}");

    let new = common::nosmap(&["import-text", "pdf.txt", "-o", "new.nosmap.ron"], dir);
    assert_eq!(
        new.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&new.stderr)
    );
    let new_map = nosmap::io::load(&dir.join("new.nosmap.ron")).unwrap();
    let area = new_map.children(new_map.root())[0];
    assert_eq!(
        new_map.node(area).unwrap().title(),
        "Beekeeping and Pollination Services",
        "a key area per suite"
    );

    std::fs::write(dir.join("letter.txt"), "Dear colleague,\nsee attached.\n").unwrap();
    let none = common::nosmap(&["import-text", "letter.txt", "-o", "x.nosmap.ron"], dir);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&none.stderr).contains("letter.txt: no NOS unit found"),
        "{}",
        String::from_utf8_lossy(&none.stderr)
    );
    assert!(!dir.join("x.nosmap.ron").exists());
}

/// One unit read from a file of tests/fixtures/nos_text/variants: texts as a browser copy or
/// `pdftotext` (with and without `-layout`) gives them, written by a tester to break the reader.
fn variant(name: &str) -> (Unit, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nos_text/variants");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap();
    let pasted = nos_text::read(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(pasted.units.len(), 1, "{name}: one unit");
    let leftover = pasted
        .all_leftover()
        .into_iter()
        .map(|l| l.text.clone())
        .collect();
    (pasted.units[0].unit.clone(), leftover)
}

fn item_texts(unit: &Unit, list: StatementList) -> Vec<&str> {
    unit.statements(list)
        .iter()
        .filter(|s| s.is_item())
        .map(|s| s.text.as_str())
        .collect()
}

fn heading_texts(unit: &Unit, list: StatementList) -> Vec<&str> {
    unit.statements(list)
        .iter()
        .filter(|s| s.heading)
        .map(|s| s.text.as_str())
        .collect()
}

#[test]
fn pdf_layouts_with_headings_and_labels_in_a_left_column_are_read() {
    // pdftotext -layout: "Overview        This standard…", "Performance   You must be able
    // to:" / "criteria", labels broken over two lines beside their values.
    let (unit, leftover) = variant("c01");
    assert!(
        unit.overview
            .starts_with("This standard is about cutting back hedges")
    );
    assert_eq!(unit.overview.split("\n\n").count(), 2);
    assert_eq!(
        item_texts(&unit, StatementList::PerformanceCriteria).len(),
        6
    );
    assert_eq!(
        item_texts(&unit, StatementList::PerformanceCriteria)[0],
        "check the hedge for nesting birds and protected species before starting work"
    );
    assert_eq!(item_texts(&unit, StatementList::Knowledge).len(), 4);
    let m = &unit.metadata;
    assert_eq!(m.indicative_review_date, Date::new(2025, 6, 1));
    assert_eq!(m.originating_organisation, "Land-Based Skills Council");
    assert_eq!(
        m.occupations,
        vec!["Gardeners and landscape gardeners", "Farm workers"]
    );
    assert!(leftover.is_empty(), "{leftover:?}");

    let (unit, _) = variant("c24");
    assert!(unit.overview.starts_with("This standard is about keeping"));
    assert_eq!(
        item_texts(&unit, StatementList::PerformanceCriteria).len(),
        7
    );
    assert!(
        item_texts(&unit, StatementList::PerformanceCriteria)[4].ends_with("blood and body fluids")
    );
    assert_eq!(item_texts(&unit, StatementList::Knowledge).len(), 5);

    let (unit, leftover) = variant("c18");
    assert_eq!(unit.metadata.indicative_review_date, Date::new(2026, 7, 1));
    assert_eq!(
        unit.metadata.occupations,
        vec![
            "Retail cashiers and check-out operators",
            "Shelf fillers",
            "Sales and retail assistants"
        ]
    );
    assert!(leftover.is_empty(), "{leftover:?}");
}

#[test]
fn metadata_values_on_their_own_lines_are_never_taken_for_page_furniture() {
    // An Original URN equal to the unit's own URN, on the line under its label.
    let (unit, _) = variant("c10");
    assert_eq!(unit.metadata.original_urn, unit.urn);
    // A label, a blank line, then "1": the version, not a page number.
    let (unit, _) = variant("c04");
    assert_eq!(unit.metadata.version_number, Some(1));
    assert_eq!(unit.metadata.original_urn, "ENGHP07");
    // "You must be able to: P1 confirm…" on one line.
    let pcs = item_texts(&unit, StatementList::PerformanceCriteria);
    assert_eq!(pcs.len(), 6);
    assert!(pcs[0].starts_with("confirm"), "{pcs:?}");
    let (unit, _) = variant("c20");
    assert_eq!(unit.metadata.version_number, Some(4));
    assert_eq!(unit.metadata.date_approved, Date::new(2023, 2, 1));
}

#[test]
fn items_wrap_group_under_headings_and_lose_their_separators() {
    // "P3 … class" / "P3 or higher…": a wrapped line, not a second P3.
    let (unit, _) = variant("c20");
    let pcs = item_texts(&unit, StatementList::PerformanceCriteria);
    assert_eq!(pcs.len(), 5, "{pcs:?}");
    assert!(pcs[2].ends_with("with a filter of class P3 or higher, as stated in the plan of work"));
    // Group headings between items.
    let (unit, _) = variant("c05");
    assert_eq!(
        heading_texts(&unit, StatementList::PerformanceCriteria),
        vec![
            "Planning the work",
            "Felling the tree",
            "Leaving the site safe"
        ]
    );
    assert_eq!(
        item_texts(&unit, StatementList::PerformanceCriteria).len(),
        8
    );
    assert!(
        item_texts(&unit, StatementList::PerformanceCriteria)
            .iter()
            .all(|pc| !pc.contains("Felling the tree"))
    );
    // "P1 - authorise…": the dash is not the criterion's.
    let (unit, _) = variant("c25");
    assert!(item_texts(&unit, StatementList::PerformanceCriteria)[0].starts_with("authorise"));
    assert!(item_texts(&unit, StatementList::Knowledge)[0].starts_with("the legal rules"));
    // A page's running header (URN, then title) repeated mid-list is not part of any item.
    let (unit, _) = variant("c21");
    for list in [StatementList::PerformanceCriteria, StatementList::Knowledge] {
        assert!(
            item_texts(&unit, list)
                .iter()
                .all(|t| !t.contains("Maintain a clean"))
        );
    }
    assert!(!unit.overview.contains("Maintain a clean"));
}

#[test]
fn glossaries_titles_and_glyphs_as_copying_gives_them() {
    // Terms on a line of their own, definitions below.
    let (unit, _) = variant("c07");
    let terms: Vec<&str> = unit.glossary.iter().map(|g| g.term.as_str()).collect();
    assert_eq!(terms, vec!["Antifouling", "Gelcoat", "Osmosis", "Chocks"]);
    assert!(
        unit.glossary[2]
            .definition
            .ends_with("passing into the laminate over time")
    );
    // A web page's words around the header are left over, not the title.
    let (unit, leftover) = variant("c16");
    assert_eq!(
        unit.title,
        "Fit and maintain smart electricity meters in homes"
    );
    assert!(leftover.iter().any(|l| l == "Download PDF"), "{leftover:?}");
    // URN and title on one line.
    let (unit, _) = variant("c26");
    assert_eq!(unit.urn, "ESIMT04");
    assert_eq!(
        unit.title,
        "Fit and maintain smart electricity meters in homes"
    );
    // Ligatures as letters; a word broken at a line's end joined.
    let (unit, _) = variant("c22");
    assert!(unit.title.contains("finances"));
    assert!(unit.overview.contains("multi-agency"), "{}", unit.overview);
}

/// Characters whose lower case is longer or shorter than they are (İ, the Kelvin sign) next to
/// labels and URNs: read, never a panic (a reviewer's inputs).
#[test]
fn labels_next_to_characters_that_change_length_in_lower_case() {
    for text in [
        "Keep bees\nURN:\u{2126}\u{2126}\nOverview\nAbout bees.\nPerformance criteria\nP1 do it",
        "URN: İİİİ\nOverview\nAbout bees.",
        "ABC12\nKeep bees\nOverview\nx\nPerformance criteria\nP1 do it\nSuite İİİİİİİİ\nKeywords\tbees",
        "\u{212a}nowledge and understanding you need\nK1 how",
        "ABC12\nKeep bees\nOverview\nx\nPerformance criteria\nP1 do it\nSuite\tΩΩx",
    ] {
        let pasted = nos_text::read(text);
        for unit in &pasted.units {
            let _ = unit.summary();
        }
    }
    let pasted =
        nos_text::read("ABC12\nKeep bees\nOverview\nx\nPerformance criteria\nP1 do it\nSuite\tΩΩx");
    assert_eq!(pasted.units[0].unit.metadata.suites, vec!["ΩΩx"]);
}

/// A unit published without an overview, after one with: a unit of its own, not more criteria
/// of the one before; header lines that are not the title are reported, not dropped.
#[test]
fn a_unit_without_an_overview_and_extra_header_lines_are_accounted_for() {
    let text = "ABC12\nKeep bees\nOverview\nAbout bees.\nPerformance criteria\nP1 do it\n\n\
                ABC13\nKeep wasps\nPerformance criteria\nP1 find the nest\nP2 remove it\n";
    let pasted = nos_text::read(text);
    let names: Vec<String> = pasted.units.iter().map(|u| u.name()).collect();
    assert_eq!(names, ["ABC12 Keep bees", "ABC13 Keep wasps"]);
    assert_eq!(
        item_texts(&pasted.units[1].unit, StatementList::PerformanceCriteria),
        ["find the nest", "remove it"]
    );
    assert_eq!(
        item_texts(&pasted.units[0].unit, StatementList::PerformanceCriteria),
        ["do it"]
    );

    let pasted = nos_text::read("ABC12\nPreamble line\nT1\nT2\nT3\nOverview\nAbout.\n");
    assert_eq!(pasted.units[0].unit.title, "T1 T2 T3");
    let left: Vec<&str> = pasted
        .all_leftover()
        .into_iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(left, ["Preamble line"]);
}
