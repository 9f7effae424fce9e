//! `nosmap fmt FILE... [--check]`.

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, args::FmtArgs, print_error};

pub fn run(args: &FmtArgs) -> u8 {
    let mut code = EXIT_OK;
    for path in &args.files {
        let text = match crate::io::read_text(path) {
            Ok(text) => text,
            Err(error) => {
                print_error(error);
                code = EXIT_ERROR;
                continue;
            }
        };
        let opened = crate::io::open_str(&text, path).map(|opened| {
            super::print_notes(path, &opened.notes);
            crate::io::to_string(&opened.map)
        });
        let canonical = match opened {
            Ok(Ok(canonical)) => canonical,
            Ok(Err(message)) => {
                print_error(format!(
                    "{}: cannot encode the map: {message}",
                    path.display()
                ));
                code = EXIT_ERROR;
                continue;
            }
            Err(error) => {
                print_error(error);
                code = EXIT_ERROR;
                continue;
            }
        };
        if canonical == text {
            continue;
        }
        if args.check {
            out!("not canonical: {}", path.display());
            code = code.max(EXIT_FINDINGS);
        } else if let Err(error) = crate::io::save_bytes(
            path,
            canonical.as_bytes(),
            crate::io::SaveOptions::no_backups(),
        ) {
            print_error(error);
            code = EXIT_ERROR;
        } else {
            out!("formatted {}", path.display());
        }
    }
    code
}
