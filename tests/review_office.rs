//! The review pack opened in a real office suite: headless LibreOffice converts the DOCX (and the
//! XLSX comment form) to PDF and CSV, and poppler reads the PDF back, so what a reviewer sees is
//! checked, not only the XML we wrote. Without LibreOffice or poppler the tests say so and pass,
//! except in CI, which installs both.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use nosmap::model::FunctionalMap;
use nosmap::review::{ReviewItem, review_docx, review_items};

fn learning_and_development() -> FunctionalMap {
    nosmap::io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap()
}

/// Whitespace (line ends, wrapped lines, several spaces) as one space.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page count `pdfinfo` reports.
fn pages(pdf: &str) -> Option<usize> {
    let info = common::poppler("pdfinfo", &[pdf])?;
    let line = info
        .lines()
        .find(|line| line.starts_with("Pages:"))
        .unwrap();
    Some(line["Pages:".len()..].trim().parse().unwrap())
}

/// The first unit's items: its title, then its statements.
fn first_unit(map: &FunctionalMap) -> Vec<ReviewItem> {
    let items = review_items(map, None);
    let unit = items
        .iter()
        .find(|item| {
            map.node(item.node)
                .is_some_and(|node| node.as_unit().is_some())
        })
        .unwrap()
        .node;
    items.into_iter().filter(|item| item.node == unit).collect()
}

#[test]
fn the_review_pack_opens_in_libreoffice_with_each_unit_its_items_keys_and_comment_table() {
    let map = learning_and_development();
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("review-pack.docx");
    std::fs::write(&docx, review_docx(&map, None).unwrap()).unwrap();
    let Some(pdf) = common::soffice(&docx, "pdf", "pdf") else {
        return;
    };
    let pdf = pdf.to_str().unwrap();
    let Some(pages) = pages(pdf) else {
        return;
    };
    let Some(text) = common::poppler("pdftotext", &[pdf, "-"]) else {
        return;
    };
    let page_texts: Vec<String> = text.split('\u{c}').map(squeezed).collect();
    let all = squeezed(&text);

    // A title page, then every unit on a page of its own.
    let units: Vec<(String, String)> = map
        .units()
        .map(|(_, unit)| (unit.urn.clone(), unit.title.clone()))
        .collect();
    assert_eq!(units.len(), 13);
    assert!(
        pages > units.len(),
        "{pages} pages for {} units",
        units.len()
    );
    assert!(page_texts[0].starts_with("Public review draft: Learning and Development (2010)"));
    assert!(
        page_texts[0].contains("How to comment"),
        "{}",
        page_texts[0]
    );
    let mut unit_pages: Vec<usize> = units
        .iter()
        .map(|(urn, title)| {
            let heading = format!("{urn} {title}");
            page_texts
                .iter()
                .position(|page| page.contains(&heading))
                .unwrap_or_else(|| panic!("no page has {heading:?}"))
        })
        .collect();
    unit_pages.dedup();
    assert_eq!(unit_pages.len(), units.len(), "units share a page");

    // The first unit: heading, P1's words and the key of every statement, and its table.
    let items = first_unit(&map);
    let unit = &items[0];
    let page = &page_texts[unit_pages[0]..]
        .iter()
        .find(|page| page.contains(&unit.node_name))
        .unwrap();
    assert!(page.contains(&format!("{} {}", unit.node_name, unit.node_title)));
    let p1 = items.iter().find(|item| item.label == "P1").unwrap();
    assert!(
        page.contains(&format!("P1 {} {}", p1.text, p1.key)),
        "{page}"
    );
    for item in &items {
        assert!(item.key.starts_with('n'), "{item:?}");
        assert!(all.contains(&item.key), "no key {} in the PDF", item.key);
        assert!(all.contains(&squeezed(&item.text)), "no {:?}", item.text);
    }
    assert!(
        all.contains(&format!(
            "Your comments on {} Item Type (ge/te/ed) Comment Proposed change",
            unit.node_name
        )),
        "no comment table for {}",
        unit.node_name
    );
}

#[test]
fn the_comment_form_opens_in_libreoffice_with_each_item_its_words_and_hidden_key() {
    let map = learning_and_development();
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("comment-form.xlsx");
    std::fs::write(&xlsx, nosmap::review::form::form_xlsx(&map, None).unwrap()).unwrap();
    let items = first_unit(&map);
    let p1 = items.iter().find(|item| item.label == "P1").unwrap();

    // As CSV (UTF-8, comma separated, the first sheet): every row keeps its hidden key beside
    // its words.
    let Some(csv) = common::soffice(&xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1", "csv")
    else {
        return;
    };
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let column = |name: &str| header.iter().position(|c| c == name).unwrap();
    let (id, unit, label, text) = (
        column("Item id"),
        column("Unit"),
        column("Item"),
        column("Text"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), review_items(&map, None).len());
    let row = rows.iter().find(|row| row[id] == p1.key).unwrap();
    assert_eq!(
        (&row[unit], &row[label], &row[text]),
        (p1.node_name.as_str(), "P1", p1.text.as_str())
    );

    // As PDF: the words a reviewer reads (the id column is hidden, so not printed).
    let Some(pdf) = common::soffice(&xlsx, "pdf", "pdf") else {
        return;
    };
    let Some(text) = common::poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]) else {
        return;
    };
    let text = squeezed(&text);
    assert!(
        text.contains(&squeezed(&p1.text)),
        "no {:?} in {text}",
        p1.text
    );
    assert!(text.contains("Proposed change"), "{text}");
    assert!(!text.contains(&p1.key), "the hidden id column was printed");
}

