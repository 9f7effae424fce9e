//! `nosmap export MAP --format svg|dot|html|md -o OUT [...]`: the same code path the editor's
//! export will use — lay out once, then draw the Scene.

use super::args::{ExportArgs, ExportFormat, StyleChoice};
use super::{EXIT_ERROR, EXIT_OK, print_error};
use crate::layout::{Colouring, LayoutStyle, Scope, layout_scoped};
use crate::model::{FunctionalMap, Node, NodeId};
use crate::render::{SvgOptions, dot, html, markdown, svg};
use crate::view::{Direction, ViewState};

pub fn run(args: &ExportArgs) -> u8 {
    let map = match crate::io::load(&args.file) {
        Ok(map) => map,
        Err(error) => {
            print_error(error);
            return EXIT_ERROR;
        }
    };
    let branch = match args.branch.as_deref().map(|key| find_node(&map, key)) {
        Some(None) => {
            print_error(format!(
                "{}: no node with id, URN or code {:?}",
                args.file.display(),
                args.branch.as_deref().unwrap_or_default()
            ));
            return EXIT_ERROR;
        }
        Some(found) => found,
        None => None,
    };
    let bytes = export(&map, args, branch);
    match crate::io::save_bytes(
        &args.output,
        bytes.as_bytes(),
        crate::io::SaveOptions { backups: 0 },
    ) {
        Ok(()) => {
            println!("wrote {}", args.output.display());
            EXIT_OK
        }
        Err(error) => {
            print_error(error);
            EXIT_ERROR
        }
    }
}

/// The exported text for these options.
fn export(map: &FunctionalMap, args: &ExportArgs, branch: Option<NodeId>) -> String {
    let title = map.meta().title.clone();
    match args.format {
        ExportFormat::Html => return html(map),
        ExportFormat::Md => return markdown(map),
        ExportFormat::Svg | ExportFormat::Dot => {}
    }
    let style = LayoutStyle {
        show_urns: !args.no_urns,
        show_counts: !args.no_counts,
        colouring: match args.style {
            StyleChoice::Level => Colouring::ByLevel,
            StyleChoice::Theme => Colouring::ByTheme,
            StyleChoice::Mono => Colouring::Monochrome,
        },
        ..LayoutStyle::default()
    };
    let view = ViewState {
        direction: if args.top_down {
            Direction::TopDown
        } else {
            Direction::LeftToRight
        },
        ..ViewState::default()
    };
    let scene = layout_scoped(
        map,
        &view,
        &style,
        &Scope {
            branch,
            max_depth: args.depth,
        },
    );
    match args.format {
        ExportFormat::Dot => dot(&scene, &title),
        _ => svg(
            &scene,
            &SvgOptions {
                title,
                embed_fonts: args.embed_fonts,
            },
        ),
    }
}

/// A node by id number, unit URN or function code.
fn find_node(map: &FunctionalMap, key: &str) -> Option<NodeId> {
    if let Some(id) = key
        .parse::<u64>()
        .ok()
        .map(NodeId::from_raw)
        .filter(|id| map.contains(*id))
    {
        return Some(id);
    }
    map.nodes()
        .find(|(_, node)| match node {
            Node::Unit(unit) => unit.urn.eq_ignore_ascii_case(key),
            Node::Function(function) => {
                !function.code.is_empty() && function.code.eq_ignore_ascii_case(key)
            }
            Node::KeyPurpose(_) => false,
        })
        .map(|(id, _)| id)
}
