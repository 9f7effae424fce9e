//! Scene → DOT for Graphviz: the same boxes, labels and colours (each label in its box's text
//! colour), with each box's position from our layout (`pos`, in points), so `neato -n2`
//! reproduces it exactly while `dot` may lay it out anew.

use std::fmt::Write as _;

use super::escape::dot as esc;
use crate::layout::{FONT_FAMILY, Scene};
use crate::view::Direction;

/// Points per scene unit (scene units are CSS pixels: 96 per inch).
const POINTS_PER_UNIT: f32 = 72.0 / 96.0;

/// The DOT text of a Scene.
pub fn dot(scene: &Scene, title: &str) -> String {
    let mut out = String::new();
    let rankdir = match scene.direction {
        Direction::LeftToRight => "LR",
        Direction::TopDown => "TB",
    };
    let _ = writeln!(out, "digraph \"{}\" {{", esc(title));
    let _ = writeln!(
        out,
        "  graph [rankdir={rankdir}, splines=polyline, nodesep=0.15, ranksep=0.6, label=\"{}\", labelloc=t];",
        esc(title)
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname=\"{FONT_FAMILY}\", margin=\"0.1,0.06\"];"
    );
    let _ = writeln!(out, "  edge [arrowhead=none];");
    for (index, scene_box) in scene.boxes.iter().enumerate() {
        let label: Vec<String> = scene_box
            .lines
            .iter()
            .filter(|l| !l.text.is_empty())
            .map(|l| esc(&l.text))
            .collect();
        // The title is the box's largest line: its size and colour are the label's (a light
        // colour on the dark key purpose, as drawn).
        let title = scene_box
            .lines
            .iter()
            .reduce(|a, b| if b.size > a.size { b } else { a });
        let font_size = title.map_or(0.0, |l| l.size) * POINTS_PER_UNIT;
        let font_colour = title.map_or_else(|| "#000000".to_string(), |l| l.colour.to_string());
        let centre = scene_box.rect.centre();
        // Graphviz's y axis points up.
        let (x, y) = (
            centre.x * POINTS_PER_UNIT,
            (scene.bounds.height - centre.y) * POINTS_PER_UNIT,
        );
        let _ = writeln!(
            out,
            "  n{index} [label=\"{}\", fillcolor=\"{}\", color=\"{}\", fontcolor=\"{font_colour}\", fontsize={font_size:.1}, width={:.3}, height={:.3}, pos=\"{x:.1},{y:.1}!\", id=\"node{}\"];",
            label.join("\\n"),
            scene_box.fill,
            scene_box.stroke,
            scene_box.rect.width / 96.0,
            scene_box.rect.height / 96.0,
            scene_box.node.raw()
        );
    }
    for connector in &scene.connectors {
        let _ = writeln!(
            out,
            "  n{} -> n{} [color=\"{}\"];",
            connector.from, connector.to, connector.colour
        );
    }
    out.push_str("}\n");
    out
}
