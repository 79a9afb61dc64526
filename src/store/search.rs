//! Full-text search over everything users write: one FTS5 index per kind (`search_note`, …),
//! each over its own table and keyed by the row's id, kept in sync by the schema's triggers
//! (`migrations/006_search_by_row.sql`). No query reads more than it shows: the named things
//! (people, rituals, goals, risks: hundreds to a few thousand short rows) are ranked by
//! relevance; the things that pile up
//! with history (meetings written up, talking points, actions, notes, private context entries)
//! come newest first, read from the index in id order and stopped after `limit` (notes: after
//! [`NOTE_WINDOW`], then ordered by their date). Meetings and context entries are titled from
//! the rows they belong to ("Staff, Mon 16 Nov", "Priya — career, 12 Nov"), joined per hit kept.
//! Ranking those by relevance would cost a pass over every row holding each word: FTS5's bm25
//! counts them all.

use chrono::NaiveDate;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, params};

use super::StoreError;
use super::search_terms::{self, Typed};
pub use crate::domain::search::SearchKind;

/// One match: what kind of thing, its id, its title, and a snippet with the match marked «».
/// A meeting hit also names its series and day, so it can be opened where it lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: SearchKind,
    pub id: i64,
    pub title: String,
    pub snippet: String,
    pub meeting: Option<(i64, NaiveDate)>,
}

impl Hit {
    fn new(kind: SearchKind, id: i64, title: String, snippet: String) -> Hit {
        Hit {
            kind,
            id,
            title,
            snippet,
            meeting: None,
        }
    }
}

/// How one kind's matches are ordered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// Best first (bm25).
    Relevance,
    /// Latest written first (highest id).
    Newest,
    /// The latest [`NOTE_WINDOW`] written, by their date (the title), latest first.
    Dated,
    /// Latest written first, titled "Ritual, Mon 16 Nov" from the occurrence and its series.
    Meeting,
    /// Latest written first, titled "Person — career, 12 Nov" from the entry and its person.
    Context,
}

/// One kind's full-text index: its FTS5 table and the column shown as a hit's title. Every name
/// here is a constant: no identifier in this module's SQL comes from data.
struct Index {
    kind: SearchKind,
    table: &'static str,
    title: &'static str,
    order: Order,
}

const fn index(kind: SearchKind, table: &'static str, title: &'static str, order: Order) -> Index {
    Index {
        kind,
        table,
        title,
        order,
    }
}

/// The indexes, in the order results are grouped (the things one jumps to first).
/// Every kind's index, found by an exhaustive match: a new [`SearchKind`] must say here how it
/// is searched.
fn index_of(kind: SearchKind) -> Index {
    use SearchKind as K;
    match kind {
        K::Person => index(kind, "search_person", "name", Order::Relevance),
        K::Ritual => index(kind, "search_ritual", "name", Order::Relevance),
        K::Goal => index(kind, "search_goal", "title", Order::Relevance),
        K::Risk => index(kind, "search_risk", "title", Order::Relevance),
        K::Decision => index(kind, "search_decision", "title", Order::Newest),
        K::Meeting => index(kind, "search_meeting", "notes", Order::Meeting),
        K::Topic => index(kind, "search_topic", "body", Order::Newest),
        K::Action => index(kind, "search_action", "body", Order::Newest),
        K::Note => index(kind, "search_note", "date", Order::Dated),
        K::Context => index(kind, "search_context", "body", Order::Context),
    }
}

/// The indexes, in the order results are grouped.
fn indexes() -> impl Iterator<Item = Index> {
    SearchKind::ALL.iter().map(|k| index_of(*k))
}

/// Notes are found among the latest this many written that match, then shown by date: a note
/// written today about a meeting last week comes after one written yesterday about yesterday.
pub const NOTE_WINDOW: u32 = 200;

/// Turns what a user typed into an FTS5 query that cannot be a syntax error: every word becomes
/// a quoted prefix term, all of which must match.
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .map(search_terms::prefix_term)
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// At most `limit` matches for `text` of every kind, grouped by kind in [`kinds`] order, each
/// kind in its order (see the module's comment).
///
/// The kinds that pile up with history search a prefix of four letters or more as the words it
/// stands for ([`search_terms`]): the same rows, read newest first without a merge over all of
/// history.
pub fn search(conn: &Connection, text: &str, limit: u32) -> Result<Vec<Hit>, StoreError> {
    if fts_query(text).is_none() {
        return Ok(Vec::new());
    }
    // One snapshot for the whole search: the words listed, the rows waiting and the rows
    // matched are read as of one moment, though another process may commit between statements.
    // Only `temp` is written (the typed words, split and cleared again).
    let ours = conn.is_autocommit();
    conn.execute_batch("SAVEPOINT search")?;
    let found = search_in_snapshot(conn, text, limit);
    let released = match found {
        Ok(_) => conn.execute_batch("RELEASE search"),
        Err(_) => Ok(()),
    };
    if found.is_err() || released.is_err() {
        // Never leave a transaction open: it would hold this snapshot (other processes'
        // changes unseen) and refuse the next write.
        let _ = conn.execute_batch("ROLLBACK TO search; RELEASE search");
        if ours && !conn.is_autocommit() {
            let _ = conn.execute_batch("ROLLBACK");
        }
    }
    let found = found?;
    released?;
    Ok(found)
}

