//! Every screen at 80×24 and 160×48, drawn from a fixed database and a fixed clock.

use bearing::config::Config;
use bearing::ops::calendar::import_ics;
use bearing::store::Store;
use bearing::tui::effects::Runner;
use bearing::tui::initial_model;
use bearing::tui::model::{Model, Tab};
use bearing::tui::msg::Msg;
use bearing::tui::run::settle;
use bearing::tui::update::update;
use bearing::tui::view::view;
use chrono::{NaiveDate, NaiveDateTime, Weekday};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub(crate) fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 41, 0)
        .unwrap()
}

/// The model and the effect runner on an in-memory database, as the real loop drives them.
pub(crate) struct App {
    pub(crate) model: Model,
    pub(crate) runner: Runner,
}

impl std::ops::Deref for App {
    type Target = Model;
    fn deref(&self) -> &Model {
        &self.model
    }
}

impl std::ops::DerefMut for App {
    fn deref_mut(&mut self) -> &mut Model {
        &mut self.model
    }
}

pub(crate) fn model(demo: bool) -> App {
    let store = if demo {
        bearing::tui::testing::demo_store()
    } else {
        Store::open_in_memory().unwrap()
    };
    model_on(store)
}

pub(crate) fn model_on(store: Store) -> App {
    let mut runner = Runner::new(store, &Config::default());
    let mut model = initial_model(&mut runner, &Config::default(), now()).unwrap();
    model.db_label = "bearing.db".into();
    App { model, runner }
}

/// Presses a key script (`bearing::tui::testing::script`: `\r` or `\n` Enter, `<Esc>`,
/// `<C-s>`, …), each key's effects run against the store.
pub(crate) fn press(app: &mut App, keys: &str) {
    let keys = keys.replace('\r', "\n");
    bearing::tui::testing::keys_settled(&mut app.model, &mut app.runner, &keys);
}

pub(crate) fn draw(model: &Model, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view(model, f)).unwrap();
    terminal
}

/// The screen below the tab bar, one quoted line a row (as `TestBackend` prints a buffer): the
/// tab bar has a snapshot of its own (`tab_bar`), so adding a tab changes one snapshot.
pub(crate) fn screen(model: &Model, width: u16, height: u16) -> String {
    let terminal = draw(model, width, height);
    terminal
        .backend()
        .to_string()
        .lines()
        .skip(1)
        .map(|l| format!("{l}\n"))
        .collect()
}

macro_rules! snapshot_sizes {
    ($name:literal, $model:expr) => {
        let m = $model;
        insta::assert_snapshot!(concat!($name, "_80x24"), screen(&m.model, 80, 24));
        insta::assert_snapshot!(concat!($name, "_160x48"), screen(&m.model, 160, 48));
    };
}

#[test]
fn tab_bar() {
    let m = model(true);
    for width in [60, 80, 160] {
        let first_row = draw(&m.model, width, 24)
            .backend()
            .to_string()
            .lines()
            .next()
            .unwrap()
            .to_string();
        insta::assert_snapshot!(format!("tab_bar_{width}"), first_row);
    }
}

#[test]
fn people_list() {
    let mut m = model(true);
    m.tab = Tab::People;
    press(&mut m, "jj");
    snapshot_sizes!("people_list", m);
}

#[test]
fn people_empty() {
    let mut m = model(false);
    m.tab = Tab::People;
    snapshot_sizes!("people_empty", m);
}

#[test]
fn person_form_edit() {
    let mut m = model(true);
    m.tab = Tab::People;
    press(&mut m, "e");
    snapshot_sizes!("person_form_edit", m);
}

#[test]
fn help_overlay() {
    let mut m = model(true);
    m.tab = Tab::People;
    press(&mut m, "?");
    snapshot_sizes!("help_people", m);
}

#[test]
fn delete_confirmation() {
    let mut m = model(true);
    m.tab = Tab::People;
    press(&mut m, "d");
    snapshot_sizes!("confirm_delete", m);
}

#[test]
fn agenda_week() {
    let m = model(true);
    assert_eq!(m.tab, Tab::Agenda, "the agenda is home");
    snapshot_sizes!("agenda_week", m);
}

#[test]
fn agenda_empty_week() {
    let m = model(false);
    snapshot_sizes!("agenda_empty", m);
}

