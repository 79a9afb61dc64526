use super::*;
use crate::output_file::tests::names;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

#[test]
fn daily_backups_happen_once_a_day_and_rotate() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("work.db")).unwrap();
    assert!(daily(&store, 2, day(20)).unwrap().is_some());
    assert!(daily(&store, 2, day(20)).unwrap().is_none(), "once a day");
    // A manual backup is never rotated away.
    backup(&store, None, false, day(20).and_hms_opt(12, 0, 0).unwrap()).unwrap();
    daily(&store, 2, day(21)).unwrap();
    daily(&store, 2, day(23)).unwrap();
    assert_eq!(
        names(&dir.path().join("backups")),
        [
            "work.db-2026-11-20-120000.db",
            "work.db.daily-2026-11-21.db",
            "work.db.daily-2026-11-23.db"
        ]
    );
    assert!(
        daily(&store, 0, day(24)).unwrap().is_none(),
        "0 turns them off"
    );
}

#[test]
fn two_databases_with_one_stem_each_get_their_own_daily_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = Store::open(&dir.path().join("team.db")).unwrap();
    let sqlite = Store::open(&dir.path().join("team.sqlite")).unwrap();
    assert!(daily(&db, 1, day(20)).unwrap().is_some());
    assert!(daily(&sqlite, 1, day(20)).unwrap().is_some());
    daily(&db, 1, day(21)).unwrap();
    assert_eq!(
        names(&dir.path().join("backups")),
        [
            "team.db.daily-2026-11-21.db",
            "team.sqlite.daily-2026-11-20.db"
        ],
        "rotating one database's copies leaves the other's alone"
    );
}

#[test]
fn a_bad_daily_copy_is_made_again_and_files_of_others_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("work.db")).unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let today = backups.join("work.db.daily-2026-11-20.db");
    std::fs::write(&today, "SQLite format 3\0 cut short").unwrap();
    // Old-style names (which database's?), another database's, and not-quite dates.
    let others = [
        "work-daily-2026-11-01.db",
        "work.db-daily-2026-11-02.db",
        "work.db.daily-2026-11-20.db.daily-2026-11-02.db",
        "work.db.daily-2026-1-3.db",
    ];
    for name in others {
        std::fs::write(backups.join(name), "not ours to delete").unwrap();
    }
    assert_eq!(daily(&store, 1, day(20)).unwrap(), Some(today.clone()));
    assert!(crate::store::summarize(&today).is_ok());
    let mut expected: Vec<&str> = others.to_vec();
    expected.push("work.db.daily-2026-11-20.db");
    expected.sort();
    assert_eq!(names(&backups), expected);
}

#[test]
fn a_database_without_an_extension_leaves_the_old_copies_of_its_namesake_alone() {
    // The tester's case: `team.db`'s copies from the first naming scheme are `team-daily-…`,
    // which is also what the second scheme named the copies of a database called `team`.
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let theirs: Vec<String> = (1..=4)
        .map(|d| format!("team-daily-2026-11-0{d}.db"))
        .chain(["team.db-daily-2026-11-05.db".to_string()])
        .collect();
    for name in &theirs {
        std::fs::write(backups.join(name), "team.db's copy").unwrap();
    }
    let store = Store::open(&dir.path().join("team")).unwrap();
    for d in 20..=23 {
        daily(&store, 2, day(d)).unwrap();
    }
    let mut expected: Vec<&str> = theirs.iter().map(String::as_str).collect();
    expected.extend(["team.daily-2026-11-22.db", "team.daily-2026-11-23.db"]);
    expected.sort();
    assert_eq!(names(&backups), expected, "only its own copies are rotated");
}
