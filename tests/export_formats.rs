//! The other formats (issue 13, point 5): PNGs that state their resolution and can be asked for a
//! width in millimetres, SVGs that embed only the glyphs they use, DOT labels in each box's own
//! text colour, and unit specifications of one branch with a contents list, outline numbers and no
//! empty sections.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::collections::BTreeSet;

use nosmap::edit::{Document, Edit};
use nosmap::layout::{BOLD_TTF, FontWeight, LayoutStyle, REGULAR_TTF, Scene, Scope, layout};
use nosmap::model::outline::outline;
use nosmap::model::{Function, FunctionalMap, KeyPurpose, MapMeta, Node, NodeId, Unit};
use nosmap::render::{
    PngOptions, SvgOptions, dot, html, html_scoped, markdown, markdown_scoped, png, png_sized, svg,
};
use nosmap::view::ViewState;

fn management() -> FunctionalMap {
    nosmap::io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap()
}

fn scene_of(map: &FunctionalMap) -> Scene {
    layout(map, &ViewState::default(), &LayoutStyle::default())
}

/// The width, height and pHYs chunk of a PNG, read back by a PNG decoder.
fn decode_png(bytes: &[u8]) -> (u32, u32, Option<::png::PixelDimensions>) {
    let decoder = ::png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().unwrap();
    let info = reader.info();
    (info.width, info.height, info.pixel_dims)
}

#[test]
fn a_png_asked_for_160_mm_at_300_dpi_is_1890_pixels_wide_and_says_300_dpi() {
    let scene = scene_of(&management());
    let bytes = png_sized(
        &scene,
        &PngOptions {
            dpi: 300.0,
            width_mm: Some(160.0),
        },
    )
    .unwrap();
    let (width, height, dims) = decode_png(&bytes);
    assert_eq!(width, 1890, "160 mm at 300 dpi");
    let expected_height = scene.bounds.height * 1890.0 / scene.bounds.width;
    assert!(
        (height as f32 - expected_height).abs() <= 1.0,
        "the drawing keeps its shape: {height} against {expected_height}"
    );
    let dims = dims.expect("a pHYs chunk");
    assert_eq!(dims.unit, ::png::Unit::Meter);
    assert_eq!(
        (dims.xppu, dims.yppu),
        (11_811, 11_811),
        "300 dpi in pixels a metre"
    );
    // What Word does with it: pixels ÷ pixels a metre.
    let placed_mm = width as f32 / dims.xppu as f32 * 1000.0;
    assert!(
        (placed_mm - 160.0).abs() < 0.1,
        "placed {placed_mm} mm wide"
    );
}

#[test]
fn a_png_at_a_dpi_keeps_the_scene_scale_and_says_its_dpi() {
    let scene = scene_of(&management());
    let bytes = png(&scene, 192.0).unwrap();
    let (width, height, dims) = decode_png(&bytes);
    assert_eq!(width, (scene.bounds.width * 2.0).ceil() as u32);
    assert_eq!(height, (scene.bounds.height * 2.0).ceil() as u32);
    let dims = dims.expect("a pHYs chunk");
    assert_eq!(dims.unit, ::png::Unit::Meter);
    assert_eq!((dims.xppu, dims.yppu), (7_559, 7_559), "192 dpi");
    let sized = PngOptions {
        dpi: 192.0,
        width_mm: None,
    };
    assert_eq!(png_sized(&scene, &sized).unwrap(), bytes);
    assert_eq!(sized.pixel_size(&scene), Ok((width, height)));
}

#[test]
fn a_png_width_that_is_no_width_is_refused_with_a_sentence() {
    let scene = scene_of(&management());
    for width_mm in [0.0, -5.0, f32::NAN, f32::INFINITY] {
        let error = png_sized(
            &scene,
            &PngOptions {
                dpi: 300.0,
                width_mm: Some(width_mm),
            },
        )
        .unwrap_err();
        assert!(error.contains("mm"), "{error}");
    }
    let too_wide = png_sized(
        &scene,
        &PngOptions {
            dpi: 1200.0,
            width_mm: Some(100_000.0),
        },
    )
    .unwrap_err();
    assert!(too_wide.contains("million pixels"), "{too_wide}");
}

