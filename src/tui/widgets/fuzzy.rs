//! Fuzzy matching as you type (helix's matcher), for the palette and the form's pickers.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The indices of `haystacks` that match `query`, best first; ties keep their order. A blank
/// query matches everything, in order.
pub fn rank<S: AsRef<str>>(query: &str, haystacks: impl IntoIterator<Item = S>) -> Vec<usize> {
    let haystacks: Vec<S> = haystacks.into_iter().collect();
    if query.trim().is_empty() {
        return (0..haystacks.len()).collect();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = haystacks
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            pattern
                .score(Utf32Str::new(h.as_ref(), &mut buf), &mut matcher)
                .map(|score| (score, i))
        })
        .collect();
    scored.sort_by_key(|(score, i)| (std::cmp::Reverse(*score), *i));
    scored.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::rank;

    #[test]
    fn letters_from_anywhere_in_a_name_find_it_best_first() {
        let names = [
            "Aisha Bello",
            "Marcus Oyelaran",
            "Priya Raman",
            "Maria Ortiz",
        ];
        assert_eq!(rank("", names), [0, 1, 2, 3]);
        assert_eq!(rank("oye", names)[0], 1);
        assert_eq!(rank("prya", names), [2]);
        assert_eq!(rank("mar", names), [1, 3], "Marcus and Maria, not Raman");
        assert!(rank("zz", names).is_empty());
    }
}
