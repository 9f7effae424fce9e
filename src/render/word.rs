//! Word documents (DOCX, through docx-rs): the page, fonts, built-in styles and paragraph
//! helpers that the review pack and the unit specifications share, and the compression of the
//! package docx-rs writes.

use std::io::Cursor;

use docx_rs::{
    BreakType, LineSpacing, Paragraph, Run, RunFonts, SpecialIndentType, Style, StyleType,
};

/// A4 portrait, in twentieths of a point (twips).
pub(crate) const PAGE_WIDTH: u32 = 11_906;
pub(crate) const PAGE_HEIGHT: u32 = 16_838;
/// 2 cm all round.
pub(crate) const MARGIN: i32 = 1_134;
/// The width between the margins: tables span it.
pub(crate) const TEXT_WIDTH: usize = PAGE_WIDTH as usize - 2 * MARGIN as usize;

/// The lightest grey with 4.5:1 contrast on white (WCAG AA), so the small keys stay readable.
pub(crate) const KEY_GREY: &str = "767676";
/// Keys are printed at 8 pt (sizes are in half points).
pub(crate) const KEY_SIZE: usize = 16;
pub(crate) const BODY_SIZE: usize = 22;
pub(crate) const FONT: &str = "Arial";

/// A Word document as the bytes of its file: packed by docx-rs, then compressed and repaired
/// ([`deflated`]). Every Word writer ends here.
pub(crate) fn packed(docx: docx_rs::Docx) -> Result<Vec<u8>, String> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.pack(&mut bytes)
        .map_err(|error| format!("The Word document could not be put together: {error}."))?;
    deflated(bytes.into_inner())
}

/// The package with every part compressed. docx-rs stores its parts uncompressed, about ten
/// times the size: a pack of a large map is sent by email. The parts keep their order and a
/// fixed date, so the same map gives the same bytes; the folder entries docx-rs adds are left
/// out, as in the packages Word writes (the parts' names hold their folders).
pub(crate) fn deflated(stored: Vec<u8>) -> Result<Vec<u8>, String> {
    let error = |error: zip::result::ZipError| {
        format!("The Word document could not be compressed: {error}.")
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(stored)).map_err(error)?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).map_err(error)?;
        let name = part.name().map_err(error)?.to_string();
        if part.is_dir() {
            continue;
        }
        let mut bytes = Vec::new();
        std::io::copy(&mut part, &mut bytes)
            .map_err(|e| format!("The Word document could not be read back: {e}."))?;
        if name == "word/_rels/document.xml.rels" {
            let rels = String::from_utf8_lossy(&bytes);
            bytes = parts_in_order(
                &parts_in_order(&rels, "Header", "header"),
                "Footer",
                "footer",
            )
            .into_bytes();
        }
        writer.start_file(name, options).map_err(error)?;
        std::io::Write::write_all(&mut writer, &bytes)
            .map_err(|e| format!("The Word document could not be compressed: {e}."))?;
    }
    Ok(writer.finish().map_err(error)?.into_inner())
}