fn search_in_snapshot(conn: &Connection, text: &str, limit: u32) -> Result<Vec<Hit>, StoreError> {
    let typed = Typed::parse(conn, text)?;
    let mut hits = Vec::new();
    for index in indexes() {
        if let Some(query) = typed.query(conn, index.kind)? {
            hits.extend(search_kind(conn, &index, &query, limit)?);
        }
    }
    Ok(hits)
}

fn search_kind(
    conn: &Connection,
    index: &Index,
    query: &str,
    limit: u32,
) -> Result<Vec<Hit>, StoreError> {
    let (table, title) = (index.table, index.title);
    let snippet = format!("snippet({table}, -1, '«', '»', '…', 12)");
    let sql = match index.order {
        Order::Relevance => format!(
            "SELECT rowid, {title}, {snippet} FROM {table} WHERE {table} MATCH ?1 \
             ORDER BY rank LIMIT ?2"
        ),
        Order::Newest => format!(
            "SELECT rowid, {title}, {snippet} FROM {table} WHERE {table} MATCH ?1 \
             ORDER BY rowid DESC LIMIT ?2"
        ),
        Order::Dated => return search_dated(conn, index, query, limit),
        Order::Meeting => return search_meetings(conn, query, limit),
        Order::Context => return search_context(conn, query, limit),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let hits = stmt
        .query_map(params![query, limit], |r| {
            Ok(Hit::new(index.kind, r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(hits)
}

/// The latest [`NOTE_WINDOW`] matches by id, the latest `limit` of them by date, in one pass:
/// snippets for the whole window (1.4 ms for 200 notes on ten years of data) cost less than a
/// second `MATCH` for the rows kept, which would expand a prefix over the whole index again
/// (3.3 ms).
fn search_dated(
    conn: &Connection,
    index: &Index,
    query: &str,
    limit: u32,
) -> Result<Vec<Hit>, StoreError> {
    let (table, title) = (index.table, index.title);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT rowid, {title}, snippet({table}, -1, '«', '»', '…', 12) FROM {table} \
         WHERE {table} MATCH ?1 ORDER BY rowid DESC LIMIT ?2"
    ))?;
    let mut hits = stmt
        .query_map(params![query, NOTE_WINDOW], |r| {
            Ok(Hit::new(index.kind, r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Dates are `YYYY-MM-DD`: text order is time order.
    hits.sort_by(|a, b| b.title.cmp(&a.title).then(b.id.cmp(&a.id)));
    hits.truncate(limit as usize);
    Ok(hits)
}

/// The latest `limit` meetings written up that match, newest first: each joined to its series
/// for the title, only once kept (the index is read in id order and stops at `limit`).
fn search_meetings(conn: &Connection, query: &str, limit: u32) -> Result<Vec<Hit>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT search_meeting.rowid, ritual.id, ritual.name, \
         coalesce(occurrence.moved_to, occurrence.original_start), \
         snippet(search_meeting, -1, '«', '»', '…', 12) \
         FROM search_meeting JOIN occurrence ON occurrence.id = search_meeting.rowid \
         JOIN ritual ON ritual.id = occurrence.ritual_id \
         WHERE search_meeting MATCH ?1 ORDER BY search_meeting.rowid DESC LIMIT ?2",
    )?;
    let hits = stmt
        .query_map(params![query, limit], |r| {
            let (ritual, name, at): (i64, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
            let day = day_of(&at);
            let title = match day {
                Some(day) => crate::domain::ritual::meeting_label(&name, day),
                None => name,
            };
            let mut hit = Hit::new(SearchKind::Meeting, r.get(0)?, title, r.get(4)?);
            hit.meeting = day.map(|day| (ritual, day));
            Ok(hit)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(hits)
}

/// The latest `limit` private context entries that match, newest first, each titled with its
/// person, kind and date.
fn search_context(conn: &Connection, query: &str, limit: u32) -> Result<Vec<Hit>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT search_context.rowid, person.name, person_context.kind, person_context.date, \
         snippet(search_context, -1, '«', '»', '…', 12) \
         FROM search_context JOIN person_context ON person_context.id = search_context.rowid \
         JOIN person ON person.id = person_context.person_id \
         WHERE search_context MATCH ?1 ORDER BY search_context.rowid DESC LIMIT ?2",
    )?;
    let hits = stmt
        .query_map(params![query, limit], |r| {
            let (name, kind, date): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
            let title = match day_of(&date) {
                Some(day) => format!("{name} — {kind}, {}", day.format("%-d %b")),
                None => format!("{name} — {kind}"),
            };
            Ok(Hit::new(SearchKind::Context, r.get(0)?, title, r.get(4)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(hits)
}

/// The day of a stored `YYYY-MM-DD` date or `YYYY-MM-DDTHH:MM…` time.
fn day_of(stored: &str) -> Option<NaiveDate> {
    stored
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// Checks every full-text index against its table (FTS5's `integrity-check` with content): an
/// entry for a row or value that is not there, or a row without its entries, is an error; so is
/// a word of an index missing from its word list ([`search_terms`]).
pub fn verify_index(conn: &Connection) -> Result<(), StoreError> {
    on_every_index(conn, "integrity-check", Some(1))?;
    if let Some(kind) = search_terms::incomplete(conn)?.first() {
        return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(format!(
                "the word list of the {kind} search index misses a word"
            )),
        )));
    }
    Ok(())
}

/// Runs `fill`, a write of many rows at once (the large demos, an import), with this
/// connection's triggers off, then builds every full-text index and word list from the rows as
/// they are (FTS5's `rebuild`), each in one segment ([`build_whole`]). Every index is built
/// whole, so this pays when the rows written are most of the file.
///
/// Fed row by row through the triggers, FTS5 writes its pending words out as a segment at every
/// statement and merges them as they pile up: on the huge demo that was half of the 14 s it
/// took to build. The schema's other triggers are those of a delete (`link_*_gone`); the undo
/// journal's are TEMP triggers, which SQLite runs whatever this setting (since 3.35), so a
/// journaled fill is recorded as any write is. Triggers are on again however `fill` ends (on an
/// error the caller's transaction is rolled back).
pub(super) fn fill_then_index<T, E>(
    conn: &Connection,
    fill: impl FnOnce() -> Result<T, E>,
) -> Result<T, E>
where
    E: From<StoreError>,
{
    let value = {
        let _off = TriggersOff::new(conn)?;
        fill()?
    };
    for kind in SearchKind::ALL {
        build_whole(conn, *kind)?;
    }
    search_terms::rebuild_every_list(conn)?;
    Ok(value)
}

/// FTS5 keeps this many bytes of words in memory by default before it writes them out as a
/// segment (`FTS5_DEFAULT_HASHSIZE`).
const DEFAULT_HASH_BYTES: i64 = 1 << 20;

/// An index built whole keeps about a tenth of its text in memory between segments: about
/// sixteen segments, which FTS5 merges level by level as they come and `optimize` then into one
/// on the level above them all. With the default's 1 MiB the huge demo's 38 MB of notes made
/// 220 segments and took 4.8 s to build; with one segment the build took 1.8 s, but that
/// segment lay on the lowest level with the ones each later save writes, and FTS5 merged it
/// into them sixteen saves later (one save of 2.4 s). Sixteen segments: 3.1–3.5 s, the segment
/// three levels up, and no later save over 20 ms but the first (300 note saves, plain SQL).
const TEXT_PER_HASH: i64 = 10;

/// Builds `kind`'s index from its rows as they are, merged into one segment, and sets FTS5's
/// memory back to its default (the setting is kept in the index's `_config` table; a new file
/// has no row there, which means the same).
fn build_whole(conn: &Connection, kind: SearchKind) -> Result<(), StoreError> {
    let table = index_of(kind).table;
    let hash = (text_bytes(conn, kind)? / TEXT_PER_HASH).max(1);
    fts5_command(conn, table, "hashsize", Some(hash))?;
    fts5_command(conn, table, "rebuild", None)?;
    fts5_command(conn, table, "optimize", None)?;
    fts5_command(conn, table, "hashsize", Some(DEFAULT_HASH_BYTES))
}

/// How many bytes of text `kind`'s index is made of.
fn text_bytes(conn: &Connection, kind: SearchKind) -> Result<i64, StoreError> {
    let (table, columns) = content_of(kind);
    let sums: Vec<String> = columns
        .iter()
        .map(|c| format!("coalesce(sum(octet_length({c})), 0)"))
        .collect();
    // Names from `content_of`, a closed set of constants.
    let sql = format!("SELECT {} FROM main.{table}", sums.join(" + "));
    Ok(conn.query_row(&sql, [], |r| r.get(0))?)
}

/// The table `kind`'s index is made from and the columns it indexes, named as the index names
/// them (migrations 006, 009, 010; `content = 'TABLE'`).
pub(super) fn content_of(kind: SearchKind) -> (&'static str, &'static [&'static str]) {
    use SearchKind as K;
    match kind {
        K::Person => (
            "person",
            &["name", "role", "team", "career_goals", "context"],
        ),
        K::Ritual => ("ritual", &["name", "attendees", "agenda"]),
        K::Goal => ("goal", &["title", "description", "criteria"]),
        K::Risk => ("risk", &["title", "mitigation", "trigger_text", "owner"]),
        K::Decision => (
            "decision",
            &["title", "context", "decision", "consequences"],
        ),
        K::Meeting => ("occurrence", &["notes", "decisions", "agenda_done"]),
        K::Topic => ("topic", &["body"]),
        K::Action => ("action_item", &["body"]),
        K::Note => ("note", &["date", "body"]),
        K::Context => ("person_context", &["body"]),
    }
}

/// This connection's triggers (those of the file's schema) off for as long as it lives.
struct TriggersOff<'a>(&'a Connection);

impl<'a> TriggersOff<'a> {
    fn new(conn: &'a Connection) -> Result<Self, StoreError> {
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
        Ok(TriggersOff(conn))
    }
}

impl Drop for TriggersOff<'_> {
    fn drop(&mut self) {
        // Fails only for an option SQLite does not know, and this one it always has.
        let _ = self
            .0
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, true);
    }
}

/// Gives every full-text index one of FTS5's commands, with its `rank` argument when it takes
/// one.
fn on_every_index(
    conn: &Connection,
    command: &'static str,
    rank: Option<i64>,
) -> Result<(), StoreError> {
    for index in indexes() {
        fts5_command(conn, index.table, command, rank)?;
    }
    Ok(())
}

/// Gives the full-text index `table` (one of [`index_of`]'s, a closed set of constants) one of
/// FTS5's commands (an insert into the column named as the table), with its `rank` argument
/// when it takes one.
fn fts5_command(
    conn: &Connection,
    table: &str,
    command: &'static str,
    rank: Option<i64>,
) -> Result<(), StoreError> {
    match rank {
        Some(rank) => conn
            .prepare_cached(&format!(
                "INSERT INTO {table} ({table}, rank) VALUES (?1, ?2)"
            ))?
            .execute(params![command, rank])?,
        None => conn
            .prepare_cached(&format!("INSERT INTO {table} ({table}) VALUES (?1)"))?
            .execute([command])?,
    };
    Ok(())
}

/// The titles of the short, named things (people, rituals, goals, risks) for typo-tolerant
/// matching: a few hundred to a few thousand rows, read in one pass.
pub fn named_titles(conn: &Connection) -> Result<Vec<(SearchKind, i64, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT 'person', id, name FROM person \
         UNION ALL SELECT 'ritual', id, name FROM ritual \
         UNION ALL SELECT 'goal', id, title FROM goal \
         UNION ALL SELECT 'risk', id, title FROM risk",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let kind = r.get_ref(0)?.as_str()?.parse::<SearchKind>().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
            })?;
            Ok((kind, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The person a hit belongs to, so it can name them and open their page: a note's, topic's,
/// action's or context entry's person, a 1:1's (the series or the meeting).
pub fn person_of(conn: &Connection, kind: SearchKind, id: i64) -> Result<Option<i64>, StoreError> {
    use SearchKind as K;
    let sql = match kind {
        K::Person => return Ok(Some(id)),
        K::Note => "SELECT person_id FROM note WHERE id = ?1",
        K::Topic => "SELECT person_id FROM topic WHERE id = ?1",
        K::Action => "SELECT person_id FROM action_item WHERE id = ?1",
        K::Ritual => "SELECT person_id FROM ritual WHERE id = ?1",
        K::Context => "SELECT person_id FROM person_context WHERE id = ?1",
        K::Meeting => {
            "SELECT ritual.person_id FROM occurrence \
             JOIN ritual ON ritual.id = occurrence.ritual_id WHERE occurrence.id = ?1"
        }
        K::Goal | K::Risk | K::Decision => return Ok(None),
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query_map([id], |r| r.get::<_, Option<i64>>(0))?;
    Ok(rows.next().transpose()?.flatten())
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
