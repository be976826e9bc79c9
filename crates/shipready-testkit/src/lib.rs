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

use std::path::{Path, PathBuf};

/// Every file under `dir` (recursively, in sorted order) whose file name
/// `keep` accepts; nothing when `dir` cannot be read.
pub fn files_under(dir: &Path, keep: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    collect(dir, keep, &mut out);
    out
}

fn collect(dir: &Path, keep: &dyn Fn(&str) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, keep, out);
        } else if p.file_name().and_then(|n| n.to_str()).is_some_and(keep) {
            out.push(p);
        }
    }
}

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
