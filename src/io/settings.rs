//! The editor's own settings: recent files, UI scale and theme, in `nosmap/settings.ron` under the
//! user's config folder. Missing or unreadable settings fall back to the defaults: they are a
//! convenience, never a reason not to start.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{SaveError, SaveOptions, pretty_config, save_bytes};

/// How many recent files are remembered.
pub const MAX_RECENT: usize = 10;

/// Light, dark, or whatever the system uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// What the editor remembers between sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// 1.0 = the system's scale.
    pub ui_scale: f32,
    pub theme: ThemeChoice,
    /// The window's inner size when it last closed, in logical pixels (not full screen or
    /// maximised).
    pub window_size: Option<[f32; 2]>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            ui_scale: 1.0,
            theme: ThemeChoice::System,
            window_size: None,
        }
    }
}

impl Settings {
    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

/// Where settings live: `$NOSMAP_SETTINGS` if set (tests), else the user's config folder.
pub fn settings_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("NOSMAP_SETTINGS") {
        return Some(PathBuf::from(path));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))?;
    Some(base.join("nosmap").join("settings.ron"))
}

/// Reads settings from `path`; defaults when the file is missing or cannot be read.
pub fn load_settings(path: &Path) -> Settings {
    super::read_regular(path, 1 << 20)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| ron::from_str(&text).ok())
        .unwrap_or_default()
}

/// Writes settings to `path`, creating its folder.
pub fn save_settings(settings: &Settings, path: &Path) -> Result<(), SaveError> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).ok();
    }
    let text =
        ron::ser::to_string_pretty(settings, pretty_config()).map_err(|e| SaveError::Encode {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    save_bytes(path, text.as_bytes(), SaveOptions::no_backups())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_recent_files_stay_unique_and_short() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("deep/settings.ron");
        assert_eq!(load_settings(&path), Settings::default(), "missing file");
        let mut settings = Settings::default();
        for i in 0..15 {
            settings.remember(&folder.path().join(format!("{i}.nosmap.ron")));
        }
        settings.remember(&folder.path().join("3.nosmap.ron"));
        assert_eq!(settings.recent.len(), MAX_RECENT);
        assert_eq!(settings.recent[0], folder.path().join("3.nosmap.ron"));
        assert_eq!(
            settings
                .recent
                .iter()
                .filter(|p| p.ends_with("3.nosmap.ron"))
                .count(),
            1
        );
        settings.ui_scale = 1.25;
        settings.theme = ThemeChoice::Dark;
        save_settings(&settings, &path).unwrap();
        assert_eq!(load_settings(&path), settings);
        std::fs::write(&path, "not ron at all (").unwrap();
        assert_eq!(load_settings(&path), Settings::default(), "broken file");
    }
}
