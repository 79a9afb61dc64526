//! One person's 1:1 page (notes, talking points, actions, context) and the prep view, with the
//! keys that act on them. Part of the 1:1s tab (see `people`); its forms are in `one_on_one_forms`.

use crate::domain::agenda::AgendaItem;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::ops::links::Linked;
use crate::ops::one_on_ones::{OneOnOneMeeting, PersonDetail, Prep};
use crate::ops::people::PersonOverview;
use crate::tui::action::Action;
use crate::tui::effects::one_on_ones::OneOnOneEffect;
use crate::tui::keymap::KeyContext;
use crate::tui::model::FormPurpose;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, Request, Target, done};
use crate::tui::widgets::form::Form;

use super::detail_links::DetailLinks;
use super::one_on_one_forms::{
    RecordDraft, action_form, context_form, note_form, record_form, topic_form,
};
use super::people::PeopleForm;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeopleView {
    #[default]
    List,
    Detail,
    Prep,
    /// Every open action (`O` from anywhere), not one person's.
    Actions,
}

/// A line of the person page or the prep view that the cursor can rest on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Topic(i64),
    Action(i64),
    Note(i64),
    /// A piece of private context: career goals, context, then each dated entry.
    Private(usize),
    Prompt(usize),
    /// In the prep view: a goal they own or are linked to, a risk they own, one of their reports.
    Goal(i64),
    Risk(i64),
    Report(i64),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonPane {
    pub view: PeopleView,
    pub person_id: Option<i64>,
    pub detail: Option<PersonDetail>,
    pub prep: Option<Prep>,
    /// The row selected on the person page.
    pub cursor: usize,
    /// The row selected in the prep view.
    pub prep_cursor: usize,
    /// The 1:1 the prep view was opened for (from the agenda): `r` records that one.
    pub meeting: Option<OneOnOneMeeting>,
    /// The prep view was opened from the person page: Esc goes back there.
    from_page: bool,
    /// The managers' preps a report's prep was opened from (person, row selected): Esc goes
    /// back to the last one.
    pub trail: Vec<(i64, usize)>,
    /// The person's links, listed on their page.
    pub links: DetailLinks,
    /// The page was opened from the list of every open action: Esc goes back to that list.
    pub back_to_actions: bool,
}

/// Rows moved by PgDn/PgUp.
const PAGE: usize = 10;

fn form(form: Form, which: PeopleForm) -> Request {
    Request::form(form, FormPurpose::People(which))
}

fn one_on_one(effect: OneOnOneEffect) -> Effect {
    Effect::OneOnOnes(effect)
}

/// Where `Enter` on a 1:1 in the agenda goes: the person's prep view for that meeting (just
/// their prep view when the item is not a meeting of theirs).
pub fn prep_target(person: i64, item: Option<&AgendaItem>) -> Target {
    let meeting = item.and_then(|i| {
        Some(OneOnOneMeeting {
            ritual: i.id,
            original: i.occurrence?,
            start: i.starts_at(),
        })
    });
    match meeting {
        Some(m) => Target::Prep(person, m),
        None => Target::Person(person, PeopleView::Prep),
    }
}

/// The prep view of the next 1:1 from now: the soonest one of the next two days (then `r`
/// records that meeting), else the person whose cadence meets next.
pub fn next_prep(upcoming: &[AgendaItem], people: &[PersonOverview]) -> Option<Target> {
    let soonest = upcoming
        .iter()
        .filter(|i| i.kind == crate::domain::agenda::ItemKind::OneOnOne)
        // A 1:1 written up early is not the next one to prepare.
        .filter(|i| {
            i.status
                .is_none_or(crate::domain::ritual::OccurrenceStatus::is_to_come)
        })
        .min_by_key(|i| i.starts_at());
    if let Some(item) = soonest
        && let Some(person) = item.person_id
    {
        return Some(prep_target(person, Some(item)));
    }
    people
        .iter()
        .filter_map(|p| Some((p.stats.next?, p.person.id)))
        .min()
        .map(|(_, id)| Target::Person(id, PeopleView::Prep))
}

/// How many pieces of private context the page lists.
pub fn private_count(d: &PersonDetail) -> usize {
    let p = &d.overview.person;
    usize::from(!p.career_goals.trim().is_empty())
        + usize::from(!p.context.trim().is_empty())
        + d.context.len()
}

