//! Docker Compose files as `docker compose` reads them, with a span on
//! every value so rules can point at the line.
//!
//! [`load`] follows compose-go's order: read the `.env` file, then per
//! file parse the YAML (anchors, merge keys), substitute `${VAR}`s,
//! validate against the Compose Specification's JSON Schema, bring
//! shorthand forms to one shape, resolve `extends`; then merge the files
//! in order (override rules as `docker compose -f a -f b`), and drop
//! services whose profiles are not active. [`config::services_json`]
//! renders the result the way `docker compose config --format json` does,
//! which the tests compare against the real binary.
//!
//! Spans are global: every file read gets its own range of offsets
//! ([`Sources`]), so a span alone says which file and where, even after
//! values from several files were merged into one service.

pub mod config;
mod dotenv;
pub mod duration;
mod extends;
mod include;
pub mod interpolate;
mod loader;
mod merge;
pub mod names;
mod schema;
mod shape;
mod sources;

pub use loader::{discover, is_path, load, LoadOptions, Project, Warning, WarningKind};
use shipready_diagnostics::Span;
pub use sources::{Source, Sources};
use std::path::PathBuf;

/// A project that could not be loaded: which file, where, and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct ComposeError {
    pub file: PathBuf,
    /// Where in `file` (local to its text); `None` when the problem has no
    /// place (a file that cannot be read).
    pub span: Option<Span>,
    pub message: String,
}
