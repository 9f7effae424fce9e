//! Asked to stop by the system — SIGTERM at log-out or shutdown, SIGHUP when the terminal that
//! started nosmap closes, SIGINT (Ctrl+C there): the next frame copies every map's unsaved work
//! to its recovery file and closes the window without asking, so the next start offers it back.
//! A second signal while that is under way ends the process at once.

use std::sync::Arc;

use eframe::egui;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the system has asked nosmap to stop.
#[derive(Clone, Default)]
pub struct Termination {
    requested: Arc<AtomicBool>,
}

impl Termination {
    /// Listens for the stop signals on a thread of its own, waking the window when one comes.
    /// Where signals cannot be listened for, nothing is (the request then never comes).
    pub fn watch(ctx: &egui::Context) -> Self {
        let termination = Self::default();
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
            {
                let requested = Arc::clone(&termination.requested);
                let ctx = ctx.clone();
                std::thread::Builder::new()
                    .name("nosmap-signals".into())
                    .spawn(move || {
                        for signal in signals.forever() {
                            if requested.swap(true, Ordering::SeqCst) {
                                // Asked twice: the first request is not being answered.
                                std::process::exit(128 + signal);
                            }
                            ctx.request_repaint();
                        }
                    })
                    .ok();
            }
        }
        #[cfg(not(unix))]
        let _ = ctx;
        termination
    }

    /// Asks as a signal would (tests, and the process's own shutdown paths).
    pub fn request(&self) {
        self.requested.store(true, Ordering::SeqCst);
    }

    /// Whether a stop was asked for.
    pub fn requested(&self) -> bool {
        self.requested.load(Ordering::SeqCst)
    }
}

impl super::NosmapApp {
    /// Starts listening for the system's stop signals (the real window only; tests ask through
    /// [`Self::request_termination`]).
    pub(super) fn watch_termination(&mut self, ctx: &egui::Context) {
        self.termination = Termination::watch(ctx);
    }

    /// Asks the window to stop as SIGTERM does.
    pub fn request_termination(&self) {
        self.termination.request();
    }

    /// Whether the window has agreed to close (nothing left unsaved, or the user or the system
    /// said so).
    pub fn closing(&self) -> bool {
        self.quit_confirmed
    }

    /// When the system asked nosmap to stop: every map with unsaved work copies it to its
    /// recovery file, and the window closes without asking (nobody may be there to answer).
    pub(super) fn stop_if_asked(&mut self, ctx: &egui::Context) {
        if !self.termination.requested() || self.quit_confirmed {
            return;
        }
        // A save under way ends first: it may leave nothing to copy.
        self.wait_for_write_and_move_on();
        let shown = std::iter::once(&mut self.tab);
        for tab in shown.chain(self.others.iter_mut()) {
            if tab.doc.is_dirty() {
                // Nothing more can be done with a failure here than say it on the way out.
                if let Err(error) = tab.autosave_now() {
                    eprintln!("nosmap: {error}");
                }
            }
        }
        self.quit_confirmed = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}
