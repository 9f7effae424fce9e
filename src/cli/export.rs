//! `nosmap export MAP --format svg|dot|html|md -o OUT [...]`: the same code path the editor's
//! export will use — lay out once, then draw the Scene.

use super::args::{ExportArgs, ExportFormat, LayoutChoice, PaperChoice, PosterChoice, StyleChoice};
use super::{EXIT_ERROR, EXIT_OK, print_error};
use crate::layout::{Colouring, LayoutStyle, Scope};
use std::path::Path;

use crate::analysis::{closest_nodes, find_node};
use crate::model::{FunctionalMap, NodeId};
use crate::render::{ExportFormat as Format, ExportRequest, PageFit, PageSetup, Paper, Poster};
use crate::view::{Direction, LayoutKind};

pub fn run(args: &ExportArgs) -> u8 {
    if crate::io::folders::same_file(&args.output, &args.file) {
        print_error(format!(
            "{} is the map being exported; write the export to another file",
            args.output.display()
        ));
        return EXIT_ERROR;
    }
    if crate::io::folders::is_folder(&args.output) {
        print_error(format!(
            "{}: that is a folder, not a file: add a file name (nothing was written)",
            args.output.display()
        ));
        return EXIT_ERROR;
    }
    if crate::io::folders::path_exists(&args.output) && !args.force {
        print_error(format!(
            "{} already exists; use --force to overwrite it",
            args.output.display()
        ));
        return EXIT_ERROR;
    }
    if let Some(refusal) = options_that_do_not_apply(args) {
        print_error(format!("{refusal} (nothing was written)"));
        return EXIT_ERROR;
    }
    let map = match super::load_map(&args.file) {
        Ok(map) => map,
        Err(error) => {
            print_error(error);
            return EXIT_ERROR;
        }
    };
    let branch = match branch_of(&map, &args.file, args.branch.as_deref()) {
        Ok(branch) => branch,
        Err(message) => {
            print_error(message);
            return EXIT_ERROR;
        }
    };
    let bytes = match export(&map, args, branch) {
        Ok(bytes) => bytes,
        Err(message) => {
            print_error(format!("{}: {message}", args.output.display()));
            return EXIT_ERROR;
        }
    };
    match crate::io::save_bytes(&args.output, &bytes, crate::io::SaveOptions::no_backups()) {
        Ok(()) => {
            out!("wrote {}", args.output.display());
            EXIT_OK
        }
        Err(error) => {
            print_error(error);
            EXIT_ERROR
        }
    }
}

/// The exported bytes for these options, through the same path as the editor's Export dialog.
fn export(
    map: &FunctionalMap,
    args: &ExportArgs,
    branch: Option<NodeId>,
) -> Result<Vec<u8>, String> {
    let request = ExportRequest {
        format: match args.format {
            ExportFormat::Svg => Format::Svg,
            ExportFormat::Png => Format::Png,
            ExportFormat::Pdf => Format::Pdf,
            ExportFormat::Dot => Format::Dot,
            ExportFormat::Html => Format::Html,
            ExportFormat::Docx => Format::Docx,
            ExportFormat::Md => Format::Markdown,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Xlsx => Format::Xlsx,
            ExportFormat::Opml => Format::Opml,
            ExportFormat::Mm => Format::Mm,
            ExportFormat::Case => Format::Case,
        },
        scope: Scope {
            branch,
            max_depth: args.depth,
            ..Scope::default()
        },
        style: LayoutStyle {
            show_urns: !args.no_urns,
            show_counts: !args.no_counts,
            show_numbers: args.numbers,
            colouring: match args.style {
                StyleChoice::Level => Colouring::ByLevel,
                StyleChoice::Theme => Colouring::ByTheme,
                StyleChoice::Mono => Colouring::Monochrome,
            },
            ..LayoutStyle::default()
        },
        direction: if args.top_down {
            Direction::TopDown
        } else {
            Direction::LeftToRight
        },
        layout: match args.layout {
            LayoutChoice::Compact => LayoutKind::Compact,
            LayoutChoice::Tree => LayoutKind::Tree,
        },
        dpi: args.dpi,
        png_width_mm: args.width_mm,
        page: PageSetup {
            paper: match args.page {
                PaperChoice::A4 => Paper::A4,
                PaperChoice::A3 => Paper::A3,
                PaperChoice::A2 => Paper::A2,
                PaperChoice::A1 => Paper::A1,
                PaperChoice::Letter => Paper::Letter,
            },
            landscape: args.landscape,
            margin_mm: args.margin.clamp(0.0, 50.0),
            split_by_area: args.split_by_area,
            fit: match (args.scale, args.pages) {
                (Some(percent), _) => PageFit::Scale(percent),
                (None, Some(pages)) => PageFit::Pages(usize::from(pages)),
                (None, None) => PageFit::Page,
            },
            largest_text_pt: args.max_text,
            legend: args.legend,
            poster: args.poster.map(|size| Poster {
                drawing: match size {
                    PosterChoice::A3 => Paper::A3,
                    PosterChoice::A2 => Paper::A2,
                    PosterChoice::A1 => Paper::A1,
                },
                overlap_mm: args.overlap.clamp(0.0, 50.0),
            }),
            smallest_text_pt: PageSetup::default().smallest_text_pt,
            date: args
                .date
                .clone()
                .or_else(|| crate::io::today().map(|d| d.to_string()))
                .unwrap_or_default(),
            scope: Scope::default(),
        },
        embed_fonts: args.embed_fonts,
        source_key: args
            .case_key
            .clone()
            .unwrap_or_else(|| crate::io::map_key(&args.file)),
        crosswalk: match &args.crosswalk {
            Some(path) => {
                Some(crate::io::crosswalk::load_crosswalk(path).map_err(|e| e.to_string())?)
            }
            None => None,
        },
    };
    crate::render::export(map, &request)
}

