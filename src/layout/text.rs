//! Text measurement with the one bundled font.
//!
//! The layout measures and wraps every line here; the canvas and every exporter draw the Scene's
//! lines with the same font bytes ([`REGULAR_TTF`], [`BOLD_TTF`]) and never wrap again.

use std::sync::OnceLock;

/// DejaVu Sans (Bitstream Vera licence, see assets/fonts/LICENSE-DejaVu.txt).
pub const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// DejaVu Sans Bold.
pub const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Family name of the bundled font, as exporters must name it.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// Regular or bold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FontWeight {
    Regular,
    Bold,
}

/// Horizontal metrics of one face, in font units.
struct FaceMetrics {
    units_per_em: f32,
    ascender: f32,
    descender: f32,
    line_gap: f32,
    ascii_advances: [f32; 128],
    face: ttf_parser::Face<'static>,
}

impl FaceMetrics {
    fn parse(bytes: &'static [u8]) -> Option<Self> {
        let face = ttf_parser::Face::parse(bytes, 0).ok()?;
        let mut ascii_advances = [0.0; 128];
        for (code, advance) in ascii_advances.iter_mut().enumerate() {
            *advance = Self::advance_of(&face, char::from(code as u8));
        }
        Some(Self {
            units_per_em: f32::from(face.units_per_em()),
            ascender: f32::from(face.ascender()),
            descender: f32::from(face.descender()),
            line_gap: f32::from(face.line_gap()),
            ascii_advances,
            face,
        })
    }

    fn advance_of(face: &ttf_parser::Face<'_>, c: char) -> f32 {
        let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        f32::from(face.glyph_hor_advance(glyph).unwrap_or(0))
    }

    fn advance(&self, c: char) -> f32 {
        match self.ascii_advances.get(c as usize) {
            Some(&advance) => advance,
            None => Self::advance_of(&self.face, c),
        }
    }
}

/// The bundled font, measured.
pub struct Fonts {
    regular: FaceMetrics,
    bold: FaceMetrics,
}

impl Fonts {
    /// The bundled fonts, parsed once per process.
    pub fn bundled() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let parse = |bytes| FaceMetrics::parse(bytes);
            match (parse(REGULAR_TTF), parse(BOLD_TTF)) {
                (Some(regular), Some(bold)) => Fonts { regular, bold },
                // The bytes are compiled in and tested; failing here means the build is broken.
                _ => panic!("the bundled DejaVu Sans font could not be parsed"),
            }
        })
    }

    fn face(&self, weight: FontWeight) -> &FaceMetrics {
        match weight {
            FontWeight::Regular => &self.regular,
            FontWeight::Bold => &self.bold,
        }
    }

    /// Width of `text` set on one line at `size` pixels.
    pub fn measure(&self, text: &str, size: f32, weight: FontWeight) -> f32 {
        let face = self.face(weight);
        let units: f32 = text.chars().map(|c| face.advance(c)).sum();
        units * size / face.units_per_em
    }

    /// Distance from the top of a line to its baseline.
    pub fn ascent(&self, size: f32, weight: FontWeight) -> f32 {
        let face = self.face(weight);
        face.ascender * size / face.units_per_em
    }

    /// Height of a capital letter above the baseline: what a reader at the back of a room sees
    /// of the text's size.
    pub fn cap_height(&self, size: f32, weight: FontWeight) -> f32 {
        let face = self.face(weight);
        // DejaVu Sans states its capital height (OS/2); 0.73 em is its value, kept for safety.
        let capital = face
            .face
            .capital_height()
            .map_or(0.73 * face.units_per_em, f32::from);
        capital * size / face.units_per_em
    }

    /// Height of one line, baseline to baseline.
    pub fn line_height(&self, size: f32, weight: FontWeight) -> f32 {
        let face = self.face(weight);
        (face.ascender - face.descender + face.line_gap) * size / face.units_per_em
    }

    /// Breaks `text` into lines no wider than `max_width`: at spaces where possible, inside a word
    /// only when the word alone is too wide. Explicit line breaks are kept.
    ///
    /// Widths are summed as words are added rather than measured again for every candidate line:
    /// a whole catalogue's titles are wrapped on every layout.
    pub fn wrap(&self, text: &str, size: f32, weight: FontWeight, max_width: f32) -> Vec<String> {
        let face = self.face(weight);
        let scale = size / face.units_per_em;
        let advance = |c: char| face.advance(c) * scale;
        let space = advance(' ');
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_width = 0.0;
            for word in paragraph.split_whitespace() {
                let word_width: f32 = word.chars().map(advance).sum();
                let joined = if line.is_empty() {
                    word_width
                } else {
                    line_width + space + word_width
                };
                if joined <= max_width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_width = joined;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                if word_width <= max_width {
                    line.push_str(word);
                    line_width = word_width;
                    continue;
                }
                // The word alone is too wide: split it where it overflows.
                for c in word.chars() {
                    let width = advance(c);
                    if !line.is_empty() && line_width + width > max_width {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(c);
                    line_width += width;
                }
            }
            if !line.is_empty() || lines.is_empty() {
                lines.push(line);
            }
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_the_bundled_font() {
        let fonts = Fonts::bundled();
        let narrow = fonts.measure("iii", 12.0, FontWeight::Regular);
        let wide = fonts.measure("WWW", 12.0, FontWeight::Regular);
        assert!(narrow > 0.0 && wide > 2.0 * narrow);
        assert!(
            fonts.measure("Manage", 12.0, FontWeight::Bold)
                > fonts.measure("Manage", 12.0, FontWeight::Regular)
        );
        let double = fonts.measure("Manage", 24.0, FontWeight::Regular);
        assert!((double - 2.0 * fonts.measure("Manage", 12.0, FontWeight::Regular)).abs() < 0.01);
    }

    #[test]
    fn wraps_at_spaces_and_splits_only_overlong_words() {
        let fonts = Fonts::bundled();
        let width = fonts.measure("Manage your own", 12.0, FontWeight::Regular) + 0.5;
        let lines = fonts.wrap(
            "Manage your own resources and professional development",
            12.0,
            FontWeight::Regular,
            width,
        );
        assert_eq!(lines.first().map(String::as_str), Some("Manage your own"));
        assert!(
            lines
                .iter()
                .all(|l| fonts.measure(l, 12.0, FontWeight::Regular) <= width)
        );
        assert_eq!(
            lines.join(" "),
            "Manage your own resources and professional development"
        );

        let long = "Supercalifragilisticexpialidocious";
        let pieces = fonts.wrap(long, 12.0, FontWeight::Regular, 40.0);
        assert!(pieces.len() > 1);
        assert_eq!(pieces.concat(), long);
        assert!(
            pieces
                .iter()
                .all(|l| fonts.measure(l, 12.0, FontWeight::Regular) <= 40.0)
        );
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(
            Fonts::bundled().wrap("", 12.0, FontWeight::Regular, 100.0),
            vec![String::new()]
        );
    }
}
