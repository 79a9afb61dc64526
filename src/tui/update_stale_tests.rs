//! Stale edit forms through `update`: a refused save keeps the form and its draft and reloads the
//! panes; Ctrl-L then refills the form from them. And every edit form, opened on every row of
//! the demo database and saved untouched, writes nothing.

use super::*;
use crate::domain::risk::{Risk, RiskDraft};
use crate::domain::ritual::OccurrenceStatus;
use crate::store::history::recent;
use crate::tui::effects::risks::RisksEffect;
use crate::tui::effects::rituals::RitualsEffect;
use crate::tui::effects::{NO_CHANGES, Runner};
use crate::tui::model::StatusKind;
use crate::tui::pane::{Request, Target};
use crate::tui::panes::agenda::AgendaForm;
use crate::tui::panes::agenda::AgendaMsg;
use crate::tui::panes::person::PeopleView;
use crate::tui::panes::risks::RisksForm;
use crate::tui::panes::risks::RisksMsg;
use crate::tui::run::settle;
use crate::tui::testing::{assert_reloads_everything, demo, keys, model};
use crate::tui::widgets::form::FieldKind;
use crossterm::event::{KeyCode, KeyModifiers};

/// Opens the form a pane offers (its edit form of a row, say), as its key would.
fn open_with(m: &mut Model, form: impl FnOnce(&Model) -> Option<Request>) {
    let request = form(m);
    apply(m, request.into_iter().collect());
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn risk(owner: &str) -> Risk {
    let fields = RiskDraft {
        title: "If CI stays flaky, then releases slip".into(),
        owner: owner.into(),
        ..RiskDraft::default()
    }
    .validate()
    .unwrap();
    Risk {
        id: 1,
        fields,
        history: Vec::new(),
    }
}

fn form(m: &Model) -> (&Form, &FormPurpose) {
    match &m.overlay {
        Some(Overlay::Form { form, purpose }) => (form, purpose),
        other => panic!("no form open: {other:?}"),
    }
}

/// Opens risk 1's edit form with "!" typed after the title, the cursor on the owner.
fn edited_risk_form() -> Model {
    let mut m = model();
    update(&mut m, Msg::Risks(RisksMsg::Loaded(vec![risk("Priya")])));
    keys(&mut m, "5e!\t\t\t\t");
    assert_eq!(form(&m).0.focused().map(|f| f.key), Some("owner"));
    m
}

#[test]
fn a_stale_refusal_keeps_the_form_and_its_draft_and_reloads_the_panes() {
    let mut m = edited_risk_form();
    let save = update(&mut m, ctrl('s'));
    let [Effect::Risks(RisksEffect::Update { opened, draft, .. })] = save.as_slice() else {
        panic!("expected UpdateRisk, got {save:?}");
    };
    assert_eq!(opened.owner, "Priya", "the save carries the row as opened");
    assert!(draft.title.ends_with('!'));

    // The panes load what was saved elsewhere.
    let effects = update(&mut m, Msg::Stale);
    assert_reloads_everything(&mut m, effects);
    let (f, purpose) = form(&m);
    assert!(f.reload_offered);
    assert_eq!(f.error, Some((None, STALE_FORM.to_string())));
    assert!(f.value("title").ends_with('!'), "the draft stays");
    assert!(matches!(purpose, FormPurpose::Risks(RisksForm::Edit(r)) if r.fields.owner == "Priya"));

    // The panes refresh behind the form; the form keeps its draft and its version, so saving
    // again is refused again rather than written over the newer row.
    update(&mut m, Msg::Risks(RisksMsg::Loaded(vec![risk("Marcus")])));
    assert!(form(&m).0.value("title").ends_with('!'));
    assert_eq!(update(&mut m, ctrl('s')), save);
}

#[test]
fn ctrl_l_refills_the_form_from_the_row_as_it_is_now() {
    let mut m = edited_risk_form();
    update(&mut m, ctrl('s'));
    update(&mut m, Msg::Stale);
    update(&mut m, Msg::Risks(RisksMsg::Loaded(vec![risk("Marcus")])));
    assert!(update(&mut m, ctrl('l')).is_empty());
    let (f, purpose) = form(&m);
    assert_eq!(f.value("owner"), "Marcus");
    assert!(!f.value("title").ends_with('!'), "the draft is dropped");
    assert!(!f.reload_offered && f.error.is_none());
    assert_eq!(
        f.focused().map(|f| f.key),
        Some("owner"),
        "the cursor stays"
    );
    assert!(
        matches!(purpose, FormPurpose::Risks(RisksForm::Edit(r)) if r.fields.owner == "Marcus")
    );
    assert_eq!(m.status.as_ref().map(|s| s.text.as_str()), Some(RELOADED));
    let effects = keys(&mut m, "\n");
    let [Effect::Risks(RisksEffect::Update { opened, .. })] = effects.as_slice() else {
        panic!("expected UpdateRisk, got {effects:?}");
    };
    assert_eq!(
        opened.owner, "Marcus",
        "the next save carries the new version"
    );
}

#[test]
fn ctrl_l_does_nothing_until_a_save_was_refused() {
    let mut m = edited_risk_form();
    update(&mut m, Msg::Risks(RisksMsg::Loaded(vec![risk("Marcus")])));
    assert!(update(&mut m, ctrl('l')).is_empty());
    let (f, _) = form(&m);
    assert!(
        f.value("title").ends_with('!'),
        "a reflex Ctrl-L keeps the draft"
    );
    assert_eq!(f.value("owner"), "Priya");
}

#[test]
fn a_form_whose_row_was_deleted_elsewhere_closes_on_reload() {
    let mut m = edited_risk_form();
    update(&mut m, Msg::Stale);
    update(&mut m, Msg::Risks(RisksMsg::Loaded(Vec::new())));
    update(&mut m, ctrl('l'));
    assert!(m.overlay.is_none());
    let status = m.status.clone().unwrap();
    assert_eq!(
        (status.kind, status.text.as_str()),
        (StatusKind::Error, GONE)
    );
}

#[test]
fn a_stale_key_says_so_and_reloads() {
    let mut m = model();
    let effects = update(&mut m, Msg::Stale);
    assert_reloads_everything(&mut m, effects);
    let status = m.status.clone().unwrap();
    assert_eq!(
        (status.kind, status.text.as_str()),
        (StatusKind::Error, STALE_KEY)
    );
}

#[test]
fn a_meeting_form_reloads_through_the_store() {
    let mut m = model();
    let start = m.now + chrono::Duration::hours(1);
    let item = crate::domain::agenda::AgendaItem {
        date: start.date(),
        start: Some(start.time()),
        end: None,
        kind: crate::domain::agenda::ItemKind::Ritual,
        title: "Staff".into(),
        id: 7,
        person: None,
        person_id: None,
        status: Some(OccurrenceStatus::Scheduled),
        occurrence: Some(start),
        moved: false,
        done: false,
        conflict: false,
        lasts_until: None,
    };
    let record = crate::domain::ritual::OccurrenceRecord {
        id: 0,
        ritual_id: 7,
        original_start: start,
        status: OccurrenceStatus::Scheduled,
        moved_to: None,
        notes: String::new(),
        decisions: String::new(),
        agenda_done: String::new(),
    };
    let loaded = |record| {
        Msg::Agenda(AgendaMsg::OccurrenceLoaded {
            item: item.clone(),
            record: Box::new(record),
            checklist: Vec::new(),
            links: Vec::new(),
        })
    };
    update(&mut m, loaded(record.clone()));
    keys(&mut m, "\tdraft");
    update(&mut m, Msg::Stale);
    assert_eq!(
        update(&mut m, ctrl('l')),
        vec![Effect::Rituals(RitualsEffect::LoadOccurrence(item.clone()))]
    );
    assert_eq!(
        form(&m).0.value("notes"),
        "draft",
        "kept until the answer comes"
    );
    let theirs = crate::domain::ritual::OccurrenceRecord {
        notes: "theirs".into(),
        ..record
    };
    update(&mut m, loaded(theirs.clone()));
    let (f, purpose) = form(&m);
    assert_eq!((f.value("notes").as_str(), f.focus), ("theirs", 1));
    assert!(
        matches!(purpose, FormPurpose::Agenda(AgendaForm::Occurrence { opened, .. }) if **opened == theirs)
    );
}

/// Saves the open form untouched and expects nothing written.
fn save_untouched(m: &mut Model, runner: &mut Runner, what: &str, kinds: &mut Vec<String>) {
    kinds.push(what.split(' ').next().unwrap_or_default().to_string());
    assert!(
        matches!(m.overlay, Some(Overlay::Form { .. })),
        "{what}: no form"
    );
    let effects = update(m, ctrl('s'));
    settle(m, runner, effects);
    let status = m.status.as_ref().map(|s| s.text.as_str());
    assert_eq!(status, Some(NO_CHANGES), "{what}");
    assert!(m.overlay.is_none(), "{what}: the form closes");
    assert!(
        recent(&runner.store, 10).unwrap().is_empty(),
        "{what}: wrote"
    );
}

#[test]
fn every_untouched_edit_form_on_the_demo_saves_nothing() {
    let (mut m, mut runner) = demo();
    let mut saved = Vec::new();
    let ids = |m: &Model| {
        m.people
            .list
            .rows
            .iter()
            .map(|p| p.person.id)
            .collect::<Vec<_>>()
    };
    for id in ids(&m) {
        open_with(&mut m, |m| m.people.edit(id, &m.ctx()));
        save_untouched(&mut m, &mut runner, &format!("person {id}"), &mut saved);
        let effects = apply(
            &mut m,
            vec![Request::Show(Target::Person(id, PeopleView::Detail))],
        );
        settle(&mut m, &mut runner, effects);
        let notes: Vec<i64> = m
            .people
            .page
            .detail
            .iter()
            .flat_map(|d| d.notes.iter().map(|n| n.id))
            .collect();
        for note in notes {
            open_with(&mut m, |m| m.people.page.edit_note(note));
            save_untouched(&mut m, &mut runner, &format!("note {note}"), &mut saved);
        }
    }
    let rituals: Vec<i64> = m.rituals.list.rows.iter().map(|r| r.ritual.id).collect();
    for id in rituals {
        open_with(&mut m, |m| m.rituals.edit(id, &m.ctx()));
        save_untouched(&mut m, &mut runner, &format!("ritual {id}"), &mut saved);
    }
    let goals: Vec<i64> = m
        .plan
        .view
        .iter()
        .flat_map(|v| v.phases.iter())
        .flat_map(|p| p.goals.iter().map(|g| g.goal.id))
        .collect();
    assert!(!goals.is_empty());
    for id in goals {
        open_with(&mut m, |m| m.plan.edit_goal(id, &m.ctx()));
        save_untouched(&mut m, &mut runner, &format!("goal {id}"), &mut saved);
    }
    open_with(&mut m, |m| Some(m.plan.start_form(&m.ctx())));
    save_untouched(&mut m, &mut runner, "plan start", &mut saved);
    let risks: Vec<i64> = m.risks.all.iter().map(|r| r.id).collect();
    for id in risks {
        open_with(&mut m, |m| m.risks.edit(id, &m.ctx()));
        save_untouched(&mut m, &mut runner, &format!("risk {id}"), &mut saved);
    }
    // Meetings: the move form everywhere; the notes form where it opens on the stored status
    // (on a started meeting never marked, it proposes "held", which saving confirms).
    let meetings: Vec<_> = m
        .agenda
        .data
        .iter()
        .flat_map(|a| a.items.iter())
        .filter(|i| i.kind.is_meeting() && i.occurrence.is_some())
        .cloned()
        .collect();
    assert!(
        meetings.iter().any(|i| i.moved)
            && meetings
                .iter()
                .any(|i| i.status == Some(OccurrenceStatus::Skipped))
    );
    for item in meetings {
        let what = format!("{} at {}", item.title, item.starts_at());
        open_with(&mut m, |_| {
            crate::tui::panes::agenda_forms::move_form(item.clone())
        });
        save_untouched(&mut m, &mut runner, &format!("move {what}"), &mut saved);
        if item.status == Some(OccurrenceStatus::Scheduled) && item.starts_at() <= m.now {
            continue;
        }
        settle(
            &mut m,
            &mut runner,
            vec![Effect::Rituals(RitualsEffect::LoadOccurrence(item))],
        );
        save_untouched(&mut m, &mut runner, &format!("notes of {what}"), &mut saved);
    }
    let count = |kind: &str| saved.iter().filter(|k| *k == kind).count();
    eprintln!("untouched forms saved without a write: {}", saved.len());
    for kind in [
        "person", "note", "ritual", "goal", "plan", "risk", "move", "notes",
    ] {
        assert!(count(kind) > 0, "no {kind} form was tried");
        eprintln!("  {kind}: {}", count(kind));
    }
}

#[test]
fn recording_says_how_many_ticked_topics_had_gone_elsewhere() {
    let (mut m, mut runner) = demo();
    let person = m
        .people
        .list
        .rows
        .iter()
        .find(|p| p.stats.topics >= 2)
        .map(|p| p.person.id)
        .expect("a demo person with two queued topics");
    let requests = m.people.page.start_record(person, &m.ctx());
    let effects = apply(&mut m, requests);
    settle(&mut m, &mut runner, effects);
    let boxes = form(&m)
        .0
        .fields
        .iter()
        .filter(|f| f.kind == FieldKind::Check && f.key == "topic")
        .count();
    // The cursor starts in the note; the topics' boxes follow the new actions.
    keys(&mut m, "We talked.\t");
    for _ in 0..boxes {
        keys(&mut m, "\t ");
    }
    let ids = form(&m).0.checked_ids("topic");
    assert_eq!(ids.len(), boxes);
    // Another window deletes the first queued topic while the form is open.
    crate::ops::one_on_ones::delete_topic(&mut runner.store, ids[0]).unwrap();
    let effects = update(&mut m, ctrl('s'));
    settle(&mut m, &mut runner, effects);
    let status = m.status.clone().unwrap().text;
    let discussed = crate::ops::markdown::plural(ids.len() - 1, "topic");
    assert!(
        status.starts_with("1:1 ") && status.contains(&format!(": {discussed} discussed")),
        "{status}"
    );
    assert!(
        status.contains("1 ticked item had been marked or deleted elsewhere: left as it is."),
        "{status}"
    );
}
