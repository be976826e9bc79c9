use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports long-running services with no `healthcheck` (one-shot
    /// services, `restart: "no"` with a `command`, are left alone). A
    /// service built from a Dockerfile whose final stage has a
    /// HEALTHCHECK has one: compose uses the image's.
    ///
    /// ## Why is this bad?
    /// Without a health check compose reports a hung process as `running`,
    /// `depends_on: condition: service_healthy` cannot wait for it, and a
    /// `restart` policy never fires for a deadlock.
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
    ///     healthcheck:
    ///       test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]
    ///       interval: 30s
    ///       timeout: 3s
    ///       retries: 3
    /// ```
    id: "SR-C004",
    name: "compose-no-healthcheck",
    summary: "A long-running service has no health check",
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
        if svc.get("healthcheck").is_some() {
            continue;
        }
        let one_shot = svc.get("restart").and_then(Node::key_text).as_deref() == Some("no")
            && svc.get("command").is_some();
        let built_with_one = ctx
            .built_dockerfile(&svc.name)
            .is_some_and(|d| d.final_stage.healthcheck.is_some());
        if one_shot || built_with_one {
            continue;
        }
        out.push(
            RULE.finding(
                svc.key.span,
                format!("service `{}` has no health check: a hung process still counts as running", svc.name),
            )
            .with_help("add `healthcheck: {test: [\"CMD\", …], interval: 30s, timeout: 3s, retries: 3}`, or a HEALTHCHECK in its Dockerfile"),
        );
    }
}
