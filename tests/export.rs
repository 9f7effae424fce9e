//! Exporters draw the Scene as laid out: SVG parses and holds every box and line, DOT is accepted
//! by Graphviz, the unit specifications hold every unit in order, and hostile strings are escaped
//! everywhere.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::path::Path;
use std::process::Command;

use nosmap::edit::Document;
use nosmap::layout::{LayoutStyle, Scope, layout, layout_scoped};
use nosmap::model::{Function, FunctionalMap, KeyPurpose, MapMeta, Statement, Unit};
use nosmap::render::{SvgOptions, dot, html, markdown, svg};
use nosmap::view::ViewState;

const HOSTILE: &str =
    "<script>alert(\"x\")</script> & 'quotes' \\ مرحبا بالعالم 👩‍🏫 | *bold* [link](x)";

fn hostile_map() -> FunctionalMap {
    let mut doc = Document::new(FunctionalMap::new(
        MapMeta::new(HOSTILE),
        KeyPurpose::new(HOSTILE),
    ));
    let root = doc.map().root();
    let area = common::add(&mut doc, root, Function::new("A&B", HOSTILE).into());
    let mut unit = Unit::new("TST<1>", HOSTILE);
    unit.overview = HOSTILE.into();
    unit.performance_criteria = vec![Statement::heading(HOSTILE), Statement::item(HOSTILE)];
    unit.knowledge = vec![Statement::item(HOSTILE)];
    common::add(&mut doc, area, unit.into());
    common::add(&mut doc, area, Unit::new("TST2", "Plan work").into());
    doc.map().clone()
}

#[test]
fn svg_holds_every_box_and_line_of_the_scene() {
    for path in common::example_paths() {
        let map = nosmap::io::load(&path).unwrap();
        let scene = layout(&map, &ViewState::default(), &LayoutStyle::default());
        let text = svg(
            &scene,
            &SvgOptions {
                title: map.meta().title.clone(),
                embed_fonts: false,
            },
        );
        let document = roxmltree::Document::parse(&text).unwrap();
        let groups = document
            .descendants()
            .filter(|n| n.attribute("class") == Some("node"))
            .count();
        assert_eq!(groups, scene.boxes.len());
        let texts: Vec<String> = document
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect();
        let expected: Vec<String> = scene
            .boxes
            .iter()
            .flat_map(|b| b.badges.iter().map(|x| &x.label).chain(&b.lines))
            .filter(|l| !l.text.is_empty())
            .map(|l| l.text.clone())
            .collect();
        assert_eq!(texts, expected, "{}", path.display());
        let width: f32 = document
            .root_element()
            .attribute("width")
            .unwrap()
            .parse()
            .unwrap();
        assert!((width - scene.bounds.width).abs() < 0.1);
    }
}

#[test]
fn hostile_strings_survive_every_format_escaped() {
    let map = hostile_map();
    let scene = layout(&map, &ViewState::default(), &LayoutStyle::default());
    let text = svg(
        &scene,
        &SvgOptions {
            title: HOSTILE.into(),
            embed_fonts: false,
        },
    );
    let document = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(
        document
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .unwrap()
            .text(),
        Some(HOSTILE)
    );
    assert!(!text.contains("<script>"));
    let joined: String = document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        joined.contains("👩‍🏫") && joined.contains("مرحبا"),
        "{joined}"
    );

    let page = html(&map);
    assert!(!page.contains("<script>"), "raw script tag in HTML");
    assert!(
        page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;")
    );
    assert!(page.contains("مرحبا بالعالم 👩‍🏫"));

    let md = markdown(&map);
    assert!(!md.contains("<script>"));
    assert!(md.contains("&lt;script&gt;"));
    assert!(md.contains("\\*bold\\* \\[link\\](x)"));

    let graph = dot(&scene, HOSTILE);
    assert!(graph.contains("alert(\\\"x\\\")"));
    if let Some(result) = run_graphviz(&graph) {
        assert!(result.is_ok(), "{result:?}");
    }
}

/// Runs `dot -Tsvg`; `None` (with a message) when Graphviz is not installed here. CI installs it.
fn run_graphviz(graph: &str) -> Option<Result<(), String>> {
    use std::io::Write as _;
    let Ok(mut child) = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("skipped: Graphviz `dot` is not installed (CI installs it)");
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Graphviz installed"
        );
        return None;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(graph.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    Some(
        if output.status.success() && output.stdout.starts_with(b"<?xml") {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        },
    )
}

#[test]
fn graphviz_accepts_the_dot_of_every_example() {
    for path in common::example_paths() {
        let map = nosmap::io::load(&path).unwrap();
        let scene = layout(&map, &ViewState::default(), &LayoutStyle::default());
        let graph = dot(&scene, &map.meta().title);
        assert_eq!(graph.matches(" -> ").count(), scene.connectors.len());
        if let Some(result) = run_graphviz(&graph) {
            assert!(result.is_ok(), "{}: {result:?}", path.display());
        }
    }
}

