//! A lossless Dockerfile parser that follows BuildKit's grammar
//! (`moby/buildkit/frontend/dockerfile/parser`) line for line: parser
//! directives, escape tokens, continuations with comments and blank lines
//! inside, heredocs, exec and shell forms, builder flags and `ONBUILD`.
//!
//! Every value keeps the byte span it came from, so findings point at the
//! exact characters and fixes are plain text edits. The parser never panics:
//! malformed input is a [`ParseError`] with a line and column.
//!
//! Why hand-written: no maintained Rust crate parses Dockerfiles with
//! BuildKit's semantics *and* byte spans (the `dockerfile-parser` crate uses
//! a PEG grammar that rejects heredocs and loses continuation positions).

mod args;
mod directives;
mod error;
pub mod expand;
mod heredoc;
mod image_ref;
mod instruction;
mod logical;
mod parser;
pub mod shell;
mod stages;

pub use directives::Directive;
pub use error::ParseError;
pub use heredoc::Heredoc;
pub use image_ref::ImageRef;
pub use instruction::{Args, Flag, Instruction, KeyValue, Keyword, Located};
pub use logical::LogicalLine;
pub use parser::{parse, parse_shared, Comment, Dockerfile};
pub use stages::{arg_pairs, Stage};

/// Whether a file name is a Dockerfile by convention: `Dockerfile`,
/// `Containerfile`, `Dockerfile.prod`, `Dockerfile-alpine`,
/// `api.Dockerfile`, `x.containerfile` (any case).
pub fn is_dockerfile_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "dockerfile"
        || lower == "containerfile"
        || lower.starts_with("dockerfile.")
        || lower.starts_with("dockerfile-")
        || lower.starts_with("containerfile.")
        || lower.ends_with(".dockerfile")
        || lower.ends_with(".containerfile")
}
