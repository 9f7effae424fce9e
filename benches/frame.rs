//! A headless editor frame (egui pass + tessellation) at 1k, 5k and the catalogue, with the map
//! fitted to the window and at 100 % zoom. Run: `cargo bench --bench frame`.
//! (`cargo run --release --example frame_times -- MAP` prints the 95th percentile too.)

use eframe::egui;
use nosmap::app::{Action, NosmapApp};
use nosmap::edit::Document;

mod common;
use common::SIZES;

fn main() {
    divan::main();
}

struct Window {
    ctx: egui::Context,
    app: NosmapApp,
    time: f64,
}

impl Window {
    fn new(size: &str) -> Self {
        let mut window = Self {
            ctx: egui::Context::default(),
            app: NosmapApp::new(Document::new(common::map_of(size)), None),
            time: 0.0,
        };
        window.frame();
        window.frame();
        window
    }

    fn frame(&mut self) -> usize {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1400.0, 900.0),
            )),
            time: Some(self.time),
            ..Default::default()
        };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.frame_ui(ui));
        self.ctx
            .tessellate(output.shapes, output.pixels_per_point)
            .len()
    }
}

#[divan::bench(args = SIZES, sample_count = 60)]
fn frame_fit_to_window(bencher: divan::Bencher, size: &str) {
    let mut window = Window::new(size);
    bencher.bench_local(|| window.frame());
}

#[divan::bench(args = SIZES, sample_count = 60)]
fn frame_at_100_percent(bencher: divan::Bencher, size: &str) {
    let mut window = Window::new(size);
    let middle = {
        let map = window.app.document().map();
        map.units().nth(map.units().count() / 2).map(|(id, _)| id)
    };
    if let Some(id) = middle {
        window.app.apply(Action::GoTo(id));
        window.frame();
    }
    window.app.set_zoom(1.0);
    window.frame();
    bencher.bench_local(|| window.frame());
}
