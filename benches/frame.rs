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