impl PersonPane {
    /// The rows of the view shown, in the order it lists them. The page: topics, actions,
    /// private context, prompts, then the notes (newest first, often many). The prep view:
    /// topics, my actions, theirs, the last notes, the prompts.
    pub fn rows(&self) -> Vec<Row> {
        match self.view {
            PeopleView::Detail => self.page_rows(),
            PeopleView::Prep => self.prep_rows(),
            PeopleView::List | PeopleView::Actions => Vec::new(),
        }
    }

    fn page_rows(&self) -> Vec<Row> {
        let Some(d) = &self.detail else {
            return Vec::new();
        };
        d.queued
            .iter()
            .map(|t| Row::Topic(t.id))
            .chain(d.actions.iter().map(|a| Row::Action(a.id)))
            .chain((0..private_count(d)).map(Row::Private))
            .chain((0..d.prompts.len()).map(Row::Prompt))
            .chain(d.notes.iter().map(|n| Row::Note(n.id)))
            .collect()
    }

    fn prep_rows(&self) -> Vec<Row> {
        let Some(p) = &self.prep else {
            return Vec::new();
        };
        p.topics
            .iter()
            .map(|t| Row::Topic(t.id))
            .chain(p.mine.iter().chain(&p.theirs).map(|a| Row::Action(a.id)))
            .chain(p.picture.goals.iter().map(|g| Row::Goal(g.id)))
            .chain(p.picture.risks.iter().map(|r| Row::Risk(r.id)))
            .chain(p.picture.team.iter().map(|m| Row::Report(m.id)))
            .chain(p.last_notes.iter().map(|n| Row::Note(n.id)))
            .chain((0..p.prompts.len()).map(Row::Prompt))
            .collect()
    }

    fn cursor_mut(&mut self) -> &mut usize {
        match self.view {
            PeopleView::Prep => &mut self.prep_cursor,
            _ => &mut self.cursor,
        }
    }

    /// The selected row of the view shown.
    pub fn current(&self) -> Option<Row> {
        let at = match self.view {
            PeopleView::Prep => self.prep_cursor,
            _ => self.cursor,
        };
        self.rows().get(at).copied()
    }

    /// Keeps the view's cursor on a row after its rows changed.
    fn clamp_cursor(&mut self) {
        let last = self.rows().len().saturating_sub(1);
        let cursor = self.cursor_mut();
        *cursor = (*cursor).min(last);
    }

    /// The page's person loaded (opened, or reloaded after a change here or elsewhere): their
    /// links are read with it.
    pub fn set_detail(&mut self, detail: PersonDetail) -> Vec<Request> {
        self.detail = Some(detail);
        if self.view == PeopleView::Detail {
            self.clamp_cursor();
        }
        self.links.load(self.page_shown(), true)
    }

    /// The person whose page is shown, as a link end.
    fn page_shown(&self) -> Option<ObjectRef> {
        let id = self.person_id.filter(|_| self.view == PeopleView::Detail)?;
        Some(ObjectRef::new(LinkKind::Person, id))
    }

    /// Their links arrived: listed if their page is still the one shown.
    pub fn links_loaded(&mut self, of: ObjectRef, links: Vec<Linked>) {
        self.links.arrived(self.page_shown(), of, links);
    }

    pub fn set_prep(&mut self, prep: Prep) {
        self.prep = Some(prep);
        if self.view == PeopleView::Prep {
            self.clamp_cursor();
        }
    }

    /// The keymap context of the page shown.
    pub fn context(&self) -> KeyContext {
        match self.view {
            PeopleView::List => KeyContext::People,
            PeopleView::Detail => KeyContext::Person,
            PeopleView::Prep => KeyContext::Prep,
            PeopleView::Actions => KeyContext::Actions,
        }
    }

