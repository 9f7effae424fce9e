//! `nosmap new --title T -o FILE`.

use super::{EXIT_ERROR, EXIT_OK, args::NewArgs, print_error};
use crate::model::{FunctionalMap, KeyPurpose, MapMeta};

pub fn run(args: &NewArgs) -> u8 {
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| crate::io::default_file_name(&args.title));
    if crate::io::folders::path_exists(&path) && !args.force {
        print_error(format!(
            "{} already exists; use --force to overwrite it",
            path.display()
        ));
        return EXIT_ERROR;
    }
    let key_purpose = KeyPurpose::new(args.key_purpose.clone());
    let map = FunctionalMap::new(MapMeta::new(args.title.clone()), key_purpose);
    match crate::io::save(&map, &path) {
        Ok(()) => {
            out!("created {}", path.display());
            EXIT_OK
        }
        Err(error) => {
            print_error(error);
            EXIT_ERROR
        }
    }
}
