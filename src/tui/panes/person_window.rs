//! Which rows of a person's page (and prep view) can be on screen: their lists may hold
//! hundreds of talking points and actions, and only what a key could show is made into rows.

use super::person::Row;

/// Where a page's lists stand, in order down its columns: the person page's work column
/// (talking points, actions, the links, private context and prompts) and then its notes; the
/// prep view's talking points, my actions, theirs, what they own, then its last notes and the
/// prompts.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Slot {
    Topics,
    Actions,
    Theirs,
    Rest,
    Notes,
    After,
}

/// Where a list stands from the cursor's row: only the items that can be on screen are made,
/// so a person with hundreds of talking points and open actions draws as quickly as one with
/// three. Every item takes at least one row, and a column shows fewer rows than `keep` (its
/// height less its rule; the cursor's rows, those above them and the two kept below them), so
/// an item further than `keep` items from the cursor, or from the top of a column the cursor
/// is not in, is never on screen.
pub(super) enum Place {
    /// Above the cursor in its column: the last items.
    Above,
    /// The cursor is on the item at this index.
    At(usize),
    /// Below the cursor, or in a column without it: the first items.
    Below,
}

/// What [`Place`] needs: the cursor's row and list, and where the second column starts.
pub(super) struct Near {
    row: Option<Row>,
    cursor: Option<Slot>,
    /// The first list of the right-hand column, when the columns stand side by side.
    split: Option<Slot>,
    keep: usize,
}

impl Near {
    pub(super) fn new(
        row: Option<Row>,
        cursor: Option<Slot>,
        split: Option<Slot>,
        height: u16,
    ) -> Near {
        let keep = usize::from(height) + 2;
        // The tests compare each screen with the one made from every row.
        #[cfg(test)]
        let keep = if EVERY_ITEM.get() {
            usize::MAX / 2
        } else {
            keep
        };
        Near {
            row,
            cursor,
            split,
            keep,
        }
    }

    /// Where the list `slot` stands; `index` finds the cursor's row in it.
    pub(super) fn place(&self, slot: Slot, index: impl Fn(Row) -> Option<usize>) -> (Place, usize) {
        let right = |s: Slot| self.split.is_some_and(|first| s >= first);
        let place = match self.cursor {
            Some(c) if right(c) != right(slot) => Place::Below,
            Some(c) if c < slot => Place::Below,
            Some(c) if c > slot => Place::Above,
            Some(_) => self.row.and_then(&index).map_or(Place::Below, Place::At),
            None => Place::Below,
        };
        (place, self.keep)
    }
}

/// The items of `items` that can be on screen, from where the list stands (see [`Place`]).
pub(super) fn in_view<T>(items: &[T], (place, keep): (Place, usize)) -> &[T] {
    let len = items.len();
    let range = match place {
        Place::Above => len.saturating_sub(keep)..len,
        Place::At(i) => i.saturating_sub(keep)..(i + keep + 1).min(len),
        Place::Below => 0..keep.min(len),
    };
    &items[range]
}

#[cfg(test)]
thread_local! {
    /// Makes every row, as before the page kept to what can be seen (this thread only).
    pub(super) static EVERY_ITEM: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}
