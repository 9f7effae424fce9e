//! A headless editor frame (egui pass + tessellation) at 1k, 5k and the catalogue, with the map
//! fitted to the window and at 100 % zoom. Run: `cargo bench --bench frame`.
//! (`cargo run --release --example frame_times -- MAP` prints the 95th percentile too.)

use nosmap::app::headless::HeadlessWindow;
use nosmap::app::{Action, NosmapApp};
use nosmap::edit::Document;

mod common;
use common::SIZES;

fn main() {
    divan::main();
}

fn window(size: &str) -> HeadlessWindow {
    HeadlessWindow::new(NosmapApp::new(Document::new(common::map_of(size)), None))
}

#[divan::bench(args = SIZES, sample_count = 60)]
fn frame_fit_to_window(bencher: divan::Bencher, size: &str) {
    let mut window = window(size);
    bencher.bench_local(|| window.frame());
}

#[divan::bench(args = SIZES, sample_count = 60)]
fn frame_at_100_percent(bencher: divan::Bencher, size: &str) {
    let mut window = window(size);
    let middle = {
        let map = window.app.document().map();
        map.units().nth(map.units().count() / 2).map(|(id, _)| id)
    };
    if let Some(id) = middle {
        window
            .app
            .apply(Action::GoTo(nosmap::model::Location::node(id)));
        window.frame();
    }
    window.app.set_zoom(1.0);
    window.frame();
    bencher.bench_local(|| window.frame());
}

/// How long Save keeps the window from drawing its next frame (issue 21, hole 12: about 1.5 s
/// on the catalogue when the whole file was written on the window's thread). Each sample renames
/// the map, then times Save and one frame; the write itself goes on outside the timing for maps
/// of `BACKGROUND_FROM_NODES` nodes or more, and is waited for before the next sample.
#[divan::bench(args = SIZES, sample_count = 10)]
fn save_then_next_frame(bencher: divan::Bencher, size: &str) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("map.nosmap.ron");
    nosmap::io::save(&common::map_of(size), &path).expect("the map is written");
    let app = NosmapApp::open(Some(path)).expect("the map opens");
    let window = std::cell::RefCell::new(HeadlessWindow::new(app));
    let mut round = 0;
    bencher
        .with_inputs(|| {
            let mut window = window.borrow_mut();
            window.app.wait_for_save();
            round += 1;
            let mut meta = window.app.document().map().meta().clone();
            meta.title = format!("Renamed {round}");
            window.app.apply(Action::Edit {
                label: "Rename map".into(),
                edit: Box::new(nosmap::edit::Edit::SetMeta(meta)),
            });
            window.frame();
        })
        .bench_local_values(|()| {
            let mut window = window.borrow_mut();
            window.app.apply(Action::Save);
            window.frame()
        });
    window.borrow_mut().app.wait_for_save();
}
