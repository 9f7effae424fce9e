//! Issue 21, hole 8: any map → CSV (nosmap's own layout) → map gives the same map, whatever its
//! text holds: line breaks inside an item, items that look like headings, empty items, spaces
//! around words, quotes, glossary terms with ` = ` in them, odd list entries.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use nosmap::edit::Document;
use nosmap::io::table::{from_csv, to_csv};
use nosmap::model::{
    Comment, Function, FunctionalMap, GlossaryEntry, KeyPurpose, MapMeta, Node, Statement,
    StatementList, Unit,
};
use proptest::prelude::*;

/// Text as people (and spreadsheets) produce it, awkward cases made likely.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,12}",
        Just(String::new()),
        Just("## not a heading".to_string()),
        Just("\"quoted\" at the start".to_string()),
        Just("E = mc2".to_string()),
        Just("  spaces around  ".to_string()),
        Just("line one\nline two".to_string()),
        Just("carriage\r\nreturn".to_string()),
        Just("=SUM(A1) looks like a formula".to_string()),
        Just("back\\slash \\n not a break".to_string()),
        Just("“curly” — dash, é, 日本".to_string()),
        Just("\t tab first".to_string()),
    ]
}

fn statements() -> impl Strategy<Value = Vec<Statement>> {
    proptest::collection::vec(
        (text(), any::<bool>()).prop_map(|(text, heading)| {
            if heading {
                Statement::heading(text)
            } else {
                Statement::item(text)
            }
        }),
        0..5,
    )
}

fn unit() -> impl Strategy<Value = Unit> {
    (
        text(),
        text(),
        statements(),
        statements(),
        statements(),
        proptest::collection::vec((text(), text()), 0..3),
        proptest::collection::vec(text(), 0..3),
        text(),
    )
        .prop_map(
            |(title, overview, pcs, knowledge, values, glossary, suites, comment)| {
                let mut unit = Unit::new("URN1", title);
                unit.overview = overview;
                unit.performance_criteria = pcs;
                unit.knowledge = knowledge;
                unit.values = values;
                unit.glossary = glossary
                    .into_iter()
                    .map(|(term, definition)| GlossaryEntry::new(term, definition))
                    .collect();
                unit.metadata.suites = suites;
                if !comment.is_empty() {
                    unit.annotations.comments.push(Comment {
                        text: comment,
                        ..Comment::default()
                    });
                }
                unit
            },
        )
}

fn map_of(units: Vec<Unit>) -> FunctionalMap {
    let map = FunctionalMap::new(MapMeta::new("Props"), KeyPurpose::new("Do things"));
    let mut doc = Document::new(map);
    let root = doc.map().root();
    let area = common::add(&mut doc, root, Function::new("A", "Area").into());
    for unit in units {
        common::add(&mut doc, area, Node::Unit(Box::new(unit)));
    }
    doc.into_map()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn any_map_through_the_spreadsheet_layout_comes_back_equal(
        units in proptest::collection::vec(unit(), 1..4)
    ) {
        let map = map_of(units);
        let csv = to_csv(&map).unwrap();
        let back = from_csv(&csv, std::path::Path::new("p.csv"));
        prop_assert!(back.is_ok(), "{:?}\n{csv}", back.err());
        let back = back.unwrap();
        prop_assert_eq!(back, map.with_statement_ids_in_order());
    }

    /// The same through an Excel workbook (issue 18, point 3): every cell written as text.
    #[test]
    fn any_map_through_the_workbook_layout_comes_back_equal(
        units in proptest::collection::vec(unit(), 1..4)
    ) {
        let map = map_of(units);
        let xlsx = nosmap::io::table::xlsx::to_xlsx(&map).unwrap();
        let back = nosmap::io::table::xlsx::from_xlsx(&xlsx, std::path::Path::new("p.xlsx"));
        prop_assert!(back.is_ok(), "{:?}", back.err());
        prop_assert_eq!(back.unwrap(), map.with_statement_ids_in_order());
    }

    /// Whatever bytes come as a workbook, the reader answers with an error, never a panic.
    #[test]
    fn any_bytes_as_a_workbook_get_an_answer(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = nosmap::io::table::xlsx::from_xlsx(&bytes, std::path::Path::new("p.xlsx"));
    }
}

#[test]
fn the_cases_the_red_team_found_come_back_equal() {
    let mut unit = Unit::new("URN1", "Title");
    unit.performance_criteria = vec![
        Statement::item("one PC\nover two lines"),
        Statement::item("## an item, not a heading"),
        Statement::item(""),
        Statement::heading("A real heading"),
    ];
    unit.glossary = vec![
        GlossaryEntry::new("E = mc2", "energy"),
        GlossaryEntry::new("term", "a definition\nover two lines"),
    ];
    let map = map_of(vec![unit]);
    let csv = to_csv(&map).unwrap();
    let back = from_csv(&csv, std::path::Path::new("p.csv")).unwrap();
    assert_eq!(back, map.with_statement_ids_in_order());
    let unit = back.units().next().unwrap().1;
    assert_eq!(unit.item_count(StatementList::PerformanceCriteria), 3);
    assert_eq!(unit.glossary[0].term, "E = mc2");
    // Ordinary text stays as people typed it.
    assert!(csv.contains("A real heading"));
    assert!(csv.contains("\"\"## an item, not a heading\"\""), "{csv}");
}

/// The map row's settings have columns of their own (the sector was in `code`, the authors in
/// `occupations`, the level names in `keywords`); a spreadsheet written the old way still reads.
#[test]
fn the_map_settings_have_their_own_columns_and_old_spreadsheets_still_read() {
    let map = nosmap::io::load(&common::example("it-users-2015.nosmap.ron")).unwrap();
    let csv = to_csv(&map).unwrap();
    let mut rows: Vec<Vec<String>> = common::csv_rows(&csv);
    let header = rows[0].clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let map_row = rows.iter().position(|r| r[at("kind")] == "map").unwrap();
    assert_eq!(rows[map_row][at("map_sector")], map.meta().sector);
    assert_eq!(
        rows[map_row][at("code")],
        "",
        "no map setting in a unit column"
    );
    assert_eq!(rows[map_row][at("keywords")], "");

    // The same spreadsheet as an earlier nosmap wrote it.
    for (new, old) in [
        ("map_sector", "code"),
        ("map_suite", "suites"),
        ("map_version", "version_number"),
        ("map_authors", "occupations"),
        ("map_level_names", "keywords"),
    ] {
        rows[map_row][at(old)] = rows[map_row][at(new)].clone();
    }
    let keep: Vec<usize> = (0..header.len())
        .filter(|&i| !header[i].starts_with("map_"))
        .collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in &rows {
        writer
            .write_record(keep.iter().map(|&i| row[i].as_str()))
            .unwrap();
    }
    let old = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    let back = from_csv(&old, std::path::Path::new("old.csv")).unwrap();
    assert_eq!(back.meta(), map.meta());
}
