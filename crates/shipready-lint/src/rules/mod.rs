//! The rule catalogue. One file per rule, grouped by what they read;
//! [`all`] lists every rule in ID order.

pub mod common;
pub mod compose;
pub mod cross;
pub mod dockerfile;
pub mod image;
pub mod kube;
pub mod meta;
pub mod vuln;

use crate::Rule;
use std::sync::OnceLock;

/// Compose rules (SR-C), Dockerfile rules (SR-D), cross-file rules
/// (SR-F), image rules (SR-I), Kubernetes rules (SR-K), package rules
/// (SR-V), then shipready's own (SR-X): ID order.
pub fn all() -> &'static [&'static Rule] {
    static ALL: OnceLock<Vec<&'static Rule>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v = compose::ALL.to_vec();
        v.extend_from_slice(dockerfile::ALL);
        v.extend_from_slice(cross::ALL);
        v.extend_from_slice(image::ALL);
        v.extend_from_slice(kube::ALL);
        v.extend_from_slice(vuln::ALL);
        v.push(&meta::UNUSED_SUPPRESSION);
        v
    })
}