/// The fonts an SVG embeds: (CSS font-weight, font bytes), read back from its `<style>`.
fn embedded_fonts(svg_text: &str) -> Vec<(String, Vec<u8>)> {
    use base64::Engine as _;
    let document = roxmltree::Document::parse(svg_text).unwrap();
    let style = document
        .descendants()
        .find(|n| n.has_tag_name("style"))
        .and_then(|n| n.text())
        .unwrap()
        .to_string();
    style
        .split("@font-face")
        .skip(1)
        .map(|face| {
            let weight = face
                .split("font-weight: ")
                .nth(1)
                .and_then(|rest| rest.split(';').next())
                .unwrap()
                .to_string();
            let data = face
                .split("base64,")
                .nth(1)
                .and_then(|rest| rest.split(')').next())
                .unwrap();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data)
                .unwrap();
            (weight, bytes)
        })
        .collect()
}

/// Every character drawn in `weight`, badges included.
fn characters_drawn(scene: &Scene, weight: FontWeight) -> BTreeSet<char> {
    scene
        .boxes
        .iter()
        .flat_map(|b| b.lines.iter().chain(b.badges.iter().map(|x| &x.label)))
        .filter(|line| line.weight == weight)
        .flat_map(|line| line.text.chars())
        .collect()
}

#[test]
fn an_svg_embeds_only_the_glyphs_it_draws() {
    let map = management();
    let scene = scene_of(&map);
    let options = |embed_fonts| SvgOptions {
        title: map.display_title(),
        embed_fonts,
    };
    let plain = svg(&scene, &options(false));
    let embedded = svg(&scene, &options(true));
    let full_fonts = REGULAR_TTF.len() + BOLD_TTF.len();
    assert!(
        embedded.len() - plain.len() < full_fonts / 10,
        "the fonts add {} bytes; the whole fonts are {full_fonts}",
        embedded.len() - plain.len()
    );
    let fonts = embedded_fonts(&embedded);
    let weights: Vec<&str> = fonts.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(weights, ["normal", "bold"], "both weights are drawn");
    for (weight, bytes) in &fonts {
        let (drawn, full) = match weight.as_str() {
            "normal" => (FontWeight::Regular, REGULAR_TTF),
            _ => (FontWeight::Bold, BOLD_TTF),
        };
        assert!(
            bytes.len() * 10 < full.len(),
            "{weight}: {} of {} bytes",
            bytes.len(),
            full.len()
        );
        let subset = ttf_parser::Face::parse(bytes, 0).expect("the subset is a font");
        let whole = ttf_parser::Face::parse(full, 0).unwrap();
        let characters = characters_drawn(&scene, drawn);
        assert!(characters.len() > 20, "{weight}: {characters:?}");
        for c in characters {
            let Some(original) = whole.glyph_index(c) else {
                continue; // Not in DejaVu Sans: the viewer's fallback font draws it.
            };
            let glyph = subset
                .glyph_index(c)
                .unwrap_or_else(|| panic!("{weight}: no glyph for {c:?}"));
            assert_eq!(
                subset.glyph_hor_advance(glyph),
                whole.glyph_hor_advance(original),
                "{weight}: {c:?} keeps its width"
            );
            if !c.is_whitespace() {
                assert!(
                    subset.glyph_bounding_box(glyph).is_some(),
                    "{weight}: {c:?} keeps its outline"
                );
            }
        }
        // The tables a browser needs to use the font.
        for table in [
            b"cmap", b"OS/2", b"hhea", b"hmtx", b"glyf", b"head", b"name", b"post",
        ] {
            assert!(
                subset
                    .raw_face()
                    .table(ttf_parser::Tag::from_bytes(table))
                    .is_some(),
                "{weight}: no {} table",
                String::from_utf8_lossy(table)
            );
        }
    }
}

