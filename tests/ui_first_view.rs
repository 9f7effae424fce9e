//! Opening a map shows readable text: the whole map when its unit titles are readable at that
//! zoom, otherwise the key purpose and key areas at a readable zoom; and the map is laid out for
//! the window's shape.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use nosmap::app::NosmapApp;
use nosmap::edit::Document;
use nosmap::layout::BoxKind;

const READABLE_PX: f32 = 9.0;

fn opened(name: &str, size: [f32; 2]) -> egui_kittest::Harness<'static, NosmapApp> {
    let map = nosmap::io::load(&common::example(name)).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let mut app = NosmapApp::new(Document::new(map), None);
    app.set_settings_path(folder.path().join("settings.ron"));
    let mut harness = egui_kittest::Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut NosmapApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

/// The screen rectangle of a scene rectangle.
fn on_screen(app: &NosmapApp, rect: &nosmap::layout::Rect) -> eframe::egui::Rect {
    let (zoom, offset) = app.camera();
    let canvas = app.canvas_rect().unwrap();
    let at = |x: f32, y: f32| {
        canvas.min + (eframe::egui::vec2(x, y) - eframe::egui::vec2(offset[0], offset[1])) * zoom
    };
    eframe::egui::Rect::from_min_max(at(rect.x, rect.y), at(rect.right(), rect.bottom()))
}

#[test]
fn management_and_leadership_opens_with_readable_unit_titles_and_its_key_purpose_in_view() {
    let harness = opened("management-and-leadership-2008.nosmap.ron", [1400.0, 900.0]);
    let app = harness.state();
    let canvas = app.canvas_rect().unwrap();
    let (zoom, _) = app.camera();
    let scene = app.scene();
    let mut readable_titles = 0;
    for scene_box in scene.boxes.iter().filter(|b| b.kind == BoxKind::Unit) {
        if !canvas.intersects(on_screen(app, &scene_box.rect)) {
            continue;
        }
        for line in &scene_box.lines {
            assert!(
                line.size * zoom >= READABLE_PX * 10.0 / 13.0,
                "{:?} drawn at {:.1} px",
                line.text,
                line.size * zoom
            );
        }
        let title = scene_box.lines.iter().map(|l| l.size).fold(0.0, f32::max);
        assert!(
            title * zoom >= READABLE_PX,
            "a unit title at {:.1} px",
            title * zoom
        );
        readable_titles += 1;
    }
    assert!(
        readable_titles >= 10,
        "only {readable_titles} units in view"
    );
    let purpose = scene
        .boxes
        .iter()
        .find(|b| b.kind == BoxKind::KeyPurpose)
        .unwrap();
    assert!(
        canvas.contains_rect(on_screen(app, &purpose.rect)),
        "the key purpose is in view"
    );
    let first_area = scene
        .boxes
        .iter()
        .find(|b| b.kind == BoxKind::Function { depth: 1 })
        .unwrap();
    assert!(canvas.contains_rect(on_screen(app, &first_area.rect)));
}

#[test]
fn a_small_map_opens_whole() {
    let harness = opened("learning-and-development-2010.nosmap.ron", [1400.0, 900.0]);
    let app = harness.state();
    let canvas = app.canvas_rect().unwrap();
    for scene_box in &app.scene().boxes {
        assert!(
            canvas
                .expand(1.0)
                .contains_rect(on_screen(app, &scene_box.rect)),
            "{:?} is out of view",
            scene_box.node
        );
    }
}

#[test]
fn the_map_is_laid_out_for_the_shape_of_the_window() {
    let wide = opened("management-and-leadership-2008.nosmap.ron", [1900.0, 700.0]);
    let tall = opened("management-and-leadership-2008.nosmap.ron", [900.0, 1300.0]);
    let aspect = |h: &egui_kittest::Harness<'static, NosmapApp>| {
        let b = h.state().scene().bounds;
        b.width / b.height
    };
    let canvas_aspect = |h: &egui_kittest::Harness<'static, NosmapApp>| {
        let c = h.state().canvas_rect().unwrap();
        c.width() / c.height()
    };
    assert!(canvas_aspect(&wide) > canvas_aspect(&tall));
    assert!(
        aspect(&wide) > 1.3 * aspect(&tall),
        "wide {:.2}, tall {:.2}",
        aspect(&wide),
        aspect(&tall)
    );
}

#[test]
fn ctrl_shift_l_switches_between_the_compact_layout_and_the_tree() {
    use common::keys;
    use eframe::egui::{Key, Modifiers};
    let mut harness = opened("management-and-leadership-2008.nosmap.ron", [1400.0, 900.0]);
    assert_eq!(
        harness.state().view().layout,
        nosmap::view::LayoutKind::Compact
    );
    let compact = harness.state().scene().bounds;
    let shortcut = keys::press(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    common::type_in_frames(&mut harness, &shortcut, 1);
    harness.run();
    assert_eq!(
        harness.state().view().layout,
        nosmap::view::LayoutKind::Tree
    );
    let tree = harness.state().scene().bounds;
    // The tidy tree of 67 units is a tall column; the compact map is not.
    assert!(tree.height / tree.width > 2.0 * compact.height / compact.width);
    common::type_in_frames(&mut harness, &shortcut, 1);
    harness.run();
    assert_eq!(
        harness.state().view().layout,
        nosmap::view::LayoutKind::Compact
    );
}
