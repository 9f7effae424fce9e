//! Spreadsheets: nosmap's own CSV layout round trips; other spreadsheets come in through a
//! column mapping; the 2019 catalogue becomes one map with every row accounted for; malformed
//! input gets line and column, never a panic.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use nosmap::edit::Edit;
use nosmap::io::catalogue::import_catalogue;
use nosmap::io::table::{ColumnMapping, from_csv, from_mapped_csv, to_csv};
use nosmap::io::{self, LoadError};
use nosmap::model::{
    Conflict, Date, Dismissal, GlossaryEntry, Node, Statement, Status, Validity, Verdict, Workshop,
};
use proptest::prelude::*;

fn csv_path() -> &'static Path {
    Path::new("map.csv")
}

/// The small fixture with every kind of field filled in.
fn rich_map() -> nosmap::model::FunctionalMap {
    let mut s = common::small();
    let mut unit = s.doc.map().unit(s.u1).unwrap().clone();
    unit.overview = "What this is about,\nover two lines, with \"quotes\"".into();
    unit.performance_criteria
        .insert(0, Statement::heading("Planning"));
    unit.glossary = vec![GlossaryEntry::new("objective", "what is to be achieved")];
    unit.links_to_other_nos = vec!["TST02".into(), "CFAMLA1".into()];
    unit.external_links = vec!["https://example.org/nos".into()];
    unit.values = vec![Statement::item("Respect"), Statement::item("Honesty")];
    let first_criterion = unit.performance_criteria[1].id;
    let m = &mut unit.metadata;
    m.developed_by = "Skills Org".into();
    m.version_number = Some(3);
    m.date_approved = Date::new(2020, 3, 1);
    m.indicative_review_date = Date::new(2025, 3, 1);
    m.validity = Some(Validity::Current);
    m.status = Some(Status::Tailored);
    m.original_urn = "OLD01".into();
    m.occupations = vec!["Team leader".into(), "Manager".into()];
    m.suites = vec!["Management".into()];
    m.keywords = vec!["goals".into(), "teams".into()];
    m.soc_codes = vec!["1115".into()];
    unit.themes = vec!["leadership-management".into()];
    unit.annotations.dismissed = vec![
        Dismissal {
            rule: "verb-first".into(),
            statement: None,
            reason: "agreed wording".into(),
        },
        Dismissal {
            rule: "verb-first".into(),
            statement: Some(first_criterion),
            reason: "quoted from the law".into(),
        },
    ];
    unit.annotations.conflicts = vec![
        Conflict {
            what: "overview".into(),
            statement: None,
            base: "Old text with a \\ backslash".into(),
            ours: unit.overview.clone(),
            theirs: "Theirs, with “quotes”, a \\n that is not a break and a\nsecond line".into(),
        },
        Conflict {
            what: "statement".into(),
            statement: Some(first_criterion),
            base: "agree goals".into(),
            ours: "agree goals".into(),
            theirs: String::new(),
        },
    ];
    unit.annotations.workshop = Workshop {
        verdict: Some(Verdict::Agreed(Date::new(2026, 11, 28).unwrap())),
        votes_for: 4,
        votes_against: 1,
    };
    s.doc
        .apply(
            "fill",
            Edit::SetNode {
                id: s.u1,
                node: Node::Unit(Box::new(unit)),
            },
        )
        .unwrap();
    // A shared unit: U3 also under A1.
    s.doc
        .apply(
            "share",
            Edit::Place {
                unit: s.u3,
                parent: s.a1,
                index: 2,
            },
        )
        .unwrap();
    s.doc.map().clone()
}

#[test]
fn every_map_comes_back_from_its_spreadsheet_unchanged() {
    let mut maps: Vec<_> = common::example_paths()
        .iter()
        .map(|p| io::load(p).unwrap())
        .collect();
    maps.push(rich_map());
    for map in maps {
        let text = to_csv(&map).unwrap();
        assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
        // Statement ids do not travel through a spreadsheet: the statements come back in
        // order with new ids, and dismissals on a statement follow it by its label (P1).
        let back = from_csv(&text, csv_path())
            .unwrap()
            .with_statement_ids_in_order();
        let map = map.with_statement_ids_in_order();
        assert_eq!(back, map, "{}", map.meta().title);
        assert_eq!(
            io::to_string(&back).unwrap(),
            io::to_string(&map).unwrap(),
            "byte-identical map file"
        );
    }
}