#[test]
fn an_svg_whose_text_needs_shaping_embeds_that_weight_whole() {
    let mut doc = Document::new(FunctionalMap::new(
        MapMeta::new("Arabic"),
        KeyPurpose::new("مرحبا بالعالم"),
    ));
    let root = doc.map().root();
    common::add(&mut doc, root, Function::new("A", "Plan work").into());
    let scene = scene_of(doc.map());
    let text = svg(
        &scene,
        &SvgOptions {
            title: String::new(),
            embed_fonts: true,
        },
    );
    let drawn_in = |weight| {
        characters_drawn(&scene, weight)
            .iter()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(c))
    };
    let fonts = embedded_fonts(&text);
    for (weight, bytes) in fonts {
        let (drawn, full) = match weight.as_str() {
            "normal" => (FontWeight::Regular, REGULAR_TTF),
            _ => (FontWeight::Bold, BOLD_TTF),
        };
        if drawn_in(drawn) {
            // Joining forms come from the font's GSUB, which a subset would lose.
            assert_eq!(bytes, full, "{weight} is embedded whole");
        } else {
            assert!(bytes.len() * 10 < full.len(), "{weight} is a subset");
        }
    }
    assert!(drawn_in(FontWeight::Regular) || drawn_in(FontWeight::Bold));
}

/// The value of `attribute="…"` in one DOT node statement.
fn dot_attribute<'a>(statement: &'a str, attribute: &str) -> Option<&'a str> {
    let start = statement.find(&format!(" {attribute}=\""))? + attribute.len() + 3;
    let rest = &statement[start..];
    Some(&rest[..rest.find('"')?])
}

/// WCAG relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f32 {
    let channel = |i: usize| {
        let c = f32::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

#[test]
fn dot_labels_take_each_box_text_colour_and_read_on_the_dark_key_purpose() {
    let map = management();
    let scene = scene_of(&map);
    let graph = dot(&scene, &map.display_title());
    for (index, scene_box) in scene.boxes.iter().enumerate() {
        let statement = graph
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("n{index} [")))
            .unwrap_or_else(|| panic!("no statement for box {index}"));
        let font = dot_attribute(statement, "fontcolor")
            .unwrap_or_else(|| panic!("box {index} has no fontcolor: {statement}"));
        let fill = dot_attribute(statement, "fillcolor").unwrap();
        // The title: the box's largest line.
        let title = scene_box
            .lines
            .iter()
            .reduce(|a, b| if b.size > a.size { b } else { a })
            .unwrap();
        assert_eq!(font, title.colour.to_string(), "box {index}");
        let (light, dark) = {
            let (a, b) = (luminance(font), luminance(fill));
            (a.max(b), a.min(b))
        };
        assert!(
            (light + 0.05) / (dark + 0.05) >= 4.5,
            "box {index}: {font} on {fill} is hard to read"
        );
    }
    let key_purpose = graph.lines().find(|l| l.contains("n0 [")).unwrap();
    assert_eq!(dot_attribute(key_purpose, "fillcolor"), Some("#1f3a5f"));
    assert!(
        luminance(dot_attribute(key_purpose, "fontcolor").unwrap()) > 0.8,
        "a light label on the dark key purpose: {key_purpose}"
    );
}

/// Key role B of Management & Leadership 2008 ("Providing direction").
fn role_b(map: &FunctionalMap) -> NodeId {
    *map.children(map.root())
        .iter()
        .find(|&&id| matches!(map.node(id), Some(Node::Function(f)) if f.code == "B"))
        .unwrap()
}

/// The URNs of the units placed anywhere below `top`.
fn urns_under(map: &FunctionalMap, top: NodeId) -> Vec<String> {
    map.units()
        .filter(|(id, _)| *id != top && map.is_in_branch(top, *id))
        .map(|(_, unit)| unit.urn.clone())
        .collect()
}

