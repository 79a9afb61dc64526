//! The words each full-text index of the kinds that pile up with history holds (`search_term`,
//! migration 013), so a word typed as a prefix can be searched as the words it stands for.
//!
//! FTS5 answers a prefix longer than the three letters its prefix indexes keep by merging the
//! list of rows of every word that begins with it, over all of history, before it returns the
//! first match: a search stops after the newest few it shows, but that merge cannot. The same
//! words named one by one (`("coaching" OR "coachings")`) are read newest first and stopped
//! after the few shown: on ten years of notes, 17 → 4 ms for "coaching burnout retro".
//!
//! Every word list comes from FTS5's own tokenizer (a scratch index in `temp` with the same
//! settings), never from a copy of its rules, so the words kept and the words typed are split and
//! folded (case, accents) exactly as the index does. A kind whose list may be incomplete (a row
//! written by another program and not taken in yet) is searched by prefix, as before: the
//! rewrite only ever changes how fast a search is, never what it finds.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use crate::domain::search::SearchKind;

/// The tokenizer of every index (migrations 006, 009, 010).
const TOKENIZER: &str = "unicode61 remove_diacritics 2";

/// A prefix standing for more words than this is searched as a prefix: a query naming that many
/// words costs about what the merge does.
const MOST_WORDS: usize = 64;

/// Rows of a kind waiting, as a share of its table, from which its words are read again from the
/// whole index (`fts5vocab`, about 2 µs a row on ten years of notes) rather than by splitting
/// the rows waiting (about 20 µs a row): one in ten. The huge demo's 100,000 notes: the index,
/// 0.15–0.2 s; a busiest person's 3,665 notes put back by an undo: split, 70–80 ms instead.
const REBUILD_SHARE: i64 = 10;

/// Up to this many rows waiting are always split, however small their table.
const ALWAYS_SPLIT: i64 = 100;

/// The table and text columns of a kind whose words are kept, as its index lists them
/// ([`super::search::content_of`]; migration 013's triggers note its rows as pending). `None`:
/// searched by relevance, its words not kept (a few thousand short rows, ranked by bm25 over
/// every match anyway).
fn kept(kind: SearchKind) -> Option<(&'static str, &'static [&'static str])> {
    use SearchKind as K;
    match kind {
        K::Note | K::Topic | K::Action | K::Meeting | K::Context | K::Decision => {
            Some(super::search::content_of(kind))
        }
        K::Person | K::Ritual | K::Goal | K::Risk => None,
    }
}

/// The scratch index in `temp` that splits text into the indexes' words, and its word lists:
/// every word once (`_row`), and each word where it stands (`_at`). It keeps no text
/// (contentless), and is emptied at once (`delete-all`) before and after each use: a regular
/// table's `DELETE` splits every row again to find what to remove.
fn scratch(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(&format!(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words \
             USING fts5 (w, content = '', tokenize = '{TOKENIZER}');
         CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words_row \
             USING fts5vocab (temp, search_words, 'row');
         CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words_at \
             USING fts5vocab (temp, search_words, 'instance');"
    ))?;
    empty_scratch(conn)
}

fn empty_scratch(conn: &Connection) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO temp.search_words (search_words) VALUES ('delete-all')")?
        .execute([])?;
    Ok(())
}

/// Takes the words of every pending row into `search_term`, in the caller's write transaction
/// (every write Bearing makes, before it commits): a search after it finds the list complete.
pub(super) fn absorb(conn: &Connection) -> Result<(), StoreError> {
    let waiting: Vec<(String, i64)> = {
        let mut stmt =
            conn.prepare_cached("SELECT kind, count(*) FROM search_pending GROUP BY kind")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    if waiting.is_empty() {
        return Ok(());
    }
    for (name, count) in waiting {
        let Some((kind, (table, columns))) =
            (name.parse::<SearchKind>().ok()).and_then(|kind| Some((kind, kept(kind)?)))
        else {
            continue;
        };
        if count > ALWAYS_SPLIT && count.saturating_mul(REBUILD_SHARE) >= rows(conn, table)? {
            rebuild(conn, kind)?;
        } else {
            split_waiting(conn, kind, table, columns)?;
        }
    }
    conn.prepare_cached("DELETE FROM search_pending")?
        .execute([])?;
    Ok(())
}

/// Adds the words of `kind`'s rows waiting to its list, split by the scratch index (`table`
/// and `columns` are [`kept`]'s for it).
fn split_waiting(
    conn: &Connection,
    kind: SearchKind,
    table: &str,
    columns: &[&str],
) -> Result<(), StoreError> {
    scratch(conn)?;
    for column in columns {
        // Names from `kept`, a closed set of constants.
        conn.prepare_cached(&format!(
            "INSERT INTO temp.search_words (w) SELECT {column} FROM main.{table} \
             WHERE id IN (SELECT id FROM search_pending WHERE kind = ?1) \
             AND {column} IS NOT NULL"
        ))?
        .execute([kind.as_str()])?;
    }
    conn.prepare_cached(
        "INSERT OR IGNORE INTO search_term (kind, term) \
         SELECT ?1, term FROM temp.search_words_row",
    )?
    .execute([kind.as_str()])?;
    empty_scratch(conn)
}

/// How many rows `table` (one of [`kept`]'s) holds.
fn rows(conn: &Connection, table: &str) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached(&format!("SELECT count(*) FROM main.{table}"))?
        .query_row([], |r| r.get(0))?)
}

