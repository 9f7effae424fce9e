//! The OPML, Freeplane, pasted-NOS-text and workbook importers on arbitrary bytes: a map or an error, never a panic or a
//! hang; a map either accepts is sound.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.opml");
    if let Ok(map) = nosmap::io::table::xlsx::from_xlsx(data, path) {
        assert!(map.check_invariants().is_empty());
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(map) = nosmap::io::opml::from_opml(text, path) {
        assert!(map.check_invariants().is_empty());
    }
    if let Ok(map) = nosmap::io::freeplane::from_mm(text, path) {
        assert!(map.check_invariants().is_empty());
    }
    // Pasted text always gives an answer; its units join a map soundly.
    let pasted = nosmap::io::nos_text::read(text);
    if let Ok(map) = nosmap::io::nos_text::new_map(&pasted.units) {
        assert!(map.check_invariants().is_empty());
    }
});
