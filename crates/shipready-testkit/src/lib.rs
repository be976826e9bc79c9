//! Test scaffolding shared by the image crate, the rule catalogue and the
//! CLI tests: image archives built in memory, from code ([`build`]) or from
//! a TOML image spec ([`spec`]), and real ones built by the machine's
//! Docker Engine ([`engine`]). Never a runtime dependency.

// A failure here is a broken test; the panic says where.
#![allow(clippy::unwrap_used)]

pub mod build;
pub mod engine;
pub mod spec;

pub use build::*;
