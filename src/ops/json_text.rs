//! JSON as Bearing writes it (the CLI's `--format json`, the export): pretty-printed, and with
//! every character that could steer a terminal or reorder text (see [`escaped`]) written as a
//! `\uXXXX` escape. serde_json already escapes the C0 controls; this adds DEL, the C1 controls (a
//! UTF-8 terminal may act on U+009B as CSI) and the bidi embeddings, overrides and isolates. An
//! escape is still the same string to any JSON reader, so nothing is lost: `import` reads back
//! exactly what was exported, while a terminal showing the JSON sees only printable text.

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

use crate::domain::terminal_safe::is_unsafe;

/// The characters written as escapes: the controls and the bidi embeddings, overrides and
/// isolates. The other characters that the text outputs show as marks (U+200B ZERO WIDTH SPACE,
/// U+00AD SOFT HYPHEN, U+200E LEFT-TO-RIGHT MARK...) cannot steer a terminal and are written as
/// they are, the exact string: JSON is what scripts read, not a column to line up.
fn escaped(c: char) -> bool {
    is_unsafe(c)
        && (c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
}

/// `value` as pretty-printed JSON with unsafe characters escaped.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(256);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, SafeFormatter(PrettyFormatter::new()));
    value.serialize(&mut serializer)?;
    // serde_json writes UTF-8 only; the fallback is never taken.
    Ok(String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// serde_json's pretty layout, with string contents filtered.
struct SafeFormatter<'a>(PrettyFormatter<'a>);

impl Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut clean_from = 0;
        for (at, c) in fragment.char_indices().filter(|&(_, c)| escaped(c)) {
            writer.write_all(&fragment.as_bytes()[clean_from..at])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            clean_from = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[clean_from..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn layout_is_serde_jsons_pretty_one() {
        let value = json!({"a": [1, {"b": null}], "c": "日本 🚀", "d": []});
        assert_eq!(
            to_string_pretty(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }

    #[test]
    fn invisible_characters_are_written_as_they_are() {
        let name = "Ai\u{200b}sha\u{ad} Bello\u{200d}\u{feff}\u{200e}";
        assert_eq!(
            to_string_pretty(&json!(name)).unwrap(),
            format!("\"{name}\"")
        );
    }

    #[test]
    fn controls_are_escaped_and_read_back_unchanged() {
        let hostile = "a\u{1b}]52;c;aGk=\u{7}b\u{9b}2J\u{7f}\u{202e}txt\u{2066}é";
        let value = json!({ hostile: [hostile] });
        let text = to_string_pretty(&value).unwrap();
        assert!(!text.chars().any(escaped), "{text}");
        assert!(text.contains("\\u009b") && text.contains("\\u202e") && text.contains("\\u007f"));
        assert!(text.contains('é'), "ordinary characters stay as they are");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
