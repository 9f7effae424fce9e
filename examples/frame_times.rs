//! Headless editor frames on a big map: the time of one egui pass plus tessellation, at
//! fit-to-window and at 100 % zoom (median and 95th percentile), the time from reading the file
//! to the first frame, the time a rename and a fold take to show (median and 95th percentile of
//! 50), and the peak memory of the process.
//!
//! Run: `cargo run --release --example frame_times -- MAP.nosmap.ron [FRAMES]`
//! (e.g. the catalogue: `nosmap import-catalogue ../shared/reference/nos-catalogue-2019.csv -o
//! /tmp/catalogue.nosmap.ron` first).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use nosmap::app::headless::HeadlessWindow;
use nosmap::app::{Action, NosmapApp};
use nosmap::edit::{Document, ops};

/// One frame, timed.
fn frame(window: &mut HeadlessWindow) -> Duration {
    let start = Instant::now();
    std::hint::black_box(window.frame());
    start.elapsed()
}

/// How many renames and folds are timed.
const EDITS: usize = 50;

fn percentiles(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (
        ms(times[times.len() / 2]),
        ms(times[(times.len() * 95 / 100).min(times.len() - 1)]),
    )
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "examples/management-and-leadership-2008.nosmap.ron".into()),
    );
    let frames: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);

    let opened = Instant::now();
    let map = nosmap::io::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let nodes = map.len();
    let mut window = HeadlessWindow::new(NosmapApp::new(Document::new(map), None));
    let first_frame = opened.elapsed();

    let fit: Vec<Duration> = (0..frames).map(|_| frame(&mut window)).collect();
    // 100 %: on a unit in the middle of the map.
    let middle = window
        .app
        .document()
        .map()
        .units()
        .nth(window.app.document().map().units().count() / 2)
        .map(|(id, _)| id);
    if let Some(id) = middle {
        window
            .app
            .apply(Action::GoTo(nosmap::model::Location::node(id)));
        frame(&mut window);
    }
    window.app.set_zoom(1.0);
    let full: Vec<Duration> = (0..frames).map(|_| frame(&mut window)).collect();

    // Edits: rename a unit (a different one each time, as drafting does), then the frame that
    // shows it; checks and layout run again.
    let units: Vec<_> = window
        .app
        .document()
        .map()
        .units()
        .map(|(id, _)| id)
        .collect();
    let mut renames = Vec::new();
    for round in 0..EDITS {
        let id = units[(units.len() / 2 + round * 397) % units.len()];
        let start = Instant::now();
        let title = format!("Renamed for the benchmark, round {round}");
        if let Some(edit) = ops::rename(window.app.document().map(), id, &title) {
            window.app.apply(Action::Edit {
                label: "rename".into(),
                edit: Box::new(edit),
            });
        }
        frame(&mut window);
        renames.push(start.elapsed());
    }
    // Folds: a function with many units (a suite), folded and unfolded in turn.
    let map = window.app.document().map();
    let suite = map
        .nodes()
        .filter(|(_, node)| node.as_function().is_some())
        .max_by_key(|&(id, _)| map.children(id).len())
        .map(|(id, _)| id);
    let mut folds = Vec::new();
    if let Some(suite) = suite {
        for _ in 0..EDITS {
            let start = Instant::now();
            window.app.apply(Action::ToggleFold(suite));
            frame(&mut window);
            folds.push(start.elapsed());
        }
    }

    let (fit50, fit95) = percentiles(fit);
    let (full50, full95) = percentiles(full);
    println!("map: {} ({nodes} nodes)", path.display());
    println!(
        "open to first frame: {:.0} ms",
        first_frame.as_secs_f64() * 1000.0
    );
    println!("frame at fit-to-window: median {fit50:.2} ms, p95 {fit95:.2} ms ({frames} frames)");
    println!("frame at 100 %:         median {full50:.2} ms, p95 {full95:.2} ms ({frames} frames)");
    let (rename50, rename95) = percentiles(renames);
    println!(
        "rename → its frame:     median {rename50:.1} ms, p95 {rename95:.1} ms ({EDITS} renames)"
    );
    if !folds.is_empty() {
        let (fold50, fold95) = percentiles(folds);
        println!(
            "fold/unfold → frame:    median {fold50:.1} ms, p95 {fold95:.1} ms ({EDITS} toggles of the largest function)"
        );
    }
    if let Some(mb) = peak_memory_mb() {
        println!("peak memory (VmHWM):    {mb:.0} MB");
    }
}