    /// Opens `view` for `person_id`; the load that fills it. Prep opened from the person's
    /// page goes back there on Esc.
    pub fn open(&mut self, person_id: i64, view: PeopleView) -> Vec<Request> {
        let from_page = self.view == PeopleView::Detail
            && self.person_id == Some(person_id)
            && view == PeopleView::Prep;
        if self.person_id != Some(person_id) {
            *self = PersonPane::default();
        }
        if view == PeopleView::Prep && self.view != PeopleView::Prep {
            self.prep_cursor = 0;
        }
        self.person_id = Some(person_id);
        self.view = view;
        self.from_page = from_page;
        self.meeting = None;
        self.load().map(Request::Run).into_iter().collect()
    }

    /// Opens the prep view of `person_id` for `meeting` (from the agenda): recording then writes
    /// up that meeting.
    pub fn open_for_meeting(&mut self, person_id: i64, meeting: OneOnOneMeeting) -> Vec<Request> {
        self.view = PeopleView::List;
        let requests = self.open(person_id, PeopleView::Prep);
        self.meeting = Some(meeting);
        requests
    }

    /// Back to the list, forgetting the page (its person is gone).
    pub fn close(&mut self) {
        self.view = PeopleView::List;
        self.person_id = None;
        self.meeting = None;
        self.from_page = false;
        self.trail.clear();
        self.detail = None;
        self.prep = None;
    }

    /// The load that refreshes the open page, if any.
    pub fn load(&self) -> Option<Effect> {
        let id = self.person_id?;
        match self.view {
            PeopleView::List | PeopleView::Actions => None,
            PeopleView::Detail => Some(one_on_one(OneOnOneEffect::LoadDetail(id))),
            PeopleView::Prep => Some(one_on_one(OneOnOneEffect::LoadPrep(id))),
        }
    }

    /// Starts recording: at once from the prep view's data, else after loading it. The meeting
    /// recorded is the one the prep view was opened for, else the person's latest one on or
    /// before today not written up yet.
    pub fn start_record(&self, person_id: i64, ctx: &Ctx<'_>) -> Vec<Request> {
        let meeting = self.meeting.filter(|_| self.person_id == Some(person_id));
        let here = self.person_id == Some(person_id);
        match (self.view, &self.prep, &self.detail) {
            (PeopleView::Prep, Some(prep), _) if here => {
                vec![record_form(RecordDraft::new(person_id, prep, meeting), ctx)]
            }
            (PeopleView::Detail, _, Some(detail)) if here => {
                vec![record_form(
                    RecordDraft::from_detail(person_id, detail),
                    ctx,
                )]
            }
            _ => vec![Request::Run(one_on_one(OneOnOneEffect::StartRecord {
                person: person_id,
                meeting,
            }))],
        }
    }

    /// Actions shared by the list, the page and the prep view, for person `id`.
    pub fn on_person_action(
        &mut self,
        id: i64,
        action: Action,
        ctx: &Ctx<'_>,
    ) -> Option<Vec<Request>> {
        let name = ctx.person_name(id);
        Some(match action {
            Action::Prep => self.open(id, PeopleView::Prep),
            Action::Open => self.open(id, PeopleView::Detail),
            Action::Record => self.start_record(id, ctx),
            Action::AddTopic => vec![topic_form(id, &name)],
            Action::AddAction => vec![action_form(id, &name)],
            Action::AddNote => vec![note_form(id, &name, ctx)],
            Action::AddContext => vec![context_form(id, &name, ctx)],
            _ => return None,
        })
    }

    /// Opens `other`'s `view` from `from`'s (a report's prep, a linked person's page),
    /// remembering where it was so Esc comes back there, on the same row.
    fn follow(&mut self, from: i64, other: i64, view: PeopleView) -> Vec<Request> {
        let mut trail = std::mem::take(&mut self.trail);
        let row = match view {
            PeopleView::Prep => self.prep_cursor,
            _ => self.cursor,
        };
        trail.push((from, row));
        let requests = self.open(other, view);
        self.trail = trail;
        requests
    }