#[test]
fn agenda_next_week_with_selection() {
    let mut m = model(true);
    press(&mut m, "]lj");
    assert_eq!(
        m.agenda.data.as_ref().unwrap().from,
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    );
    snapshot_sizes!("agenda_next_week", m);
}

/// The demo with the Google fixture imported, its times read in Berlin.
/// The calendar with its times made floating: imported events are shown in this machine's zone,
/// so zoned times would draw differently on every machine. The calendar's own zone goes too:
/// floating times are read in it.
fn floating(ics: &str) -> String {
    ics.split_inclusive("\r\n")
        .filter(|line| !line.starts_with("X-WR-TIMEZONE"))
        .map(|line| {
            let timed = ["DTSTART", "DTEND", "EXDATE", "RECURRENCE-ID"]
                .iter()
                .any(|p| line.starts_with(p));
            let Some((name, value)) = line.split_once(':').filter(|_| timed) else {
                return line.to_string();
            };
            let name = name
                .split(';')
                .filter(|p| !p.starts_with("TZID="))
                .collect::<Vec<_>>();
            let value = value.trim_end().replace('Z', "");
            format!("{}:{value}\r\n", name.join(";"))
        })
        .collect()
}

fn model_with_calendar() -> App {
    let mut store = bearing::tui::testing::demo_store();
    let google = floating(include_str!("../fixtures/google.ics"));
    import_ics(
        &mut store,
        "work",
        &google,
        now(),
        &chrono_tz::Europe::Berlin,
    )
    .unwrap();
    model_on(store)
}

#[test]
fn agenda_with_calendar_events() {
    let mut m = model_with_calendar();
    press(&mut m, "lll");
    snapshot_sizes!("agenda_calendar", m);
}

#[test]
fn calendar_events_are_drawn_dim_and_italic() {
    use ratatui::style::Modifier;
    let m = model_with_calendar();
    for (width, height) in [(80, 24), (160, 48)] {
        let terminal = draw(&m.model, width, height);
        let buffer = terminal.backend().buffer();
        let y = row_with(buffer, "Standup");
        let x = column_of(buffer, y, "Standup");
        let cell = &buffer[(x, y)];
        assert!(cell.modifier.contains(Modifier::ITALIC), "{width}x{height}");
        assert_eq!(cell.fg, m.theme.dim.fg.unwrap(), "{width}x{height}");
    }
}

#[test]
fn rituals_list() {
    let mut m = model(true);
    m.tab = Tab::Rituals;
    press(&mut m, "j");
    snapshot_sizes!("rituals_list", m);
}

#[test]
fn ritual_form_edit() {
    let mut m = model(true);
    m.tab = Tab::Rituals;
    press(&mut m, "e");
    snapshot_sizes!("ritual_form_edit", m);
}

#[test]
fn move_form() {
    let mut m = model(true);
    press(&mut m, "m");
    snapshot_sizes!("move_form", m);
}

#[test]
fn person_page() {
    let mut m = model(true);
    m.tab = Tab::People;
    // Priya: two queued topics, an action, two notes.
    press(&mut m, "jjjjj\r");
    assert!(m.people.page.detail.is_some());
    snapshot_sizes!("person_page", m);
}

#[test]
fn prep_view() {
    let mut m = model(true);
    m.tab = Tab::People;
    press(&mut m, "jjjjjp");
    assert!(m.people.page.prep.is_some());
    snapshot_sizes!("prep_view", m);
}

#[test]
fn record_form() {
    let mut m = model(true);
    m.tab = Tab::People;
    press(&mut m, "jjjjjr");
    snapshot_sizes!("record_form", m);
}

#[test]
fn prep_view_scrolled_to_the_prompts() {
    let mut m = model(true);
    m.tab = Tab::People;
    press(&mut m, "jjjjjpG");
    snapshot_sizes!("prep_view_scrolled", m);
}

#[test]
fn person_page_scrolled_to_the_notes() {
    let mut m = model(true);
    m.tab = Tab::People;
    press(&mut m, "jjjjj\rG");
    snapshot_sizes!("person_page_scrolled", m);
}

