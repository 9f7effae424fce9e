//! The view-state sidecar: `name.nosmap.view.ron` beside `name.nosmap.ron`.
//!
//! Kept out of the map file so that panning, zooming or folding never changes the map's bytes,
//! its git diff or its saved marker (see docs/file-format.md).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{LoadError, SaveError, pretty_config, read_text};
use crate::model::NodeId;
use crate::view::{Direction, LayoutKind, PresentationStep, ViewCamera, ViewState};

const VIEW_FORMAT: &str = "nosmap-view";
/// Version 2 keeps the camera (`camera`); version 1 wrote `zoom: 1.0, centre: (0.0, 0.0)` whatever
/// the window showed, so those fields are read and ignored. Version 3 keeps the layout
/// (`layout`); older files were drawn as a tidy tree, so they open in the compact layout (the
/// default) without their camera, which pointed into the old drawing.
const VIEW_VERSION: u32 = 3;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ViewDto {
    format: String,
    version: u32,
    /// Version 1's placeholders, never meaningful: read and dropped, never written.
    #[serde(rename = "zoom", default, skip_serializing)]
    _v1_zoom: f32,
    #[serde(rename = "centre", default, skip_serializing)]
    _v1_centre: (f32, f32),
    #[serde(default, skip_serializing_if = "Option::is_none")]
    camera: Option<CameraDto>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    folded: Vec<u64>,
    #[serde(default)]
    direction: DirectionDto,
    #[serde(default)]
    layout: LayoutDto,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    presentation: Vec<StepDto>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CameraDto {
    zoom: f32,
    centre: (f32, f32),
}

#[derive(Default, Serialize, Deserialize)]
enum DirectionDto {
    #[default]
    LeftToRight,
    TopDown,
}

#[derive(Default, Serialize, Deserialize)]
enum LayoutDto {
    #[default]
    Compact,
    Tree,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepDto {
    node: u64,
    depth: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    notes: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    hidden: bool,
}

/// Where the view state of a map file lives: `x.nosmap.ron` → `x.nosmap.view.ron`.
pub fn view_path(map_path: &Path) -> PathBuf {
    let name = map_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let view_name = match name.strip_suffix(".ron") {
        Some(stem) => format!("{stem}.view.ron"),
        None => format!("{name}.view.ron"),
    };
    map_path.with_file_name(view_name)
}

/// The canonical text of a view-state file.
pub fn view_to_string(view: &ViewState) -> Result<String, String> {
    let dto = ViewDto {
        format: VIEW_FORMAT.to_string(),
        version: VIEW_VERSION,
        _v1_zoom: 0.0,
        _v1_centre: (0.0, 0.0),
        camera: view.camera.map(|c| CameraDto {
            zoom: c.zoom,
            centre: (c.centre[0], c.centre[1]),
        }),
        folded: view.folded.iter().map(|id| id.raw()).collect(),
        direction: match view.direction {
            Direction::LeftToRight => DirectionDto::LeftToRight,
            Direction::TopDown => DirectionDto::TopDown,
        },
        layout: match view.layout {
            LayoutKind::Compact => LayoutDto::Compact,
            LayoutKind::Tree => LayoutDto::Tree,
        },
        presentation: view
            .presentation
            .iter()
            .map(|s| StepDto {
                node: s.node.raw(),
                depth: s.depth,
                notes: s.notes.clone(),
                hidden: s.hidden,
            })
            .collect(),
    };
    let mut text = ron::ser::to_string_pretty(&dto, pretty_config()).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

/// Parses a view-state file; `path` is used in messages only.
pub fn view_from_str(text: &str, path: &Path) -> Result<ViewState, LoadError> {
    let dto: ViewDto = ron::Options::default()
        .from_str(text)
        .map_err(|e| super::syntax_error(path, &e))?;
    if dto.format != VIEW_FORMAT {
        return Err(LoadError::NotAMap {
            path: path.to_path_buf(),
            found: dto.format,
        });
    }
    if dto.version > VIEW_VERSION {
        return Err(LoadError::NewerVersion {
            path: path.to_path_buf(),
            found: dto.version,
            supported: VIEW_VERSION,
        });
    }
    // A camera that could not be shown (zero, infinite, not a number) is dropped: the whole map
    // is shown instead.
    let camera = dto
        .camera
        .filter(|_| dto.version >= 3)
        .filter(|c| c.zoom.is_finite() && c.zoom > 0.0)
        .filter(|c| c.centre.0.is_finite() && c.centre.1.is_finite())
        .map(|c| ViewCamera {
            zoom: c.zoom,
            centre: [c.centre.0, c.centre.1],
        });
    Ok(ViewState {
        camera,
        folded: dto
            .folded
            .into_iter()
            .map(NodeId::from_raw)
            .collect::<BTreeSet<_>>(),
        direction: match dto.direction {
            DirectionDto::LeftToRight => Direction::LeftToRight,
            DirectionDto::TopDown => Direction::TopDown,
        },
        layout: match dto.layout {
            LayoutDto::Compact => LayoutKind::Compact,
            LayoutDto::Tree => LayoutKind::Tree,
        },
        presentation: dto
            .presentation
            .into_iter()
            .map(|s| PresentationStep {
                node: NodeId::from_raw(s.node),
                depth: s.depth,
                notes: s.notes,
                hidden: s.hidden,
            })
            .collect(),
    })
}

/// Reads the view state of a map file; a missing sidecar gives the default view.
pub fn load_view(map_path: &Path) -> Result<ViewState, LoadError> {
    let path = view_path(map_path);
    if !path.exists() {
        return Ok(ViewState::default());
    }
    view_from_str(&read_text(&path)?, &path)
}

/// Writes the view state of a map file.
pub fn save_view(view: &ViewState, map_path: &Path) -> Result<(), SaveError> {
    let path = view_path(map_path);
    let text = view_to_string(view).map_err(|message| SaveError::Encode {
        path: path.clone(),
        message,
    })?;
    super::safe_write::write_atomically(&path, text.as_bytes(), Some(map_path))
}
