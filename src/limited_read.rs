//! Reading what a user points Bearing at (a file, a pipe, standard input) with a ceiling: a
//! device or a pipe that never ends (`/dev/zero`, `yes |`) is refused at the limit instead of
//! filling memory until the kernel kills the process.

use std::io::{self, Read};

/// What a bounded read found.
#[derive(Debug, PartialEq, Eq)]
pub enum Limited {
    /// All of it: at most the limit.
    Within(Vec<u8>),
    /// More than the limit (one byte past it was read, and no more).
    Over,
}

/// Reads `source` to its end when it holds at most `limit` bytes; otherwise stops one byte past
/// the limit.
pub fn read_limited(source: impl Read, limit: u64) -> io::Result<Limited> {
    let mut bytes = Vec::new();
    source
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        Limited::Over
    } else {
        Limited::Within(bytes)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_one_byte_past_the_limit_of_an_endless_source() {
        assert_eq!(
            read_limited(io::repeat(b'y'), 1_000).unwrap(),
            Limited::Over
        );
        let four = &b"four"[..];
        assert_eq!(
            read_limited(four, 4).unwrap(),
            Limited::Within(b"four".to_vec())
        );
        assert_eq!(read_limited(four, 3).unwrap(), Limited::Over);
    }
}
