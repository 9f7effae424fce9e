//! The view-state loader on arbitrary bytes: a view or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = nosmap::io::view_from_str(text, std::path::Path::new("fuzz.nosmap.view.ron"));
    }
});
