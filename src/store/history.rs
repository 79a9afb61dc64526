//! Undo and redo over the change journal: put every row of one of this session's entries back to
//! its before (or after) image in one transaction, with the journal's triggers watching. The
//! step commits only if every row it touched, cascades included, is a row the entry journaled,
//! now as the entry had it; otherwise it rolls back and says why.

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params, params_from_iter};

use super::journal::image::{self, Fault, Image};
use super::journal::{self, tables};
use super::{Store, StoreError, batch, dump};

/// One journaled change, for the status bar and the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    pub id: i64,
    /// When it was made: `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    /// What it did, e.g. "update risk".
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    /// 0: in effect; 1: undone (redo can bring it back); 2: undone and past redo.
    pub undone: i64,
    /// The window (process) that made it; none for entries from before sessions were recorded.
    pub session: Option<String>,
    /// Who made it: "cockpit" (a window of the TUI), "cli" (a command), or null for entries
    /// from before sessions were recorded.
    pub by: Option<&'static str>,
    /// The user action it is one transaction of, when that took several (a person deleted in
    /// slices): undo and redo take a group's entries together.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// Who made a change, from its session id's first letter.
fn made_by(session: Option<&str>) -> Option<&'static str> {
    session.map(|s| {
        if s.starts_with(super::journal::CLI_SESSION) {
            "cli"
        } else {
            "cockpit"
        }
    })
}

/// One row an entry changed: its values before and after (None: the row did not exist then).
#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    pub table: &'static str,
    pub id: i64,
    pub before: Option<serde_json::Map<String, serde_json::Value>>,
    pub after: Option<serde_json::Map<String, serde_json::Value>>,
}

impl RowChange {
    fn of(before: &Image, after: &Image) -> RowChange {
        let map = |image: &Image| {
            image.row.as_ref().map(|values| {
                image
                    .table
                    .columns
                    .iter()
                    .map(|c| c.to_string())
                    .zip(values.iter().cloned())
                    .collect()
            })
        };
        RowChange {
            table: before.table.name,
            id: before.id,
            before: map(before),
            after: map(after),
        }
    }

    /// The row's `column` as the change left it, or as it was before a delete.
    pub fn value(&self, column: &str) -> Option<&serde_json::Value> {
        self.after
            .as_ref()
            .or(self.before.as_ref())
            .and_then(|row| row.get(column))
    }

    pub fn text(&self, column: &str) -> Option<&str> {
        self.value(column).and_then(serde_json::Value::as_str)
    }

    pub fn int(&self, column: &str) -> Option<i64> {
        self.value(column).and_then(serde_json::Value::as_i64)
    }

    /// `column` before and after, when the change changed it.
    pub fn changed(
        &self,
        column: &str,
    ) -> Option<(Option<&serde_json::Value>, Option<&serde_json::Value>)> {
        let before = self.before.as_ref().and_then(|r| r.get(column));
        let after = self.after.as_ref().and_then(|r| r.get(column));
        (before != after).then_some((before, after))
    }
}