/// Points each header (or footer) relationship at the part that holds it. docx-rs numbers the
/// relationships `rIdHeader1`, `rIdHeader2` … in the order sections were added, but writes the
/// parts `header1.xml`, `header2.xml` … in the order of those ids sorted as text (`rIdHeader10`
/// before `rIdHeader2`): with ten or more, sections would show each other's running headers.
/// The n-th id in text order is in the n-th part.
fn parts_in_order(rels: &str, kind: &str, part: &str) -> String {
    let prefix = format!("Id=\"rId{kind}");
    let mut numbers: Vec<String> = rels
        .match_indices(&prefix)
        .filter_map(|(at, _)| {
            let rest = &rels[at + prefix.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            (!digits.is_empty() && rest[digits.len()..].starts_with('"')).then_some(digits)
        })
        .collect();
    let mut in_text_order = numbers.clone();
    in_text_order.sort_by_key(|n| format!("rId{kind}{n}"));
    numbers.sort();
    let mut out = String::with_capacity(rels.len());
    for element in rels.split_inclusive("/>") {
        let own = numbers
            .iter()
            .find(|n| element.contains(&format!("{prefix}{n}\"")));
        match own {
            Some(n) => {
                let position = in_text_order
                    .iter()
                    .position(|m| m == n)
                    .map_or(0, |p| p + 1);
                out.push_str(&element.replace(
                    &format!("Target=\"{part}{n}.xml\""),
                    &format!("Target=\"{part}{position}.xml\""),
                ));
            }
            None => out.push_str(element),
        }
    }
    out
}

/// Word's built-in styles, by their built-in names, so Word and LibreOffice treat the headings
/// as headings (navigation pane, outline, contents).
pub(crate) fn styles() -> Vec<Style> {
    let spaced = |before: u32, after: u32| LineSpacing::new().before(before).after(after);
    let heading = |level: usize, size: usize| {
        Style::new(format!("Heading{level}"), StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .color("1F3864")
            .outline_lvl(level - 1)
            .line_spacing(spaced(240, 120))
    };
    vec![
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .q_format(true)
            .fonts(fonts())
            .size(BODY_SIZE)
            .line_spacing(spaced(0, 120)),
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(48)
            .color("1F3864")
            .line_spacing(spaced(0, 360)),
        heading(1, 32),
        heading(2, 28),
        heading(3, 24),
        heading(4, 22),
        Style::new("ReviewSection", StyleType::Paragraph)
            .name("Review section")
            .based_on("Normal")
            .next("Normal")
            .bold()
            .line_spacing(spaced(200, 80)),
        // The page number is a field of its own run: the style sizes it with the words.
        Style::new("Footer", StyleType::Paragraph)
            .name("footer")
            .based_on("Normal")
            .size(KEY_SIZE)
            .color(KEY_GREY)
            .line_spacing(spaced(0, 0)),
        Style::new("ReviewTableHeader", StyleType::Paragraph)
            .name("Review table header")
            .based_on("Normal")
            .bold()
            .size(20)
            .line_spacing(spaced(0, 0)),
    ]
}

pub(crate) fn fonts() -> RunFonts {
    RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT)
}

pub(crate) fn heading(level: usize, text: &str) -> Paragraph {
    Paragraph::new()
        .style(&format!("Heading{level}"))
        .keep_next(true)
        .add_run(Run::new().add_text(clean(text)))
}

pub(crate) fn text_paragraph(text: &str) -> Paragraph {
    with_text(Paragraph::new(), text)
}

pub(crate) fn bullet(text: &str) -> Paragraph {
    Paragraph::new()
        .indent(Some(425), Some(SpecialIndentType::Hanging(283)), None, None)
        .add_run(Run::new().add_text("\u{2022}").add_tab())
        .add_run(Run::new().add_text(clean(text)))
}

/// Adds `text` to a paragraph, its line breaks as line breaks.
pub(crate) fn with_text(mut paragraph: Paragraph, text: &str) -> Paragraph {
    for (index, line) in text.trim().lines().enumerate() {
        let mut run = Run::new();
        if index > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        paragraph = paragraph.add_run(run.add_text(clean(line)));
    }
    paragraph
}

/// `text` without what XML 1.0 cannot hold (control characters, carriage returns), so odd
/// characters in a map never make an unreadable document.
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
                || c >= '\u{10000}'
        })
        .collect()
}

/// The page margins every document uses: 2 cm all round, header and footer 1 cm from the edge.
pub(crate) fn margins() -> docx_rs::PageMargin {
    docx_rs::PageMargin::new()
        .top(MARGIN)
        .bottom(MARGIN)
        .left(MARGIN)
        .right(MARGIN)
        .header(567)
        .footer(567)
}

/// Table column widths in twips across `text_width`: each column at least as wide as its
/// longest word (`longest_word`, in characters; so a URN, "P12" or "develop" never breaks), the
/// rest of the width shared in proportion to `wants`.
pub(crate) fn column_widths(
    longest_word: &[usize],
    wants: &[usize],
    text_width: usize,
) -> Vec<usize> {
    // 10–11 pt Arial averages about 115 twips a character; cells have 108 twips of padding
    // each side.
    const PER_CHAR: usize = 115;
    const PADDING: usize = 230;
    let least: Vec<usize> = longest_word
        .iter()
        .map(|&w| w.min(30) * PER_CHAR + PADDING)
        .collect();
    let spare = text_width.saturating_sub(least.iter().sum());
    let total = wants.iter().sum::<usize>().max(1);
    least
        .iter()
        .zip(wants)
        .map(|(least, want)| least + spare * want / total)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parts_in_order;

    /// docx-rs writes header parts in the text order of their ids: with twelve headers,
    /// `header2.xml` holds what `rIdHeader10` was given. The relationships are pointed there.
    #[test]
    fn header_relationships_point_at_the_parts_docx_rs_wrote_them_to() {
        let rels: String = (1..=12)
            .map(|n| {
                format!(
                    "<Relationship Id=\"rIdHeader{n}\" Type=\"header\" Target=\"header{n}.xml\" />"
                )
            })
            .collect();
        let fixed = parts_in_order(&rels, "Header", "header");
        // Text order: 1, 10, 11, 12, 2, 3 … 9.
        for (id, part) in [(1, 1), (10, 2), (11, 3), (12, 4), (2, 5), (9, 12)] {
            assert!(
                fixed.contains(&format!(
                    "Id=\"rIdHeader{id}\" Type=\"header\" Target=\"header{part}.xml\""
                )),
                "rIdHeader{id} → header{part}.xml in {fixed}"
            );
        }
    }
}