/// The name of a table in `temp` listing every word of `kind`'s whole index (`fts5vocab`; each
/// word's rows are counted as it is listed: reading it costs a pass over the index).
fn index_words(conn: &Connection, kind: SearchKind) -> Result<String, StoreError> {
    let name = kind.as_str();
    let table = format!("temp.search_index_words_{name}");
    conn.execute_batch(&format!(
        "CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5vocab (main, search_{name}, 'row')"
    ))?;
    Ok(table)
}

/// Makes every kept kind's word list again from its whole index.
pub(super) fn rebuild_every_list(conn: &Connection) -> Result<(), StoreError> {
    for kind in SearchKind::ALL {
        if kept(*kind).is_some() {
            rebuild(conn, *kind)?;
        }
    }
    Ok(())
}

/// Makes `kind`'s word list again from its whole index (what migration 013 did for every kind).
pub(super) fn rebuild(conn: &Connection, kind: SearchKind) -> Result<(), StoreError> {
    let table = index_words(conn, kind)?;
    conn.execute("DELETE FROM search_term WHERE kind = ?1", [kind.as_str()])?;
    conn.execute(
        &format!("INSERT INTO search_term (kind, term) SELECT ?1, term FROM {table}"),
        [kind.as_str()],
    )?;
    Ok(())
}

/// What a user typed, word by word: each word as typed and the index's words it splits into
/// ("On-call" → "on", "call"), and the kinds with rows waiting, read once for the search.
pub struct Typed {
    /// The prefix query ([`super::search::fts_query`]): every word typed as a prefix.
    plain: String,
    /// `None` for a word one of whose words is not UTF-8 (FTS5 cuts a word at 32 KB, inside a
    /// character if need be): searched by prefix.
    words: Vec<(String, Option<Vec<String>>)>,
    waiting: Vec<String>,
}

impl Typed {
    /// Splits `text` at white space, and each word as the indexes' tokenizer does.
    pub fn parse(conn: &Connection, text: &str) -> Result<Typed, StoreError> {
        let plain = super::search::fts_query(text).unwrap_or_default();
        let typed: Vec<&str> = text.split_whitespace().collect();
        let mut words: Vec<(String, Option<Vec<String>>)> = typed
            .iter()
            .map(|w| (w.to_string(), Some(Vec::new())))
            .collect();
        if typed.is_empty() {
            return Ok(Typed {
                plain,
                words,
                waiting: Vec::new(),
            });
        }
        scratch(conn)?;
        for (at, word) in typed.iter().enumerate() {
            conn.prepare_cached("INSERT INTO temp.search_words (rowid, w) VALUES (?1, ?2)")?
                .execute(params![at as i64, word])?;
        }
        {
            let mut stmt = conn.prepare_cached(
                "SELECT doc, term FROM temp.search_words_at ORDER BY doc, offset",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let at: i64 = row.get(0)?;
                let term = utf8(row, 1)?;
                let Some((_, terms)) = usize::try_from(at).ok().and_then(|at| words.get_mut(at))
                else {
                    continue;
                };
                match (terms.as_mut(), term) {
                    (Some(terms), Some(term)) => terms.push(term.to_string()),
                    _ => *terms = None,
                }
            }
        }
        empty_scratch(conn)?;
        let waiting = conn
            .prepare_cached("SELECT DISTINCT kind FROM search_pending")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Typed {
            plain,
            words,
            waiting,
        })
    }

    /// The FTS5 query for `kind`: every word must match, the last of its words as a prefix.
    /// `Ok(None)` when no row of that kind can match (a prefix no word of the index begins
    /// with). A kind whose words are not kept, or not all taken in yet, gets the prefix query
    /// ([`super::search::fts_query`]), as does text with no word at all ("-", "&").
    pub fn query(&self, conn: &Connection, kind: SearchKind) -> Result<Option<String>, StoreError> {
        // Typed words with no word in them ("-" between two words): FTS5 leaves such a term
        // out when terms stand side by side, but under an explicit AND (which a group of
        // alternatives needs) it would match nothing. They are left out here.
        let worded: Vec<(&String, Option<&Vec<String>>)> = self
            .words
            .iter()
            .map(|(typed, terms)| (typed, terms.as_ref()))
            .filter(|(_, terms)| terms.is_none_or(|t| !t.is_empty()))
            .collect();
        if kept(kind).is_none()
            || worded.is_empty()
            || self.waiting.iter().any(|k| k == kind.as_str())
        {
            return Ok(Some(self.plain.clone()));
        }
        let mut parts = Vec::with_capacity(worded.len());
        for (typed, terms) in worded {
            let Some((last, head)) = terms.and_then(|t| t.split_last()) else {
                parts.push(prefix_term(typed));
                continue;
            };
            // Up to three letters the index keeps the prefix itself: read newest first already.
            if last.chars().count() <= 3 {
                parts.push(prefix_term(typed));
                continue;
            }
            let Some(words) = words_starting(conn, kind, last)? else {
                parts.push(prefix_term(typed));
                continue;
            };
            if words.is_empty() {
                return Ok(None);
            }
            // Each alternative repeats the word's leading parts ("on-" of "on-call"), which
            // FTS5 reads once for each: a pasted path or address ending in a prefix would be
            // read dozens of times. Past [`MOST_WORDS`] parts in all, the prefix it is.
            if (head.len() + 1) * words.len() > MOST_WORDS {
                parts.push(prefix_term(typed));
                continue;
            }
            let alternatives: Vec<String> = words
                .iter()
                .map(|word| {
                    let phrase: Vec<&str> = head
                        .iter()
                        .map(String::as_str)
                        .chain(std::iter::once(word.as_str()))
                        .collect();
                    quoted(&phrase.join(" "))
                })
                .collect();
            parts.push(format!("({})", alternatives.join(" OR ")));
        }
        Ok(Some(parts.join(" AND ")))
    }
}

