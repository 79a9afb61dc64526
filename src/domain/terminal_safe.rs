//! Text from data never reaches a terminal raw. A calendar's SUMMARY or an imported note can carry
//! escape sequences (OSC 52 writes the clipboard, OSC 0 the window title, `ESC[2J` clears the
//! screen), bidirectional controls that make text read differently from what it is, or invisible
//! characters that make two different names look the same. Everything Bearing shows goes through
//! [`terminal_safe`]: the TUI for every cell it draws, the CLI for every line of text and Markdown
//! it writes, Markdown and ICS files for their text. Text laid out in columns (every TUI pane, the
//! CLI's tables) goes through [`in_columns`], which also settles each character's width.

use std::borrow::Cow;

/// The marks unsafe characters are shown as: C0 controls and DEL as their Unicode control
/// pictures (ESC is `␛`, BEL `␇`), anything else (C1 controls, bidi controls, invisible format
/// characters) as `�`.
const REPLACEMENT: char = '\u{FFFD}';

/// True for a character that could steer a terminal or disguise text: the C0 controls other than
/// tab and newline, DEL, the C1 controls (U+0080–U+009F; U+009B is a one-character CSI), and the
/// format characters (see [`is_format`]) other than the two joiners (see [`is_joiner`]).
pub fn is_unsafe(c: char) -> bool {
    match c {
        '\t' | '\n' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        c => is_format(c) && !is_joiner(c),
    }
}

/// True for Unicode's format characters (general category Cf, as of Unicode 16): the bidi
/// controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), and characters that draw
/// nothing or next to nothing yet change what text is: U+00AD SOFT HYPHEN, U+200B ZERO WIDTH
/// SPACE, U+2060 WORD JOINER and the invisible operators, U+FEFF, U+180E, the joiners, tags and
/// the rest. Terminals disagree on their widths (0, 1, or drawn as a box), so none of them can
/// be laid out in a column and trusted to keep it.
pub fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

/// U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER: the format characters that ordinary
/// text needs (Persian and Hindi spelling, emoji sequences such as 👩‍💻), so [`terminal_safe`]
/// keeps them; only [`in_columns`] leaves them out.
pub fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}')
}

/// How an unsafe character is shown: visibly, one column wide, and never as a control.
pub fn shown_as(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or(REPLACEMENT),
        '\u{7f}' => '\u{2421}',
        _ => REPLACEMENT,
    }
}

/// `text` as it is laid out in a column (a TUI pane, a CLI table): [`terminal_safe`], and without
/// the joiners, so that the width Bearing measures is the width every terminal draws.
///
/// Each unsafe character becomes a one-column mark, so two names that differ by a hidden
/// character do not look the same, and a column after them starts where it does on every other
/// row. The joiners are left out rather than kept: unicode-width (which ratatui and the CLI's
/// tables measure with) counts an emoji sequence joined by ZWJ (👩‍💻) as one 2-column picture,
/// and so do terminals that join emoji (tmux does), but the others draw each part side by side,
/// 4 columns, and push the rest of the row over. Without the joiner every terminal and
/// unicode-width agree: 👩💻, two pictures, 4 columns. Around letters (Persian, Hindi) a joiner
/// is zero width everywhere, so leaving it out changes at most a letter's shape, never a column.
/// Stored text keeps its joiners: this is only how it is drawn.
pub fn in_columns(text: &str) -> Cow<'_, str> {
    let safe = terminal_safe(text);
    if safe.is_ascii() || !safe.contains(is_joiner) {
        return safe;
    }
    Cow::Owned(safe.chars().filter(|&c| !is_joiner(c)).collect())
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

    /// Each kind of character: how the text outputs show it, and how a column shows it.
    #[test]
    fn characters_are_kept_marked_or_left_out() {
        use unicode_width::UnicodeWidthStr;
        const MARK: &str = "\u{fffd}";
        for (c, safe, columns) in [
            // Ordinary text, combining marks and spaces stay as they are.
            ('a', "a", "a"),
            ('日', "日", "日"),
            ('\u{301}', "\u{301}", "\u{301}"),
            ('\u{a0}', "\u{a0}", "\u{a0}"),
            ('\t', "\t", "\t"),
            // Controls.
            ('\u{1b}', "␛", "␛"),
            ('\u{7f}', "\u{2421}", "\u{2421}"),
            ('\u{9b}', MARK, MARK),
            // Bidi controls: embeddings, overrides, isolates and marks.
            ('\u{202a}', MARK, MARK),
            ('\u{202e}', MARK, MARK),
            ('\u{2066}', MARK, MARK),
            ('\u{2069}', MARK, MARK),
            ('\u{200e}', MARK, MARK),
            ('\u{200f}', MARK, MARK),
            ('\u{61c}', MARK, MARK),
            // Invisible format characters that could disguise a name.
            ('\u{200b}', MARK, MARK),
            ('\u{2060}', MARK, MARK),
            ('\u{2062}', MARK, MARK),
            ('\u{2064}', MARK, MARK),
            ('\u{feff}', MARK, MARK),
            ('\u{ad}', MARK, MARK),
            ('\u{180e}', MARK, MARK),
            ('\u{206a}', MARK, MARK),
            ('\u{fff9}', MARK, MARK),
            ('\u{e0001}', MARK, MARK),
            ('\u{e0067}', MARK, MARK),
            // The joiners ordinary text needs: kept in text, left out of columns.
            ('\u{200c}', "\u{200c}", ""),
            ('\u{200d}', "\u{200d}", ""),
        ] {
            let text = c.to_string();
            assert_eq!(terminal_safe(&text), safe, "{c:?}");
            assert_eq!(in_columns(&text), columns, "{c:?}");
            if is_unsafe(c) {
                assert_eq!(in_columns(&text).width(), 1, "{c:?} is one column wide");
            }
        }
    }

    #[test]
    fn a_hidden_character_shows_and_keeps_its_column() {
        use unicode_width::UnicodeWidthStr;
        let plain = in_columns("Aisha Bello");
        let disguised = in_columns("Ai\u{200b}sha Bello");
        assert_ne!(plain, disguised, "the two names do not look the same");
        assert_eq!(disguised, "Ai\u{fffd}sha Bello");
        assert_eq!(disguised.width(), disguised.chars().count());
        assert_eq!(in_columns("👩\u{200d}💻 می\u{200c}خواهم"), "👩💻 میخواهم");
        assert!(matches!(in_columns("Aisha Bello"), Cow::Borrowed(_)));
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