#[test]
fn the_spreadsheet_has_one_row_per_placement_with_its_path_and_one_item_per_line() {
    let map = rich_map();
    let text = to_csv(&map).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let placements = map.walk().len();
    assert_eq!(
        rows.len(),
        placements + 1,
        "the map row, then one per placement"
    );
    let u1 = rows.iter().find(|r| &r[column("urn")] == "TST01").unwrap();
    assert_eq!(
        &u1[column("path")],
        "Achieve results › Plan work › Agree objectives"
    );
    assert_eq!(
        &u1[column("performance_criteria")],
        "## Planning\nagree goals\nrecord goals"
    );
    assert_eq!(&u1[column("occupations")], "Team leader\nManager");
    assert_eq!(
        &u1[column("conflicts")],
        "overview: base “Old text with a \\\\ backslash”, ours “What this is about,\\nover two lines, with \"quotes\"”, theirs “Theirs, with “quotes\\”, a \\\\n that is not a break and a\\nsecond line”\n\
         statement on P1: base “agree goals”, ours “agree goals”, theirs “”",
        "one conflict per line, a statement by its label"
    );
    let shared: Vec<_> = rows
        .iter()
        .filter(|r| &r[column("urn")] == "TST03")
        .collect();
    assert_eq!(shared.len(), 2, "a shared unit has a row per placement");
}

fn load_error(text: &str) -> String {
    match from_csv(text, csv_path()) {
        Err(error @ LoadError::Syntax { .. }) => error.to_string(),
        other => panic!("expected a located error, got {other:?}"),
    }
}

#[test]
fn malformed_spreadsheets_get_line_and_column() {
    let good = to_csv(&rich_map()).unwrap();
    // A row cut short at the end: csv names its line.
    let short = format!("{good}unit,99,1\n");
    let line = good.lines().count() + 1;
    let error = load_error(&short);
    assert!(error.starts_with(&format!("map.csv:{line}:")), "{error}");
    assert!(error.contains("fields but the header has"), "{error}");

    // A bad date: line and the date column.
    let bad = good.replacen("2020-03-01", "2020-13-01", 1);
    let error = load_error(&bad);
    assert!(error.contains("date_approved"), "{error}");
    let column = nosmap::io::table::COLUMNS
        .iter()
        .position(|c| *c == "date_approved")
        .unwrap()
        + 1;
    assert!(error.contains(&format!(":{column}: ")), "{error}");

    // A conflict that is not in the written form, or names a statement the row does not have.
    let error = load_error(&good.replacen("overview: base “", "overview: bse “", 1));
    assert!(error.contains("column “conflicts”"), "{error}");
    assert!(error.contains("is not “what: base"), "{error}");
    let error = load_error(&good.replacen("statement on P1:", "statement on P9:", 1));
    assert!(error.contains("this row has no statement P9"), "{error}");
    let column = nosmap::io::table::COLUMNS
        .iter()
        .position(|c| *c == "conflicts")
        .unwrap()
        + 1;
    assert!(error.contains(&format!(":{column}: ")), "{error}");

    // An unknown kind of row, a parent that does not exist, a header from elsewhere.
    let error = load_error(&good.replacen("\nfunction,", "\nfunctoin,", 1));
    assert!(error.contains("“functoin” is not a row kind"), "{error}");
    let error = load_error(&good.replacen(",2,1,1,", ",2,99,1,", 1));
    assert!(error.contains("no earlier row has id 99"), "{error}");
    let error = load_error("Code,Title\nA1,Plan\n");
    assert!(error.contains("not nosmap's layout"), "{error}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn mangled_spreadsheets_never_panic(cut in 0usize..4000, insert in "[,\"\n\\\\a-z0-9]{0,8}") {
        let text = to_csv(&rich_map()).unwrap();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mangled = format!("{}{}{}", &text[..at], insert, &text[at..]);
        // Either a map that is sound, or an error; never a panic.
        if let Ok(map) = from_csv(&mangled, csv_path()) {
            prop_assert!(map.check_invariants().is_empty());
        }
    }
}

#[test]
fn another_spreadsheet_comes_in_through_a_column_mapping() {
    let text = "\
Area,Function,Code,NOS title,Criteria,Suites
Plan,Agree objectives,T01,Agree objectives with your team,\"agree goals\nrecord goals\",Management; Leadership
Plan,Agree objectives,T02,Review objectives,,
Deliver,,T03,Deliver services,,
Plan,Review,T01,Agree objectives with your team,,
,,,,,
";
    let mapping = ColumnMapping {
        key_purpose: "Achieve results".into(),
        levels: vec!["Area".into(), "Function".into()],
        fields: vec![
            ("urn".into(), "Code".into()),
            ("title".into(), "NOS title".into()),
            ("performance_criteria".into(), "Criteria".into()),
            ("suites".into(), "Suites".into()),
        ],
    };
    let (map, report) = from_mapped_csv(text, csv_path(), &mapping).unwrap();
    assert!(map.check_invariants().is_empty());
    assert_eq!(report.rows_in, 5);
    assert_eq!(report.units_created, 3);
    assert_eq!(report.merged_rows, 1, "T01 again: placed again");
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(map.meta().level_names, ["Area", "Function"]);
    let titles = |id| -> Vec<String> {
        map.children(id)
            .iter()
            .map(|&c| map.node(c).unwrap().title().to_string())
            .collect()
    };
    assert_eq!(titles(map.root()), ["Plan", "Deliver"]);
    let plan = map.children(map.root())[0];
    assert_eq!(titles(plan), ["Agree objectives", "Review"]);
    let t01 = map
        .units()
        .find(|(_, u)| u.urn == "T01")
        .map(|(id, u)| (id, u.clone()))
        .unwrap();
    assert_eq!(map.parents(t01.0).len(), 2, "shared between two functions");
    assert_eq!(t01.1.performance_criteria.len(), 2);
    assert_eq!(t01.1.metadata.suites, ["Management", "Leadership"]);
    let deliver = map.children(map.root())[1];
    assert_eq!(
        titles(deliver),
        ["Deliver services"],
        "a short path places the unit higher"
    );

    let wrong = ColumnMapping {
        fields: vec![("urn".into(), "URN".into())],
        ..mapping
    };
    let error = from_mapped_csv(text, csv_path(), &wrong)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("no column “URN”") && error.contains("Code"),
        "{error}"
    );
}

