use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports long-running services with neither `restart` nor
    /// `deploy.restart_policy`.
    ///
    /// ## Why is this bad?
    /// The default is `no`: a crash, an out-of-memory kill or a host reboot
    /// leaves the service down until someone notices.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: shop/api:1.4.2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: shop/api:1.4.2
    ///     restart: unless-stopped
    /// ```
    id: "SR-C006",
    name: "compose-no-restart",
    summary: "A service has no restart policy",
    severity: Warning,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for svc in ctx.services() {
        let policy = svc.get("restart").is_some()
            || svc
                .get("deploy")
                .and_then(|d| d.get("restart_policy"))
                .is_some();
        if policy {
            continue;
        }
        let one_shot = svc.get("command").is_some()
            && svc
                .get("profiles")
                .and_then(Node::as_seq)
                .is_some_and(|p| !p.is_empty());
        if one_shot {
            continue;
        }
        out.push(
            RULE.finding(
                svc.key.span,
                format!(
                    "service `{}` has no restart policy: after a crash or a reboot it stays down",
                    svc.name
                ),
            )
            .with_help("add `restart: unless-stopped` (or `on-failure` for jobs)"),
        );
    }
}
