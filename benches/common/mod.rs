//! What both benchmark files measure on.

use std::path::Path;

use nosmap::model::FunctionalMap;

/// The sizes benchmarked.
pub const SIZES: &[&str] = &["1k", "5k", "catalogue"];

/// The 2019 catalogue CSV beside the repository, else the committed 3,210-row sample.
pub fn catalogue_csv() -> std::path::PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let full = here.join("../shared/reference/nos-catalogue-2019.csv");
    if full.exists() {
        full
    } else {
        eprintln!("no ../shared/reference: benchmarking the committed catalogue sample");
        here.join("tests/data/catalogue-sample.csv")
    }
}

/// A map of the given size: generated for 1k and 5k, the imported catalogue otherwise.
pub fn map_of(size: &str) -> FunctionalMap {
    match size {
        "1k" => nosmap::generate::generated_map(1_000),
        "5k" => nosmap::generate::generated_map(5_000),
        _ => {
            let path = catalogue_csv();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            match nosmap::io::catalogue::import_catalogue(&text, &path) {
                Ok((map, _)) => map,
                Err(error) => panic!("{error}"),
            }
        }
    }
}
