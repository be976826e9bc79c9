//! Test scaffolding shared by the image crate, the rule catalogue and the
//! CLI tests: image archives built in memory, from code ([`build`]) or from
//! a TOML image spec ([`spec`]), and real ones built by the machine's
//! Docker Engine ([`engine`]); a loopback HTTP server ([`http`]); the
//! reference tools' paths ([`reference`]). Never a runtime dependency.

// A failure here is a broken test; the panic says where.
#![allow(clippy::unwrap_used)]

pub mod build;
pub mod engine;
pub mod http;
pub mod reference;
pub mod spec;

pub use build::*;

/// What the image crate's tests call a secret file: a stand-in for the
/// rules' list (`shipready-lint`'s `secret_file_kind`), which the image
/// crate cannot depend on: it only walks, what a credential looks like is
/// the rules' knowledge.
pub fn secret_name(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    if path.split('/').any(|p| p == ".git") {
        return Some("a git repository");
    }
    matches!(name, "id_rsa" | "id_ed25519" | ".env").then_some("a credential")
}
