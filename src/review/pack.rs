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

/// The pack for `map` (or one branch of it).
pub fn review_pack(map: &FunctionalMap, branch: Option<NodeId>) -> Result<Vec<PackFile>, String> {
    let stem = file_stem(&map.display_title());
    Ok(vec![
        PackFile {
            name: format!("{stem}-review-draft.docx"),
            bytes: review_docx(map, branch)?,
        },
        PackFile {
            name: format!("{stem}-comment-form.xlsx"),
            bytes: form::form_xlsx(map, branch)?,
        },
        PackFile {
            name: format!("{stem}-comment-form.csv"),
            bytes: form::form_csv(map, branch)?,
        },
    ])
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
