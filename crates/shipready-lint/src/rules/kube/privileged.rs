use super::is_true;
use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports containers with `securityContext.privileged: true`.
    ///
    /// ## Why is this bad?
    /// A privileged container has all capabilities and every device of the
    /// node: root in it is root on the node.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   privileged: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// securityContext:
    ///   capabilities:
    ///     drop: [ALL]
    ///     add: [NET_ADMIN]
    /// ```
    id: "SR-K006",
    name: "kube-privileged",
    summary: "A container runs privileged",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["KSV017"],
    checkov: ["CKV_K8S_16"],
    kube_check: check,
    kube_linter: ["privileged-container"],
    kube_score: ["container-security-context-privileged"],
    polaris: ["runAsPrivileged"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        for (c, _) in w.containers() {
            let p = c.get("securityContext").and_then(|s| s.get("privileged"));
            if is_true(p) {
                let name = crate::Workload::container_name(c);
                out.push(
                    RULE.finding(p.map_or(c.span, |n| n.span), format!("container `{name}` of {} is privileged: root in it is root on the node", w.label()))
                        .with_help("remove `privileged` and add only the capabilities it needs"),
                );
            }
        }
    }
}
