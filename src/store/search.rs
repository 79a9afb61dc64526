//! Full-text search over everything users write (the FTS5 `search_index`, kept in sync by the
//! schema's triggers).

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

/// The best `limit` matches for `text`, by relevance.
pub fn search(conn: &Connection, text: &str, limit: u32) -> Result<Vec<Hit>, StoreError> {
    let Some(query) = fts_query(text) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT kind, ref_id, title, snippet(search_index, -1, '«', '»', '…', 12) \
         FROM search_index WHERE search_index MATCH ?1 ORDER BY rank LIMIT ?2",
    )?;
    let hits = stmt
        .query_map(params![query, limit], |r| {
            Ok(Hit {
                kind: r.get(0)?,
                id: r.get(1)?,
                title: r.get(2)?,
                snippet: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(hits)
}

/// The titles of the short, named things (people, rituals, goals, risks) for typo-tolerant
/// matching: a few hundred to a few thousand rows, read in one pass.
pub fn named_titles(conn: &Connection) -> Result<Vec<(String, i64, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        // From the tables themselves: scanning the full-text index would read every note too.
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