/// What an undo or redo did.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// The entry, and the rows it changed (as the entry had them: before and after).
    Applied(Change, Vec<RowChange>),
    /// This session's journal holds nothing to undo (or redo).
    Nothing,
    /// Nothing was changed, for the reason given.
    Refused(Refusal),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub change: Change,
    /// The name of the person or ritual the change was about, when it is one.
    pub name: Option<String>,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A row of the change was changed or deleted since, by another window or the CLI (or,
    /// `later_here`, by a later change of this window that stays: one whose undo was refused);
    /// `subject` when it is the change's own row (`entity`, `entity_id`).
    ChangedSince {
        table: &'static str,
        subject: bool,
        deleted: bool,
        later_here: bool,
    },
    /// Putting the rows back would delete or change rows the change did not journal: rows
    /// another writer added (a cascade would delete them) or linked (a link would be cleared).
    WouldTouch(Vec<Touched>),
    /// A row it would put back refers to a row (of table `parent`) deleted since.
    ParentGone { parent: &'static str },
    /// A row it would put back repeats what must be unique (a person's name, a link, a
    /// metric's value for a period) in a row of `table` another writer added since.
    Clashes { table: &'static str },
    /// The stored entry names something outside the journal's closed set, or is malformed.
    Damaged(Fault),
}

/// A row the step would have deleted or changed without having journaled it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched {
    pub table: &'static str,
    pub deleted: bool,
}

const CHANGE_COLUMNS: &str = "id, at, action, entity, entity_id, undone, session, step_group";

fn change(r: &rusqlite::Row<'_>) -> rusqlite::Result<Change> {
    let session: Option<String> = r.get(6)?;
    Ok(Change {
        by: made_by(session.as_deref()),
        id: r.get(0)?,
        at: r.get(1)?,
        action: r.get(2)?,
        entity: r.get(3)?,
        entity_id: r.get(4)?,
        undone: r.get(5)?,
        session,
        group: r.get(7)?,
    })
}

/// The latest changes of every session, newest first.
pub fn recent(store: &Store, limit: u32) -> Result<Vec<Change>, StoreError> {
    changes(store, "ORDER BY id DESC LIMIT ?1", [limit])
}

/// The other rows of `change`'s own table that it changed the same way as the row it is named
/// for (added, changed or deleted), by id: `action done 1 2` is one entry, named for action 1.
/// Empty when the entry cannot be read (the audit trail still shows its name).
pub fn alike(store: &Store, change: &Change) -> Result<Vec<i64>, StoreError> {
    let texts: Option<(Option<String>, Option<String>)> = store
        .conn
        .prepare_cached("SELECT before, after FROM change_log WHERE id = ?1")?
        .query_row([change.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((Some(before), Some(after))) = texts else {
        return Ok(Vec::new());
    };
    let Ok(pairs) = image::parse_entry(&before, &after) else {
        return Ok(Vec::new());
    };
    let verb = |(old, new): &(Image, Image)| (old.row.is_some(), new.row.is_some());
    let Some(named) = pairs
        .iter()
        .find(|(_, new)| new.table.name == change.entity && Some(new.id) == change.entity_id)
    else {
        return Ok(Vec::new());
    };
    Ok(pairs
        .iter()
        .filter(|p| {
            p.1.table.name == change.entity
                && Some(p.1.id) != change.entity_id
                && p.0 != p.1
                && verb(p) == verb(named)
        })
        .map(|(_, new)| new.id)
        .collect())
}

/// Every entry of the group `group` (the transactions of one user action), oldest first.
pub fn group(store: &Store, group: &str) -> Result<Vec<Change>, StoreError> {
    changes(store, "WHERE step_group = ?1 ORDER BY id", [group])
}

/// The journal's entries that `rest` (fixed SQL: a WHERE and ORDER BY clause) selects.
fn changes(
    store: &Store,
    rest: &'static str,
    params: impl rusqlite::Params,
) -> Result<Vec<Change>, StoreError> {
    let mut stmt = store
        .conn
        .prepare_cached(&format!("SELECT {CHANGE_COLUMNS} FROM change_log {rest}"))?;
    let rows = stmt
        .query_map(params, change)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

impl Store {
    /// This session's journal entries an undo or redo refused: they stay in effect (or undone)
    /// and later steps go past them.
    pub fn refused_steps(&self) -> &std::collections::BTreeSet<i64> {
        &self.refused
    }
}

/// Reverts this session's latest change still in effect.
pub fn undo(store: &mut Store) -> Result<Step, StoreError> {
    step(store, Direction::Back)
}

/// Re-applies this session's change undone last, unless it made a new change after it.
pub fn redo(store: &mut Store) -> Result<Step, StoreError> {
    step(store, Direction::Forward)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Back,
    Forward,
}

fn step(store: &mut Store, direction: Direction) -> Result<Step, StoreError> {
    if let Some(e) = store.read_only_error() {
        return Err(e);
    }
    store.watch()?;
    let pick = match direction {
        Direction::Back => "undone = 0 ORDER BY id DESC",
        Direction::Forward => "undone = 1 ORDER BY id",
    };
    let tx = store
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    // The next entry in this direction that no earlier step refused: a refused one stays as
    // it is and is gone past, so it does not block the ones behind it.
    let found = {
        let mut stmt = tx.prepare(&format!(
            "SELECT {CHANGE_COLUMNS}, before, after FROM change_log \
             WHERE session = ?1 AND {pick}"
        ))?;
        let mut rows = stmt.query([&store.session])?;
        let mut found = None;
        while let Some(r) = rows.next()? {
            let entry = change(r)?;
            if !store.refused.contains(&entry.id) {
                let group = entry.group.clone();
                found = Some((
                    (
                        entry,
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<String>>(9)?,
                    ),
                    group,
                ));
                break;
            }
        }
        found
    };
    let Some((first, group)) = found else {
        return Ok(Step::Nothing);
    };
    // A group's entries (the slices of one delete) are one step: all of them, oldest first.
    let found = first.0.clone();
    let entries = match &group {
        Some(group) => group_entries(&tx, &store.session, group, direction)?,
        None => vec![first],
    };
    let ids: Vec<i64> = entries.iter().map(|(e, _, _)| e.id).collect();
    let entry = step_entry(
        entries.first().map_or(&found, |e| &e.0),
        entries.last().map_or(&found, |e| &e.0),
    );
    let refused = &mut store.refused;
    let mut refuse = |name: Option<String>, reason| -> Result<Step, StoreError> {
        refused.extend(ids.iter().copied());
        Ok(Step::Refused(Refusal {
            change: entry.clone(),
            name,
            reason,
        }))
    };
    let pairs = entries
        .iter()
        .map(|(_, before, after)| match (before, after) {
            (Some(before), Some(after)) => image::parse_entry(before, after),
            _ => Err(Fault::Shape),
        })
        .collect::<Result<Vec<_>, Fault>>();
    let pairs = match pairs.map(compose) {
        Ok(Ok(pairs)) => pairs,
        Ok(Err(table)) => {
            let reason = Reason::ChangedSince {
                table,
                subject: false,
                deleted: false,
                later_here: false,
            };
            return refuse(None, reason);
        }
        Err(fault) => return refuse(None, Reason::Damaged(fault)),
    };
    let name = subject_name(&entry, &pairs);
    // (expected, target) in the order to apply: undo walks the entry backwards.
    let moves: Vec<(&Image, &Image)> = match direction {
        Direction::Back => pairs.iter().rev().map(|(b, a)| (a, b)).collect(),
        Direction::Forward => pairs.iter().map(|(b, a)| (b, a)).collect(),
    };
    // Dropping the transaction on a refusal rolls back whatever was already put back. A row
    // that would repeat a unique one another writer added is a refusal too: passed on as an
    // error, it was shown as a database error, and every later step hit it again.
    let applied = match apply(&tx, &entry, &moves, &store.session) {
        Err(e) => match clash(&e) {
            Some(table) => Some(Reason::Clashes { table }),
            None => return Err(e),
        },
        Ok(reason) => reason,
    };
    if let Some(reason) = applied {
        drop(tx);
        return refuse(name, reason);
    }
    let undone = if direction == Direction::Back { 1 } else { 0 };
    for id in &ids {
        tx.execute(
            "UPDATE change_log SET undone = ?1 WHERE id = ?2",
            params![undone, id],
        )?;
    }
    super::search_terms::absorb(&tx)?;
    tx.commit()?;
    let rows = pairs.iter().map(|(b, a)| RowChange::of(b, a)).collect();
    Ok(Step::Applied(Change { undone, ..entry }, rows))
}

/// The journaled table a UNIQUE or PRIMARY KEY constraint failed on ("UNIQUE constraint failed:
/// person.name"), named from the closed set; None for any other error.
fn clash(e: &StoreError) -> Option<&'static str> {
    let StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, Some(message))) = e else {
        return None;
    };
    let unique = [
        rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE,
        rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY,
    ];
    if !unique.contains(&failure.extended_code) {
        return None;
    }
    let named = message.split(": ").nth(1)?.split('.').next()?;
    super::journal::journaled_tables().find(|t| *t == named)
}

/// A journal entry as stored: what it was, and its before and after images.
type Entry = (Change, Option<String>, Option<String>);

/// The entries of this session's group `group` still to undo (or redo), oldest first.
fn group_entries(
    tx: &Transaction<'_>,
    session: &str,
    group: &str,
    direction: Direction,
) -> Result<Vec<Entry>, StoreError> {
    let undone = match direction {
        Direction::Back => 0,
        Direction::Forward => 1,
    };
    let mut stmt = tx.prepare(&format!(
        "SELECT {CHANGE_COLUMNS}, before, after FROM change_log \
         WHERE session = ?1 AND step_group = ?2 AND undone = ?3 ORDER BY id"
    ))?;
    let entries = stmt
        .query_map(params![session, group, undone], |r| {
            Ok((change(r)?, r.get(8)?, r.get(9)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(entries)
}

/// The entry a step is reported as, and checked against (`later_here` looks past its id): a
/// group's first entry names what the user did (the person whose delete began), its last one
/// how it ended ("delete person" once the last slice ran). The last one's words when it is
/// about the same row, and the newest id of the group.
fn step_entry(first: &Change, last: &Change) -> Change {
    let words = if (&last.entity, last.entity_id) == (&first.entity, first.entity_id) {
        last
    } else {
        first
    };
    Change {
        id: last.id,
        ..words.clone()
    }
}

/// Entries made one after another as one: each row once, as the first entry found it and as
/// the last one left it, in the order first touched. `Err(table)` when a row of `table` was not
/// as one entry left it when a later one found it: something changed it between two of the
/// group's transactions (another writer, or an edit of this window's between two slices), and
/// putting the first image back would revert that change without a word.
fn compose(entries: Vec<Vec<(Image, Image)>>) -> Result<Vec<(Image, Image)>, &'static str> {
    let mut at: std::collections::HashMap<(&'static str, i64), usize> = Default::default();
    let mut out: Vec<(Image, Image)> = Vec::new();
    for (before, after) in entries.into_iter().flatten() {
        match at.get(&(before.table.name, before.id)) {
            Some(&i) if out[i].1 != before => return Err(before.table.name),
            Some(&i) => out[i].1 = after,
            None => {
                at.insert((before.table.name, before.id), out.len());
                out.push((before, after));
            }
        }
    }
    Ok(out)
}

/// Whether a change of this session other than `entry`, still in effect, journaled the row
/// `table`.`id`: then it was this window's own later change that moved the row on.
fn later_here(
    tx: &Transaction<'_>,
    entry: &Change,
    session: &str,
    table: &str,
    id: i64,
) -> Result<bool, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT after FROM change_log WHERE session = ?1 AND id > ?2 AND undone = 0",
    )?;
    let afters = stmt
        .query_map(params![session, entry.id], |r| {
            r.get::<_, Option<String>>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(afters.iter().flatten().any(|text| {
        image::parse_images(text)
            .is_ok_and(|images| images.iter().any(|i| i.table.name == table && i.id == id))
    }))
}

/// Puts each row to its target, then checks what was really touched. `Some(reason)` when the
/// step must not commit.
fn apply(
    tx: &Transaction<'_>,
    entry: &Change,
    moves: &[(&Image, &Image)],
    session: &str,
) -> Result<Option<Reason>, StoreError> {
    let changed_since = |image: &Image, now: &Image| -> Result<Reason, StoreError> {
        Ok(Reason::ChangedSince {
            table: image.table.name,
            subject: entry.entity == image.table.name && entry.entity_id == Some(image.id),
            deleted: now.row.is_none(),
            later_here: later_here(tx, entry, session, image.table.name, image.id)?,
        })
    };
    journal::begin(tx)?;
    // Parents and children may come back in any order; the keys are checked at commit.
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    // Rows to insert wait here while the next moves insert into the same table, and go in as
    // one statement (see `batch`). An insert touches no other row, so the rows checked
    // meanwhile read the same as if it had gone first; an update or a delete goes after them.
    let mut inserts: Vec<&Image> = Vec::new();
    // Rows another writer changed in other columns meanwhile: put to the step's columns with
    // theirs kept, and checked against that below.
    let mut merged: Vec<Image> = Vec::new();
    for (expected, target) in moves {
        let now = image::current(tx, target.table, target.id)?;
        if now.row == target.row {
            continue;
        }
        if now.row != expected.row {
            let Some(row) = merge(target.table, expected, target, &now) else {
                return Ok(Some(changed_since(target, &now)?));
            };
            insert_all(tx, &inserts)?;
            inserts.clear();
            let image = Image {
                table: target.table,
                id: target.id,
                row: Some(row),
            };
            put(tx, &image, true)?;
            merged.push(image);
            continue;
        }
        let insert = now.row.is_none() && target.row.is_some();
        if !insert
            || inserts
                .first()
                .is_some_and(|i| i.table.name != target.table.name)
        {
            insert_all(tx, &inserts)?;
            inserts.clear();
        }
        if insert {
            inserts.push(target);
        } else {
            put(tx, target, now.row.is_some())?;
        }
    }
    insert_all(tx, &inserts)?;
    let mut outside = Vec::new();
    for (was, now) in journal::touched(tx)? {
        let same = |t: &Image| t.table.name == now.table.name && t.id == now.id;
        match merged
            .iter()
            .find(|t| same(t))
            .or_else(|| moves.iter().map(|(_, t)| *t).find(|t| same(t)))
        {
            Some(target) if now.row != target.row => {
                return Ok(Some(changed_since(target, &now)?));
            }
            Some(_) => {}
            None if was != now => outside.push(Touched {
                table: now.table.name,
                deleted: now.row.is_none(),
            }),
            None => {}
        }
    }
    if !outside.is_empty() {
        return Ok(Some(Reason::WouldTouch(outside)));
    }
    parent_gone(tx, moves)
}

/// Tables whose fields go together, so that one side's fields beside the other's could make a
/// row neither of them meant: a series' rule, start, length and end; a meeting's status and
/// where it moved; an event's times and rule; a decision's status and what superseded it. A
/// change elsewhere to any field of one of their rows refuses the step, as it always did.
const WHOLE_ROWS: &[&str] = &["ritual", "occurrence", "calendar_event", "decision"];

/// The row a step puts back when another writer changed it since (`now` is not `expected`):
/// each column the step changes takes the step's value, each other column keeps what is there
/// now (as does one already at the step's value: a row a cascade of the step's own put there,
/// or both sides changed alike). None when the two changed the same column differently (the step would undo the other writer's
/// change there), or the row was added or deleted on either side. `updated_at` is not a change
/// of its own: it keeps the other writer's time.
fn merge(
    table: &tables::Table,
    expected: &Image,
    target: &Image,
    now: &Image,
) -> Option<Vec<serde_json::Value>> {
    if WHOLE_ROWS.contains(&table.name) {
        return None;
    }
    let (Some(expected), Some(target), Some(now)) = (&expected.row, &target.row, &now.row) else {
        return None;
    };
    if expected.len() != table.columns.len()
        || target.len() != expected.len()
        || now.len() != expected.len()
    {
        return None;
    }
    table
        .columns
        .iter()
        .zip(expected.iter().zip(target).zip(now))
        .map(|(column, ((expected, target), now))| {
            if expected == target || now == target || *column == "updated_at" {
                Some(now.clone())
            } else if now == expected {
                Some(target.clone())
            } else {
                None
            }
        })
        .collect()
}

/// Whether a row put back refers to a row that is gone (the keys are deferred to commit, which
/// would fail with a bare "FOREIGN KEY constraint failed"). Looks up each reference of each row
/// put back by its key; the names come from the closed set, the schema only says which.
fn parent_gone(
    tx: &Transaction<'_>,
    moves: &[(&Image, &Image)],
) -> Result<Option<Reason>, StoreError> {
    for (_, target) in moves {
        let Some(row) = &target.row else { continue };
        for (column, parent) in references(tx, target.table)? {
            let Some(value) = row.get(column).and_then(serde_json::Value::as_i64) else {
                continue;
            };
            let sql = format!("SELECT 1 FROM main.\"{}\" WHERE id = ?1", parent.name);
            let found = tx
                .prepare_cached(&sql)?
                .query_row([value], |_| Ok(()))
                .optional()?;
            if found.is_none() {
                return Ok(Some(Reason::ParentGone {
                    parent: parent.name,
                }));
            }
        }
    }
    Ok(None)
}

/// `table`'s references to other journaled tables' ids: (column index, parent table).
fn references(
    tx: &Transaction<'_>,
    table: &'static tables::Table,
) -> Result<Vec<(usize, &'static tables::Table)>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1) WHERE \"to\" = 'id'",
    )?;
    let pairs = stmt
        .query_map([table.name], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(pairs
        .iter()
        .filter_map(|(from, parent)| Some((table.column(from)?, tables::table(parent)?)))
        .collect())
}

/// Sets the row to `target`: deletes it or updates it (`exists`); inserts go through
/// [`insert_all`]. Table and column names come from the closed set; the values are bound
/// parameters.
fn put(tx: &Transaction<'_>, target: &Image, exists: bool) -> Result<(), StoreError> {
    let table = target.table;
    let Some(row) = &target.row else {
        let sql = format!("DELETE FROM main.\"{}\" WHERE id = ?1", table.name);
        tx.prepare_cached(&sql)?.execute([target.id])?;
        return Ok(());
    };
    if !exists {
        return insert_all(tx, &[target]);
    }
    let mut values = values_of(table, row)?;
    let sets: Vec<String> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("\"{c}\" = ?{}", i + 1))
        .collect();
    values.push(rusqlite::types::Value::Integer(target.id));
    let sql = format!(
        "UPDATE main.\"{}\" SET {} WHERE id = ?{}",
        table.name,
        sets.join(", "),
        values.len()
    );
    tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    Ok(())
}

/// Inserts `targets`, rows of one table, in as few statements as [`batch`] allows and in id
/// order: FTS5 writes out what it gathered whenever a row comes with a lower id than the one
/// before, and undo walks an entry backwards (a person's 9,000 rows: 9,000 index segments).
fn insert_all(tx: &Transaction<'_>, targets: &[&Image]) -> Result<(), StoreError> {
    let Some(table) = targets.first().map(|t| t.table) else {
        return Ok(());
    };
    let mut targets = targets.to_vec();
    targets.sort_by_key(|t| t.id);
    let rows = targets
        .iter()
        .filter_map(|t| t.row.as_ref())
        .map(|row| values_of(table, row))
        .collect::<Result<Vec<_>, _>>()?;
    let head = format!(
        "INSERT INTO main.\"{}\" ({}) VALUES ",
        table.name,
        table.column_list()
    );
    batch::insert_rows(tx, &head, rows.into_iter())
}

fn values_of(
    table: &tables::Table,
    row: &[serde_json::Value],
) -> Result<Vec<rusqlite::types::Value>, StoreError> {
    row.iter()
        .map(|v| dump::from_json(v).ok_or_else(|| bad_value(table.name)))
        .collect()
}

/// The `name` of the entry's own row (a person's, a ritual's), after the change if it still
/// exists then, else before it.
fn subject_name(entry: &Change, pairs: &[(Image, Image)]) -> Option<String> {
    let (before, after) = pairs
        .iter()
        .find(|(b, _)| b.table.name == entry.entity && Some(b.id) == entry.entity_id)?;
    let column = before.table.column("name")?;
    let row = after.row.as_ref().or(before.row.as_ref())?;
    row.get(column)?.as_str().map(str::to_string)
}

fn bad_value(table: &str) -> StoreError {
    StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(
        format!("the journal holds a value no column of {table} can take").into(),
    ))
}

/// Checks one `change_log` row of an import the way undo would read it, so a crafted entry is
/// refused at the door. `Err` names the column at fault and why, never its content.
pub fn check_entry(row: &dump::Row) -> Result<(), (&'static str, Fault)> {
    use rusqlite::types::Value;
    if let Some(entity) = row.get("entity")
        && !matches!(entity, Value::Text(t) if tables::table(t).is_some())
    {
        return Err(("entity", Fault::UnknownTable));
    }
    let text = |column: &'static str| match row.get(column) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Text(t)) => Ok(Some(t.as_str())),
        Some(_) => Err((column, Fault::Shape)),
    };
    let before = text("before")?;
    let after = text("after")?;
    for (column, images) in [("before", before), ("after", after)] {
        if let Some(images) = images {
            image::parse_images(images).map_err(|f| (column, f))?;
        }
    }
    if let (Some(before), Some(after)) = (before, after) {
        image::parse_entry(before, after).map_err(|f| ("after", f))?;
    }
    Ok(())
}
