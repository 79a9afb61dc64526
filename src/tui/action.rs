//! Everything a key can do. The doc comment of each action is its help text: the help overlay and
//! the keymap file are generated from this one table, so they cannot drift apart.

macro_rules! actions {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $name:literal, )+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl Action {
            pub const ALL: &'static [Action] = &[ $( Action::$variant, )+ ];

            /// The name used in keymap files.
            pub fn name(self) -> &'static str {
                match self { $( Action::$variant => $name, )+ }
            }

            /// One line for the help overlay.
            pub fn description(self) -> &'static str {
                match self { $( Action::$variant => concat!($($doc),+).trim_ascii(), )+ }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                Action::ALL.iter().copied().find(|a| a.name() == name)
            }
        }
    };
}

actions! {
    /// Quit Bearing
    Quit = "quit",
    /// Show or hide the keys of this pane
    Help = "help",
    /// Next tab
    NextTab = "next_tab",
    /// Previous tab
    PrevTab = "prev_tab",
    /// Go to the Agenda
    TabAgenda = "tab_agenda",
    /// Go to the 30/60/90 plan
    TabPlan = "tab_plan",
    /// Go to Rituals
    TabRituals = "tab_rituals",
    /// Go to 1:1s and people
    TabPeople = "tab_people",
    /// Go to the risk register
    TabRisks = "tab_risks",
    /// Go to the decision log
    TabDecisions = "tab_decisions",
    /// Go to the scorecard: the org's KPIs
    TabScorecard = "tab_scorecard",
    /// Move down
    Down = "down",
    /// Move up
    Up = "up",
    /// Jump to the top
    Top = "top",
    /// Jump to the bottom
    Bottom = "bottom",
    /// Page down
    PageDown = "page_down",
    /// Page up
    PageUp = "page_up",
    /// Add a new item
    Add = "add",
    /// Edit the selected item
    Edit = "edit",
    /// Delete the selected item (asks first)
    Delete = "delete",
    /// Previous day
    PrevDay = "prev_day",
    /// Next day
    NextDay = "next_day",
    /// Previous week
    PrevWeek = "prev_week",
    /// Next week
    NextWeek = "next_week",
    /// Back to today
    Today = "today",
    /// Jump to a date
    JumpToDate = "jump_to_date",
    /// Change the selected decision's status
    SetStatus = "set_status",
    /// Record a new decision that supersedes the selected one
    Supersede = "supersede",
    /// Open: a meeting's notes, a 1:1's prep, a page
    Open = "open",
    /// Mark held (an action: done); again to undo
    MarkDone = "mark_done",
    /// Skip this occurrence once; again to undo
    Skip = "skip",
    /// Move the selected meeting to another time
    Move = "move",
    /// Add a one-off meeting on this day
    AddMeeting = "add_meeting",
    /// Radar: go through what needs attention (again: back)
    Radar = "radar",
    /// The radar on the whole screen, or back to the strip
    RadarFull = "radar_full",
    /// Back: to the list, or to where you came from
    Back = "back",
    /// Prepare the 1:1: everything on one screen
    Prep = "prep",
    /// Record a 1:1: note, topics discussed, actions
    Record = "record",
    /// Arrange the people by manager (my skip-levels marked »), by team, or by name
    GroupPeople = "group_people",
    /// Queue a talking point for this person
    AddTopic = "add_topic",
    /// Add an action item for this person
    AddAction = "add_action",
    /// Add a dated note
    AddNote = "add_note",
    /// Add private context: feedback, career talk
    AddContext = "add_context",
    /// Tick: topic discussed, action done
    Toggle = "toggle",
    /// Quick capture: a talking point for anyone
    CaptureTopic = "capture_topic",
    /// Prepare the next 1:1, from anywhere
    PrepNext = "prep_next",
    /// Every open action, mine and theirs, from every meeting: from anywhere
    AllActions = "all_actions",
    /// Search everything: people, meetings, notes, decisions, …
    Search = "search",
    /// Command palette: find any action by name and run it
    Palette = "palette",
    /// Undo the last change made here
    Undo = "undo",
    /// Redo the change undone last
    Redo = "redo",
    /// Previous phase of the plan
    PrevPhase = "prev_phase",
    /// Next phase of the plan
    NextPhase = "next_phase",
    /// Set the day the plan starts
    StartPlan = "start_plan",
    /// Check in: progress, confidence, a note
    Checkin = "checkin",
    /// Roll an open goal over into the next phase
    RollOver = "roll_over",
    /// Review: rescore, add a note, set next review
    ReviewRisk = "review_risk",
    /// Sort by score, review date, category, owner
    CycleSort = "cycle_sort",
    /// Filter by status (active, open, closed, all)
    FilterStatus = "filter_status",
    /// Filter risks by category, one after another
    FilterCategory = "filter_category",
    /// Filter by band: critical, high, medium, low
    FilterBand = "filter_band",
    /// Filter by words in the text
    FilterText = "filter_text",
    /// Filter by person (decided or consulted), one after another
    FilterPerson = "filter_person",
    /// Clear the filters
    ClearFilters = "clear_filters",
    /// Switch between the table and the heat map
    ToggleHeatMap = "toggle_heat_map",
    /// Log this period's number (again: replace it)
    LogValue = "log_value",
    /// Change the selected number, its period or note
    EditValue = "edit_value",
    /// Heat map: one column left (lower impact)
    CellLeft = "cell_left",
    /// Heat map: one column right (higher impact)
    CellRight = "cell_right",
    /// Edit; on the heat map: list the cell's risks
    OpenCell = "open_cell",
    /// Select the detail's next link (Enter opens it, Esc comes back)
    NextLink = "next_link",
    /// Next field
    NextField = "next_field",
    /// Previous field
    PrevField = "prev_field",
    /// Save, from any field
    Save = "save",
    /// Save (in a multi-line field: a new line)
    SubmitLine = "submit_line",
    /// Cancel (asks first if you changed something)
    Cancel = "cancel",
    /// Edit a multi-line field in $EDITOR, as Markdown
    OpenEditor = "open_editor",
    /// Clear a one-line field
    ClearField = "clear_field",
    /// After a refusal: load the values saved elsewhere
    ReloadForm = "reload_form",
    /// Next choice (a tick box: tick or untick)
    NextChoice = "next_choice",
    /// Previous choice
    PrevChoice = "prev_choice",
    /// Yes, go ahead
    Confirm = "confirm",
    /// No, leave it
    Decline = "decline",
    /// Run the chosen command, or open the chosen result
    Choose = "choose",
    /// Close
    Close = "close",
    /// Clear what you typed
    ClearQuery = "clear_query",
}

impl Action {
    /// Whether the action changes the database: on a read-only one it is refused before any
    /// pane sees it. (Panes refuse the actions that write only sometimes, such as the agenda's
    /// `x` on a meeting, themselves.)
    pub fn writes(self) -> bool {
        matches!(
            self,
            Action::Add
                | Action::Edit
                | Action::Delete
                | Action::Record
                | Action::AddTopic
                | Action::AddAction
                | Action::AddNote
                | Action::AddContext
                | Action::Toggle
                | Action::CaptureTopic
                | Action::StartPlan
                | Action::Checkin
                | Action::RollOver
                | Action::ReviewRisk
                | Action::LogValue
                | Action::EditValue
                | Action::Undo
                | Action::Redo
        )
    }
}
