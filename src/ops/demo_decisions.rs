//! The demo's decision log: one made in last Monday's staff meeting (linked to the risk it
//! answers), one proposed this week, and an on-call decision superseded by a newer one, so the
//! Decisions tab, the supersede chain and `report week` have something to show.

use chrono::{Duration, NaiveDateTime};

use super::OpsError;
use super::decisions::{DecisionInput, MeetingRef, add_decision};
use super::demo::demo_person;
use crate::domain::decision::{DecisionDraft, DecisionStatus};
use crate::domain::link::{LinkKind, ObjectRef};
use crate::schedule::recurrence::Recurrence;
use crate::store::{Store, risks, rituals};

fn draft(
    title: &str,
    date: chrono::NaiveDate,
    status: DecisionStatus,
    [context, decision, consequences]: [&str; 3],
) -> DecisionDraft {
    DecisionDraft {
        status,
        context: context.into(),
        decision: decision.into(),
        consequences: consequences.into(),
        ..DecisionDraft::new(title, date)
    }
}

/// Adds the demo's decisions; returns how many.
pub fn add_decisions(store: &mut Store, now: NaiveDateTime) -> Result<usize, OpsError> {
    let today = now.date();
    let staff = rituals::list(store.conn())?
        .into_iter()
        .find(|r| r.fields.name == "Staff meeting");
    let meeting = staff.and_then(|r| {
        let at = Recurrence::of(&r.fields)
            .ok()?
            .last_at_or_before(now - Duration::hours(1))?;
        Some(MeetingRef {
            ritual_id: r.id,
            original: at,
        })
    });
    let marcus = demo_person(store, "Marcus Oyelaran")?;
    let priya = demo_person(store, "Priya Raman")?;
    let aisha = demo_person(store, "Aisha Bello")?;
    let payments = risks::list(store.conn())?
        .into_iter()
        .find(|r| r.fields.title.contains("payments re-platform"))
        .map(|r| ObjectRef::new(LinkKind::Risk, r.id));

    let mut trunk = DecisionInput::new(draft(
        "Payments services move to trunk-based development",
        meeting.as_ref().map_or(today, |m| m.original.date()),
        DecisionStatus::Accepted,
        [
            "Long-lived release branches made the last two payments releases slip by a week each.",
            "Short-lived branches merged daily behind feature flags; release from main.",
            "Feature-flag hygiene becomes a review item; the first month will feel slower.",
        ],
    ));
    trunk.meeting = meeting;
    trunk.decided_by = vec![marcus];
    trunk.consulted = vec![priya];
    trunk.links = Some(payments.into_iter().collect());
    add_decision(store, trunk, None, now)?;

    let mut queue = DecisionInput::new(draft(
        "Keep the queue vendor through 2027, revisit at Q2 planning",
        today - Duration::days(2),
        DecisionStatus::Proposed,
        [
            "Moving off the vendor's proprietary API costs two quarters of platform time.",
            "Stay on the vendor; wrap its API behind our own interface from now on.",
            "Lock-in grows slower; the exit cost stays on the risk register.",
        ],
    ));
    queue.consulted = vec![aisha];
    add_decision(store, queue, None, now)?;

    let mut one_rotation = DecisionInput::new(draft(
        "One on-call rotation per team",
        today - Duration::days(45),
        DecisionStatus::Accepted,
        [
            "Pages were routed to whoever was online.",
            "Each team runs its own weekly rotation.",
            "Small teams carry a heavier load.",
        ],
    ));
    one_rotation.decided_by = vec![aisha];
    let first = add_decision(store, one_rotation, None, now)?;
    let mut two = DecisionInput::new(draft(
        "Platform runs two on-call rotations",
        today - Duration::days(9),
        DecisionStatus::Accepted,
        [
            "The platform team got 60% of all pages on one rotation.",
            "Platform splits into an infrastructure and a developer-tools rotation.",
            "Two more people join on-call; handover notes are required.",
        ],
    ));
    two.decided_by = vec![aisha, marcus];
    add_decision(store, two, Some(first.id), now)?;
    Ok(4)
}
