//! The crosswalk file (`NAME.crosswalk.ron`): decisions on suggested reuse pairs and the
//! themes analysts defined, beside the maps and reviewable in git. Canonical: the same
//! crosswalk always gives the same bytes, decisions sorted by pair, empty fields omitted.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{LoadError, SaveError, read_text};
use crate::analysis::reuse::{Crosswalk, Decision, PairKey, Relation, ThemeSet};
use crate::model::Date;

const CROSSWALK_FORMAT: &str = "nosmap-crosswalk";
const CROSSWALK_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct CrosswalkDto {
    format: String,
    version: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    themes: Vec<ThemeDto>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    decisions: Vec<DecisionDto>,
}

#[derive(Serialize, Deserialize)]
struct ThemeDto {
    id: String,
    name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    suites: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    urn_prefixes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    units: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    earlier_codes: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct DecisionDto {
    source: String,
    using: String,
    relation: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    by: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    date: Option<String>,
}

/// The canonical text of a crosswalk.
pub fn crosswalk_to_string(crosswalk: &Crosswalk) -> Result<String, String> {
    let dto = CrosswalkDto {
        format: CROSSWALK_FORMAT.into(),
        version: CROSSWALK_VERSION,
        themes: crosswalk
            .themes
            .iter()
            .map(|t| ThemeDto {
                id: t.id.clone(),
                name: t.name.clone(),
                suites: t.suites.clone(),
                urn_prefixes: t.urn_prefixes.clone(),
                units: t.units.clone(),
                earlier_codes: t.earlier_codes.clone(),
            })
            .collect(),
        decisions: crosswalk
            .decisions
            .iter()
            .map(|(key, d)| DecisionDto {
                source: key.source.clone(),
                using: key.using.clone(),
                relation: d.relation.key().into(),
                note: d.note.clone(),
                by: d.by.clone(),
                date: d.date.map(|date| date.to_string()),
            })
            .collect(),
    };
    let mut text =
        ron::ser::to_string_pretty(&dto, super::pretty_config()).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

/// Parses a crosswalk; `path` names the file in messages. An unknown relation or a bad date
/// is an error naming its line.
pub fn crosswalk_from_str(text: &str, path: &Path) -> Result<Crosswalk, LoadError> {
    let dto: CrosswalkDto = ron::Options::default()
        .from_str(text)
        .map_err(|e| super::syntax_error(path, &e))?;
    if dto.format != CROSSWALK_FORMAT {
        return Err(LoadError::NotAMap {
            path: path.to_path_buf(),
            found: dto.format,
        });
    }
    if dto.version > CROSSWALK_VERSION {
        return Err(LoadError::NewerVersion {
            path: path.to_path_buf(),
            found: dto.version,
            supported: CROSSWALK_VERSION,
        });
    }
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
    let mut crosswalk = Crosswalk::default();
    for t in dto.themes {
        crosswalk.themes.push(ThemeSet {
            id: t.id,
            name: t.name,
            suites: t.suites,
            urn_prefixes: t.urn_prefixes,
            units: t.units,
            earlier_codes: t.earlier_codes,
        });
    }
    for d in dto.decisions {
        let relation = Relation::from_key(&d.relation).ok_or_else(|| LoadError::Content {
            path: path.to_path_buf(),
            line: line_of(&format!("\"{}\"", d.relation)),
            message: format!(
                "“{}” is not a relation; use one of: {}",
                d.relation,
                Relation::ALL.map(Relation::key).join(", ")
            ),
        })?;
        let date = match &d.date {
            None => None,
            Some(text_date) => {
                Some(Date::parse_iso(text_date).map_err(|_| LoadError::Content {
                    path: path.to_path_buf(),
                    line: line_of(text_date),
                    message: format!("“{text_date}” is not a date (YYYY-MM-DD)"),
                })?)
            }
        };
        crosswalk.decisions.insert(
            PairKey {
                source: d.source,
                using: d.using,
            },
            Decision {
                relation,
                note: d.note,
                by: d.by,
                date,
            },
        );
    }
    Ok(crosswalk)
}

/// Reads a crosswalk file; a missing file is an empty crosswalk.
pub fn load_crosswalk(path: &Path) -> Result<Crosswalk, LoadError> {
    if !path.exists() {
        return Ok(Crosswalk::default());
    }
    crosswalk_from_str(&read_text(path)?, path)
}

/// Writes a crosswalk file atomically.
pub fn save_crosswalk(crosswalk: &Crosswalk, path: &Path) -> Result<(), SaveError> {
    let text = crosswalk_to_string(crosswalk).map_err(|message| SaveError::Encode {
        path: path.to_path_buf(),
        message,
    })?;
    super::safe_write::write_atomically(path, text.as_bytes(), None)
}
