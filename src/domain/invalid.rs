/// A user-facing validation failure, optionally tied to the form field that caused it so the TUI
/// can show the message next to that field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    pub field: Option<&'static str>,
    pub message: String,
}

impl Invalid {
    pub fn new(message: impl Into<String>) -> Self {
        Invalid {
            field: None,
            message: message.into(),
        }
    }

    pub fn field(field: &'static str, message: impl Into<String>) -> Self {
        Invalid {
            field: Some(field),
            message: message.into(),
        }
    }
}
