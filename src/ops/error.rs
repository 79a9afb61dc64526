use std::fmt;

use crate::domain::Invalid;
use crate::output_file::OutputError;
use crate::store::StoreError;

/// Why a use-case did not happen. Nothing was changed in any of these cases.
#[derive(Debug)]
pub enum OpsError {
    Invalid(Invalid),
    NotFound(String),
    /// The request cannot be done as asked; the message says why and what to do instead.
    Refused(String),
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
    /// Another writer (the CLI, another window) changed the row since the form opened it, so
    /// saving would overwrite what they saved. Names the row ("risk 3"), never its text.
    Stale(String),
    Store(StoreError),
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

impl fmt::Display for OpsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpsError::Invalid(i) => write!(f, "{i}"),
            OpsError::NotFound(what) | OpsError::Refused(what) => f.write_str(what),
            OpsError::Ambiguous { query, candidates } => write!(
                f,
                "\"{query}\" matches several: {}; be more specific or use the id",
                candidates.join(", ")
            ),
            OpsError::Stale(what) => write!(
                f,
                "{what} was changed elsewhere since it was read; nothing was saved: read it again and retry"
            ),
            OpsError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for OpsError {}

impl From<Invalid> for OpsError {
    fn from(e: Invalid) -> Self {
        OpsError::Invalid(e)
    }
}

impl From<StoreError> for OpsError {
    fn from(e: StoreError) -> Self {
        OpsError::Store(e)
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