#[test]
fn record_form_with_a_topic_and_an_action_ticked() {
    let mut m = model(true);
    m.tab = Tab::People;
    // Note, new actions, two topics, one open action: tick the first topic and the action.
    press(&mut m, "jjjjjrWe talked.\t\t<Space>\t\t<Space>");
    snapshot_sizes!("record_form_ticked", m);
}

#[test]
fn meeting_dialog_with_its_agenda_checklist() {
    use bearing::domain::agenda::ItemKind;
    let mut m = model(true);
    let today = m.today();
    m.agenda.item = m
        .agenda
        .items_on(today)
        .iter()
        .position(|i| i.kind == ItemKind::Ritual)
        .unwrap();
    // Open the staff meeting and tick its first agenda item.
    press(&mut m, "\r\t<Space>");
    snapshot_sizes!("meeting_dialog", m);
}

/// The meeting dialog's Links field, with a risk picked and one still being typed.
#[test]
fn meeting_dialog_links_field() {
    use bearing::domain::agenda::ItemKind;
    let mut m = model(true);
    let today = m.today();
    m.agenda.item = m
        .agenda
        .items_on(today)
        .iter()
        .position(|i| i.kind == ItemKind::Ritual)
        .unwrap();
    press(&mut m, "\r<S-Tab>risk\r");
    insta::assert_snapshot!("meeting_dialog_links_80x24", screen(&m.model, 80, 24));
}

#[test]
fn quick_capture_picker_filtering() {
    let mut m = model(true);
    press(&mut m, "Toye");
    snapshot_sizes!("capture_picker", m);
}

/// Search finds a staff meeting's write-up and a private context entry, each in its group.
#[test]
fn search_overlay_with_meetings_and_private_context() {
    use bearing::domain::one_on_one::ContextKind;
    use bearing::domain::ritual::OccurrenceStatus;
    use bearing::ops::rituals::{WriteUp, save_occurrence};
    let mut store = bearing::tui::testing::demo_store();
    let last_monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
    let write_up = WriteUp {
        status: OccurrenceStatus::Held,
        notes: "Payments migration: the cutover slips a week.".into(),
        decisions: "Cutover moves to 7 Dec".into(),
        agenda_done: String::new(),
    };
    save_occurrence(
        &mut store,
        8,
        last_monday.and_hms_opt(10, 0, 0).unwrap(),
        &write_up,
        None,
    )
    .unwrap();
    bearing::ops::one_on_ones::add_context(
        &mut store,
        1,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(),
        ContextKind::Career,
        "Wants to own the cutover runbook next half",
    )
    .unwrap();
    let mut m = model_on(store);
    press(&mut m, "/cutover");
    snapshot_sizes!("search_meetings_context", m);
}

#[test]
fn search_overlay() {
    let mut m = model(true);
    press(&mut m, "/on-call");
    snapshot_sizes!("search", m);
}

#[test]
fn plan_on_day_47() {
    let mut m = model(true);
    m.tab = Tab::Plan;
    snapshot_sizes!("plan_day_47", m);
}

/// The plan pane on a given day of a fixed plan, through the same loads the TUI makes.
fn plan_on(day: NaiveDate) -> App {
    use bearing::domain::plan::{Confidence, GoalFields, GoalStatus};
    let mut store = Store::open_in_memory().unwrap();
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let at = day.and_hms_opt(9, 0, 0).unwrap();
    bearing::ops::plan::start_plan(&mut store, start, None, at).unwrap();
    for (phase, title, progress) in [
        (30, "Meet the leaders", 100),
        (30, "Map critical systems", 40),
        (60, "One cadence", 20),
        (90, "Strategy", 0),
        (180, "Reorg for flow", 0),
    ] {
        let g = bearing::ops::plan::add_goal(
            &mut store,
            GoalFields {
                phase,
                title: title.into(),
                description: String::new(),
                criteria: "Measured and agreed".into(),
                status: GoalStatus::Todo,
                progress: 0,
                confidence: Confidence::OnTrack,
                due: None,
                person_id: None,
                measure: None,
            },
            at,
        )
        .unwrap();
        if progress > 0 {
            bearing::ops::plan::checkin(&mut store, g.id, progress / 2, None, "", None, at)
                .unwrap();
            bearing::ops::plan::checkin(&mut store, g.id, progress, None, "", None, at).unwrap();
        }
    }
    let mut runner = Runner::new(store, &Config::default());
    let mut model = initial_model(&mut runner, &Config::default(), at).unwrap();
    model.db_label = "bearing.db".into();
    model.tab = Tab::Plan;
    App { model, runner }
}