    /// Esc: the prep view opened from the page goes back to the page; otherwise the list, and
    /// the model takes the user on to where they came from (the agenda, say).
    fn back(&mut self) -> Vec<Request> {
        let view = self.view;
        // The page's own prep first: the trail leads on from the page.
        if view == PeopleView::Prep && self.from_page {
            self.view = PeopleView::Detail;
            self.from_page = false;
            return self.load().map(Request::Run).into_iter().collect();
        }
        if matches!(view, PeopleView::Prep | PeopleView::Detail)
            && let Some((before, row)) = self.trail.pop()
        {
            let trail = std::mem::take(&mut self.trail);
            let requests = self.open(before, view);
            self.trail = trail;
            *self.cursor_mut() = row;
            return requests;
        }
        self.meeting = None;
        if std::mem::take(&mut self.back_to_actions) {
            self.view = PeopleView::Actions;
            return vec![Request::Run(super::all_actions::load())];
        }
        self.view = PeopleView::List;
        vec![Request::Back]
    }

    /// Keys on the person page and the prep view.
    pub fn on_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        let id = self.person_id?;
        let mut action = action;
        let mut entered = false;
        if self.view == PeopleView::Detail {
            // A linked person's page opens here; Esc comes back to this one, on the same row.
            if action == Action::Open
                && let Some(other) = self.links.current().filter(|l| l.kind == LinkKind::Person)
            {
                let other = other.id;
                return Some(self.follow(id, other, PeopleView::Detail));
            }
            if let Some(requests) = self.links.on_action(action, Action::Open, "person") {
                return Some(requests);
            }
            // Enter with no link selected: the selected note's form, else the person's.
            if action == Action::Open {
                action = Action::Edit;
                entered = true;
            }
        }
        let rows = self.rows().len();
        let last = rows.saturating_sub(1);
        let cursor = self.cursor_mut();
        match action {
            Action::Back => return Some(self.back()),
            Action::Down => *cursor = (*cursor + 1).min(last),
            Action::Up => *cursor = cursor.saturating_sub(1),
            Action::PageDown => *cursor = (*cursor + PAGE).min(last),
            Action::PageUp => *cursor = cursor.saturating_sub(PAGE),
            Action::Top => *cursor = 0,
            Action::Bottom => *cursor = last,
            Action::Toggle => return Some(self.toggle()),
            // From the prep view: check in the goal, review the risk, over the prep; Enter on a
            // goal, a risk or a report opens it (Esc comes back).
            Action::Checkin | Action::ReviewRisk | Action::Open
                if self.view == PeopleView::Prep =>
            {
                return self.on_picture_row(action, ctx);
            }
            Action::Delete => return Some(self.delete().into_iter().collect()),
            // A note's own form; otherwise the person's, which the people pane opens.
            Action::Edit => {
                return match self.current() {
                    Some(Row::Note(note)) => Some(self.edit_note(note).into_iter().collect()),
                    // The help says `e` edits the selected item: it opened the person's form.
                    Some(Row::Topic(_)) if !entered => Some(vec![Request::Info(
                        "A talking point is ticked (x) or deleted (d); to change its words, \
                         delete it and queue it again (t)."
                            .into(),
                    )]),
                    Some(Row::Action(_)) if !entered => Some(vec![Request::Info(
                        "Actions are edited in the list of every open action: O, then e.".into(),
                    )]),
                    _ => None,
                };
            }
            other => return self.on_person_action(id, other, ctx),
        }
        done()
    }

    /// `c`, `R` and Enter on the prep view's goals, risks and reports.
    fn on_picture_row(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        let row = self.current();
        let request = match (action, row) {
            (Action::Checkin, Some(Row::Goal(id))) if !ctx.read_only => {
                Request::OpenOver(Target::GoalCheckin(id))
            }
            (Action::ReviewRisk, Some(Row::Risk(id))) if !ctx.read_only => {
                Request::OpenOver(Target::RiskReview(id))
            }
            (Action::Checkin, _) => {
                Request::Info("c checks in a goal: select one of theirs".into())
            }
            (Action::ReviewRisk, _) => {
                Request::Info("R reviews a risk: select one they own".into())
            }
            (Action::Open, Some(Row::Goal(id))) => Request::Show(Target::Goal(id)),
            (Action::Open, Some(Row::Risk(id))) => Request::Show(Target::Risk(id)),
            // The report's prep; Esc comes back to this one, on the same row.
            (Action::Open, Some(Row::Report(id))) => {
                let manager = self.person_id?;
                return Some(self.follow(manager, id, PeopleView::Prep));
            }
            (Action::Open, _) => {
                let id = self.person_id?;
                return self.on_person_action(id, action, ctx);
            }
            _ => return None,
        };
        Some(vec![request])
    }

    /// The action `id` as the view shown has it.
    fn action_item(&self, id: i64) -> Option<&crate::domain::one_on_one::ActionItem> {
        let from_page = self.detail.iter().flat_map(|d| d.actions.iter());
        let from_prep = self
            .prep
            .iter()
            .flat_map(|p| p.mine.iter().chain(&p.theirs));
        match self.view {
            PeopleView::Prep => from_prep.chain(from_page).find(|a| a.id == id),
            _ => from_page.chain(from_prep).find(|a| a.id == id),
        }
    }

    fn toggle(&self) -> Vec<Request> {
        let effect = match self.current() {
            Some(Row::Topic(id)) => OneOnOneEffect::SetTopicDiscussed {
                id,
                discussed: true,
            },
            Some(Row::Action(id)) => {
                let opened = self.action_item(id).cloned();
                let done = opened.as_ref().is_some_and(|a| a.done_at.is_some());
                OneOnOneEffect::SetActionDone {
                    id,
                    done: !done,
                    opened: opened.map(Box::new),
                }
            }
            _ => return Vec::new(),
        };
        vec![Request::Run(one_on_one(effect))]
    }

    fn delete(&self) -> Option<Request> {
        let d = self.detail.as_ref()?;
        let (message, effect) = match self.current()? {
            Row::Topic(id) => (
                "Delete this talking point?".to_string(),
                OneOnOneEffect::DeleteTopic(id),
            ),
            Row::Action(id) => (
                "Delete this action item?".to_string(),
                OneOnOneEffect::DeleteAction(id),
            ),
            Row::Private(_) | Row::Prompt(_) | Row::Goal(_) | Row::Risk(_) | Row::Report(_) => {
                return None;
            }
            Row::Note(id) => {
                let date = d
                    .notes
                    .iter()
                    .find(|n| n.id == id)
                    .map(|n| n.date.format("%a %-d %b %Y").to_string());
                (
                    format!(
                        "Delete the note of {}? This cannot be undone.",
                        date.unwrap_or_default()
                    ),
                    OneOnOneEffect::DeleteNote(id),
                )
            }
        };
        Some(Request::Confirm {
            message,
            on_yes: one_on_one(effect),
        })
    }

    /// The edit form of note `note_id`, as the page has it now.
    pub fn edit_note(&self, note_id: i64) -> Option<Request> {
        let note = self
            .detail
            .as_ref()?
            .notes
            .iter()
            .find(|n| n.id == note_id)?
            .clone();
        let f = Form::new("Edit note")
            .date(
                "date",
                "Date",
                &note.date.format("%Y-%m-%d").to_string(),
                false,
                "today",
            )
            .multiline("text", "Note", &note.body, "private: only on this machine");
        Some(form(f, PeopleForm::EditNote(Box::new(note))))
    }
}

