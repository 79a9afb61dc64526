//! A person deleted slice by slice (`ops::person_delete`): each slice is an effect run between
//! keys (`model.later`), so the cockpit answers keys while a busy person's ten years go, and a
//! CLI beside it waits one slice at most. The status line counts the rows; the list shows the
//! person as being deleted until the last slice. A delete cut short (a crash, a window closed
//! mid-way) is never resumed by itself: `d` on the person finishes it, once it is older than
//! `ops::person_delete::UNDER_WAY` (it may be running in another window until then).

use super::effects::people::PeopleEffect;
use super::model::Model;
use super::msg::Effect;
use super::update::{forget_kept, reload_changed};
use crate::ops::person_delete::{Deleting, Slice};

/// The next step of a delete: queue the slice after this one, or say it is done.
pub(super) fn on_slice(model: &mut Model, slice: Slice) -> Vec<Effect> {
    match slice {
        Slice::More(run) => {
            // The slice changed the database: what the panes read ahead (the agenda's weeks,
            // the person's meetings among them) is older than it.
            forget_kept(model);
            let begun = run.done == 0;
            if begun && model.deleting.contains(&run.id) {
                // This window is deleting them already (`d` says so instead of asking, and
                // `begin` refuses a delete under way: a guard only): once is enough.
                return Vec::new();
            }
            if begun {
                model.deleting.push(run.id);
            }
            model.info(progress(&run));
            model
                .later
                .push(Effect::People(PeopleEffect::DeleteSlice(run)));
            // The list shows them as being deleted from the first slice on; the slices between
            // change only the status line (reloading a page of ten years per slice would cost
            // more than the slice).
            if begun {
                reload_changed(model)
            } else {
                Vec::new()
            }
        }
        Slice::Done(run) => {
            model.deleting.retain(|id| *id != run.id);
            model.info(format!("Deleted {} and their 1:1 history.", run.name));
            reload_changed(model)
        }
        Slice::Stopped(run) => {
            // An undo took the delete back: it said so; the screen shows them again. A redo
            // brings back the slices done, and then the delete goes on.
            model.deleting.retain(|id| *id != run.id);
            model.stopped.retain(|s| s.id != run.id);
            model.stopped.push(run);
            reload_changed(model)
        }
    }
}

/// A slice failed: the slices before it are done, so the panes load again (the list shows the
/// person as being deleted; `d` finishes it).
pub(super) fn on_failed(model: &mut Model, id: i64, message: String) -> Vec<Effect> {
    model.deleting.retain(|d| *d != id);
    let effects = reload_changed(model);
    model.error(message);
    effects
}

/// After a redo here, a person the list shows as being deleted whose delete this window had
/// under way when an undo took it back: the redo brought back its slices, so the delete goes
/// on, in the same undo step. No other delete is ever resumed by itself.
pub(super) fn go_on_after_redo(model: &mut Model) {
    if !std::mem::take(&mut model.redone) || model.read_only {
        return;
    }
    let marked: Vec<i64> = model
        .people
        .list
        .rows
        .iter()
        .filter(|r| r.deleting.is_some())
        .map(|r| r.person.id)
        .collect();
    let (again, stay): (Vec<Deleting>, Vec<Deleting>) = std::mem::take(&mut model.stopped)
        .into_iter()
        .partition(|s| marked.contains(&s.id) && !model.deleting.contains(&s.id));
    model.stopped = stay;
    for run in again {
        model.deleting.push(run.id);
        model.info(progress(&run));
        model
            .later
            .push(Effect::People(PeopleEffect::DeleteSlice(run)));
    }
}

/// "Deleting Ben Berg: 3,000 of 9,500…"
pub fn progress(run: &Deleting) -> String {
    format!(
        "Deleting {}: {} of {}…",
        run.name,
        grouped(run.done),
        grouped(run.total.max(run.done))
    )
}

/// 9500 → "9,500".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
#[path = "update_delete_tests.rs"]
mod tests;
