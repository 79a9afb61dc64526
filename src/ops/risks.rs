//! The risk register: list, add, edit, review and delete. Every change is one transaction, and
//! every change of score (and every review) adds an entry to the risk's history.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::OpsError;
use super::edit::{Edited, ensure_as_opened};
use super::links::LinkChanges;
use crate::domain::Invalid;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::domain::risk::{Response, Risk, RiskDraft, RiskFields, RiskStatus};
use crate::domain::risk_score::{ReviewIntervals, RiskScore, ScoreEntry, Trend};
use crate::store::{Store, people, risks};

/// A saved risk, with what the user should know about it (e.g. a date already past).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedRisk {
    pub risk: Risk,
    pub warnings: Vec<String>,
}

/// A review: the score confirmed or changed, a note, and when to look again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskReview {
    pub likelihood: i64,
    pub impact: i64,
    pub note: String,
    /// None: by the band of the (new) score.
    pub next_review: Option<NaiveDate>,
    /// For accepted risks: a new end to the acceptance; None leaves it as it is.
    pub accept_expiry: Option<NaiveDate>,
}

/// A risk as scripts read it: the stored fields with the score, band, trend and whether it
/// needs attention.
#[derive(Debug, Clone, Serialize)]
pub struct RiskReport {
    #[serde(flatten)]
    pub risk: Risk,
    pub trend: Trend,
    pub overdue: bool,
}

impl RiskReport {
    pub fn new(risk: &Risk, today: NaiveDate) -> Self {
        RiskReport {
            risk: risk.clone(),
            trend: risk.trend(),
            overdue: risk.is_overdue(today),
        }
    }
}

pub fn list_risks(store: &Store) -> Result<Vec<Risk>, OpsError> {
    Ok(risks::list(store.conn())?)
}

pub fn get_risk(store: &Store, id: i64) -> Result<Risk, OpsError> {
    current(store.conn(), id)
}

fn long_date(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// Dates the user set that are already past: allowed (a register is often caught up late), but
/// said out loud, because the risk shows as overdue at once.
fn past_date_warnings(
    fields: &RiskFields,
    before: Option<&RiskFields>,
    today: NaiveDate,
) -> Vec<String> {
    let mut warnings = Vec::new();
    if fields.status == RiskStatus::Closed {
        return warnings;
    }
    let changed = |now: Option<NaiveDate>, then: Option<NaiveDate>| before.is_none() || now != then;
    if let Some(d) = fields.next_review
        && d < today
        && changed(fields.next_review, before.and_then(|b| b.next_review))
    {
        warnings.push(format!(
            "the next review date, {}, is in the past: the risk shows as overdue until it is reviewed",
            long_date(d)
        ));
    }
    if let Some(d) = fields.accept_expiry
        && d < today
        && changed(fields.accept_expiry, before.and_then(|b| b.accept_expiry))
    {
        warnings.push(format!(
            "the acceptance expiry, {}, is in the past: the risk shows as overdue until it is decided again",
            long_date(d)
        ));
    }
    warnings
}

/// Open risks always have a review date: the band's interval from today when none was given.
fn with_review_date(
    mut fields: RiskFields,
    intervals: &ReviewIntervals,
    today: NaiveDate,
) -> RiskFields {
    if fields.next_review.is_none() && fields.status != RiskStatus::Closed {
        fields.next_review = Some(intervals.next_review(fields.score.band(), today));
    }
    fields
}

fn entry(today: NaiveDate, score: RiskScore, note: String) -> ScoreEntry {
    ScoreEntry {
        date: today,
        score,
        note,
    }
}

/// Adds a risk; its first score starts its history.
pub fn add_risk(
    store: &mut Store,
    draft: RiskDraft,
    intervals: &ReviewIntervals,
    now: NaiveDateTime,
) -> Result<SavedRisk, OpsError> {
    add_risk_linked(store, draft, &LinkChanges::default(), intervals, now)
}

/// Adds a risk, with the links its form made (`links`), in one transaction.
pub fn add_risk_linked(
    store: &mut Store,
    draft: RiskDraft,
    links: &LinkChanges,
    intervals: &ReviewIntervals,
    now: NaiveDateTime,
) -> Result<SavedRisk, OpsError> {
    let today = now.date();
    let fields = with_review_date(draft.validate()?, intervals, today);
    let warnings = past_date_warnings(&fields, None, today);
    let id = store.write(|tx| -> Result<i64, OpsError> {
        let fields = with_owner(tx, fields)?;
        let id = risks::insert(tx, &fields, now)?;
        super::links::apply(tx, risk_ref(id), links, now)?;
        risks::insert_entry(tx, id, &entry(today, fields.score, String::new()))?;
        Ok(id)
    })?;
    Ok(SavedRisk {
        risk: get_risk(store, id)?,
        warnings,
    })
}

/// The owner as stored: a person picked (who must still exist) gives the text their name; text
/// that is exactly a person's name (ignoring case) links that person; other text stays text.
fn risk_ref(id: i64) -> ObjectRef {
    ObjectRef::new(LinkKind::Risk, id)
}

fn with_owner(conn: &rusqlite::Connection, mut fields: RiskFields) -> Result<RiskFields, OpsError> {
    let person = match fields.owner_id {
        Some(id) => Some(people::get(conn, id)?.ok_or_else(|| {
            Invalid::field(
                "owner",
                format!("there is no person {id} to own it (see `bearing person list`)"),
            )
        })?),
        None if fields.owner.is_empty() => None,
        None => people::find_by_name(conn, &fields.owner)?,
    };
    if let Some(p) = person {
        fields.owner = p.name;
        fields.owner_id = Some(p.id);
    }
    Ok(fields)
}

/// The risk as it is now, read inside the caller's transaction.
fn current(conn: &rusqlite::Connection, id: i64) -> Result<Risk, OpsError> {
    risks::get(conn, id)?.ok_or_else(|| {
        OpsError::NotFound(format!("no risk with id {id} (see `bearing risk list`)"))
    })
}

/// Saves edits. A new score, or a note, adds an entry to the history. With `opened` (the
/// fields an edit form showed) the save is refused when the risk changed since; values equal to
/// the stored ones with no note write nothing.
pub fn update_risk(
    store: &mut Store,
    id: i64,
    draft: RiskDraft,
    note: &str,
    opened: Option<&RiskFields>,
    intervals: &ReviewIntervals,
    now: NaiveDateTime,
) -> Result<Edited<SavedRisk>, OpsError> {
    let edit = RiskEdit {
        draft,
        note,
        links: &LinkChanges::default(),
    };
    update_risk_with(store, id, edit, opened, intervals, now)
}

/// A risk's edit: its fields, a note for its history, and its form's link changes.
pub struct RiskEdit<'a> {
    pub draft: RiskDraft,
    pub note: &'a str,
    pub links: &'a LinkChanges,
}

