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
    println!("{} ({})", map.meta().title, args.file.display());
    println!("Key purpose: 1");
    for level in &stats.levels {
        println!("{} (level {}): {}", level.name, level.depth, level.count);
    }
    println!("NOS units: {}", stats.units);
    println!("Unit placements: {}", stats.placements);
    println!("Shared units: {}", stats.shared_units);
    println!("Performance criteria: {}", stats.performance_criteria);
    println!("Knowledge and understanding: {}", stats.knowledge);
    EXIT_OK
}
