use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports services sharing the host's namespaces: `network_mode:
    /// host`, `pid: host`, `ipc: host`, `userns_mode: host`, `uts: host`.
    ///
    /// ## Why is this bad?
    /// `network_mode: host` exposes every port the process opens on every
    /// host interface and lets it reach services bound to localhost;
    /// `pid: host` lets it see and signal the host's processes.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     network_mode: host
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     ports: ["127.0.0.1:8080:8080"]
    /// ```
    id: "SR-C012",
    name: "compose-host-namespace",
    summary: "A service shares a namespace with the host",
    severity: Warning,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for svc in ctx.services() {
        for key in ["network_mode", "pid", "ipc", "userns_mode", "uts"] {
            let Some((k, v)) = svc.entry(key) else {
                continue;
            };
            if v.key_text().as_deref() == Some("host") {
                out.push(
                    RULE.finding(
                        k.span,
                        format!("service `{}` uses the host's {} namespace (`{key}: host`): its isolation is gone", svc.name, key.trim_end_matches("_mode")),
                    )
                    .with_help("remove it; publish the ports you need with `ports:` instead of host networking"),
                );
            }
        }
    }
}