#[test]
fn unit_specifications_list_every_unit_in_map_order() {
    let map =
        nosmap::io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap();
    let md = markdown(&map);
    let page = html(&map);
    let urns: Vec<&str> = map.units().map(|(_, u)| u.urn.as_str()).collect();
    let mut last = 0;
    for urn in &urns {
        let at = md
            .find(&format!("URN: {urn}"))
            .unwrap_or_else(|| panic!("{urn} missing"));
        assert!(at > last, "{urn} out of order");
        last = at;
        assert!(
            page.contains(&format!("<h2 id=\"{urn}\">")),
            "{urn} has no anchor"
        );
    }
    assert_eq!(page.matches("<section class=\"unit\">").count(), urns.len());
    assert!(page.contains("page-break-before: always"));
    // Numbered statements, the published stems and the functional-map table.
    assert!(md.contains("You must be able to:") && md.contains("- **P5** share the findings"));
    assert!(page.contains("<span class=\"label\">K4</span>"));
    assert!(
        md.contains("| 1.2 | Key area |") || md.contains("| 2 | Key area | B |"),
        "{md}"
    );
}

#[test]
fn scope_limits_depth_and_branch() {
    let map = nosmap::io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap();
    let view = ViewState::default();
    let style = LayoutStyle::default();
    let top = layout_scoped(
        &map,
        &view,
        &style,
        &Scope {
            branch: None,
            max_depth: Some(1),
            ..Scope::default()
        },
    );
    assert_eq!(top.boxes.len(), 7, "key purpose and six key roles");
    assert!(
        top.boxes.iter().skip(1).all(|b| !b.badges.is_empty()),
        "cut branches are counted"
    );
    let role_b = map.children(map.root())[1];
    let branch = layout_scoped(
        &map,
        &view,
        &style,
        &Scope {
            branch: Some(role_b),
            max_depth: None,
            ..Scope::default()
        },
    );
    assert_eq!(branch.boxes.len(), 1 + map.children(role_b).len());
    assert_eq!(branch.boxes[0].node, role_b);
}

#[test]
fn export_command_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let map = common::example("management-and-leadership-2008.nosmap.ron");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_nosmap"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    for (format, name) in [
        ("svg", "m.svg"),
        ("dot", "m.dot"),
        ("html", "m.html"),
        ("md", "m.md"),
    ] {
        let output = run(&[
            "export",
            map.to_str().unwrap(),
            "--format",
            format,
            "-o",
            name,
        ]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            dir.path().join(name).metadata().unwrap().len() > 1000,
            "{name} is too small"
        );
    }
    let output = run(&[
        "export",
        map.to_str().unwrap(),
        "--format",
        "svg",
        "-o",
        "b.svg",
        "--branch",
        "CFAMLE1",
        "--style",
        "mono",
        "--no-counts",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = std::fs::read_to_string(dir.path().join("b.svg")).unwrap();
    assert!(
        text.contains(">Manage a budget<")
            && !text.contains("K&amp;U")
            && !text.contains("#1f3a5f")
    );
    let missing = run(&[
        "export",
        map.to_str().unwrap(),
        "--format",
        "svg",
        "-o",
        "x.svg",
        "--branch",
        "NOPE99",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("NOPE99"));
    assert!(!Path::new(&dir.path().join("x.svg")).exists());
}

/// Issue 21, hole 10: text XML forbids (U+FFFE, U+FFFF, control characters) and the NUL Graphviz
/// refuses can arrive through a spreadsheet; every export stays valid.
#[test]
fn noncharacters_and_control_characters_never_make_an_invalid_export() {
    let nasty = "Plan\u{FFFE} the\u{FFFF} work\u{0} now\u{7}";
    let mut doc = Document::new(FunctionalMap::new(
        MapMeta::new(nasty),
        KeyPurpose::new(nasty),
    ));
    let root = doc.map().root();
    let area = common::add(&mut doc, root, Function::new("A\u{0}", nasty).into());
    let mut unit = Unit::new("TST\u{FFFF}1", nasty);
    unit.performance_criteria = vec![Statement::item(nasty)];
    common::add(&mut doc, area, unit.into());
    let map = doc.map().clone();
    let scene = layout(&map, &ViewState::default(), &LayoutStyle::default());
    let text = svg(
        &scene,
        &SvgOptions {
            title: nasty.into(),
            embed_fonts: false,
        },
    );
    let parsed = roxmltree::Document::parse(&text);
    assert!(parsed.is_ok(), "{parsed:?}");
    assert!(text.contains("Plan the work now"), "the words are kept");
    nosmap::render::png(&scene, 96.0).expect("the PNG renders");
    let page = html(&map);
    assert!(!page.contains('\u{FFFE}') && !page.contains('\u{0}'));
    let graph = dot(&scene, nasty);
    assert!(!graph.contains('\u{0}'), "no NUL in DOT");
    if let Some(result) = run_graphviz(&graph) {
        assert!(result.is_ok(), "{result:?}");
    }
}