/// `update_risk` with the form's link changes, saved with the risk in one transaction (one
/// undo step); refused as stale when the risk changed since `opened`.
pub fn update_risk_with(
    store: &mut Store,
    id: i64,
    edit: RiskEdit<'_>,
    opened: Option<&RiskFields>,
    intervals: &ReviewIntervals,
    now: NaiveDateTime,
) -> Result<Edited<SavedRisk>, OpsError> {
    let today = now.date();
    let note = crate::domain::text::body("note", edit.note)?;
    let fields = with_review_date(edit.draft.validate()?, intervals, today);
    let outcome = store.write(|tx| -> Result<Edited<Vec<String>>, OpsError> {
        let before = current(tx, id)?;
        ensure_as_opened(|| format!("risk {id}"), &before.fields, opened)?;
        let fields = with_owner(tx, fields.clone())?;
        let linked = super::links::apply(tx, risk_ref(id), edit.links, now)?;
        if fields == before.fields && note.trim().is_empty() {
            return Ok(if linked {
                Edited::changed(Vec::new())
            } else {
                Edited::unchanged(Vec::new())
            });
        }
        risks::update(tx, id, &fields, now)?;
        if fields.score != before.fields.score || !note.trim().is_empty() {
            risks::insert_entry(tx, id, &entry(today, fields.score, note))?;
        }
        Ok(Edited::changed(past_date_warnings(
            &fields,
            Some(&before.fields),
            today,
        )))
    })?;
    Ok(Edited {
        value: SavedRisk {
            risk: get_risk(store, id)?,
            warnings: outcome.value,
        },
        changed: outcome.changed,
    })
}

/// Records a review: the score (confirmed or changed) and the note join the history, and the
/// next review is set, by default from the band of the score. A review is an event, so
/// confirming the same score still records it; with `opened` it is refused when the risk
/// changed since the review form opened.
pub fn review_risk(
    store: &mut Store,
    id: i64,
    review: RiskReview,
    opened: Option<&RiskFields>,
    intervals: &ReviewIntervals,
    now: NaiveDateTime,
) -> Result<SavedRisk, OpsError> {
    let today = now.date();
    let note = crate::domain::text::body("note", &review.note)?;
    let score = RiskScore::new(review.likelihood, review.impact)?;
    let warnings = store.write(|tx| -> Result<Vec<String>, OpsError> {
        let before = current(tx, id)?;
        ensure_as_opened(|| format!("risk {id}"), &before.fields, opened)?;
        let mut fields = before.fields.clone();
        fields.score = score;
        fields.next_review = Some(
            review
                .next_review
                .unwrap_or_else(|| intervals.next_review(score.band(), today)),
        );
        if fields.response == Response::Accept
            && let Some(expiry) = review.accept_expiry
        {
            fields.accept_expiry = Some(expiry);
        }
        risks::update(tx, id, &fields, now)?;
        risks::insert_entry(tx, id, &entry(today, score, note))?;
        Ok(past_date_warnings(&fields, Some(&before.fields), today))
    })?;
    Ok(SavedRisk {
        risk: get_risk(store, id)?,
        warnings,
    })
}

/// Deletes a risk and its score history. With `opened` (the fields the confirmation showed) the
/// delete is refused when the risk changed since (an edit or a review elsewhere).
pub fn delete_risk(
    store: &mut Store,
    id: i64,
    opened: Option<&RiskFields>,
) -> Result<Risk, OpsError> {
    store.write(|tx| -> Result<Risk, OpsError> {
        let risk = current(tx, id)?;
        ensure_as_opened(|| format!("risk {id}"), &risk.fields, opened)?;
        risks::delete(tx, id)?;
        Ok(risk)
    })
}

#[cfg(test)]
#[path = "risks_tests.rs"]
mod tests;
