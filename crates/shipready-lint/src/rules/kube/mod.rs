//! Kubernetes rules, one per file: they read every object of the run
//! (manifests found in the tree, or `helm template … | shipready lint -`).
//! `ALL` is ordered by ID.

pub mod anti_affinity;
pub mod automount_token;
pub mod capabilities;
pub mod default_namespace;
pub mod docker_socket;
pub mod host_namespace;
pub mod host_path;
pub mod hpa_target;
pub mod image_latest;
pub mod ingress_backend;
pub mod invalid;
pub mod no_network_policy;
pub mod no_probes;
pub mod no_resources;
pub mod privilege_escalation;
pub mod privileged;
pub mod probe_port;
pub mod removed_api;
pub mod run_as_root;
pub mod secret_in_env;
pub mod selector_mismatch;
pub mod service_selector;
pub mod service_target_port;
pub mod single_replica;
pub mod writable_root_fs;

pub use crate::rules::common::security_context::security;
use crate::{KubeContext, Rule};
use shipready_diagnostics::{Finding, Span};
use shipready_kube::ProblemKind;
use shipready_yaml::{Node, Value};

/// Reports the validation problems `pick` selects as findings of `rule`.
pub fn report_problems(
    ctx: &KubeContext<'_>,
    rule: &'static Rule,
    pick: fn(&ProblemKind) -> bool,
    help: &str,
    out: &mut Vec<Finding<Span>>,
) {
    for (o, problems) in ctx.objects.iter().zip(ctx.problems) {
        for p in problems.iter().filter(|p| pick(&p.kind)) {
            out.push(
                rule.finding(p.span, format!("{}: {}", o.label(), p.message))
                    .with_help(help),
            );
        }
    }
}

pub static ALL: &[&Rule] = &[
    &invalid::RULE,
    &removed_api::RULE,
    &no_probes::RULE,
    &no_resources::RULE,
    &run_as_root::RULE,
    &privileged::RULE,
    &privilege_escalation::RULE,
    &writable_root_fs::RULE,
    &capabilities::RULE,
    &host_namespace::RULE,
    &host_path::RULE,
    &docker_socket::RULE,
    &image_latest::RULE,
    &secret_in_env::RULE,
    &automount_token::RULE,
    &single_replica::RULE,
    &default_namespace::RULE,
    &service_selector::RULE,
    &selector_mismatch::RULE,
    &probe_port::RULE,
    &anti_affinity::RULE,
    &ingress_backend::RULE,
    &hpa_target::RULE,
    &no_network_policy::RULE,
    &service_target_port::RULE,
];

pub fn is_true(n: Option<&Node>) -> bool {
    n.is_some_and(|n| n.value == Value::Bool(true))
}

pub fn is_false(n: Option<&Node>) -> bool {
    n.is_some_and(|n| n.value == Value::Bool(false))
}

/// Where to point for a container: its `name` value, else the container.
pub fn at(container: &Node) -> &Node {
    container.get("name").unwrap_or(container)
}

/// Whether a non-empty selector's every label is among `labels`.
pub fn selects(selector: &[(String, String)], labels: &[(String, String)]) -> bool {
    !selector.is_empty() && selector.iter().all(|l| labels.contains(l))
}

/// `{a: b}` label maps as pairs.
pub fn labels(n: Option<&Node>) -> Vec<(String, String)> {
    n.and_then(Node::as_map)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.key_text()?, v.key_text()?)))
                .collect()
        })
        .unwrap_or_default()
}
