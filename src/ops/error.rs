use crate::domain::Invalid;
use crate::output_file::OutputError;
use crate::store::StoreError;

/// Why a use-case did not happen. Nothing was changed in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum OpsError {
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("{0}")]
    NotFound(String),
    /// The request cannot be done as asked; the message says why and what to do instead.
    #[error("{0}")]
    Refused(String),
    #[error(
        "\"{query}\" matches several: {}; be more specific or use the id",
        .candidates.join(", ")
    )]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
    /// Another writer (the CLI, another window) changed the row since the form opened it, so
    /// saving would overwrite what they saved. Names the row ("risk 3"), never its text.
    #[error(
        "{0} was changed elsewhere since it was read; nothing was saved: read it again and retry"
    )]
    Stale(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl OpsError {
    /// The CLI's exit code: 2 for anything the user can fix by changing the input, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            OpsError::Store(e) if !e.is_bad_input() => 1,
            // Nothing wrong with the input: someone else saved first; reading again resolves it.
            OpsError::Stale(_) => 1,
            _ => 2,
        }
    }

    /// The form field the error belongs to, if any.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            OpsError::Invalid(i) => i.field,
            _ => None,
        }
    }
}

/// A refused output file is the user's to fix (another name, `--force`); an I/O failure is not.
impl From<OutputError> for OpsError {
    fn from(e: OutputError) -> Self {
        match e {
            OutputError::Io { path, source } => OpsError::Store(StoreError::Io { path, source }),
            refused => OpsError::Refused(refused.to_string()),
        }
    }
}

impl From<rusqlite::Error> for OpsError {
    fn from(e: rusqlite::Error) -> Self {
        OpsError::Store(StoreError::Sqlite(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    #[test]
    fn the_cause_stays_reachable_through_source() {
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let e = OpsError::from(StoreError::Io {
            path: "/x/b.db".into(),
            source: io,
        });
        assert_eq!(e.to_string(), "cannot use /x/b.db: denied");
        let cause = e.source().expect("the I/O error");
        assert_eq!(cause.to_string(), "denied");
        let sqlite = OpsError::from(rusqlite::Error::InvalidQuery);
        assert!(
            sqlite.source().is_some(),
            "SQLite's own error stays the cause"
        );
    }
}
