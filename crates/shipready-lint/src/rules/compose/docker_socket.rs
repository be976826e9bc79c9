use super::binds;
use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports bind mounts of the Docker (or Podman, containerd) socket.
    ///
    /// ## Why is this bad?
    /// Whoever talks to the socket can start a privileged container with
    /// the host's disk mounted: the socket is root on the host, handed to
    /// the service and to anyone who compromises it.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   ci:
    ///     volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// # a socket proxy that allows only the calls the service needs
    /// services:
    ///   ci:
    ///     environment: [DOCKER_HOST=tcp://socket-proxy:2375]
    /// ```
    id: "SR-C013",
    name: "compose-docker-socket",
    summary: "A service mounts the container engine's socket",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

const SOCKETS: &[&str] = &[
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/run/podman/podman.sock",
    "/run/containerd/containerd.sock",
    "/var/run/crio/crio.sock",
];

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for svc in ctx.services() {
        for b in binds(&svc) {
            if SOCKETS.contains(&b.source.trim_end_matches('/')) {
                out.push(
                    RULE.finding(b.node.span, format!("service `{}` mounts {}: control of the engine is root on the host", svc.name, b.source))
                        .with_help("remove the mount, or put a socket proxy in front that allows only the API calls it needs, read-only"),
                );
            }
        }
    }
}
