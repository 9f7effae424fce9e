//! Public review round trip: the review pack of L&D 2010 goes out, three reviewers fill in the
//! form (an XLSX, a CSV, and a CSV with its rows reordered, an extra column, an added row and
//! text in the wrong column), the forms come back in, and every comment lands on the item it is
//! about; importing again adds nothing; reordering afterwards keeps comments in place. Then the
//! resolution matrix and the consultation report.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use common::example;
use nosmap::edit::{Document, Edit};
use nosmap::model::{
    CommentAnchor, CommentKind, Disposition, FunctionalMap, Nation, NodeId, StatementList,
};
use nosmap::review::{
    self, form::FORM_COLUMNS, import::import_forms, matrix, pack::review_pack, report,
};

fn lnd() -> FunctionalMap {
    nosmap::io::load(&example("learning-and-development-2010.nosmap.ron")).unwrap()
}

/// The form's rows as text, header first (what a reviewer's spreadsheet program shows).
fn rows_of_xlsx(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Comments").unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn rows_of_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    common::csv_rows(std::str::from_utf8(bytes).unwrap())
}

fn col(name: &str) -> usize {
    FORM_COLUMNS.iter().position(|c| *c == name).unwrap()
}

fn to_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.into_inner().unwrap()
}

fn to_xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Comments").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The row of the form for `label` (`P2`) of the unit named `urn`.
fn row_index(rows: &[Vec<String>], urn: &str, label: &str) -> usize {
    rows.iter()
        .position(|r| r[col("Unit")] == urn && r[col("Item")] == label)
        .unwrap_or_else(|| panic!("no row for {urn} {label}"))
}

struct Expected {
    node: NodeId,
    anchor: CommentAnchor,
    text: &'static str,
}

fn anchor_of(map: &FunctionalMap, rows: &[Vec<String>], index: usize) -> (NodeId, CommentAnchor) {
    review::parse_item_key(&rows[index][col(FORM_COLUMNS[0])])
        .filter(|(node, _)| map.contains(*node))
        .unwrap()
}