/// The catalogue's rows counted independently of the importer.
struct Counted {
    rows: usize,
    empty: usize,
    urns: BTreeSet<String>,
    untitled_urnless: usize,
    dates_1905: usize,
    odd_validity: usize,
    job_specific_spaced: usize,
    suites_of: HashMap<String, BTreeSet<(String, String)>>,
}

fn count(text: &str) -> Counted {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut counted = Counted {
        rows: 0,
        empty: 0,
        urns: BTreeSet::new(),
        untitled_urnless: 0,
        dates_1905: 0,
        odd_validity: 0,
        job_specific_spaced: 0,
        suites_of: HashMap::new(),
    };
    for record in reader.records() {
        let r = record.unwrap();
        counted.rows += 1;
        let (urn, title) = (r[0].trim(), r[1].trim());
        if urn.is_empty() && title.is_empty() {
            counted.empty += 1;
            continue;
        }
        if urn.is_empty() {
            counted.untitled_urnless += 1;
        } else {
            counted.urns.insert(urn.to_string());
        }
        if r[6].starts_with("1905") {
            counted.dates_1905 += 1;
        }
        if !matches!(r[5].trim(), "Current" | "Legacy" | "") {
            counted.odd_validity += 1;
        }
        if r[9].trim() == "Job Specific" {
            counted.job_specific_spaced += 1;
        }
        let entry = counted.suites_of.entry(urn.to_string()).or_default();
        for suite in r[3].split(';').map(str::trim).filter(|s| !s.is_empty()) {
            entry.insert((r[2].trim().to_string(), suite.to_string()));
        }
    }
    counted
}

