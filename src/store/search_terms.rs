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

/// More rows than this waiting (an import, the demo, a person put back): their words are read
/// from the whole index again rather than one row at a time.
const REBUILD_AT: i64 = 2_000;

/// The table and text columns of a kind whose words are kept, as its index lists them
/// (migration 013's triggers note its rows as pending). `None`: searched by relevance, its words
/// not kept (a few thousand short rows, ranked by bm25 over every match anyway).
fn kept(kind: SearchKind) -> Option<(&'static str, &'static [&'static str])> {
    use SearchKind as K;
    match kind {
        K::Note => Some(("note", &["date", "body"])),
        K::Topic => Some(("topic", &["body"])),
        K::Action => Some(("action_item", &["body"])),
        K::Meeting => Some(("occurrence", &["notes", "decisions", "agenda_done"])),
        K::Context => Some(("person_context", &["body"])),
        K::Decision => Some((
            "decision",
            &["title", "context", "decision", "consequences"],
        )),
        K::Person | K::Ritual | K::Goal | K::Risk => None,
    }
}

/// The scratch index in `temp` that splits text into the indexes' words, and its word lists:
/// every word once (`_row`), and each word where it stands (`_at`).
fn scratch(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(&format!(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words USING fts5 (w, tokenize = '{TOKENIZER}');
         CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words_row \
             USING fts5vocab (temp, search_words, 'row');
         CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words_at \
             USING fts5vocab (temp, search_words, 'instance');"
    ))?;
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
        let listed = name
            .parse::<SearchKind>()
            .ok()
            .and_then(|kind| Some((kind, kept(kind)?)));
        if let Some((kind, (table, columns))) = listed {
            if count > REBUILD_AT {
                rebuild(conn, kind)?;
            } else {
                scratch(conn)?;
                for column in columns {
                    // Names from `kept`, a closed set of constants.
                    conn.prepare_cached(&format!(
                        "INSERT INTO temp.search_words (w) SELECT {column} FROM main.{table} \
                         WHERE id IN (SELECT id FROM search_pending WHERE kind = ?1) \
                         AND {column} IS NOT NULL"
                    ))?
                    .execute([&name])?;
                }
                conn.prepare_cached(
                    "INSERT OR IGNORE INTO search_term (kind, term) \
                     SELECT ?1, term FROM temp.search_words_row",
                )?
                .execute([&name])?;
                conn.prepare_cached("DELETE FROM temp.search_words")?
                    .execute([])?;
            }
        }
    }
    conn.prepare_cached("DELETE FROM search_pending")?
        .execute([])?;
    Ok(())
}

/// Makes `kind`'s word list again from its whole index (what migration 013 did for every kind).
pub(super) fn rebuild(conn: &Connection, kind: SearchKind) -> Result<(), StoreError> {
    let name = kind.as_str();
    conn.execute_batch(&format!(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms_{name} \
         USING fts5vocab (main, search_{name}, 'row')"
    ))?;
    conn.execute("DELETE FROM search_term WHERE kind = ?1", [name])?;
    conn.execute(
        &format!(
            "INSERT INTO search_term (kind, term) SELECT ?1, term FROM temp.search_terms_{name}"
        ),
        [name],
    )?;
    Ok(())
}

/// What a user typed, word by word: each word as typed and the index's words it splits into
/// ("On-call" → "on", "call").
pub struct Typed {
    words: Vec<(String, Vec<String>)>,
}

impl Typed {
    /// Splits `text` at white space, and each word as the indexes' tokenizer does.
    pub fn parse(conn: &Connection, text: &str) -> Result<Typed, StoreError> {
        let typed: Vec<&str> = text.split_whitespace().collect();
        let mut words: Vec<(String, Vec<String>)> =
            typed.iter().map(|w| (w.to_string(), Vec::new())).collect();
        if typed.is_empty() {
            return Ok(Typed { words });
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
                let (at, term): (i64, String) = (row.get(0)?, row.get(1)?);
                if let Some((_, terms)) = usize::try_from(at).ok().and_then(|at| words.get_mut(at))
                {
                    terms.push(term);
                }
            }
        }
        conn.prepare_cached("DELETE FROM temp.search_words")?
            .execute([])?;
        Ok(Typed { words })
    }

    /// The FTS5 query for `kind`: every word must match, the last of its words as a prefix.
    /// `Ok(None)` when no row of that kind can match (a prefix no word of the index begins
    /// with). A kind whose words are not kept, or not all taken in yet, gets the prefix query
    /// ([`super::search::fts_query`]).
    pub fn query(&self, conn: &Connection, kind: SearchKind) -> Result<Option<String>, StoreError> {
        let prefixes = || {
            let terms: Vec<String> = self.words.iter().map(|(w, _)| prefix_term(w)).collect();
            Some(terms.join(" "))
        };
        if kept(kind).is_none() || self.words.is_empty() || pending(conn, kind)? {
            return Ok(prefixes());
        }
        let mut parts = Vec::with_capacity(self.words.len());
        for (typed, terms) in &self.words {
            let Some((last, head)) = terms.split_last() else {
                parts.push(prefix_term(typed));
                continue;
            };
            // Up to three letters the index keeps the prefix itself: read newest first already.
            if last.chars().count() <= 3 {
                parts.push(prefix_term(typed));
                continue;
            }
            let words = words_starting(conn, kind, last)?;
            if words.is_empty() {
                return Ok(None);
            }
            if words.len() > MOST_WORDS {
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
fn prefix_term(word: &str) -> String {
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

/// The words of `kind`'s index that begin with `prefix`, at most one more than [`MOST_WORDS`].
fn words_starting(
    conn: &Connection,
    kind: SearchKind,
    prefix: &str,
) -> Result<Vec<String>, StoreError> {
    // Every word beginning with `prefix` sorts at or after it and before it followed by the
    // highest code point, which no word of the index holds.
    let mut stmt = conn.prepare_cached(
        "SELECT term FROM search_term WHERE kind = ?1 AND term >= ?2 \
         AND term < ?2 || char(1114111) ORDER BY term LIMIT ?3",
    )?;
    let words = stmt
        .query_map(
            params![kind.as_str(), prefix, (MOST_WORDS + 1) as i64],
            |r| r.get::<_, String>(0),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(words
        .into_iter()
        .filter(|w| w.starts_with(prefix))
        .collect())
}

/// The kinds whose word list misses a word of their index (none pending): a search of them
/// could miss rows. Empty when every list is whole.
pub fn incomplete(conn: &Connection) -> Result<Vec<SearchKind>, StoreError> {
    let mut found = Vec::new();
    for &kind in SearchKind::ALL {
        if kept(kind).is_none() || pending(conn, kind)? {
            continue;
        }
        let name = kind.as_str();
        conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms_{name} \
             USING fts5vocab (main, search_{name}, 'row')"
        ))?;
        let missing: bool = conn.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM temp.search_terms_{name} WHERE term NOT IN \
                 (SELECT term FROM search_term WHERE kind = ?1))"
            ),
            [name],
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