#[cfg(test)]
mod next_prep_tests {
    use super::*;
    use crate::domain::agenda::ItemKind;
    use crate::domain::ritual::OccurrenceStatus;
    use chrono::{NaiveDate, NaiveTime};

    fn one_on_one(person: i64, day: u32, status: Option<OccurrenceStatus>) -> AgendaItem {
        let date = NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        AgendaItem {
            date,
            start: NaiveTime::from_hms_opt(10, 0, 0),
            end: NaiveTime::from_hms_opt(10, 30, 0),
            kind: ItemKind::OneOnOne,
            title: "1:1".into(),
            id: person,
            person: None,
            person_id: Some(person),
            status,
            occurrence: date.and_hms_opt(10, 0, 0),
            moved: false,
            done: false,
            conflict: false,
            lasts_until: None,
        }
    }

    #[test]
    fn the_next_1on1_to_prepare_passes_over_skipped_ones_and_ones_written_up_early() {
        let upcoming = [
            one_on_one(1, 1, Some(OccurrenceStatus::Held)),
            one_on_one(2, 1, Some(OccurrenceStatus::Skipped)),
            one_on_one(3, 2, None),
        ];
        let Some(Target::Prep(person, _)) = next_prep(&upcoming, &[]) else {
            panic!("a prep target");
        };
        assert_eq!(person, 3);
    }
}