#[test]
fn review_pack_out_three_forms_back_every_comment_on_its_item() {
    let map = lnd();
    let pack = review_pack(&map, None).unwrap();
    let names: Vec<&str> = pack.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "learning-and-development-2010-review-draft.docx",
            "learning-and-development-2010-comment-form.xlsx",
            "learning-and-development-2010-comment-form.csv"
        ]
    );
    let form_xlsx = rows_of_xlsx(&pack[1].bytes);
    let form_csv = rows_of_csv(&pack[2].bytes);
    assert_eq!(form_xlsx[0], FORM_COLUMNS.map(String::from).to_vec());
    assert_eq!(
        form_xlsx.len(),
        form_csv.len(),
        "the same rows in both forms"
    );
    assert_eq!(form_xlsx.len() - 1, review::review_items(&map, None).len());

    // Two units with at least three PCs to comment on.
    let units: Vec<(NodeId, String)> = map
        .units()
        .filter(|(_, u)| u.item_count(StatementList::PerformanceCriteria) >= 3)
        .map(|(id, u)| (id, u.urn.clone()))
        .take(2)
        .collect();
    let (u1, urn1) = units[0].clone();
    let (u2, urn2) = units[1].clone();
    let mut expected: Vec<Expected> = Vec::new();

    // Reviewer 1: Excel, Scotland, details on the first row used only.
    let mut rows = form_xlsx.clone();
    let r = row_index(&rows, &urn1, "P2");
    rows[r][col("Comment")] = "Say who agrees the plan with the learner.".into();
    rows[r][col("Type")] = "Technical".into();
    rows[r][col("Reviewer")] = "Morag Bell".into();
    rows[r][col("Organisation")] = "Skills Development Scotland".into();
    rows[r][col("Stakeholder type")] = "Government or agency".into();
    rows[r][col("Nation")] = "Scotland".into();
    let (node, anchor) = anchor_of(&map, &rows, r);
    expected.push(Expected {
        node,
        anchor,
        text: "Say who agrees the plan with the learner.",
    });
    let r = row_index(&rows, &urn2, "Title");
    rows[r][col("Comment")] = "The title is too long for a certificate.".into();
    rows[r][col("Type")] = "ed".into();
    let (node, anchor) = anchor_of(&map, &rows, r);
    expected.push(Expected {
        node,
        anchor,
        text: "The title is too long for a certificate.",
    });
    let form1 = to_xlsx(&rows);

    // Reviewer 2: the CSV, Wales.
    let mut rows = form_csv.clone();
    let r = row_index(&rows, &urn1, "P2");
    rows[r][col("Comment")] = "Agree the plan with the learner and the employer.".into();
    rows[r][col("Reviewer")] = "Owen Price".into();
    rows[r][col("Organisation")] = "Colegau Cymru".into();
    rows[r][col("Nation")] = "Wales".into();
    let (node, anchor) = anchor_of(&map, &rows, r);
    expected.push(Expected {
        node,
        anchor,
        text: "Agree the plan with the learner and the employer.",
    });
    let r = row_index(&rows, &urn2, "K1");
    rows[r][col("Proposed change")] = "Add “and its limits”.".into();
    let (node, anchor) = anchor_of(&map, &rows, r);
    expected.push(Expected {
        node,
        anchor,
        text: "",
    });
    let form2 = to_csv(&rows);

    // Reviewer 3: rows reversed, an extra column, a row added by hand (no id), a comment typed
    // into the Type column, and a row naming a unit that does not exist.
    let mut rows = form_csv.clone();
    let header = rows.remove(0);
    rows.reverse();
    rows.insert(0, header);
    for row in &mut rows {
        row.push(String::new());
    }
    let last = rows[0].len() - 1;
    rows[0][last] = "Priority".into();
    let r = row_index(&rows, &urn1, "P3");
    rows[r][col("Comment")] = "P3 repeats P1.".into();
    rows[r][last] = "High".into();
    rows[r][col("Reviewer")] = "Priya Shah".into();
    rows[r][col("Organisation")] = "City Training Ltd".into();
    rows[r][col("Nation")] = "England".into();
    let (node, anchor) = anchor_of(&map, &rows, r);
    expected.push(Expected {
        node,
        anchor,
        text: "P3 repeats P1.\nPriority: High",
    });
    let r = row_index(&rows, &urn2, "P1");
    rows[r][col("Type")] = "This criterion cannot be assessed in the workplace.".into();
    let (node, anchor) = anchor_of(&map, &rows, r);
    expected.push(Expected {
        node,
        anchor,
        text: "This criterion cannot be assessed in the workplace.",
    });
    let mut added = vec![String::new(); rows[0].len()];
    added[col("Unit")] = urn2.clone();
    added[col("Item")] = "p 2".into();
    added[col("Comment")] = "Added row: P2 should mention safeguarding.".into();
    rows.push(added);
    let p2 = map.unit(u2).unwrap().statement_by_label("P2").unwrap();
    expected.push(Expected {
        node: u2,
        anchor: CommentAnchor::Statement(p2),
        text: "Added row: P2 should mention safeguarding.",
    });
    let mut nowhere = vec![String::new(); rows[0].len()];
    nowhere[col("Unit")] = "XYZ999".into();
    nowhere[col("Item")] = "P1".into();
    nowhere[col("Comment")] = "About a unit from another suite.".into();
    rows.push(nowhere);
    let nowhere_row = rows.len(); // spreadsheet row number: the header is row 1
    let form3 = to_csv(&rows);

    let forms = vec![
        ("morag.xlsx".to_string(), form1),
        ("owen.csv".to_string(), form2),
        ("priya.csv".to_string(), form3),
    ];
    let imported = import_forms(&map, &forms);
    let summaries: Vec<String> = imported.reports.iter().map(|r| r.summary()).collect();
    assert_eq!(
        imported.reports.iter().map(|r| r.taken).collect::<Vec<_>>(),
        [2, 2, 3],
        "{summaries:#?}"
    );
    assert_eq!(
        imported.reports[2].unplaced,
        [(
            nowhere_row,
            "no unit or function “XYZ999” in the map".to_string()
        )],
        "{summaries:#?}"
    );
    assert!(imported.reports[0].unplaced.is_empty() && imported.reports[1].unplaced.is_empty());

    let mut doc = Document::new(map.clone());
    doc.transact("Import review comments", |doc| {
        for edit in imported.edits.clone() {
            doc.apply("import", edit)?;
        }
        Ok(())
    })
    .unwrap();
    let after = doc.map();
    let all: Vec<_> = after
        .nodes()
        .flat_map(|(id, n)| n.comments().iter().map(move |c| (id, c)))
        .collect();
    assert_eq!(all.len(), expected.len());
    for want in &expected {
        let found = all.iter().find(|(node, c)| {
            *node == want.node
                && c.anchor == want.anchor
                && (want.text.is_empty() || c.text == want.text)
        });
        assert!(
            found.is_some(),
            "no comment {:?} on {:?} {:?}; comments: {all:#?}",
            want.text,
            want.node,
            want.anchor
        );
    }
    // Reviewer details given once count for the rows below; nations and types are read.
    let by_text = |text: &str| all.iter().find(|(_, c)| c.text == text).unwrap().1;
    let title_comment = by_text("The title is too long for a certificate.");
    assert_eq!(title_comment.reviewer, "Morag Bell");
    assert_eq!(title_comment.nation, Nation::Scotland);
    assert_eq!(title_comment.kind, CommentKind::Editorial);
    assert_eq!(
        by_text("Say who agrees the plan with the learner.").kind,
        CommentKind::Technical
    );
    let proposal = all
        .iter()
        .find(|(_, c)| c.proposed_change == "Add “and its limits”.")
        .unwrap()
        .1;
    assert_eq!(proposal.organisation, "Colegau Cymru");
    assert_eq!(proposal.nation, Nation::Wales);
    let p2_comment = by_text("Say who agrees the plan with the learner.");
    let p2_text = &map.unit(u1).unwrap().performance_criteria;
    assert!(
        p2_text.iter().any(|s| s.text == p2_comment.made_on),
        "the words it was made on are kept"
    );
    assert_eq!(p2_comment.made_on_label, "P2");
    assert!(p2_comment.source.starts_with("morag.xlsx row "));

    // A second import of the same forms adds nothing.
    let again = import_forms(after, &forms);
    assert!(again.edits.is_empty(), "{:#?}", again.reports);
    assert_eq!(
        again.reports.iter().map(|r| r.already_there).sum::<usize>(),
        expected.len()
    );

    // Reordering the PCs afterwards keeps each comment on its statement.
    let p2 = map.unit(u1).unwrap().statement_by_label("P2").unwrap();
    doc.apply(
        "reorder",
        Edit::MoveStatement {
            unit: u1,
            list: StatementList::PerformanceCriteria,
            statement: p2,
            to: 0,
        },
    )
    .unwrap();
    let node = doc.map().node(u1).unwrap();
    let on_p2: Vec<_> = node
        .comments()
        .iter()
        .filter(|c| c.anchor == CommentAnchor::Statement(p2))
        .collect();
    assert_eq!(on_p2.len(), 2, "both reviewers' comments on the old P2");
    assert_eq!(
        review::anchor_label(node, &on_p2[0].anchor).as_deref(),
        Some("P1")
    );

    // The map with its comments saves and reads back the same.
    let text = nosmap::io::to_string(doc.map()).unwrap();
    let read = nosmap::io::from_str(&text, std::path::Path::new("r.nosmap.ron")).unwrap();
    assert_eq!(&read, doc.map());
}