fn check_catalogue(text: &str) {
    let counted = count(text);
    let (map, report) = import_catalogue(text, Path::new("catalogue.csv")).unwrap();
    assert!(map.check_invariants().is_empty());
    assert!(report.accounts_for_every_row(), "{report}");
    assert_eq!(report.rows_in, counted.rows);
    assert_eq!(report.skipped.len(), counted.empty);
    assert_eq!(
        report.units_created,
        counted.urns.len() + counted.untitled_urnless,
        "one unit per URN"
    );
    assert_eq!(map.units().count(), report.units_created);
    assert_eq!(
        report
            .normalised
            .get("1905 review dates read as no date")
            .copied()
            .unwrap_or(0),
        counted.dates_1905
    );
    let validity: usize = report
        .normalised
        .iter()
        .filter(|(k, _)| k.starts_with("validity"))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(
        validity, counted.odd_validity,
        "every row's values are read, merged or not"
    );
    assert_eq!(
        report
            .normalised
            .get("category “Job Specific” read as JobSpecific")
            .copied()
            .unwrap_or(0),
        counted.job_specific_spaced
    );
    assert_eq!(
        map.node(map.root()).unwrap().title(),
        "UK National Occupational Standards (2019)"
    );
    // Every suite a row names holds its unit, under the row's organisation.
    let titled = |id| map.node(id).unwrap().title().to_string();
    for (id, unit) in map.units() {
        if unit.urn.is_empty() {
            continue;
        }
        let placed: BTreeSet<(String, String)> = map
            .parents(id)
            .into_iter()
            .map(|suite| (titled(map.parents(suite)[0]), titled(suite)))
            .collect();
        for (org, suite) in &counted.suites_of[&unit.urn] {
            let org = if org.is_empty() {
                "(no developing organisation)"
            } else {
                org
            };
            assert!(
                placed.contains(&(org.to_string(), suite.clone())),
                "{} not under {org} › {suite}",
                unit.urn
            );
        }
    }
}

#[test]
fn the_catalogue_sample_becomes_one_map_with_every_row_accounted_for() {
    let text = std::fs::read_to_string(common::data("catalogue-sample.csv")).unwrap();
    check_catalogue(&text);
}

#[test]
fn the_whole_2019_catalogue_when_the_reference_data_is_beside_the_repository() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/nos-catalogue-2019.csv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "{} is not here: the sample test above covers the importer",
            path.display()
        );
        return;
    };
    check_catalogue(&text);
    let (map, report) = import_catalogue(&text, &path).unwrap();
    assert_eq!(report.rows_in, 22_093);
    assert_eq!(report.skipped.len(), 16, "the 16 empty rows of the README");
    assert_eq!(
        report.units_created, 20_851,
        "20,852 distinct URN values, one of them empty"
    );
    // The map survives its own file format.
    let text = io::to_string(&map).unwrap();
    assert_eq!(
        io::from_str(&text, Path::new("catalogue.nosmap.ron")).unwrap(),
        map
    );
}

#[test]
fn a_broken_catalogue_row_is_located() {
    let text = "urn,title,developed_by,suites,occupations,validity,indicative_review_date,status,soc_codes,category,keywords,original_urn\nA1,Plan,Org,S,,Current,,Original,,,,\nA2,Do,Org\n";
    let error = import_catalogue(text, Path::new("cat.csv"))
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("cat.csv:3:"), "{error}");
    let error = import_catalogue("urn,title\nA1,Plan\n", Path::new("cat.csv"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("no column “developed_by”"), "{error}");
}

/// Issue 21, hole 9: a spreadsheet cannot make a map deeper than `MAX_DEPTH` (exports of deeper
/// maps grew with the square of their depth): the row past the limit is refused at its line, in
/// its parent column; the deepest allowed map comes back.
#[test]
fn a_row_past_the_depth_limit_is_refused_at_its_line() {
    use nosmap::model::{Function, MAX_DEPTH};
    let map = nosmap::model::FunctionalMap::new(
        nosmap::model::MapMeta::new("Deep"),
        nosmap::model::KeyPurpose::new("k"),
    );
    let mut doc = nosmap::edit::Document::new(map);
    let mut bottom = doc.map().root();
    for level in 1..=MAX_DEPTH {
        bottom = common::add(
            &mut doc,
            bottom,
            Function::new("", format!("f{level}")).into(),
        );
    }
    let root = doc.map().root();
    let last = common::add(&mut doc, root, Function::new("", "moved down").into());
    let text = to_csv(doc.map()).unwrap();
    assert_eq!(from_csv(&text, csv_path()).unwrap(), *doc.map());

    // The last row (the function under the key purpose) rewritten to hang under the bottom.
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let id_column = headers.iter().position(|h| h == "id").unwrap();
    let parent_column = headers.iter().position(|h| h == "parent").unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&headers).unwrap();
    for record in reader.records() {
        let mut row: Vec<String> = record.unwrap().iter().map(str::to_string).collect();
        if row[id_column] == last.raw().to_string() {
            row[parent_column] = bottom.raw().to_string();
        }
        writer.write_record(&row).unwrap();
    }
    let deeper = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    let error = load_error(&deeper);
    // Cells of the map row span several lines: the line is where the csv reader says it is.
    let line = csv::Reader::from_reader(deeper.as_bytes())
        .records()
        .map(Result::unwrap)
        .find(|r| r[id_column] == last.raw().to_string())
        .unwrap()
        .position()
        .unwrap()
        .line();
    assert!(
        error.starts_with(&format!("map.csv:{line}:{}: ", parent_column + 1)),
        "{error}"
    );
    assert!(
        error.contains(&format!(
            "{} levels below the key purpose; nosmap holds maps up to {MAX_DEPTH} levels deep",
            MAX_DEPTH + 1
        )),
        "{error}"
    );
}

