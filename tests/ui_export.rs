//! The Export dialog writes through the same path as `nosmap export`: the same choices give the
//! same bytes.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use nosmap::app::NosmapApp;

#[test]
fn the_export_dialog_writes_what_the_command_line_writes() {
    let dir = tempfile::tempdir().unwrap();
    let map_path = dir.path().join("ml.nosmap.ron");
    std::fs::copy(
        common::example("management-and-leadership-2008.nosmap.ron"),
        &map_path,
    )
    .unwrap();
    let app = NosmapApp::open(Some(map_path.clone())).unwrap();
    let mut harness = common::window(app);

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run();
    // The dialog proposes a file beside the map, for the default format (SVG), with a preview.
    assert!(harness.state().export_dialog_open());
    let field = harness.get_by_role_and_label(Role::TextInput, "File:");
    assert_eq!(
        field.value().unwrap(),
        dir.path().join("ml.svg").display().to_string()
    );
    harness.get_by_label("Preview");
    harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    harness.run();

    let from_dialog = std::fs::read(dir.path().join("ml.svg")).unwrap();
    let cli = dir.path().join("cli.svg");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_nosmap"))
        .args([
            "export",
            map_path.to_str().unwrap(),
            "--format",
            "svg",
            "-o",
            cli.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        from_dialog,
        std::fs::read(&cli).unwrap(),
        "the dialog and the command line differ"
    );
}

/// Issue 21, hole 6, in the window: an existing file is replaced only when the user says so, and
/// an open map's own file is never an export's target.
#[test]
fn the_export_dialog_asks_before_replacing_a_file_and_never_writes_over_an_open_map() {
    let dir = tempfile::tempdir().unwrap();
    let map_path = common::copy_example("it-users-2015.nosmap.ron", dir.path());
    let map_text = std::fs::read(&map_path).unwrap();
    let app = NosmapApp::open(Some(map_path.clone())).unwrap();
    let mut h = common::window(app);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    let svg = dir.path().join("it-users-2015.svg");
    std::fs::write(&svg, "a drawing someone made").unwrap();
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&svg).unwrap(),
        "a drawing someone made"
    );
    h.get_by_label_contains("already exists");
    h.get_by_role_and_label(Role::Button, "Replace it").click();
    h.run();
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));

    // Typed over with the map's own name: refused, the map untouched.
    let field = h.get_by_role_and_label(Role::TextInput, "File:");
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "File:")
        .type_text(map_path.to_str().unwrap());
    h.run();
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Replace it").click();
    h.run();
    assert_eq!(std::fs::read(&map_path).unwrap(), map_text);
    assert!(
        h.state()
            .message()
            .unwrap_or_default()
            .contains("is an open map"),
        "{:?}",
        h.state().message()
    );
}