/// Issue 18, point 3: the map's workbook opened in LibreOffice (converted to CSV) holds the same
/// cells as nosmap's own CSV of the map, and LibreOffice's CSV of it reads back as the same map.
#[test]
fn the_map_workbook_opens_in_libreoffice_with_the_cells_of_the_csv_layout() {
    let map = learning_and_development();
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("map.xlsx");
    std::fs::write(&xlsx, nosmap::io::table::xlsx::to_xlsx(&map).unwrap()).unwrap();
    let Some(csv) = common::soffice(&xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1", "csv")
    else {
        return;
    };
    let theirs = common::csv_rows(&std::fs::read_to_string(&csv).unwrap());
    let ours: Vec<Vec<String>> = common::csv_rows(&nosmap::io::table::to_csv(&map).unwrap())
        .into_iter()
        .map(|row| {
            row.iter()
                .map(|c| nosmap::io::table::from_spreadsheet_safe(c).to_string())
                .collect()
        })
        .collect();
    assert_eq!(theirs.len(), ours.len(), "one row per row");
    for (theirs, ours) in theirs.iter().zip(&ours) {
        let width = ours.len();
        let mut theirs = theirs.clone();
        theirs.resize(width, String::new());
        assert_eq!(&theirs, ours);
    }
}

/// The unit specification as a Word document, opened by LibreOffice: each unit starts a page
/// under a running header naming its URN and title (M&L 2008 has far more than the ten
/// sections where docx-rs's ordering of header parts went wrong), its criteria and knowledge numbered P1…, K1…
/// under the published stems; the headings are Word's, a contents field lists the units, and a
/// branch gives only its units.
#[test]
fn the_unit_specification_opens_in_libreoffice_a_unit_a_page_under_its_own_running_header() {
    use nosmap::layout::Scope;
    let map = nosmap::io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap();
    let bytes = nosmap::render::spec::docx_scoped(&map, &Scope::default()).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let docx = folder.path().join("spec.docx");
    std::fs::write(&docx, &bytes).unwrap();

    // What Word reads: its heading styles, a contents field, a section per unit.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut document = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").unwrap(),
        &mut document,
    )
    .unwrap();
    let mut units: Vec<&nosmap::model::Unit> = Vec::new();
    for (_, id) in map.walk() {
        if let Some(unit) = map.unit(id)
            && !units.iter().any(|u| std::ptr::eq(*u, unit))
        {
            units.push(unit);
        }
    }
    assert!(document.contains("w:val=\"Heading2\""));
    assert!(document.contains("TOC \\o &quot;2-2&quot;") || document.contains("TOC \\o \"2-2\""));
    assert_eq!(
        document.matches("<w:sectPr>").count() + document.matches("<w:sectPr ").count(),
        units.len() + 1,
        "the front matter, then a section per unit"
    );

    let Some(pdf) = common::soffice(&docx, "pdf", "pdf") else {
        return;
    };
    let pdf = pdf.to_str().unwrap();
    let Some(count) = pages(pdf) else { return };
    let mut checked = 0;
    for page in 1..=count {
        let number = page.to_string();
        let Some(text) = common::poppler(
            "pdftotext",
            &["-layout", "-f", &number, "-l", &number, pdf, "-"],
        ) else {
            return;
        };
        let Some(urn) = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("URN: "))
            .map(str::trim)
        else {
            continue;
        };
        let unit = units.iter().find(|u| u.urn == urn).unwrap();
        let header = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap();
        assert_eq!(
            squeezed(header),
            format!("{} {}", unit.urn, unit.title),
            "page {page}: the running header names the unit on the page"
        );
        let words = squeezed(&text);
        for (i, pc) in unit.performance_criteria.iter().enumerate() {
            assert!(
                words.contains(&format!("P{} {}", i + 1, squeezed(&pc.text))),
                "page {page}: P{} of {urn}",
                i + 1
            );
        }
        if !unit.performance_criteria.is_empty() {
            assert!(words.contains("You must be able to:"));
        }
        checked += 1;
    }
    assert_eq!(checked, units.len(), "every unit starts a page of its own");

    // A branch: only its units.
    let area = nosmap::analysis::find_node(&map, "B").unwrap();
    let branch = nosmap::render::spec::docx_scoped(
        &map,
        &Scope {
            branch: Some(area),
            max_depth: None,
            ..Scope::default()
        },
    )
    .unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(branch)).unwrap();
    let mut document = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").unwrap(),
        &mut document,
    )
    .unwrap();
    assert!(document.contains("CFAMLB1") && !document.contains("URN: CFAMLA1"));
}
