use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports services with no memory limit (`deploy.resources.limits.memory`
    /// or `mem_limit`) or no CPU limit (`deploy.resources.limits.cpus` or
    /// `cpus`).
    ///
    /// ## Why is this bad?
    /// One leaking service takes the host's memory and the kernel's OOM
    /// killer picks a victim, often the database next to it. Limits make
    /// the failure land on the service that caused it, and they are the
    /// numbers a move to Kubernetes needs for requests and limits.
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
    ///     deploy:
    ///       resources:
    ///         limits: {cpus: "1", memory: 512M}
    /// ```
    id: "SR-C007",
    name: "compose-no-resource-limits",
    summary: "A service has no memory or CPU limit",
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
        let limits = svc
            .get("deploy")
            .and_then(|d| d.get("resources"))
            .and_then(|r| r.get("limits"));
        let memory =
            svc.get("mem_limit").is_some() || limits.and_then(|l| l.get("memory")).is_some();
        let cpu = svc.get("cpus").is_some() || limits.and_then(|l| l.get("cpus")).is_some();
        let missing = match (memory, cpu) {
            (true, true) => continue,
            (false, false) => "memory or CPU limit",
            (false, true) => "memory limit",
            (true, false) => "CPU limit",
        };
        out.push(
            RULE.finding(
                svc.key.span,
                format!("service `{}` has no {missing}: one runaway container can starve the host", svc.name),
            )
            .with_help("set `deploy.resources.limits` (`cpus: \"1\"`, `memory: 512M`) from what the service really uses"),
        );
    }
}
