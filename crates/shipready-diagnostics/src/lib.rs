//! The vocabulary every shipready crate speaks: where something is
//! ([`Span`], [`Location`], [`FileId`] in a [`FileTable`]), how bad it is
//! ([`Severity`]), which rule said so ([`RuleMeta`]) and what to do about
//! it ([`Finding`], [`Fix`]).
//!
//! Parsers store byte offsets only; line and column are computed when a
//! finding is rendered, which keeps the hot path free of bookkeeping.

mod finding;
mod format;
mod lines;
mod location;
mod rule;
mod severity;
mod span;

pub use finding::{Edit, Finding, Fix, Related};
pub use format::human_size;
pub use lines::{LineCol, LineIndex};
pub use location::{ConfigKey, FileId, FileKind, FileTable, ImagePlace, Location, SourceFile};
pub use rule::{Category, Equivalents, FixKind, RuleMeta, Target};
pub use severity::{Severity, UnknownSeverity};
pub use span::Span;