/// Issue 21, hole 9: a column mapping with a level column per level cannot go past the depth
/// limit either (the same column may be named again and again).
#[test]
fn a_column_mapping_deeper_than_the_limit_is_refused() {
    use nosmap::model::MAX_DEPTH;
    let text = "Area,Code,NOS title\nPlan,ABC01,Agree goals\n";
    let mapping = |levels: usize| ColumnMapping {
        key_purpose: "Achieve results".into(),
        levels: vec!["Area".into(); levels],
        fields: vec![
            ("urn".into(), "Code".into()),
            ("title".into(), "NOS title".into()),
        ],
    };
    let (map, _) = from_mapped_csv(text, csv_path(), &mapping(MAX_DEPTH - 1)).unwrap();
    assert!(map.check_invariants().is_empty());
    let error = from_mapped_csv(text, csv_path(), &mapping(MAX_DEPTH))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(&format!(
            "{MAX_DEPTH} level columns would put the units {} levels below the key purpose",
            MAX_DEPTH + 1
        )),
        "{error}"
    );
}

/// Issue 18, point 3: the spreadsheet layout as an Excel workbook gives every map back, as the
/// CSV does; cells that would start a formula are text in the workbook, not formulas.
#[test]
fn every_map_comes_back_from_its_workbook_unchanged_and_no_cell_is_a_formula() {
    use nosmap::io::table::xlsx::{from_xlsx, to_xlsx};
    let mut maps: Vec<_> = common::example_paths()
        .iter()
        .map(|p| io::load(p).unwrap())
        .collect();
    let mut s = common::small();
    let mut unit = s.doc.map().unit(s.u1).unwrap().clone();
    unit.title = "=HYPERLINK(\"http://example.com\",\"click\")".into();
    unit.performance_criteria = vec![
        Statement::item("+cmd|' /C calc'!A0"),
        Statement::item("@SUM(1)"),
    ];
    s.doc
        .apply(
            "risky",
            Edit::SetNode {
                id: s.u1,
                node: Node::Unit(Box::new(unit)),
            },
        )
        .unwrap();
    maps.push(rich_map());
    maps.push(s.doc.map().clone());
    for map in &maps {
        let xlsx = to_xlsx(map).unwrap();
        let back = from_xlsx(&xlsx, Path::new("map.xlsx"))
            .unwrap()
            .with_statement_ids_in_order();
        assert_eq!(
            back,
            map.with_statement_ids_in_order(),
            "{}",
            map.meta().title
        );
    }
    // The risky cells are strings; the sheet holds no formula at all.
    use calamine::{Data, Reader};
    let xlsx = to_xlsx(s.doc.map()).unwrap();
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let formulas = workbook.worksheet_formula("Map").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    let range = workbook.worksheet_range("Map").unwrap();
    assert!(range.used_cells().any(|(_, _, cell)| matches!(
        cell,
        Data::String(text) if text.starts_with("=HYPERLINK(")
    )));
}

/// A mistake in a workbook is named by its row and column (the rows of the map's settings span
/// several lines in CSV; the row is the spreadsheet's).
#[test]
fn a_mistake_in_a_workbook_is_located_by_row_and_column() {
    use nosmap::io::table::xlsx::{csv_layout_to_xlsx, from_xlsx};
    let good = to_csv(&rich_map()).unwrap();
    let bad = good.replacen("2020-03-01", "2020-13-01", 1);
    let rows = common::csv_rows(&bad);
    let row = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "2020-13-01"))
        .unwrap()
        + 1;
    let column = nosmap::io::table::COLUMNS
        .iter()
        .position(|c| *c == "date_approved")
        .unwrap()
        + 1;
    let xlsx = csv_layout_to_xlsx(&bad).unwrap();
    let error = from_xlsx(&xlsx, Path::new("map.xlsx"))
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(&format!("map.xlsx:{row}:{column}: ")),
        "row {row}: {error}"
    );
    assert!(error.contains("date_approved"), "{error}");
}