/// `"word"*`: a word typed, as a quoted prefix term (its quotes doubled).
pub(super) fn prefix_term(word: &str) -> String {
    format!("{}*", quoted(word))
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Whether a row of `kind` waits for its words to be taken in.
fn pending(conn: &Connection, kind: SearchKind) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM search_pending WHERE kind = ?1 LIMIT 1")?
        .query_row([kind.as_str()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Column `at` of `row`, a word of an index: `None` if it is not UTF-8.
fn utf8(row: &rusqlite::Row<'_>, at: usize) -> Result<Option<String>, StoreError> {
    let bytes = row.get_ref(at)?.as_bytes().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(at, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(std::str::from_utf8(bytes).ok().map(str::to_string))
}

/// The words of `kind`'s index that begin with `prefix`; `None` when more than [`MOST_WORDS`]
/// do, or one of them is not UTF-8 (cut at FTS5's 32 KB limit): searched by prefix then.
fn words_starting(
    conn: &Connection,
    kind: SearchKind,
    prefix: &str,
) -> Result<Option<Vec<String>>, StoreError> {
    // Every word beginning with `prefix` sorts (byte by byte) at or after it and before it
    // followed by the byte 0xFF, which UTF-8 never holds, nor a word FTS5 cut at 32 KB. (Not
    // the highest code point: unicode61 counts U+10FFFF as a letter.)
    let mut stmt = conn.prepare_cached(
        "SELECT term FROM search_term WHERE kind = ?1 AND term >= ?2 \
         AND term < ?2 || CAST(x'FF' AS TEXT) ORDER BY term LIMIT ?3",
    )?;
    let mut rows = stmt.query(params![kind.as_str(), prefix, (MOST_WORDS + 1) as i64])?;
    let mut words = Vec::new();
    while let Some(row) = rows.next()? {
        let Some(word) = utf8(row, 0)? else {
            return Ok(None);
        };
        if word.starts_with(prefix) {
            words.push(word);
        }
    }
    Ok((words.len() <= MOST_WORDS).then_some(words))
}

/// The kinds whose word list misses a word of their index (none pending): a search of them
/// could miss rows. Empty when every list is whole.
pub fn incomplete(conn: &Connection) -> Result<Vec<SearchKind>, StoreError> {
    let mut found = Vec::new();
    for &kind in SearchKind::ALL {
        if kept(kind).is_none() || pending(conn, kind)? {
            continue;
        }
        let table = index_words(conn, kind)?;
        let missing: bool = conn.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM {table} WHERE term NOT IN \
                 (SELECT term FROM search_term WHERE kind = ?1))"
            ),
            [kind.as_str()],
            |r| r.get(0),
        )?;
        if missing {
            found.push(kind);
        }
    }
    Ok(found)
}

#[cfg(test)]
#[path = "search_terms_tests.rs"]
mod tests;
