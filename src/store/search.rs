//! Full-text search over everything users write: one FTS5 index per kind (`search_note`, …),
//! each over its own table and keyed by the row's id, kept in sync by the schema's triggers
//! (`migrations/006_search_by_row.sql`). No query reads more than it shows: the named things
//! (people, rituals, goals, risks: hundreds to a few thousand short rows) are ranked by
//! relevance; the things that pile up
//! with history (talking points, actions, notes) come newest first, read from the index in id
//! order and stopped after `limit` (notes: after [`NOTE_WINDOW`], then ordered by their date).
//! Ranking those by relevance would cost a pass over every row holding each word: FTS5's bm25
//! counts them all.

use rusqlite::{Connection, params};

use super::StoreError;

/// One match: what kind of thing, its id, its title, and a snippet with the match marked «».
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub snippet: String,
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
}

/// One kind's full-text index: its FTS5 table and the column shown as a hit's title. Every name
/// here is a constant: no identifier in this module's SQL comes from data.
struct Index {
    kind: &'static str,
    table: &'static str,
    title: &'static str,
    order: Order,
}

const fn index(
    kind: &'static str,
    table: &'static str,
    title: &'static str,
    order: Order,
) -> Index {
    Index {
        kind,
        table,
        title,
        order,
    }
}

/// The indexes, in the order results are grouped (the things one jumps to first).
const INDEXES: [Index; 8] = [
    index("person", "search_person", "name", Order::Relevance),
    index("ritual", "search_ritual", "name", Order::Relevance),
    index("goal", "search_goal", "title", Order::Relevance),
    index("risk", "search_risk", "title", Order::Relevance),
    index("decision", "search_decision", "title", Order::Newest),
    index("topic", "search_topic", "body", Order::Newest),
    index("action", "search_action", "body", Order::Newest),
    index("note", "search_note", "date", Order::Dated),
];

/// The kinds search finds, in the order results are grouped.
pub fn kinds() -> impl Iterator<Item = &'static str> {
    INDEXES.iter().map(|i| i.kind)
}

/// Notes are found among the latest this many written that match, then shown by date: a note
/// written today about a meeting last week comes after one written yesterday about yesterday.
pub const NOTE_WINDOW: u32 = 200;

/// Turns what a user typed into an FTS5 query that cannot be a syntax error: every word becomes
/// a quoted prefix term, all of which must match.
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .map(|w| w.replace('"', "\"\""))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// At most `limit` matches for `text` of every kind, grouped by kind in [`kinds`] order, each
/// kind in its order (see the module's comment).
pub fn search(conn: &Connection, text: &str, limit: u32) -> Result<Vec<Hit>, StoreError> {
    let Some(query) = fts_query(text) else {
        return Ok(Vec::new());
    };
    let mut hits = Vec::new();
    for index in &INDEXES {
        hits.extend(search_kind(conn, index, &query, limit)?);
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
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let hits = stmt
        .query_map(params![query, limit], |r| {
            Ok(Hit {
                kind: index.kind.to_string(),
                id: r.get(0)?,
                title: r.get(1)?,
                snippet: r.get(2)?,
            })
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
            Ok(Hit {
                kind: index.kind.to_string(),
                id: r.get(0)?,
                title: r.get(1)?,
                snippet: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Dates are `YYYY-MM-DD`: text order is time order.
    hits.sort_by(|a, b| b.title.cmp(&a.title).then(b.id.cmp(&a.id)));
    hits.truncate(limit as usize);
    Ok(hits)
}

/// Checks every full-text index against its table (FTS5's `integrity-check` with content): an
/// entry for a row or value that is not there, or a row without its entries, is an error.
pub fn verify_index(conn: &Connection) -> Result<(), StoreError> {
    for index in &INDEXES {
        let table = index.table;
        conn.execute(
            &format!("INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)"),
            [],
        )?;
    }
    Ok(())
}

/// The titles of the short, named things (people, rituals, goals, risks) for typo-tolerant
/// matching: a few hundred to a few thousand rows, read in one pass.
pub fn named_titles(conn: &Connection) -> Result<Vec<(String, i64, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT 'person', id, name FROM person \
         UNION ALL SELECT 'ritual', id, name FROM ritual \
         UNION ALL SELECT 'goal', id, title FROM goal \
         UNION ALL SELECT 'risk', id, title FROM risk",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The person a note, topic or action belongs to, so a search hit can open their 1:1 page.
pub fn person_of(conn: &Connection, kind: &str, id: i64) -> Result<Option<i64>, StoreError> {
    let sql = match kind {
        "person" => return Ok(Some(id)),
        "note" => "SELECT person_id FROM note WHERE id = ?1",
        "topic" => "SELECT person_id FROM topic WHERE id = ?1",
        "action" => "SELECT person_id FROM action_item WHERE id = ?1",
        "ritual" => "SELECT person_id FROM ritual WHERE id = ?1",
        _ => return Ok(None),
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query_map([id], |r| r.get::<_, Option<i64>>(0))?;
    Ok(rows.next().transpose()?.flatten())
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn user_text_becomes_safe_prefix_terms() {
        assert_eq!(
            fts_query("on-call burn").as_deref(),
            Some("\"on-call\"* \"burn\"*")
        );
        assert_eq!(
            fts_query("say \"hi\" AND (x").as_deref(),
            Some("\"say\"* \"\"\"hi\"\"\"* \"AND\"* \"(x\"*")
        );
        assert_eq!(fts_query("   "), None);
    }
}
