//! Kubernetes security settings are read from the container's
//! `securityContext`, then the pod's: the kubelet's precedence.

use shipready_yaml::Node;

/// A container's `securityContext` field, else the pod's (for the fields
/// the pod level also has).
pub fn security<'a>(pod: &'a Node, container: &'a Node, field: &str) -> Option<&'a Node> {
    container
        .get("securityContext")
        .and_then(|s| s.get(field))
        .or_else(|| pod.get("securityContext").and_then(|s| s.get(field)))
}
