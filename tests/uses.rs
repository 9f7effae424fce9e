//! The uses of a map (issue 18, point 6): a self-assessment checklist, a draft job description
//! and a training-needs sheet, each as DOCX, XLSX and HTML. What each holds is checked in the
//! document built, in the workbook (read back with calamine, its drop-down lists counted), in
//! the HTML, and in the Word document as LibreOffice prints it.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::io::Read;

use calamine::{Reader, Xlsx};
use nosmap::layout::Scope;
use nosmap::model::{FunctionalMap, StatementList};
use nosmap::render::uses::{Block, UseDocument, UseFormat, UseKind, UseRequest, build, write_use};

fn learning_and_development() -> FunctionalMap {
    nosmap::io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap()
}

fn request(kind: UseKind) -> UseRequest {
    UseRequest {
        kind,
        scope: Scope::default(),
        units: Vec::new(),
        people: Vec::new(),
    }
}

/// Every text cell of every table, and every bullet and paragraph, in order.
fn words(document: &UseDocument) -> Vec<String> {
    let mut all = Vec::new();
    for block in &document.blocks {
        match block {
            Block::Heading(_, text) | Block::Paragraph(text) => all.push(text.clone()),
            Block::Bullets(items) | Block::Fields(items) => all.extend(items.iter().cloned()),
            Block::Table(table) => {
                for row in &table.rows {
                    all.extend(row.cells.iter().cloned());
                }
            }
        }
    }
    all
}

fn cells(xlsx: &[u8]) -> Vec<String> {
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&sheet).unwrap();
    range
        .rows()
        .flat_map(|row| row.iter().map(|c| c.to_string()))
        .filter(|c| !c.is_empty())
        .collect()
}

/// How many drop-down lists (data validations) the sheet has.
fn drop_downs(xlsx: &[u8]) -> usize {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut sheet = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    sheet.matches("<dataValidation ").count()
}

#[test]
fn the_self_assessment_lists_every_criterion_and_item_with_the_three_choices_and_evidence() {
    let map = learning_and_development();
    let document = build(&map, &request(UseKind::SelfAssessment)).unwrap();
    let said = words(&document);
    let mut statements = 0;
    for (_, unit) in map.units() {
        for list in [StatementList::PerformanceCriteria, StatementList::Knowledge] {
            for s in unit.statements(list) {
                assert!(said.contains(&s.text), "{} is listed", s.text);
                statements += 1;
            }
        }
    }
    assert!(statements > 0);

    let html = String::from_utf8(
        write_use(&map, &request(UseKind::SelfAssessment), UseFormat::Html).unwrap(),
    )
    .unwrap();
    assert_eq!(
        html.matches('\u{2610}').count(),
        3 * statements,
        "a box per choice per statement"
    );
    for choice in ["Can do", "Need to develop", "Not applicable", "Evidence"] {
        assert!(html.contains(choice));
    }

    let xlsx = write_use(&map, &request(UseKind::SelfAssessment), UseFormat::Xlsx).unwrap();
    let in_sheet = cells(&xlsx);
    for (_, unit) in map.units() {
        for s in &unit.performance_criteria {
            assert!(in_sheet.contains(&s.text), "{} in the workbook", s.text);
        }
    }
    assert_eq!(drop_downs(&xlsx), statements, "one drop-down per statement");
}

#[test]
fn the_job_description_is_drafted_from_the_chosen_units() {
    let map = learning_and_development();
    let chosen: Vec<_> = map.units().map(|(id, _)| id).take(2).collect();
    let others: Vec<_> = map
        .units()
        .map(|(id, u)| (id, u.title.clone()))
        .skip(2)
        .collect();
    let document = build(
        &map,
        &UseRequest {
            units: chosen.clone(),
            ..request(UseKind::JobDescription)
        },
    )
    .unwrap();
    let said = words(&document);
    let purpose = map.node(map.root()).unwrap().title().to_string();
    assert!(
        said.contains(&purpose),
        "the job purpose is the key purpose"
    );
    for &id in &chosen {
        let unit = map.unit(id).unwrap();
        assert!(said.contains(&unit.title));
        for pc in &unit.performance_criteria {
            // A duty starts with a capital; otherwise the criterion's words.
            let mut duty = pc.text.clone();
            duty[..1].make_ascii_uppercase();
            assert!(said.contains(&duty), "{duty}");
        }
    }
    for (_, title) in &others {
        assert!(!said.iter().any(|w| w == title), "{title} was not chosen");
    }
    let knowledge: Vec<&String> = said
        .iter()
        .filter(|w| w.starts_with("How to") || w.starts_with("The "))
        .collect();
    let mut unique = knowledge.clone();
    unique.dedup();
    assert_eq!(knowledge.len(), unique.len(), "knowledge listed once");
    // A node that is not a unit is refused.
    assert!(
        build(
            &map,
            &UseRequest {
                units: vec![map.root()],
                ..request(UseKind::JobDescription)
            }
        )
        .is_err()
    );
}

