//! Undo next to other writers: it never takes another writer's rows with it (cascades, links),
//! it is per window, and a damaged or crafted journal entry runs no SQL of its own.

use super::tests::{at, data, now, person, seed, temp_store, weekly};
use super::*;
use crate::domain::one_on_one::Owner;
use crate::domain::ritual::OccurrenceStatus;
use crate::ops::{one_on_ones, people, plan, rituals};
use chrono::Weekday;

fn second_writer(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("bearing.db")).unwrap()
}

fn names(store: &Store) -> Vec<String> {
    people::list_people(store, now())
        .unwrap()
        .into_iter()
        .map(|p| p.person.name)
        .collect()
}

fn refused(result: Result<String, OpsError>) -> String {
    match result {
        Err(OpsError::Refused(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Runs `step` (undo or redo), which must be refused with `expected` and change nothing.
fn assert_refused(
    store: &mut Store,
    step: fn(&mut Store) -> Result<String, OpsError>,
    expected: &str,
) {
    let (before, journal) = (data(store), recent(store, 100).unwrap());
    assert_eq!(refused(step(store)), expected);
    assert_eq!(data(store), before, "a refused step changes nothing");
    assert_eq!(recent(store, 100).unwrap(), journal, "nor the journal");
}

#[test]
fn undo_refuses_to_take_a_note_and_an_action_another_writer_added() {
    let (dir, mut tui) = temp_store();
    tui.journal(Some(now())).unwrap();
    let zed = people::add_person(&mut tui, person("Zed"), Weekday::Mon, now())
        .unwrap()
        .id;
    let mut cli = second_writer(&dir);
    let due = now().date() + chrono::Duration::days(2);
    one_on_ones::add_note(&mut cli, zed, now().date(), "private words", now()).unwrap();
    one_on_ones::add_action(&mut cli, Some(zed), Owner::Me, "send it", Some(due), now()).unwrap();
    assert_refused(
        &mut tui,
        undo,
        "Cannot undo adding Zed: a note and an action were added for Zed since \
         (by another window or the CLI); nothing was changed.",
    );
}

#[test]
fn undo_refuses_to_take_an_occurrence_another_writer_marked_held() {
    let (dir, mut tui) = temp_store();
    tui.journal(Some(now())).unwrap();
    rituals::add_ritual(&mut tui, weekly("Staff"), now()).unwrap();
    let mut cli = second_writer(&dir);
    rituals::set_status(&mut cli, 1, at(24, 10), OccurrenceStatus::Held, None).unwrap();
    assert_refused(
        &mut tui,
        undo,
        "Cannot undo adding \"Staff\": a meeting was added for \"Staff\" since \
         (by another window or the CLI); nothing was changed.",
    );
}

#[test]
fn undo_refuses_to_unlink_a_goal_another_writer_linked() {
    let (dir, mut tui) = temp_store();
    tui.journal(Some(now())).unwrap();
    let zed = people::add_person(&mut tui, person("Zed"), Weekday::Mon, now())
        .unwrap()
        .id;
    let mut cli = second_writer(&dir);
    plan::start_plan(&mut cli, now().date(), None, now()).unwrap();
    let mut g = super::tests::goal("Hire two leads");
    g.person_id = Some(zed);
    plan::add_goal(&mut cli, g, now()).unwrap();
    assert_refused(
        &mut tui,
        undo,
        "Cannot undo adding Zed: a goal was linked to Zed since \
         (by another window or the CLI); nothing was changed.",
    );
}

#[test]
fn redo_refuses_to_take_a_note_another_writer_added_since() {
    let (dir, mut tui) = temp_store();
    seed(&mut tui);
    tui.journal(Some(now())).unwrap();
    people::delete_person(&mut tui, 1, now()).unwrap();
    undo(&mut tui).unwrap();
    let mut cli = second_writer(&dir);
    one_on_ones::add_note(&mut cli, 1, now().date(), "after the undo", now()).unwrap();
    assert_refused(
        &mut tui,
        redo,
        "Cannot redo deleting Ada: a note was added for Ada since \
         (by another window or the CLI); nothing was changed.",
    );
}

#[test]
fn undo_is_per_window() {
    let (dir, mut a) = temp_store();
    a.journal(Some(now())).unwrap();
    let mut b = second_writer(&dir);
    b.journal(Some(now())).unwrap();
    people::add_person(&mut a, person("Grace"), Weekday::Mon, now()).unwrap();
    people::add_person(&mut b, person("Linus"), Weekday::Mon, now()).unwrap();

    assert_eq!(undo(&mut a).unwrap(), "Undid: adding Grace.");
    assert_eq!(names(&a), ["Linus"]);
    assert_eq!(undo(&mut a).unwrap(), "Nothing to undo.");
    assert_eq!(redo(&mut b).unwrap(), "Nothing to redo.");
    // A change in window B does not end window A's redo.
    people::add_person(&mut b, person("Ken"), Weekday::Mon, now()).unwrap();
    assert_eq!(redo(&mut a).unwrap(), "Redid: adding Grace.");
    assert_eq!(undo(&mut b).unwrap(), "Undid: adding Ken.");
    assert_eq!(undo(&mut b).unwrap(), "Undid: adding Linus.");
    assert_eq!(names(&a), ["Grace"]);

    // A window opened later starts with nothing to undo; the entries stay as history.
    let mut c = second_writer(&dir);
    c.journal(Some(now())).unwrap();
    assert_eq!(undo(&mut c).unwrap(), "Nothing to undo.");
    assert_eq!(recent(&c, 10).unwrap().len(), 3);
}

/// Rewrites the latest journal entry's row images in the file, as a crafted import would.
fn tamper(dir: &tempfile::TempDir, before: &str, after: &str) {
    let conn = rusqlite::Connection::open(dir.path().join("bearing.db")).unwrap();
    conn.execute(
        "UPDATE change_log SET before = ?1, after = ?2 WHERE id = (SELECT max(id) FROM change_log)",
        [before, after],
    )
    .unwrap();
}

#[test]
fn a_crafted_journal_entry_is_refused_and_runs_nothing() {
    let grace = |extra: &str| {
        format!(
            r#"{{"career_goals":"","context":"","created_at":"2026-11-23T09:00:00","id":3,
            "name":"Grace","prompts":"","relation":"report","role":"","team":"",
            "updated_at":"2026-11-23T09:00:00"{extra}}}"#
        )
    };
    let injected_table = r#"person\" WHERE id = ?1 OR 1=1 --"#;
    let cases: Vec<(&str, String, String)> = vec![
        (
            "a quoted table name that would delete every person",
            format!(r#"[{{"table":"{injected_table}","id":3,"row":null}}]"#),
            format!(r#"[{{"table":"{injected_table}","id":3,"row":{{}}}}]"#),
        ),
        (
            "a column name that would rename every person",
            r#"[{"table":"person","id":3,"row":{"name\" = ?1 WHERE 1=1 OR ?2 --":"Pwned"}}]"#
                .to_string(),
            format!(r#"[{{"table":"person","id":3,"row":{}}}]"#, grace("")),
        ),
        (
            "an unknown column",
            format!(
                r#"[{{"table":"person","id":3,"row":{}}}]"#,
                grace(r#","shoe":9"#)
            ),
            format!(r#"[{{"table":"person","id":3,"row":{}}}]"#, grace("")),
        ),
        (
            "a table undo does not journal",
            r#"[{"table":"meta","id":1,"row":null}]"#.to_string(),
            r#"[{"table":"meta","id":1,"row":{}}]"#.to_string(),
        ),
        (
            "an image whose id is not its row's",
            format!(r#"[{{"table":"person","id":1,"row":{}}}]"#, grace("")),
            format!(r#"[{{"table":"person","id":3,"row":{}}}]"#, grace("")),
        ),
    ];
    for (name, before, after) in cases {
        let (dir, mut store) = temp_store();
        seed(&mut store);
        people::add_person(&mut store, person("Linus"), Weekday::Mon, now()).unwrap();
        store.journal(Some(now())).unwrap();
        people::add_person(&mut store, person("Grace"), Weekday::Mon, now()).unwrap();
        tamper(&dir, &before, &after);
        let was = data(&store);
        let message = refused(undo(&mut store));
        assert!(message.contains("damaged"), "{name}: {message}");
        assert!(!message.contains("1=1"), "{name}: {message}");
        assert_eq!(data(&store), was, "{name}: nothing may change");
        assert_eq!(names(&store), ["Ada", "Grace", "Linus"], "{name}");
    }
}

#[test]
fn a_refused_undo_stays_refused_and_does_not_block_older_changes() {
    let (dir, mut tui) = temp_store();
    tui.journal(Some(now())).unwrap();
    let mut cli = second_writer(&dir);
    let draft = crate::domain::risk::RiskDraft {
        title: "Vendor slips".into(),
        likelihood: 3,
        impact: 3,
        ..Default::default()
    };
    crate::ops::risks::add_risk(&mut tui, draft, &Default::default(), now()).unwrap();
    people::add_person(&mut tui, person("Zed"), Weekday::Mon, now()).unwrap();
    // The CLI adds a note for Zed: undoing Zed would delete it.
    crate::ops::one_on_ones::add_note(&mut cli, 1, now().date(), "from the CLI", now()).unwrap();
    let refusal = undo(&mut tui).unwrap_err().to_string();
    assert!(refusal.starts_with("Cannot undo adding Zed"), "{refusal}");
    let kept = data(&tui);
    // The next undo goes on to the change before it.
    assert_eq!(
        undo(&mut tui).unwrap(),
        "Undid: adding risk 1 “Vendor slips”."
    );
    assert_eq!(data(&tui)["tables"]["person"], kept["tables"]["person"]);
    assert_eq!(data(&tui)["tables"]["note"], kept["tables"]["note"]);
    assert_eq!(data(&tui)["tables"]["risk"], serde_json::json!([]));
    // Zed's entry stays refused: nothing more to undo, even now.
    assert_eq!(undo(&mut tui).unwrap(), "Nothing to undo.");
    assert_eq!(names(&tui), ["Zed"]);
    // Redo brings the risk back; Zed's entry was never undone, so it is not redone.
    assert_eq!(
        redo(&mut tui).unwrap(),
        "Redid: adding risk 1 “Vendor slips”."
    );
    assert_eq!(redo(&mut tui).unwrap(), "Nothing to redo.");
    assert_eq!(data(&tui)["tables"]["person"], kept["tables"]["person"]);
}

#[test]
fn an_older_change_a_refused_later_one_built_on_says_so() {
    let (dir, mut tui) = temp_store();
    tui.journal(Some(now())).unwrap();
    let mut cli = second_writer(&dir);
    people::add_person(&mut tui, person("Zed"), Weekday::Mon, now()).unwrap();
    let renamed = people::get_person(&tui, 1).unwrap();
    people::update_person(
        &mut tui,
        1,
        person("Zed Shaw"),
        Some(&people::PersonRecord::from(&renamed)),
        Weekday::Mon,
        now(),
    )
    .unwrap();
    // The CLI renames Zed again: undoing the rename would put an older name back. (A change
    // of another column, the role, would stay, and the rename be undone.)
    let changed = person("Zed Shaw-Lee");
    people::update_person(&mut cli, 1, changed, None, Weekday::Mon, now()).unwrap();
    let before = data(&tui);
    let first = undo(&mut tui).unwrap_err().to_string();
    assert!(
        first.starts_with("Cannot undo the change to Zed Shaw"),
        "{first}"
    );
    let second = undo(&mut tui).unwrap_err().to_string();
    assert_eq!(
        second,
        "Cannot undo adding Zed: it was changed since by a later change made here, which \
         stays; nothing was changed."
    );
    assert_eq!(data(&tui), before, "nothing changed");
    assert_eq!(undo(&mut tui).unwrap(), "Nothing to undo.");
}

#[test]
fn undo_refuses_to_repeat_a_name_another_writer_took_and_goes_on_past_it() {
    let (dir, mut tui) = temp_store();
    tui.journal(Some(now())).unwrap();
    people::add_person(&mut tui, person("Ana"), Weekday::Mon, now()).unwrap();
    let sofia = people::add_person(&mut tui, person("Sofia"), Weekday::Mon, now())
        .unwrap()
        .id;
    people::add_person(&mut tui, person("Zed"), Weekday::Mon, now()).unwrap();
    people::delete_person(&mut tui, sofia, now()).unwrap();
    // The command line adds someone under the deleted person's name.
    let mut cli = second_writer(&dir);
    people::add_person(&mut cli, person("Sofia"), Weekday::Mon, now()).unwrap();
    // It was shown as "database error: UNIQUE constraint failed: person.name", every time.
    assert_refused(
        &mut tui,
        undo,
        "Cannot undo deleting Sofia: a person that would repeat it (the same name or the same \
         key) was added since (by another window or the CLI); nothing was changed. A backup \
         from before it (backups/ beside the database) still has it: `bearing restore FILE`, \
         or `bearing --db FILE` to copy from it.",
    );
    // The next undo goes on to the change before it.
    assert_eq!(undo(&mut tui).unwrap(), "Undid: adding Zed.");
    assert_eq!(names(&tui), ["Ana", "Sofia"]);
}

/// A restore from a backup (by the CLI, beside an open window) starts the window's undo again:
/// an undo refused before it is not remembered against a new change that took its number, so
/// `u` undoes the change just made, and never one from before the restore.
#[test]
fn after_a_restore_undo_takes_the_change_made_since_and_nothing_from_before() {
    let (dir, mut tui) = temp_store();
    tui.journal(Some(now())).unwrap();
    people::add_person(&mut tui, person("Ann"), Weekday::Mon, now()).unwrap();
    let saved = crate::ops::backups::backup(&tui, None, false, now()).unwrap();
    let zed = people::add_person(&mut tui, person("Zed"), Weekday::Mon, now())
        .unwrap()
        .id;
    let mut cli = second_writer(&dir);
    one_on_ones::add_note(&mut cli, zed, now().date(), "private words", now()).unwrap();
    refused(undo(&mut tui));
    crate::ops::backups::restore(&mut cli, &saved, now()).unwrap();
    assert_eq!(names(&tui), ["Ann"]);
    let bo = people::add_person(&mut tui, person("Bo"), Weekday::Mon, now())
        .unwrap()
        .id;
    assert!(bo > zed, "Zed's number is not given again");
    assert_eq!(undo(&mut tui).unwrap(), "Undid: adding Bo.");
    assert_eq!(names(&tui), ["Ann"]);
    assert_eq!(undo(&mut tui).unwrap(), "Nothing to undo.");
    assert_eq!(
        names(&tui),
        ["Ann"],
        "adding Ann, before the restore, stays"
    );
    // The audit trail still says who made the changes from before.
    let trail = recent(&tui, 100).unwrap();
    assert!(trail.iter().all(|c| c.by == Some("cockpit")), "{trail:?}");
}

/// A person deleted here owned a goal; the CLI then checks in on the goal (its progress and
/// confidence) and edits the person's report's role. Undoing the delete puts the owner back on
/// the goal and the manager back on the report, and keeps what the CLI wrote: they are other
/// columns of those rows. Before, the undo was refused for good.
#[test]
fn undoing_a_delete_keeps_what_another_writer_changed_in_other_columns_of_its_rows() {
    use crate::domain::plan::Confidence;
    let (dir, mut tui) = temp_store();
    let ada = people::add_person(&mut tui, person("Ada"), Weekday::Mon, now())
        .unwrap()
        .id;
    let mut report = person("Ben");
    report.draft.reports_to = Some(ada);
    let ben = people::add_person(&mut tui, report, Weekday::Mon, now())
        .unwrap()
        .id;
    plan::start_plan(&mut tui, at(2, 0).date(), None, now()).unwrap();
    let mut owned = super::tests::goal("Hire two leads");
    owned.person_id = Some(ada);
    let g = plan::add_goal(&mut tui, owned, now()).unwrap().id;
    tui.journal(Some(now())).unwrap();
    crate::ops::person_delete::delete_person(&mut tui, ada, now()).unwrap();

    let mut cli = second_writer(&dir);
    let later = now() + chrono::Duration::hours(1);
    plan::checkin(
        &mut cli,
        g,
        40,
        Some(Confidence::AtRisk),
        "one hired",
        None,
        later,
    )
    .unwrap();
    cli.conn()
        .execute(
            "UPDATE person SET role = 'Staff engineer', updated_at = '2026-11-24T10:00:00' \
             WHERE id = ?1",
            [ben],
        )
        .unwrap();

    let said = undo(&mut tui).unwrap();
    assert!(said.starts_with("Undid: deleting Ada"), "{said}");
    let goal = plan::get_goal(&tui, g).unwrap();
    assert_eq!(goal.fields.person_id, Some(ada), "the owner is back");
    assert_eq!(goal.fields.progress, 40, "the check-in stays");
    let ben_now = people::get_person(&tui, ben).unwrap().person;
    assert_eq!(ben_now.reports_to, Some(ada), "the manager is back");
    assert_eq!(ben_now.role, "Staff engineer", "the role edit stays");
    // Redo deletes Ada again and still keeps the CLI's columns.
    assert!(redo(&mut tui).unwrap().starts_with("Redid: deleting Ada"));
    let goal = plan::get_goal(&tui, g).unwrap();
    assert_eq!((goal.fields.person_id, goal.fields.progress), (None, 40));
    let ben_now = people::get_person(&tui, ben).unwrap().person;
    assert_eq!(
        (ben_now.reports_to, ben_now.role.as_str()),
        (None, "Staff engineer")
    );
    // The same column changed on both sides is still refused: the CLI gives the goal an owner.
    cli.conn()
        .execute("UPDATE goal SET person_id = ?1 WHERE id = ?2", [ben, g])
        .unwrap();
    let why = refused(undo(&mut tui));
    assert!(why.contains("a goal was changed since"), "{why}");
}

/// A meeting's fields go together (its status and where it moved): a change elsewhere to one
/// of them refuses the undo of a change to another, rather than make a meeting nobody meant.
#[test]
fn a_meeting_changed_elsewhere_in_another_field_still_refuses_the_undo() {
    let (dir, mut tui) = temp_store();
    rituals::add_ritual(&mut tui, weekly("Staff"), now()).unwrap();
    tui.journal(Some(now())).unwrap();
    rituals::set_status(&mut tui, 1, at(24, 10), OccurrenceStatus::Skipped, None).unwrap();
    let cli = second_writer(&dir);
    cli.conn()
        .execute(
            "UPDATE occurrence SET notes = 'agenda sent' WHERE ritual_id = 1",
            [],
        )
        .unwrap();
    let why = refused(undo(&mut tui));
    assert!(why.contains("it was changed since"), "{why}");
}
