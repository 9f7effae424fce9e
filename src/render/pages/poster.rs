//! Posters: the map drawn on a large sheet (A3–A1) and tiled onto the paper a printer holds
//! (A4, A3), each sheet overlapping the next, with crop marks to trim and glue at.

use super::{PageFit, PagePlan, PageSetup, Paper, Planner};
use crate::layout::{LayoutStyle, Rect};
use crate::model::FunctionalMap;
use crate::view::ViewState;

/// A poster: the drawing's paper size and how much neighbouring sheets overlap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Poster {
    pub drawing: Paper,
    pub overlap_mm: f32,
}

/// The sheets a poster is printed on.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheets {
    /// The paper printed on, its size in points.
    pub paper: Paper,
    pub width: f32,
    pub height: f32,
    /// Unprinted border of each sheet, where the crop marks go.
    pub margin: f32,
    /// How far each sheet's drawing runs under the next one, in points.
    pub overlap: f32,
    /// The poster's paper.
    pub drawing: Paper,
    pub columns: usize,
    pub rows: usize,
    /// Row by row, left to right.
    pub tiles: Vec<SheetTile>,
}

/// One sheet: the part of the poster page it prints.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetTile {
    /// On the poster page, in points.
    pub region: Rect,
    pub row: usize,
    pub column: usize,
}

/// Millimetres of border on each sheet.
const SHEET_MARGIN_MM: f32 = 10.0;

pub(super) fn plan_poster(
    map: &FunctionalMap,
    view: &ViewState,
    style: &LayoutStyle,
    setup: &PageSetup,
    poster: &Poster,
) -> PagePlan {
    let (width, height) = poster.drawing.points(setup.landscape);
    // Text may grow with the poster: the largest size is for an A4 page.
    let growth = height.max(width) / Paper::A4.portrait_points().1;
    let poster_setup = PageSetup {
        split_by_area: false,
        fit: PageFit::Page,
        largest_text_pt: setup.largest_text_pt * growth,
        poster: None,
        ..setup.clone()
    };
    let mut planner = Planner::new(map, view, style, &poster_setup, width, height);
    planner.whole(
        setup.scope,
        format!("Functional map, {} poster", poster.drawing.name()),
    );
    let mut plan = planner.plan;
    plan.sheets = Some(sheets(width, height, setup.paper, poster));
    plan
}

/// The fewest sheets of `paper`, in either orientation, that cover the poster with overlaps.
fn sheets(width: f32, height: f32, paper: Paper, poster: &Poster) -> Sheets {
    let margin = SHEET_MARGIN_MM * 72.0 / 25.4;
    let overlap = poster.overlap_mm.max(0.0) * 72.0 / 25.4;
    let layout = |landscape: bool| {
        let (sheet_w, sheet_h) = paper.points(landscape);
        let (print_w, print_h) = (sheet_w - 2.0 * margin, sheet_h - 2.0 * margin);
        let count = |length: f32, print: f32| {
            let step = (print - overlap).max(1.0);
            (((length - overlap) / step).ceil() as usize).max(1)
        };
        let (columns, rows) = (count(width, print_w), count(height, print_h));
        (sheet_w, sheet_h, print_w, print_h, columns, rows)
    };
    let portrait = layout(false);
    let landscape = layout(true);
    let (sheet_w, sheet_h, print_w, print_h, columns, rows) =
        if landscape.4 * landscape.5 < portrait.4 * portrait.5 {
            landscape
        } else {
            portrait
        };
    let mut tiles = Vec::with_capacity(columns * rows);
    for row in 0..rows {
        for column in 0..columns {
            tiles.push(SheetTile {
                region: Rect {
                    x: column as f32 * (print_w - overlap),
                    y: row as f32 * (print_h - overlap),
                    width: print_w,
                    height: print_h,
                },
                row,
                column,
            });
        }
    }
    Sheets {
        paper,
        width: sheet_w,
        height: sheet_h,
        margin,
        overlap,
        drawing: poster.drawing,
        columns,
        rows,
        tiles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_a1_poster_on_a4_sheets_covers_the_poster_with_overlaps() {
        let (w, h) = Paper::A1.points(true);
        let poster = Poster {
            drawing: Paper::A1,
            overlap_mm: 10.0,
        };
        let sheets = sheets(w, h, Paper::A4, &poster);
        // A1 is eight A4s; margins and overlaps make it more, but never absurdly many.
        assert!(
            (8..=16).contains(&sheets.tiles.len()),
            "{}",
            sheets.tiles.len()
        );
        let last = sheets.tiles.last().unwrap_or_else(|| unreachable!());
        assert!(last.region.right() >= w && last.region.bottom() >= h);
        // Neighbours overlap by the overlap.
        let (a, b) = (&sheets.tiles[0].region, &sheets.tiles[1].region);
        assert!((a.right() - b.x - sheets.overlap).abs() < 0.01);
    }
}