#[test]
fn plan_in_each_phase_and_after() {
    for (name, day) in [
        ("plan_before_start", (2026, 1, 1)),
        ("plan_phase_30", (2026, 1, 20)),
        ("plan_phase_60", (2026, 2, 20)),
        ("plan_phase_90", (2026, 3, 20)),
        ("plan_after", (2026, 5, 1)),
    ] {
        let m = plan_on(NaiveDate::from_ymd_opt(day.0, day.1, day.2).unwrap());
        insta::assert_snapshot!(format!("{name}_80x24"), screen(&m.model, 80, 24));
        insta::assert_snapshot!(format!("{name}_160x48"), screen(&m.model, 160, 48));
    }
}

#[test]
fn plan_empty() {
    let mut m = model(false);
    m.tab = Tab::Plan;
    snapshot_sizes!("plan_empty", m);
}

#[test]
fn risks_table() {
    let mut m = model(true);
    press(&mut m, "5");
    snapshot_sizes!("risks_table", m);
}

#[test]
fn risks_table_filtered_and_sorted() {
    let mut m = model(true);
    press(&mut m, "5bbo");
    assert_eq!(m.risks.filter.describe(), ["band: high"]);
    snapshot_sizes!("risks_filtered", m);
}

#[test]
fn risks_heat_map() {
    let mut m = model(true);
    press(&mut m, "5jjv");
    snapshot_sizes!("risks_heat_map", m);
}

