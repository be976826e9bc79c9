use shipready_diagnostics::Span;

/// Input that is not a Dockerfile BuildKit (or shipready) accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub message: String,
    /// Where the problem is; line and column are computed by the caller
    /// from the text (see `shipready_diagnostics::LineIndex`).
    pub span: Span,
}

impl ParseError {
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        ParseError {
            message: message.into(),
            span,
        }
    }
}
