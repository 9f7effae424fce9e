//! File › Uses of the map… in the window (issue 18, point 6): choosing a document and a format
//! and pressing Write gives the same document as `nosmap uses`; the selected units are what a
//! job description is drafted from; an existing file is replaced only when the user says so.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use egui_kittest::kittest::Queryable;
use nosmap::app::{Action, Command};
use nosmap::render::uses::{UseFormat, UseKind, UseRequest, write_use};

#[test]
fn the_uses_dialog_writes_a_job_description_of_the_selected_units() {
    let folder = tempfile::tempdir().unwrap();
    let map_path = common::copy_example("learning-and-development-2010.nosmap.ron", folder.path());
    let mut h = common::window(nosmap::app::NosmapApp::open(Some(map_path)).unwrap());
    let map = h.state().document().map().clone();
    let unit = map.units().map(|(id, _)| id).nth(1).unwrap();
    h.state_mut().apply(Action::Select(Some(unit)));
    h.state_mut().apply(Action::Run(Command::UsesOfMap));
    h.run();
    h.get_by_label("Job description (draft)").click();
    h.run();
    h.get_by_label("HTML").click();
    h.run();
    assert!(h.query_by_label_contains("the 1 selected unit").is_some());
    // The file proposed is beside the map, named for the document and format.
    let path = folder
        .path()
        .join("learning-and-development-2010-job-description.html");
    assert_eq!(
        h.get_by_label("File:").value().unwrap(),
        path.display().to_string()
    );
    h.get_by_label("Write").click();
    h.run();
    let written = std::fs::read(&path).unwrap();
    let expected = write_use(
        &map,
        &UseRequest {
            kind: UseKind::JobDescription,
            scope: Default::default(),
            units: vec![unit],
            people: Vec::new(),
        },
        UseFormat::Html,
    )
    .unwrap();
    assert_eq!(
        written, expected,
        "the same document as the command line writes"
    );

    // Writing again asks before replacing.
    h.get_by_label("Write").click();
    h.run();
    assert!(h.query_by_label_contains("already exists").is_some());
    std::fs::write(&path, "hand-edited").unwrap();
    h.get_by_label("Replace it").click();
    h.run();
    assert_eq!(std::fs::read(&path).unwrap(), expected);
}