#[test]
fn the_matrix_and_the_report_list_every_answer() {
    let map = lnd();
    let unit = map
        .units()
        .find(|(_, u)| u.item_count(StatementList::PerformanceCriteria) >= 2)
        .unwrap()
        .0;
    let urn = map.unit(unit).unwrap().urn.clone();
    let rows = rows_of_csv(&nosmap::review::form::form_csv(&map, None).unwrap());
    let mut filled = rows.clone();
    let r = row_index(&filled, &urn, "P1");
    filled[r][col("Comment")] = "Too vague.".into();
    filled[r][col("Organisation")] = "Acme Awards".into();
    filled[r][col("Nation")] = "Northern Ireland".into();
    filled[r][col("Stakeholder type")] = "Awarding organisation".into();
    let r2 = row_index(&filled, &urn, "P2");
    filled[r2][col("Comment")] = "Fine as it is.".into();
    let imported = import_forms(&map, &[("acme.csv".into(), to_csv(&filled))]);
    let mut doc = Document::new(map.clone());
    for edit in imported.edits {
        doc.apply("import", edit).unwrap();
    }
    // Answer the first comment.
    let node = doc.map().node(unit).unwrap();
    let mut answered = node
        .comments()
        .iter()
        .find(|c| c.text == "Too vague.")
        .unwrap()
        .clone();
    answered.disposition = Disposition::AcceptedWithModification;
    answered.response = "P1 now names the evidence.".into();
    answered.decided_by = "Working group".into();
    let node = node.with_comment_replaced(answered).unwrap();
    doc.apply("answer", Edit::SetNode { id: unit, node })
        .unwrap();
    let reviewed = doc.map();

    let xlsx = matrix::matrix_xlsx(reviewed).unwrap();
    let sheet = rows_of_xlsx(&xlsx);
    assert_eq!(sheet[0], matrix::MATRIX_COLUMNS.map(String::from).to_vec());
    assert_eq!(sheet.len(), 3, "a header and one row per comment");
    let answered_row = sheet.iter().find(|r| r[11] == "Too vague.").unwrap();
    assert_eq!(answered_row[1], urn);
    assert_eq!(answered_row[3], "P1");
    assert_eq!(answered_row[9], "Northern Ireland");
    assert_eq!(answered_row[13], "Accepted with modification");
    assert_eq!(answered_row[14], "P1 now names the evidence.");
    let other = sheet.iter().find(|r| r[11] == "Fine as it is.").unwrap();
    assert_eq!(other[13], "Open");
    assert_eq!(
        other[7], "Acme Awards",
        "the organisation given once counts below"
    );

    let html = matrix::matrix_html(reviewed);
    assert!(html.contains("P1 now names the evidence."));
    assert!(html.contains("size: A4 landscape"));

    let consultation = report::consultation(reviewed);
    assert_eq!(consultation.all.total, 2);
    assert_eq!(consultation.all.modified, 1);
    assert_eq!(consultation.all.open, 1);
    assert_eq!(
        consultation.by_nation,
        [(
            "Northern Ireland".to_string(),
            report::Tally {
                total: 2,
                open: 1,
                modified: 1,
                ..report::Tally::default()
            }
        )]
    );
    assert_eq!(consultation.by_stakeholder[0].0, "Awarding organisation");
    assert_eq!(consultation.by_unit.len(), 1);

    // What changed since the draft: the reworded P1, and nothing about comments.
    let mut revised = Document::new(reviewed.clone());
    let p1 = reviewed.unit(unit).unwrap().performance_criteria[0].clone();
    let mut reworded = p1.clone();
    reworded.text = format!("{} using the evidence agreed", p1.text);
    revised
        .apply(
            "reword",
            Edit::SetStatement {
                unit,
                list: StatementList::PerformanceCriteria,
                statement: reworded,
            },
        )
        .unwrap();
    let md = report::report_markdown(revised.map(), Some(&map));
    assert!(
        md.contains("## What changed since the review draft"),
        "{md}"
    );
    assert!(md.contains("1 change"), "{md}");
    let html = report::report_html(revised.map(), Some(&map));
    assert!(html.contains("By stakeholder type"));
    // The matrix now shows the words P1 has today beside those commented on.
    let sheet = rows_of_xlsx(&matrix::matrix_xlsx(revised.map()).unwrap());
    let row = sheet.iter().find(|r| r[11] == "Too vague.").unwrap();
    assert_eq!(row[4], p1.text);
    assert!(row[5].ends_with("using the evidence agreed"), "{row:?}");
}
