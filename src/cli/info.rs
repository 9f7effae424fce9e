//! `nosmap info FILE`.

use super::{EXIT_ERROR, EXIT_OK, args::InfoArgs, print_error};
use crate::analysis::MapStats;

pub fn run(args: &InfoArgs) -> u8 {
    let map = match crate::io::load(&args.file) {
        Ok(map) => map,
        Err(error) => {
            print_error(error);
            return EXIT_ERROR;
        }
    };
    let stats = MapStats::of(&map);
    out!("{} ({})", map.meta().title, args.file.display());
    out!("Key purpose: 1");
    for level in &stats.levels {
        out!("{} (level {}): {}", level.name, level.depth, level.count);
    }
    out!("NOS units: {}", stats.units);
    out!("Unit placements: {}", stats.placements);
    out!("Shared units: {}", stats.shared_units);
    out!("Performance criteria: {}", stats.performance_criteria);
    out!("Knowledge and understanding: {}", stats.knowledge);
    EXIT_OK
}
