//! The vocabulary every shipready crate speaks: where something is
//! ([`Span`], [`LineIndex`]), how bad it is ([`Severity`]), which rule said
//! so ([`RuleMeta`]) and what to do about it ([`Finding`], [`Fix`]).
//!
//! Parsers store byte offsets only; line and column are computed when a
//! finding is rendered, which keeps the hot path free of bookkeeping.

mod finding;
mod lines;
mod rule;
mod severity;
mod span;

pub use finding::{Edit, Finding, Fix, ImagePlace};
pub use lines::{LineCol, LineIndex};
pub use rule::{Category, Equivalents, FixKind, RuleMeta, Target};
pub use severity::Severity;
pub use span::Span;
