//! YAML as Compose files and Kubernetes manifests need it: YAML 1.2 (the
//! core schema, as go-yaml v3 reads it), a byte [`Span`] on every node so a
//! rule can point at the line, and the hostile-input guards a linter needs.
//!
//! `saphyr-parser` does the YAML grammar (scanning, flow and block styles,
//! block scalars, tags, anchors); this crate builds the node tree from its
//! events, because the tree is where the product's choices live:
//! - aliases are expanded under a node budget (a "billion laughs" file is
//!   an error, in bounded time and memory, not an out-of-memory kill);
//! - `<<` merge keys are applied the way go-yaml does (explicit keys win,
//!   earlier sources win over later ones), and merged entries keep the
//!   spans of the text they came from;
//! - duplicate keys are an error naming both lines (Compose and kubectl's
//!   strict decoding refuse them);
//! - nesting is capped, so a 10,000-deep file cannot exhaust the stack.

mod build;
mod node;
mod offsets;
mod scalar;

pub use build::{parse_stream, parse_stream_at, Document, Limits};
pub use node::{Mapping, Node, Value};
use shipready_diagnostics::Span;

/// Input that is not YAML, or YAML we refuse (duplicate keys, too deep,
/// too many alias expansions).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    pub message: String,
    /// Where; line and column come from `LineIndex` on the same text.
    pub span: Span,
}

impl YamlError {
    pub(crate) fn new(message: impl Into<String>, span: Span) -> Self {
        YamlError {
            message: message.into(),
            span,
        }
    }
}
