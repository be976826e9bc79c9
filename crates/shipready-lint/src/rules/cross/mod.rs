//! Cross-file rules, one per file: a Dockerfile against the Compose
//! service and the Kubernetes containers of the image it builds.

pub mod healthcheck_not_probed;
pub mod port_not_exposed;
pub mod run_as_non_root_user;

use crate::Rule;

pub static ALL: &[&Rule] = &[
    &healthcheck_not_probed::RULE,
    &port_not_exposed::RULE,
    &run_as_non_root_user::RULE,
];
