use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports `depends_on` entries on a service that has a health check,
    /// waiting only for it to start (`service_started`, the default of
    /// the list form) instead of `condition: service_healthy`.
    ///
    /// ## Why is this bad?
    /// A database container starts seconds before it accepts connections;
    /// the dependent service starts, fails to connect and crash-loops or,
    /// worse, starts degraded. The health check is already there: wait for
    /// it.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     depends_on: [db]
    ///   db:
    ///     image: postgres:16
    ///     healthcheck:
    ///       test: ["CMD", "pg_isready"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     depends_on:
    ///       db:
    ///         condition: service_healthy
    /// ```
    id: "SR-C005",
    name: "compose-depends-on-not-healthy",
    summary: "`depends_on` does not wait for a dependency's health check",
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
    let healthy: std::collections::HashSet<String> = ctx
        .services()
        .filter(|s| {
            s.get("healthcheck").is_some_and(|h| {
                h.get("disable").and_then(Node::key_text).as_deref() != Some("true")
            })
        })
        .map(|s| s.name)
        .collect();
    for svc in ctx.services() {
        let Some(deps) = svc.get("depends_on").and_then(Node::as_map) else {
            continue;
        };
        for (dep, cond) in deps.iter() {
            let Some(name) = dep.key_text() else { continue };
            let condition = cond.get("condition").and_then(Node::key_text);
            if healthy.contains(&name) && condition.as_deref() != Some("service_healthy") {
                out.push(
                    RULE.finding(
                        dep.span,
                        format!(
                            "`{}` waits only for `{name}` to start, not to be healthy: it will connect before `{name}` is ready",
                            svc.name
                        ),
                    )
                    .with_help(format!("use `depends_on: {{{name}: {{condition: service_healthy}}}}`")),
                );
            }
        }
    }
}