/// The value of every `attribute="…"` in `text`.
fn attribute_values<'a>(text: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    text.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &text[at + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// The text of an HTML fragment: tags dropped, the entities escape::xml writes decoded.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The HTML of each unit's section.
fn unit_sections(page: &str) -> Vec<&str> {
    page.split("<section class=\"unit\">")
        .skip(1)
        .map(|s| &s[..s.find("</section>").unwrap()])
        .collect()
}

fn scope_of(branch: Option<NodeId>, max_depth: Option<usize>) -> Scope {
    Scope {
        branch,
        max_depth,
        ..Scope::default()
    }
}

#[test]
fn a_branch_specification_holds_that_branch_units_and_no_other() {
    let map = management();
    let b = role_b(&map);
    let inside = urns_under(&map, b);
    assert_eq!(inside.len(), 11, "{inside:?}");
    let page = html_scoped(&map, &scope_of(Some(b), None));
    let md = markdown_scoped(&map, &scope_of(Some(b), None));
    assert_eq!(unit_sections(&page).len(), inside.len());
    for urn in &inside {
        assert!(page.contains(&format!("<h2 id=\"{urn}\">")), "{urn}");
        assert!(md.contains(&format!("URN: {urn}\n")), "{urn}");
    }
    for (_, unit) in map.units() {
        if !inside.contains(&unit.urn) {
            assert!(
                !page.contains(&format!("id=\"{}\"", unit.urn)),
                "{}",
                unit.urn
            );
            assert!(!text_of(&page).contains(&unit.title), "{}", unit.title);
            assert!(
                !md.contains(&format!("URN: {}\n", unit.urn)),
                "{}",
                unit.urn
            );
        }
    }
    // The other key roles are not in the functional map either.
    for other in ["Managing self and personal skills", "Facilitating change"] {
        assert!(!page.contains(other) && !md.contains(other), "{other}");
    }
    assert!(text_of(&page).contains("Providing direction"));
}

#[test]
fn a_specification_lists_each_unit_with_its_outline_numbers() {
    let map = management();
    let b = role_b(&map);
    let page = html_scoped(&map, &scope_of(Some(b), None));
    let md = markdown_scoped(&map, &scope_of(Some(b), None));
    let rows = outline(&map);
    let sections = unit_sections(&page);
    let md_units: Vec<&str> = md.split("\n---\n").skip(1).collect();
    let unit_rows: Vec<_> = rows
        .iter()
        .filter(|r| map.unit(r.node).is_some() && map.is_in_branch(b, r.node))
        .collect();
    assert_eq!(sections.len(), unit_rows.len());
    assert_eq!(md_units.len(), unit_rows.len());
    for ((row, section), md_unit) in unit_rows.iter().zip(&sections).zip(&md_units) {
        let unit = map.unit(row.node).unwrap();
        let text = text_of(section);
        assert!(
            text.contains(&format!("{} B Providing direction", row.number)),
            "{}: {text}",
            unit.urn
        );
        assert!(
            md_unit.contains(&format!("{}** B Providing direction", row.number)),
            "{}: {md_unit}",
            unit.urn
        );
        // The contents list numbers the unit the same way.
        let entry = format!("{} {} {}", row.number, unit.urn, unit.title);
        assert!(text_of(&page).contains(&entry), "contents: {entry}");
        assert!(
            md.contains(&format!("[{} {} ", row.number, unit.urn)),
            "{entry}"
        );
    }
    // The functional map table keeps the shared numbering: role B is 2.
    assert!(md.contains("| 2 | Key role | B |"), "{md}");
}

