//! Runs effects against the store and reports back as messages. The only TUI code that calls
//! `ops`; panes never touch the database.

use chrono::{NaiveDateTime, Weekday};

use super::msg::{Effect, Msg};
use crate::ops::{self, OpsError};
use crate::store::Store;

pub struct Runner {
    pub store: Store,
    pub week_start: Weekday,
}

fn failed(e: &OpsError) -> Msg {
    Msg::Failed {
        message: e.to_string(),
        field: e.field(),
    }
}

impl Runner {
    pub fn run(&mut self, effect: Effect, now: NaiveDateTime) -> Msg {
        let week_start = self.week_start;
        let store = &mut self.store;
        let result = match effect {
            Effect::LoadPeople => ops::people::list_people(store).map(Msg::PeopleLoaded),
            Effect::AddPerson(input) => {
                ops::people::add_person(store, input, week_start, now).map(|p| Msg::Saved {
                    message: format!("Added {}.", p.name),
                    select: Some(p.id),
                })
            }
            Effect::UpdatePerson(id, input) => {
                ops::people::update_person(store, id, input, week_start, now).map(|p| Msg::Saved {
                    message: format!("Saved {}.", p.name),
                    select: Some(p.id),
                })
            }
            Effect::DeletePerson(id) => ops::people::delete_person(store, id).map(|p| Msg::Saved {
                message: format!("Deleted {} and their 1:1 history.", p.name),
                select: None,
            }),
        };
        result.unwrap_or_else(|e| failed(&e))
    }
}