#[test]
fn the_training_needs_sheet_has_a_column_per_person_and_a_row_per_unit() {
    let map = common::outline_maps().pop().unwrap(); // has a unit placed twice
    let people = vec!["Asha Patel".to_string(), "Ben Jones".to_string()];
    let req = UseRequest {
        people: people.clone(),
        ..request(UseKind::TrainingNeeds)
    };
    let document = build(&map, &req).unwrap();
    let table = document
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .unwrap();
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["URN", "Unit", "Asha Patel", "Ben Jones"]);
    let unit_rows: Vec<&str> = table
        .rows
        .iter()
        .filter(|r| !r.heading)
        .map(|r| r.cells[0].as_str())
        .collect();
    assert_eq!(
        unit_rows.len(),
        map.units().count(),
        "each unit once: {unit_rows:?}"
    );

    let xlsx = write_use(&map, &req, UseFormat::Xlsx).unwrap();
    assert_eq!(drop_downs(&xlsx), unit_rows.len() * people.len());
    assert!(cells(&xlsx).contains(&"Ben Jones".to_string()));
    // Without names: five people to fill in.
    let html = String::from_utf8(
        write_use(&map, &request(UseKind::TrainingNeeds), UseFormat::Html).unwrap(),
    )
    .unwrap();
    assert!(html.contains("Person 5") && !html.contains("Person 6"));
}

/// Each use as a Word document, printed by LibreOffice: the words are there, in a real office
/// suite's reading.
#[test]
fn each_use_opens_in_libreoffice_as_a_word_document() {
    let map = learning_and_development();
    let folder = tempfile::tempdir().unwrap();
    for kind in UseKind::ALL {
        let req = UseRequest {
            people: vec!["Asha Patel".into()],
            ..request(kind)
        };
        let path = folder.path().join(format!("{kind:?}.docx"));
        std::fs::write(&path, write_use(&map, &req, UseFormat::Docx).unwrap()).unwrap();
        let Some(pdf) = common::soffice(&path, "pdf", "pdf") else {
            return;
        };
        let Some(text) = common::poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]) else {
            return;
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let document = build(&map, &req).unwrap();
        assert!(
            text.contains(
                &document
                    .title
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        );
        let first_unit = map.units().next().unwrap().1;
        assert!(
            text.contains(&first_unit.title) || text.contains(&first_unit.urn),
            "{kind:?}: {text}"
        );
        if kind == UseKind::SelfAssessment {
            let pc = &first_unit.performance_criteria[0].text;
            assert!(text.contains(pc.as_str()), "{pc}");
            assert!(text.contains('\u{2610}'));
        }
    }
}

#[test]
fn the_command_line_writes_each_format_by_its_extension() {
    let folder = tempfile::tempdir().unwrap();
    let map = common::copy_example("learning-and-development-2010.nosmap.ron", folder.path());
    let name = map.file_name().unwrap().to_str().unwrap();
    for file in ["sa.docx", "sa.xlsx", "sa.html"] {
        let out = common::nosmap(
            &["uses", "self-assessment", name, "-o", file],
            folder.path(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(folder.path().join(file).is_file());
    }
    let out = common::nosmap(
        &[
            "uses",
            "job-description",
            name,
            "--units",
            "LSILADD01,NOPE",
            "-o",
            "jd.docx",
        ],
        folder.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NOPE"));
    let out = common::nosmap(
        &["uses", "training-needs", name, "-o", "t.pdf"],
        folder.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".docx, .xlsx or .html"));
}

/// Titles and teams of any size: an apostrophe at the start of the sheet's name, 600 people.
#[test]
fn odd_titles_and_large_teams_are_written() {
    let mut doc = nosmap::edit::Document::new(learning_and_development());
    let mut meta = doc.map().meta().clone();
    meta.title = "'Vets' practice standards'".into();
    doc.apply("title", nosmap::edit::Edit::SetMeta(meta))
        .unwrap();
    let map = doc.map().clone();
    let people: Vec<String> = (1..=600).map(|n| format!("Person {n}")).collect();
    for format in UseFormat::ALL {
        let req = UseRequest {
            people: people.clone(),
            ..request(UseKind::TrainingNeeds)
        };
        write_use(&map, &req, format).unwrap();
        write_use(&map, &request(UseKind::SelfAssessment), format).unwrap();
    }
}
