//! `shipready convert`: Compose → production-grade Kubernetes (issue #12).
//! Built one mapping at a time, each its own module with its tests; the
//! command and the writers come when the mappings they need exist.
//!
//! - [`deploy`]: replicas, rollouts and placement;
//! - [`depends`]: `depends_on` with `service_healthy` as a wait in an init
//!   container;
//! - [`environment`]: `env`, with credentials moved to a Secret;
//! - [`kind`]: which workload a service becomes;
//! - [`names`]: Compose names as RFC 1123 labels, with the reason when
//!   one had to change;
//! - [`networks`]: Compose networks as NetworkPolicies;
//! - [`ports`]: `ports` and `expose` as Service ports, ranges refused;
//! - [`probes`]: a healthcheck as readiness, liveness and startup probes;
//! - [`resources`]: requests and limits, with marked defaults;
//! - [`security`]: the strict container security context and Compose's
//!   `user:` and `cap_add`;
//! - [`volumes`]: mounts told apart (PVC, emptyDir, ConfigMap, dropped).

pub mod depends;
pub mod deploy;
pub mod environment;
pub mod kind;
pub mod names;
pub mod networks;
pub mod ports;
pub mod probes;
pub mod resources;
pub mod security;
pub mod volumes;

/// A YAML snippet as the node the mappings read, for the modules' tests.
#[cfg(test)]
pub(crate) fn yaml(text: &str) -> shipready_yaml::Node {
    shipready_yaml::parse_stream(text, &shipready_yaml::Limits::default())
        .expect("yaml")
        .remove(0)
        .root
}
