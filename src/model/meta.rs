//! Map-level metadata: title, suite, authors, level names and themes.

use std::fmt;

/// An sRGB colour, written `#rrggbb` in files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb`.
    pub fn parse_hex(text: &str) -> Result<Self, String> {
        let invalid = || format!("“{text}” is not a colour of the form #rrggbb");
        let hex = text.strip_prefix('#').ok_or_else(invalid)?;
        if hex.len() != 6 || !hex.is_ascii() {
            return Err(invalid());
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| invalid());
        Ok(Self(channel(0)?, channel(2)?, channel(4)?))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// A theme units can be tagged with, e.g. one of the five pan-sector themes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Theme {
    /// Short stable key used by units' theme tags, e.g. `customer-service`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Colour used when a diagram is coloured by theme.
    pub colour: Rgb,
}

/// The five thematic areas of the pan-sector NOS project (nos-domain.md §5).
pub fn pan_sector_themes() -> Vec<Theme> {
    let theme = |id: &str, name: &str, colour| Theme {
        id: id.into(),
        name: name.into(),
        colour,
    };
    vec![
        theme(
            "business-administration",
            "Business and administration",
            Rgb(0x1f, 0x77, 0xb4),
        ),
        theme(
            "leadership-management",
            "Leadership and management",
            Rgb(0xd6, 0x27, 0x28),
        ),
        theme(
            "digital-applications",
            "Digital applications",
            Rgb(0x2c, 0xa0, 0x2c),
        ),
        theme(
            "learning-development",
            "Learning and development",
            Rgb(0x94, 0x67, 0xbd),
        ),
        theme(
            "customer-service",
            "Customer service",
            Rgb(0xff, 0x7f, 0x0e),
        ),
    ]
}

/// Everything about a map that is not a node.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MapMeta {
    /// Title of the map.
    pub title: String,
    /// Sector the map covers.
    pub sector: String,
    /// Suite the map's units belong to.
    pub suite: String,
    /// Developing organisation.
    pub developed_by: String,
    /// Version of the map.
    pub version: String,
    /// Free description.
    pub description: String,
    /// People who wrote the map.
    pub authors: Vec<String>,
    /// Names of the function levels below the key purpose, from the top ("Key area", "Function").
    /// Deeper levels reuse the last name.
    pub level_names: Vec<String>,
    /// Themes units can be tagged with.
    pub themes: Vec<Theme>,
}

impl MapMeta {
    /// Metadata for a new map: the default level names and the five pan-sector themes.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            sector: String::new(),
            suite: String::new(),
            developed_by: String::new(),
            version: String::new(),
            description: String::new(),
            authors: Vec::new(),
            level_names: default_level_names(),
            themes: pan_sector_themes(),
        }
    }

    /// The name of function level `depth` (1 = just below the key purpose).
    pub fn level_name(&self, depth: usize) -> &str {
        let index = depth
            .saturating_sub(1)
            .min(self.level_names.len().saturating_sub(1));
        self.level_names
            .get(index)
            .map_or("Function", String::as_str)
    }
}

/// "Key area", then "Function".
pub fn default_level_names() -> Vec<String> {
    vec!["Key area".into(), "Function".into()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_through_hex() {
        let colour = Rgb::parse_hex("#1f77b4").unwrap();
        assert_eq!(colour, Rgb(0x1f, 0x77, 0xb4));
        assert_eq!(colour.to_string(), "#1f77b4");
        assert!(Rgb::parse_hex("1f77b4").is_err());
        assert!(Rgb::parse_hex("#1f77b").is_err());
        assert!(Rgb::parse_hex("#ééé").is_err());
    }

    #[test]
    fn level_names_repeat_the_last_below_the_deepest() {
        let meta = MapMeta::new("t");
        assert_eq!(meta.level_name(1), "Key area");
        assert_eq!(meta.level_name(2), "Function");
        assert_eq!(meta.level_name(5), "Function");
        let bare = MapMeta {
            level_names: vec![],
            ..meta
        };
        assert_eq!(bare.level_name(1), "Function");
    }

    #[test]
    fn new_maps_offer_the_five_pan_sector_themes() {
        let names: Vec<_> = MapMeta::new("t")
            .themes
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(names.len(), 5);
        assert!(names.contains(&"Customer service".to_string()));
    }
}