#[test]
fn risks_heat_map_cell_opened_in_the_table() {
    let mut m = model(true);
    press(&mut m, "5jjv");
    let effects = update(
        &mut m.model,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    settle(&mut m.model, &mut m.runner, effects);
    insta::assert_snapshot!("risks_cell_80x24", screen(&m.model, 80, 24));
}

#[test]
fn risk_review_form() {
    let mut m = model(true);
    press(&mut m, "5R");
    snapshot_sizes!("risk_review_form", m);
}

#[test]
fn risk_form_edit() {
    let mut m = model(true);
    press(&mut m, "5e");
    snapshot_sizes!("risk_form_edit", m);
}

#[test]
fn risk_form_refused_as_changed_elsewhere() {
    let mut m = model(true);
    press(&mut m, "5e");
    // What the runner answers when another writer saved the risk since the form opened.
    let effects = update(&mut m.model, Msg::Stale);
    settle(&mut m.model, &mut m.runner, effects);
    snapshot_sizes!("risk_form_stale", m);
}

#[test]
fn scorecard_grid() {
    let mut m = model(true);
    m.tab = Tab::Scorecard;
    snapshot_sizes!("scorecard_grid", m);
}

#[test]
fn scorecard_grid_scrolled_to_the_selected_metric() {
    let mut m = model(true);
    m.tab = Tab::Scorecard;
    press(&mut m, "G");
    insta::assert_snapshot!("scorecard_grid_bottom_80x24", screen(&m.model, 80, 24));
}

#[test]
fn scorecard_detail() {
    let mut m = model(true);
    m.tab = Tab::Scorecard;
    // The change failure rate: off target these two weeks.
    let row = m
        .scorecard
        .card
        .metrics
        .iter()
        .position(|v| v.name() == "Change failure rate")
        .unwrap();
    m.scorecard.list.selected = row;
    press(&mut m, "\n");
    snapshot_sizes!("scorecard_detail", m);
}

#[test]
fn scorecard_log_form() {
    let mut m = model(true);
    m.tab = Tab::Scorecard;
    press(&mut m, "l");
    insta::assert_snapshot!("scorecard_log_form_80x24", screen(&m.model, 80, 24));
}

#[test]
fn scorecard_empty() {
    let mut m = model(false);
    m.tab = Tab::Scorecard;
    insta::assert_snapshot!("scorecard_empty_80x24", screen(&m.model, 80, 24));
}

#[test]
fn risks_empty() {
    let mut m = model(false);
    press(&mut m, "5");
    insta::assert_snapshot!("risks_empty_80x24", screen(&m.model, 80, 24));
}

#[test]
fn help_for_risks() {
    let mut m = model(true);
    press(&mut m, "5?");
    insta::assert_snapshot!("help_risks_160x48", screen(&m.model, 160, 48));
}

/// The row of the buffer whose text contains `needle`.
pub(crate) fn row_with(buffer: &ratatui::buffer::Buffer, needle: &str) -> u16 {
    let area = buffer.area;
    (0..area.height)
        .find(|y| {
            (0..area.width)
                .map(|x| buffer[(x, *y)].symbol().to_string())
                .collect::<String>()
                .contains(needle)
        })
        .unwrap_or_else(|| panic!("{needle:?} is not on the screen"))
}

/// The column where `needle` starts on row `y`.
pub(crate) fn column_of(buffer: &ratatui::buffer::Buffer, y: u16, needle: &str) -> u16 {
    let symbols: Vec<String> = (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol().to_string())
        .collect();
    (0..symbols.len())
        .find(|x| symbols[*x..].concat().starts_with(needle))
        .map(|x| x as u16)
        .unwrap_or_else(|| panic!("{needle:?} not on row {y}"))
}

#[test]
fn bands_overdue_reviews_and_heat_cells_are_coloured() {
    use bearing::domain::risk_score::Band;
    let mut m = model(true);
    press(&mut m, "5");
    let terminal = draw(&m.model, 160, 48);
    let buffer = terminal.backend().buffer();
    let theme = m.theme.clone();
    // The score cell takes its band's colour.
    let y = row_with(buffer, "20 critical");
    let x = column_of(buffer, y, "20 critical");
    assert_eq!(buffer[(x, y)].fg, theme.band(Band::Critical).fg.unwrap());
    let y = row_with(buffer, "on one rotation");
    let x = column_of(buffer, y, "12 high");
    assert_eq!(buffer[(x, y)].fg, theme.band(Band::High).fg.unwrap());
    // The overdue review is in the error colour; a future one is not.
    let x = column_of(buffer, y, "! 20 Nov");
    assert_eq!(buffer[(x, y)].fg, theme.error.fg.unwrap());
    let y = row_with(buffer, "If CI stays flaky");
    let x = column_of(buffer, y, "Tue 24 Nov");
    assert_ne!(buffer[(x, y)].fg, theme.error.fg.unwrap());
    // The heat map fills each cell with its band's colour.
    press(&mut m, "v");
    let terminal = draw(&m.model, 160, 48);
    let buffer = terminal.backend().buffer();
    let y = row_with(buffer, "5 almost certain");
    let x = column_of(buffer, y, "5 almost certain") + 17 + 4 * 14 + 2;
    assert_eq!(
        buffer[(x, y)].bg,
        theme.band_cell(Band::Critical).bg.unwrap()
    );
    let y = row_with(buffer, "1 rare");
    let x = column_of(buffer, y, "1 rare") + 17 + 2;
    assert_eq!(buffer[(x, y)].bg, theme.band_cell(Band::Low).bg.unwrap());
}

#[test]
fn read_only_banner() {
    let mut m = model(true);
    m.tab = Tab::People;
    m.read_only = true;
    insta::assert_snapshot!("read_only_80x24", screen(&m.model, 80, 24));
}

#[test]
fn too_small_terminal_is_told_politely_and_nothing_panics() {
    let m = model(true);
    insta::assert_snapshot!("too_small_50x12", draw(&m.model, 50, 12).backend());
    for (w, h) in [(1, 1), (2, 3), (59, 19), (60, 20), (61, 21), (300, 100)] {
        draw(&m.model, w, h);
    }
}

#[test]
fn the_selected_row_is_highlighted() {
    // The highlight carries meaning, so check the styled cells, not only the text.
    let mut m = model(true);
    m.tab = Tab::People;
    press(&mut m, "j");
    let terminal = draw(&m.model, 80, 24);
    let buffer = terminal.backend().buffer();
    let row_of = |name: &str| {
        (0..24)
            .find(|y| {
                (0..80)
                    .map(|x| buffer[(x, *y)].symbol().to_string())
                    .collect::<String>()
                    .contains(name)
            })
            .unwrap()
    };
    let selected = m.people.list.current().unwrap().person.name.clone();
    let y = row_of(&selected);
    assert_eq!(buffer[(5, y)].bg, m.theme.selected.bg.unwrap());
    let other = &m.people.list.rows[0].person.name;
    assert_ne!(buffer[(5, row_of(other))].bg, m.theme.selected.bg.unwrap());
}

#[test]
fn command_palette() {
    let mut m = model(true);
    press(&mut m, "4:");
    for (w, h) in [(60, 20), (80, 24), (160, 48)] {
        let name = format!("palette_{w}x{h}");
        insta::assert_snapshot!(name, screen(&m.model, w, h));
    }
    press(&mut m, "add");
    insta::assert_snapshot!("palette_add_80x24", screen(&m.model, 80, 24));
}

/// Every tab and the help at the smallest size the layout is designed for: cramped, legible.
#[test]
fn every_tab_and_the_help_at_60x20() {
    for (name, keys) in [
        ("agenda_60x20", ""),
        ("plan_60x20", "2"),
        ("rituals_60x20", "3j"),
        ("people_60x20", "4jj"),
        ("person_page_60x20", "4jjjjj\r"),
        ("prep_view_60x20", "4jjjjjp"),
        ("risks_60x20", "5"),
        ("risks_heat_map_60x20", "5v"),
        ("help_60x20", "4?"),
    ] {
        let mut m = model(true);
        press(&mut m, keys);
        insta::assert_snapshot!(name, screen(&m.model, 60, 20));
    }
}

/// Wide (CJK), combining, emoji with ZWJ and flags, and right-to-left text: the columns and
/// borders must stay where they are (tests/reliability_unicode.rs checks the round trip).
fn unicode_model() -> App {
    use bearing::domain::person::PersonDraft;
    use bearing::ops::people::{PersonInput, add_person};
    let mut store = Store::open_in_memory().unwrap();
    for (name, role) in [
        ("李小龍 Bruce", "工程经理"),
        ("Zoë Ångström", "Re\u{301}seau lead"),
        ("👩‍💻 Ana 🇯🇵🇧🇷", "SRE 🧑‍🚒"),
        ("عائشة", "مديرة الهندسة"),
    ] {
        let draft = PersonDraft {
            name: name.into(),
            role: role.into(),
            ..PersonDraft::default()
        };
        let input = PersonInput {
            draft,
            one_on_one: None,
        };
        let p = add_person(&mut store, input, Weekday::Mon, now()).unwrap();
        let note = format!("{name}: 全角の文字, e\u{301}\u{302}, 👨‍👩‍👧‍👦 🏳️‍🌈, שלום עולם");
        bearing::ops::one_on_ones::add_note(&mut store, p.id, now().date(), &note, now()).unwrap();
    }
    let mut m = model_on(store);
    m.tab = Tab::People;
    m
}

#[test]
fn unicode_people_list_and_person_page() {
    let mut m = unicode_model();
    insta::assert_snapshot!("unicode_people_80x24", screen(&m.model, 80, 24));
    press(&mut m, "j\r");
    assert!(m.people.page.detail.is_some());
    insta::assert_snapshot!("unicode_person_page_80x24", screen(&m.model, 80, 24));
}

/// The demo with three decisions: one superseded by another, one still proposed for weeks.
fn model_with_decisions() -> App {
    use bearing::domain::decision::{DecisionDraft, DecisionStatus};
    use bearing::ops::decisions::{DecisionInput, add_decision};
    let mut store = bearing::tui::testing::demo_store();
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let mut add = |title: &str, date, status, supersedes| {
        let mut draft = DecisionDraft::new(title, date);
        draft.status = status;
        draft.context = "Two outages in October came from Friday changes.".into();
        draft.decision = "Deploys stop at Thursday 16:00; hotfixes need an incident.".into();
        let mut input = DecisionInput::new(draft);
        input.decided_by = vec![1];
        add_decision(&mut store, input, supersedes, now())
            .unwrap()
            .id
    };
    let first = add("Deploy any day", day(2), DecisionStatus::Accepted, None);
    add(
        "No deploys on Fridays",
        day(16),
        DecisionStatus::Accepted,
        Some(first),
    );
    add(
        "Adopt RFCs for cross-team changes",
        day(3),
        DecisionStatus::Proposed,
        None,
    );
    model_on(store)
}

/// The demo with an org: Elena and Tomás report to Priya, Aisha to Elena (Priya's skip-level
/// chain goes one further).
fn demo_org() -> App {
    model_on(demo_org_store())
}

/// The demo with Elena and Tomás reporting to Priya, and Aisha to Elena.
fn demo_org_store() -> Store {
    use bearing::ops::people::{PersonInput, PersonRecord, get_person, update_person};
    let mut store = bearing::tui::testing::demo_store();
    let people = bearing::store::people::list(store.conn()).unwrap();
    let id = |name: &str| people.iter().find(|p| p.name == name).unwrap().id;
    for (who, manager) in [
        ("Elena Sokolova", "Priya Raman"),
        ("Tomás Ferreira", "Priya Raman"),
        ("Aisha Bello", "Elena Sokolova"),
    ] {
        let record = PersonRecord::from(&get_person(&store, id(who)).unwrap());
        let mut input = PersonInput {
            draft: (&record.person).into(),
            one_on_one: record
                .one_on_one
                .as_ref()
                .map(|r| bearing::ops::people::OneOnOnePlan {
                    rrule: r.fields.rrule.clone().unwrap_or_default(),
                    start: r.fields.dtstart,
                    duration_min: r.fields.duration_min,
                }),
        };
        input.draft.reports_to = Some(id(manager));
        update_person(&mut store, id(who), input, None, Weekday::Mon, now()).unwrap();
    }
    store
}

#[test]
fn decisions_list() {
    let mut m = model_with_decisions();
    m.tab = Tab::Decisions;
    press(&mut m, "6");
    snapshot_sizes!("decisions_list", m);
}

#[test]
fn decisions_filtered_by_words() {
    let mut m = model_with_decisions();
    press(&mut m, "6tdeploy<C-s>");
    snapshot_sizes!("decisions_filtered", m);
}

#[test]
fn decisions_none_match_the_filter() {
    let mut m = model_with_decisions();
    press(&mut m, "6tkestrel<C-s>");
    snapshot_sizes!("decisions_none_match", m);
}

#[test]
fn decisions_empty() {
    let mut m = model(false);
    press(&mut m, "6");
    snapshot_sizes!("decisions_empty", m);
}

#[test]
fn decision_form() {
    let mut m = model_with_decisions();
    press(&mut m, "6e");
    snapshot_sizes!("decision_form", m);
}

#[test]
fn people_by_manager() {
    let mut m = demo_org();
    m.model.tab = Tab::People;
    press(&mut m, "o");
    snapshot_sizes!("people_by_manager", m);
}

#[test]
fn people_by_team_with_a_header_per_team() {
    let mut m = demo_org();
    m.model.tab = Tab::People;
    press(&mut m, "oo");
    snapshot_sizes!("people_by_team", m);
}

#[test]
fn prep_of_a_manager_with_their_team() {
    let mut m = demo_org();
    m.model.tab = Tab::People;
    // Priya is sixth by name; her prep lists Elena and Tomás as her team.
    press(&mut m, "jjjjjp");
    snapshot_sizes!("prep_of_a_manager", m);
}

#[test]
fn prep_shows_the_latest_career_and_feedback_context() {
    use bearing::domain::one_on_one::ContextKind;
    let mut store = demo_org_store();
    let people = bearing::store::people::list(store.conn()).unwrap();
    let priya = people.iter().find(|p| p.name == "Priya Raman").unwrap().id;
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    bearing::ops::one_on_ones::add_context(
        &mut store,
        priya,
        day,
        ContextKind::Career,
        "CAREERCTX wants to run the Q1 dependency review",
    )
    .unwrap();
    bearing::ops::one_on_ones::add_context(
        &mut store,
        priya,
        day,
        ContextKind::Feedback,
        "Gave feedback on the planning doc:\nclear, but too long",
    )
    .unwrap();
    let mut m = model_on(store);
    m.model.tab = Tab::People;
    // Priya's prep, the cursor past her team on the first of the last notes, so the section
    // between them shows at 80×24 too.
    press(&mut m, "jjjjjpjjjjjj");
    snapshot_sizes!("prep_with_career_and_feedback", m);
}
