//! The map loader on arbitrary bytes: it must return a map or an error, never panic or hang; and a
//! map it accepts must be sound and survive a save/load round trip unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = std::path::Path::new("fuzz.nosmap.ron");
    if let Ok(map) = nosmap::io::from_str(text, path) {
        assert!(map.check_invariants().is_empty());
        let saved = nosmap::io::to_string(&map).expect("a loaded map encodes");
        let again = nosmap::io::from_str(&saved, path).expect("a saved map loads");
        assert_eq!(again, map);
        // The rest of the core must cope with whatever loads.
        let _ = nosmap::analysis::checks::check(&map, &Default::default());
        let _ = nosmap::layout::layout(&map, &Default::default(), &Default::default());
    }
});