#[test]
fn a_shared_unit_lists_every_placement() {
    let common::Small { mut doc, b, u1, .. } = common::small();
    doc.apply(
        "place",
        Edit::Place {
            unit: u1,
            parent: b,
            index: 1,
        },
    )
    .unwrap();
    let map = doc.map().clone();
    let page = html_scoped(&map, &scope_of(Some(b), None));
    let md = markdown_scoped(&map, &scope_of(Some(b), None));
    // Under B: U3 (2.1) and U1 (2.2); U1 is also at 1.1.1, under A › A1.
    let sections = unit_sections(&page);
    assert_eq!(sections.len(), 2);
    let u1_section = text_of(sections[1]);
    assert!(u1_section.contains("TST01"), "{u1_section}");
    assert!(
        u1_section.contains("1.1.1 A Plan work › A1 Agree objectives"),
        "{u1_section}"
    );
    assert!(u1_section.contains("2.2 B Deliver work"), "{u1_section}");
    assert!(
        md.contains("**1.1.1** A Plan work › A1 Agree objectives"),
        "{md}"
    );
    assert!(md.contains("**2.2** B Deliver work"), "{md}");
    assert!(!page.contains("TST02"), "TST02 is only under A");
}

#[test]
fn a_specification_has_no_empty_sections_or_placeholders() {
    let map = management();
    for page in [
        html_scoped(&map, &Scope::default()),
        html_scoped(&map, &scope_of(Some(role_b(&map)), None)),
    ] {
        for section in unit_sections(&page) {
            let urn = attribute_values(section, "id")[0];
            let unit = map.units().map(|(_, u)| u).find(|u| u.urn == urn).unwrap();
            assert_eq!(
                section.contains("Performance criteria"),
                !unit.performance_criteria.is_empty(),
                "{}",
                unit.urn
            );
            assert_eq!(
                section.contains("You need to know and understand:"),
                !unit.knowledge.is_empty(),
                "{}",
                unit.urn
            );
            assert_eq!(
                section.contains("Overview"),
                !unit.overview.trim().is_empty(),
                "{}",
                unit.urn
            );
        }
        // Every heading has something under it before the next heading or the section's end.
        for (at, _) in page.match_indices("<h") {
            let tail = &page[at..];
            if !tail[2..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let after = &tail[tail.find("</h").unwrap() + 5..];
            let next = after.trim_start();
            assert!(
                !next.starts_with("<h") && !next.starts_with("</section") && !next.is_empty(),
                "an empty section: {}",
                &tail[..tail.len().min(200)]
            );
        }
        for placeholder in ["(none)", "(not written yet)", "(empty)", "n/a"] {
            assert!(!page.contains(placeholder), "{placeholder}");
        }
    }
    let md = markdown_scoped(&map, &Scope::default());
    let lines: Vec<&str> = md.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with('#') {
            let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
            assert!(
                next.is_some_and(|l| !l.starts_with('#') && *l != "---"),
                "an empty section after {line:?}"
            );
        }
    }
    assert!(!md.contains("(not written yet)") && !md.contains("(none)"));
}

#[test]
fn the_html_specification_prints_on_a4_and_its_links_resolve() {
    let map = management();
    let b = role_b(&map);
    for page in [html_scoped(&map, &scope_of(Some(b), None)), html(&map)] {
        assert!(page.contains("@page"), "an @page rule");
        assert!(page.contains("size: A4"), "A4 paper");
        assert!(
            page.contains("break-before: page"),
            "each unit on a new page"
        );
        let ids: BTreeSet<&str> = attribute_values(&page, "id").into_iter().collect();
        let hrefs = attribute_values(&page, "href");
        let internal: Vec<&str> = hrefs.iter().filter_map(|h| h.strip_prefix('#')).collect();
        assert!(
            internal.len() >= unit_sections(&page).len(),
            "a contents entry for every unit"
        );
        for target in internal {
            assert!(ids.contains(target), "#{target} goes nowhere");
        }
        assert_eq!(
            ids.len(),
            attribute_values(&page, "id").len(),
            "ids are unique"
        );
    }
    let md = markdown_scoped(&map, &scope_of(Some(b), None));
    let ids: BTreeSet<&str> = attribute_values(&md, "id").into_iter().collect();
    let targets: Vec<&str> = md
        .match_indices("](#")
        .map(|(at, _)| {
            let rest = &md[at + 3..];
            &rest[..rest.find(')').unwrap()]
        })
        .collect();
    assert!(targets.len() >= 11, "{targets:?}");
    for target in targets {
        assert!(
            ids.contains(target),
            "#{target} goes nowhere in the Markdown"
        );
    }
}