/// Options given that the chosen format cannot honour, said rather than silently ignored.
fn options_that_do_not_apply(args: &ExportArgs) -> Option<String> {
    let pdf_only = [
        ("--split-by-area", args.split_by_area),
        ("--fit", args.fit.is_some()),
        ("--scale", args.scale.is_some()),
        ("--pages", args.pages.is_some()),
        ("--poster", args.poster.is_some()),
        ("--landscape", args.landscape),
        ("--legend", args.legend),
    ];
    let diagram_only = [
        ("--top-down", args.top_down),
        ("--layout tree", args.layout == LayoutChoice::Tree),
        ("--no-urns", args.no_urns),
        ("--no-counts", args.no_counts),
        ("--numbers", args.numbers),
        ("--style", args.style != StyleChoice::Level),
    ];
    let named = |options: &[(&str, bool)]| -> Vec<String> {
        options
            .iter()
            .filter(|(_, given)| *given)
            .map(|(name, _)| (*name).to_string())
            .collect()
    };
    let format = args.format;
    let mut refused = Vec::new();
    if format != ExportFormat::Pdf {
        refused.extend(named(&pdf_only));
    }
    if matches!(
        format,
        ExportFormat::Html
            | ExportFormat::Docx
            | ExportFormat::Md
            | ExportFormat::Csv
            | ExportFormat::Xlsx
            | ExportFormat::Opml
            | ExportFormat::Mm
            | ExportFormat::Case
    ) {
        refused.extend(named(&diagram_only));
    }
    if args.embed_fonts && format != ExportFormat::Svg {
        refused.push("--embed-fonts".into());
    }
    if args.width_mm.is_some() && format != ExportFormat::Png {
        refused.push("--width-mm".into());
    }
    if format == ExportFormat::Case {
        // A CASE package is the whole framework; its associations would point out of a branch.
        refused.extend(named(&[
            ("--branch", args.branch.is_some()),
            ("--depth", args.depth.is_some()),
        ]));
    } else {
        refused.extend(named(&[
            ("--crosswalk", args.crosswalk.is_some()),
            ("--case-key", args.case_key.is_some()),
        ]));
    }
    (!refused.is_empty()).then(|| {
        format!(
            "{} do(es) not apply to --format {}: leave {} out",
            refused.join(", "),
            // The name the user typed, as clap spells it.
            clap::ValueEnum::to_possible_value(&format)
                .map(|v| v.get_name().to_string())
                .unwrap_or_default(),
            if refused.len() == 1 { "it" } else { "them" }
        )
    })
}

/// How many near misses a failed `--branch` suggests.
const SUGGESTIONS: usize = 3;

/// What to say when `--branch` names no node: the closest titles, codes and URNs, and where to
/// find every name.
/// The node `--branch` names, if given; a miss says which nodes come closest.
pub(super) fn branch_of(
    map: &FunctionalMap,
    file: &Path,
    key: Option<&str>,
) -> Result<Option<NodeId>, String> {
    match key {
        Some(key) => find_node(map, key)
            .map(Some)
            .ok_or_else(|| branch_miss(map, file, key)),
        None => Ok(None),
    }
}

fn branch_miss(map: &FunctionalMap, file: &Path, key: &str) -> String {
    let mut message = format!("{}: no node with id, URN or code {key:?}", file.display());
    let closest = closest_nodes(map, key, SUGGESTIONS);
    if !closest.is_empty() {
        message.push_str("; the closest:");
        for id in closest {
            message.push_str(&format!("\n  {}", super::info::node_line(map, id)));
        }
    }
    message.push_str(&format!(
        "\n`nosmap info {} --tree` lists every id, code and URN",
        file.display()
    ));
    message
}
