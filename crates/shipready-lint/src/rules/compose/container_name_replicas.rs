use super::replicas;
use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `container_name` on a service with `deploy.replicas` above 1.
    ///
    /// ## Why is this bad?
    /// Container names are unique per host: the second replica fails to
    /// start (`Conflict. The container name … is already in use`), and
    /// `docker compose up --scale` refuses the service.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   worker:
    ///     container_name: worker
    ///     deploy:
    ///       replicas: 3
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   worker:
    ///     deploy:
    ///       replicas: 3
    /// ```
    id: "SR-C019",
    name: "compose-container-name-replicas",
    summary: "`container_name` on a service with several replicas",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for svc in ctx.services() {
        let n = replicas(&svc);
        let Some((key, _)) = svc.entry("container_name") else {
            continue;
        };
        if n > 1 {
            out.push(
                RULE.finding(key.span, format!("service `{}` has a fixed `container_name` and {n} replicas: only one can start", svc.name))
                    .with_help("remove `container_name`; compose names replicas `<project>-<service>-<n>`"),
            );
        }
    }
}
