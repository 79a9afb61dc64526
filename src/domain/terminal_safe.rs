//! Text from data never reaches a terminal raw. A calendar's SUMMARY or an imported note can carry
//! escape sequences (OSC 52 writes the clipboard, OSC 0 the window title, `ESC[2J` clears the
//! screen) or bidirectional controls that make text read differently from what it is. Everything
//! Bearing shows goes through [`terminal_safe`]: the TUI for every cell it draws, the CLI for every
//! line of text and Markdown it writes, Markdown and ICS files for their text.

use std::borrow::Cow;

/// The marks unsafe characters are shown as: C0 controls and DEL as their Unicode control
/// pictures (ESC is `␛`, BEL `␇`), anything else (C1 controls, bidi controls) as `�`.
const REPLACEMENT: char = '\u{FFFD}';

/// True for a character that could steer a terminal or disguise text: the C0 controls other than
/// tab and newline, DEL, the C1 controls (U+0080–U+009F; U+009B is a one-character CSI), and the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    match c {
        '\t' | '\n' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// How an unsafe character is shown: visibly, one column wide, and never as a control.
pub fn shown_as(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or(REPLACEMENT),
        '\u{7f}' => '\u{2421}',
        _ => REPLACEMENT,
    }
}

/// `text` with every unsafe character (see [`is_unsafe`]) replaced by a visible mark (see
/// [`shown_as`]). Tab and newline stay, and so does a CR right before a newline (a Windows or
/// iCalendar line end, which only ends the line). Borrows when there is nothing to change, which
/// is almost always. Applying it twice changes nothing more.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    match first_unsafe(text) {
        None => Cow::Borrowed(text),
        Some(at) => {
            let mut out = String::with_capacity(text.len() + 8);
            out.push_str(&text[..at]);
            let mut rest = &text[at..];
            while let Some(c) = rest.chars().next() {
                let is_line_end = c == '\r' && rest[1..].starts_with('\n');
                out.push(if is_unsafe(c) && !is_line_end {
                    shown_as(c)
                } else {
                    c
                });
                rest = &rest[c.len_utf8()..];
            }
            Cow::Owned(out)
        }
    }
}

/// Where the first character [`terminal_safe`] must change is.
fn first_unsafe(text: &str) -> Option<usize> {
    text.char_indices()
        .find(|&(at, c)| is_unsafe(c) && !(c == '\r' && text[at + 1..].starts_with('\n')))
        .map(|(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        for (raw, shown) in [
            ("\u{1b}[2Jclear", "␛[2Jclear"),
            ("\u{1b}]0;title\u{7}", "␛]0;title␇"),
            ("\u{1b}]52;c;aGk=\u{1b}\\", "␛]52;c;aGk=␛\\"),
            ("\u{9b}31m", "\u{fffd}31m"),
            ("a\u{202e}txt.exe", "a\u{fffd}txt.exe"),
            ("\u{2066}x\u{2069}", "\u{fffd}x\u{fffd}"),
            ("del\u{7f}", "del\u{2421}"),
            ("nul\u{0}", "nul\u{2400}"),
            ("over\rwrite", "over␍write"),
        ] {
            assert_eq!(terminal_safe(raw), shown, "{raw:?}");
        }
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for text in [
            "",
            "Priya Raman",
            "line one\n\tindented",
            "日本語 🚀 ﷺ مرحبا",
            "e\u{301}",
        ] {
            assert!(matches!(terminal_safe(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn line_ends_with_cr_stay_but_a_lone_cr_is_shown() {
        let ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
        assert!(matches!(terminal_safe(ics), Cow::Borrowed(t) if t == ics));
        assert_eq!(terminal_safe("a\r\nb\rc\r"), "a\r\nb␍c␍");
    }

    #[test]
    fn the_result_is_safe_and_stable() {
        let all: String = (0u32..0x2100)
            .chain(0x2000..0x2070)
            .filter_map(char::from_u32)
            .collect();
        let once = terminal_safe(&all).into_owned();
        assert!(!once.chars().any(is_unsafe));
        assert_eq!(terminal_safe(&once), once.as_str());
    }
}
