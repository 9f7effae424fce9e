//! The editor without a window: each frame is one egui pass of the whole window at 1400×900
//! plus tessellation, as a real frame would be before the GPU. For benchmarks and measurements.

use eframe::egui;

use super::NosmapApp;

pub struct HeadlessWindow {
    ctx: egui::Context,
    pub app: NosmapApp,
    time: f64,
}

impl HeadlessWindow {
    /// The window after its first two frames (the first registers the bundled font).
    pub fn new(app: NosmapApp) -> Self {
        let mut window = Self {
            ctx: egui::Context::default(),
            app,
            time: 0.0,
        };
        window.frame();
        window.frame();
        window
    }

    /// Runs one frame, 1/60 s after the last; returns how many primitives it tessellated to.
    pub fn frame(&mut self) -> usize {
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
        let mut output = self.ctx.run_ui(input, |ui| app.frame_ui(ui));
        // No GPU to upload font atlas changes to.
        output.textures_delta.clear();
        self.ctx
            .tessellate(output.shapes, output.pixels_per_point)
            .len()
    }
}
