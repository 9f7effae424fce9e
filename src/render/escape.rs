//! Escaping user text for every output language. Every string from a map passes through here.

/// For XML and HTML text and double-quoted attributes.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 forbids (controls, U+FFFE, U+FFFF) are dropped rather than
            // written: one would make the whole file unreadable.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// For a double-quoted DOT string.
pub fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            // Graphviz refuses NUL and has no use for other controls or noncharacters.
            c if (c as u32) < 0x20 && c != '\t' => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// For Markdown inline text: characters with a meaning are backslash-escaped, and HTML is
/// neutralised so a title cannot inject markup.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_strings_are_neutralised() {
        let hostile = "<script>alert(\"x&y\")</script> O'Brien";
        assert_eq!(
            xml(hostile),
            "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; O&#39;Brien"
        );
        assert_eq!(dot("say \"hi\"\\ \n"), "say \\\"hi\\\"\\\\ \\n");
        assert_eq!(
            markdown("*bold* <b>|</b>"),
            "\\*bold\\* &lt;b&gt;\\|&lt;/b&gt;"
        );
        assert_eq!(xml("a\u{0}b\u{1b}c\u{FFFE}d\u{FFFF}"), "abcd");
        assert_eq!(dot("a\u{0}b\u{7}c\u{FFFF}"), "abc");
        assert_eq!(xml("مرحبا 👩‍🏫"), "مرحبا 👩‍🏫");
    }
}
