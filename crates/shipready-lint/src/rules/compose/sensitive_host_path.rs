use super::binds;
use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports bind mounts of the host's system directories: `/`, `/etc`,
    /// `/root`, `/home`, `/boot`, `/dev`, `/proc`, `/sys`, `/var/lib/docker`,
    /// `/var/run`, `/run`, and anything below `/etc`, `/root`, `/boot`,
    /// `/proc`, `/sys`.
    ///
    /// ## Why is this bad?
    /// The container can read the host's secrets (`/etc/shadow`, SSH keys)
    /// and, mounted writable, change the host's configuration.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   agent:
    ///     volumes: ["/:/host"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   agent:
    ///     volumes: ["/var/log/app:/logs:ro"]
    /// ```
    id: "SR-C014",
    name: "compose-sensitive-host-path",
    summary: "A service mounts a sensitive host directory",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

const EXACT: &[&str] = &[
    "/",
    "/home",
    "/dev",
    "/var/lib/docker",
    "/var/run",
    "/run",
    "/var/lib/kubelet",
];
const TREES: &[&str] = &["/etc", "/root", "/boot", "/proc", "/sys"];

fn sensitive(path: &str) -> bool {
    let p = path.trim_end_matches('/');
    let p = if p.is_empty() { "/" } else { p };
    EXACT.contains(&p)
        || TREES
            .iter()
            .any(|t| p == *t || p.strip_prefix(t).is_some_and(|r| r.starts_with('/')))
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for svc in ctx.services() {
        for b in binds(&svc) {
            // The engine's socket has its own rule.
            if b.source.ends_with(".sock") || !sensitive(&b.source) {
                continue;
            }
            out.push(
                RULE.finding(b.node.span, format!("service `{}` mounts the host's {} at {}: host secrets and configuration become reachable", svc.name, b.source, b.target))
                    .with_help("mount only the file or directory the service needs, read-only (`:ro`)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths() {
        assert!(super::sensitive("/"));
        assert!(super::sensitive("/etc/"));
        assert!(super::sensitive("/etc/ssl"));
        assert!(!super::sensitive("/etcetera"));
        assert!(!super::sensitive("/srv/app"));
        assert!(!super::sensitive("/home/app/data"));
    }
}