#[test]
fn a_unit_whose_urn_cannot_be_an_id_still_gets_a_working_link() {
    let mut doc = Document::new(FunctionalMap::new(
        MapMeta::new("Links"),
        KeyPurpose::new("Do things"),
    ));
    let root = doc.map().root();
    let area = common::add(&mut doc, root, Function::new("A", "Area").into());
    let mut first = Unit::new("ABC 01", "Spaced URN");
    first.links_to_other_nos = vec!["ABC02".into(), "XYZ99".into()];
    common::add(&mut doc, area, first.into());
    common::add(&mut doc, area, Unit::new("ABC02", "Linked unit").into());
    common::add(&mut doc, area, Unit::new("DUP1", "Same URN").into());
    common::add(&mut doc, area, Unit::new("DUP1", "Same URN again").into());
    common::add(&mut doc, area, Unit::new("", "No URN").into());
    let page = html(doc.map());
    let ids: Vec<&str> = attribute_values(&page, "id");
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(ids.iter().all(|id| !id.contains(' ')), "{ids:?}");
    let internal: Vec<&str> = attribute_values(&page, "href")
        .into_iter()
        .filter_map(|h| h.strip_prefix('#'))
        .collect();
    for target in &internal {
        assert!(unique.contains(target), "#{target} goes nowhere");
    }
    // Five units, five contents entries; a link to another NOS in the document is a link.
    assert_eq!(unit_sections(&page).len(), 5);
    assert!(internal.len() >= 5, "{internal:?}");
    assert!(page.contains("<a href=\"#ABC02\">ABC02</a>"), "{page}");
    assert!(page.contains("XYZ99") && !page.contains("href=\"#XYZ99\""));
}

#[test]
fn a_depth_limited_specification_stops_at_the_depth() {
    let map = management();
    // Key purpose and key roles only: no unit is that high.
    let top = html_scoped(&map, &scope_of(None, Some(1)));
    assert_eq!(unit_sections(&top).len(), 0);
    assert!(text_of(&top).contains("Working with people"));
    let all = html_scoped(&map, &scope_of(None, Some(2)));
    assert_eq!(unit_sections(&all).len(), map.units().count());
    // A branch with no depth below it is just the key role.
    let role = html_scoped(&map, &scope_of(Some(role_b(&map)), Some(0)));
    assert_eq!(unit_sections(&role).len(), 0);
    // The whole map is the unscoped specification.
    assert_eq!(html_scoped(&map, &Scope::default()), html(&map));
    assert_eq!(markdown_scoped(&map, &Scope::default()), markdown(&map));
}

#[test]
fn a_branch_csv_holds_only_that_branch() {
    let map = management();
    let b = role_b(&map);
    let whole = nosmap::io::table::to_csv(&map).unwrap();
    assert_eq!(
        nosmap::io::table::to_csv_scoped(&map, &Scope::default()).unwrap(),
        whole
    );
    let text = nosmap::io::table::to_csv_scoped(&map, &scope_of(Some(b), None)).unwrap();
    assert!(text.starts_with('\u{feff}'), "the BOM Excel needs");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        &records[0][column("kind")],
        "map",
        "the map's settings first"
    );
    let mut urns = Vec::new();
    for record in &records[1..] {
        let number = &record[column("number")];
        assert!(number == "2" || number.starts_with("2."), "{number}");
        if &record[column("kind")] == "unit" {
            urns.push(record[column("urn")].to_string());
        }
    }
    assert_eq!(urns, urns_under(&map, b));
    let shallow = nosmap::io::table::to_csv_scoped(&map, &scope_of(Some(b), Some(0))).unwrap();
    let kinds: Vec<String> =
        csv::Reader::from_reader(shallow.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|r| r.unwrap()[column("kind")].to_string())
            .collect();
    assert_eq!(kinds, ["map", "function"], "the map and the key role alone");
}
