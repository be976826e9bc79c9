//! Compose rules, one per file: they read a loaded, merged Compose
//! project (`shipready lint` on compose.yaml and its override files).
//! `ALL` is ordered by ID.

pub mod build_dockerfile_missing;
pub mod build_without_image;
pub mod cap_add_all;
pub mod container_name_replicas;
pub mod datastore_port_public;
pub mod depends_on_not_healthy;
pub mod docker_socket;
pub mod host_namespace;
pub mod image_latest;
pub mod invalid;
pub mod log_rotation;
pub mod no_healthcheck;
pub mod no_read_only;
pub mod no_resource_limits;
pub mod no_restart;
pub mod no_user;
pub mod privileged;
pub mod secret_in_environment;
pub mod sensitive_host_path;
pub mod source_bind_mount;
pub mod unset_variable;
pub mod version_obsolete;

use crate::compose_context::Service;
use crate::Rule;
use shipready_yaml::Node;

pub static ALL: &[&Rule] = &[
    &invalid::RULE,
    &unset_variable::RULE,
    &version_obsolete::RULE,
    &no_healthcheck::RULE,
    &depends_on_not_healthy::RULE,
    &no_restart::RULE,
    &no_resource_limits::RULE,
    &image_latest::RULE,
    &build_without_image::RULE,
    &privileged::RULE,
    &cap_add_all::RULE,
    &host_namespace::RULE,
    &docker_socket::RULE,
    &sensitive_host_path::RULE,
    &secret_in_environment::RULE,
    &datastore_port_public::RULE,
    &no_read_only::RULE,
    &no_user::RULE,
    &container_name_replicas::RULE,
    &log_rotation::RULE,
    &source_bind_mount::RULE,
    &build_dockerfile_missing::RULE,
];

/// A bind mount of a service: host source, container target, and the node
/// to point at.
pub struct Bind<'a> {
    pub source: String,
    pub target: String,
    pub node: &'a Node,
}

/// The service's host-path mounts, short (`./src:/app:ro`) and long
/// (`type: bind`) syntax. Sources are absolute: the loader resolved them.
pub fn binds<'a>(svc: &Service<'a>) -> Vec<Bind<'a>> {
    let vols = svc.get("volumes").and_then(Node::as_seq).unwrap_or(&[]);
    vols.iter()
        .filter_map(|v| {
            if let Some(text) = v.as_str() {
                let mut parts = text.splitn(3, ':');
                let source = parts.next()?;
                let target = parts.next()?;
                return source.starts_with('/').then(|| Bind {
                    source: source.to_string(),
                    target: target.to_string(),
                    node: v,
                });
            }
            let m = v.as_map()?;
            (m.get("type")?.as_str()? == "bind").then(|| Bind {
                source: m.get("source").and_then(Node::key_text).unwrap_or_default(),
                target: m.get("target").and_then(Node::key_text).unwrap_or_default(),
                node: v,
            })
        })
        .collect()
}

/// The node to point at for an attribute: its value when present, else
/// the service's name.
pub fn at<'a>(svc: &Service<'a>, key: &str) -> &'a Node {
    svc.node
        .as_map()
        .and_then(|m| m.entry(key))
        .map_or(svc.key, |(k, _)| k)
}

/// `deploy.replicas`, 1 when absent.
pub fn replicas(svc: &Service<'_>) -> i64 {
    match svc
        .get("deploy")
        .and_then(|d| d.get("replicas"))
        .map(|r| &r.value)
    {
        Some(shipready_yaml::Value::Int(n)) => *n,
        Some(shipready_yaml::Value::Str(s)) => s.parse().unwrap_or(1),
        _ => 1,
    }
}
