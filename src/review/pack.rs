//! The review pack: what goes out to reviewers without nosmap — the draft as a Word document
//! with a comment table per unit, and the comment form as XLSX and CSV.

use super::{docx::review_docx, form};
use crate::model::{FunctionalMap, NodeId};

/// One file of the pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackFile {
    /// The file name (no folder): `<map>-review-draft.docx`, `<map>-comment-form.xlsx`,
    /// `<map>-comment-form.csv`.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The pack for `map` (or one branch of it), its files in the order of [`file_names`].
pub fn review_pack(map: &FunctionalMap, branch: Option<NodeId>) -> Result<Vec<PackFile>, String> {
    let [draft, xlsx, csv] = file_names(map);
    Ok(vec![
        PackFile {
            name: draft,
            bytes: review_docx(map, branch)?,
        },
        PackFile {
            name: xlsx,
            bytes: form::form_xlsx(map, branch)?,
        },
        PackFile {
            name: csv,
            bytes: form::form_csv(map, branch)?,
        },
    ])
}

/// The names of the pack's files for `map` (to ask before writing over an earlier pack).
pub fn file_names(map: &FunctionalMap) -> [String; 3] {
    let stem = file_stem(&map.display_title());
    [
        format!("{stem}-review-draft.docx"),
        format!("{stem}-comment-form.xlsx"),
        format!("{stem}-comment-form.csv"),
    ]
}

/// A title as the start of a file name: lower-case ASCII letters and digits joined by hyphens
/// ("Learning and Development (2010)" → "learning-and-development-2010").
pub fn file_stem(title: &str) -> String {
    let mut stem = String::new();
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(&word.to_ascii_lowercase());
        if stem.len() > 60 {
            break;
        }
    }
    if stem.is_empty() { "map".into() } else { stem }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_plain() {
        assert_eq!(
            file_stem("Learning and Development (2010)"),
            "learning-and-development-2010"
        );
        assert_eq!(file_stem("«»"), "map");
    }
}
