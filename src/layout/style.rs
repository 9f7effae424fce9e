//! How each level looks: box width, type size, colours.

use super::scene::BoxKind;
use super::text::FontWeight;
use crate::model::Rgb;

/// The look of one kind of box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LevelStyle {
    pub box_width: f32,
    pub padding: f32,
    pub caption_size: f32,
    pub title_size: f32,
    pub title_weight: FontWeight,
    pub fill: Rgb,
    pub stroke: Rgb,
    pub text: Rgb,
    pub caption: Rgb,
}

/// How boxes are coloured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Colouring {
    /// Each level its own colour.
    #[default]
    ByLevel,
    /// Units take the colour of their first theme; other boxes by level.
    ByTheme,
    /// Black on white, for printing.
    Monochrome,
}

/// Spacing and per-level looks of a layout.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutStyle {
    /// Show unit URNs (the first line of a unit box).
    pub show_urns: bool,
    /// Show the PC and K&U counts of units.
    pub show_counts: bool,
    /// Start each caption with the box's outline number (1.2.3), as the outline panel numbers it.
    pub show_numbers: bool,
    /// Badge boxes with their reviewers' open comments (the editor; exports leave it off).
    pub show_comments: bool,
    /// How boxes are coloured.
    pub colouring: Colouring,
    /// Space between siblings.
    pub sibling_gap: f32,
    /// Space between a parent and its children.
    pub level_gap: f32,
    /// In the compact layout, the lane left of a column of boxes for its spine, and above
    /// columns for their bus.
    pub lane: f32,
    /// Space around the whole drawing.
    pub margin: f32,
    /// Width over height of the page or window the compact layout shapes the map for.
    pub target_aspect: f32,
    /// Compact layout: units in columns share rows, so pages can be cut between them (set when
    /// a drawing runs over several pages).
    pub align_rows: bool,
    pub key_purpose: LevelStyle,
    pub key_area: LevelStyle,
    pub function: LevelStyle,
    pub unit: LevelStyle,
    pub connector: Rgb,
    pub shared_badge: Rgb,
    pub folded_badge: Rgb,
    pub badge_text: Rgb,
}

impl Default for LayoutStyle {
    fn default() -> Self {
        let white = Rgb(0xff, 0xff, 0xff);
        let ink = Rgb(0x1d, 0x23, 0x2b);
        Self {
            show_urns: true,
            show_counts: true,
            show_numbers: false,
            show_comments: false,
            colouring: Colouring::ByLevel,
            sibling_gap: 10.0,
            level_gap: 48.0,
            lane: 16.0,
            margin: 24.0,
            // A-series paper in landscape: the shape of most printed maps.
            target_aspect: std::f32::consts::SQRT_2,
            align_rows: false,
            key_purpose: LevelStyle {
                box_width: 200.0,
                padding: 10.0,
                caption_size: 11.0,
                title_size: 15.0,
                title_weight: FontWeight::Bold,
                fill: Rgb(0x1f, 0x3a, 0x5f),
                stroke: Rgb(0x12, 0x24, 0x3d),
                text: white,
                caption: Rgb(0xc8, 0xd6, 0xe8),
            },
            key_area: LevelStyle {
                box_width: 160.0,
                padding: 9.0,
                caption_size: 10.5,
                title_size: 13.5,
                title_weight: FontWeight::Bold,
                fill: Rgb(0xd9, 0xe6, 0xf5),
                stroke: Rgb(0x4a, 0x6f, 0x9c),
                text: ink,
                caption: Rgb(0x3c, 0x5a, 0x80),
            },
            function: LevelStyle {
                box_width: 210.0,
                padding: 8.0,
                caption_size: 10.0,
                title_size: 12.5,
                title_weight: FontWeight::Regular,
                fill: Rgb(0xee, 0xf3, 0xf9),
                stroke: Rgb(0x7d, 0x98, 0xb8),
                text: ink,
                caption: Rgb(0x4d, 0x66, 0x85),
            },
            unit: LevelStyle {
                box_width: 240.0,
                padding: 7.0,
                caption_size: 10.0,
                title_size: 13.0,
                title_weight: FontWeight::Regular,
                fill: white,
                stroke: Rgb(0x9a, 0xa5, 0xb1),
                text: ink,
                caption: Rgb(0x55, 0x60, 0x6c),
            },
            connector: Rgb(0x8a, 0x96, 0xa3),
            shared_badge: Rgb(0xb4, 0x5f, 0x06),
            folded_badge: Rgb(0x4a, 0x6f, 0x9c),
            badge_text: white,
        }
    }
}

impl LayoutStyle {
    /// The style of a kind of box (before any theme colour).
    pub fn level(&self, kind: BoxKind) -> LevelStyle {
        let level = match kind {
            BoxKind::KeyPurpose => self.key_purpose,
            BoxKind::Function { depth: 1 } => self.key_area,
            BoxKind::Function { .. } => self.function,
            BoxKind::Unit => self.unit,
        };
        if self.colouring != Colouring::Monochrome {
            return level;
        }
        let (black, white) = (Rgb(0, 0, 0), Rgb(0xff, 0xff, 0xff));
        LevelStyle {
            fill: white,
            stroke: black,
            text: black,
            caption: Rgb(0x33, 0x33, 0x33),
            ..level
        }
    }

    /// The style of a unit in a theme's colour: a light tint of it, outlined in it.
    pub fn themed_unit(&self, theme: Rgb) -> LevelStyle {
        let tint = |c: u8| (u16::from(c) + 3 * 255).div_euclid(4) as u8;
        LevelStyle {
            fill: Rgb(tint(theme.0), tint(theme.1), tint(theme.2)),
            stroke: theme,
            ..self.unit
        }
    }

    /// Colours of the connectors and badges in this colouring.
    pub fn ink(&self) -> (Rgb, Rgb, Rgb) {
        match self.colouring {
            Colouring::Monochrome => (Rgb(0, 0, 0), Rgb(0, 0, 0), Rgb(0, 0, 0)),
            _ => (self.connector, self.shared_badge, self.folded_badge),
        }
    }
}
