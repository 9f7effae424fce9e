//! `nosmap uses KIND MAP -o FILE`: a self-assessment checklist, a draft job description or a
//! training-needs sheet (render::uses), in the format -o's extension names.

use super::args::{UseChoice, UsesArgs};
use crate::analysis::find_node;
use crate::layout::Scope;
use crate::render::uses::{UseFormat, UseKind, UseRequest, write_use};

pub fn run(args: &UsesArgs) -> u8 {
    super::wrote(written(args))
}

fn written(args: &UsesArgs) -> Result<String, String> {
    let format = UseFormat::of_path(&args.output).ok_or_else(|| {
        format!(
            "{}: write a .docx, .xlsx or .html file",
            args.output.display()
        )
    })?;
    if crate::io::folders::path_exists(&args.output) && !args.force {
        return Err(format!(
            "{} already exists; use --force to overwrite it",
            args.output.display()
        ));
    }
    let map = crate::io::load(&args.file).map_err(|e| e.to_string())?;
    let branch = super::export::branch_of(&map, &args.file, args.branch.as_deref())?;
    let mut units = Vec::new();
    for key in args
        .units
        .iter()
        .map(|k| k.trim())
        .filter(|k| !k.is_empty())
    {
        let id = find_node(&map, key)
            .filter(|id| map.unit(*id).is_some())
            .ok_or_else(|| {
                format!(
                    "{}: no unit with URN, code or id {key:?}",
                    args.file.display()
                )
            })?;
        units.push(id);
    }
    let kind = match args.kind {
        UseChoice::SelfAssessment => UseKind::SelfAssessment,
        UseChoice::JobDescription => UseKind::JobDescription,
        UseChoice::TrainingNeeds => UseKind::TrainingNeeds,
    };
    let request = UseRequest {
        kind,
        scope: Scope {
            branch,
            max_depth: None,
            ..Scope::default()
        },
        units,
        people: args.people.clone(),
    };
    let bytes = write_use(&map, &request, format)?;
    crate::io::save_bytes(&args.output, &bytes, crate::io::SaveOptions::no_backups())
        .map_err(|e| e.to_string())?;
    Ok(format!(
        "wrote {} ({}, {} bytes)",
        args.output.display(),
        kind.label(),
        bytes.len()
    ))
}
