use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports Services whose selector matches the pod labels of no
    /// workload in the run (when the run has workloads at all).
    ///
    /// ## Why is this bad?
    /// The Service has no endpoints: every request to it fails, and
    /// nothing says why but an empty `kubectl get endpoints`.
    ///
    /// ## Example
    /// ```yaml
    /// kind: Service
    /// spec:
    ///   selector: {app: api}
    /// ---
    /// kind: Deployment
    /// spec:
    ///   template:
    ///     metadata:
    ///       labels: {app: shop-api}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// kind: Service
    /// spec:
    ///   selector: {app: shop-api}
    /// ```
    id: "SR-K018",
    name: "kube-service-selector",
    summary: "A Service selects no pods",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    kube_check: check,
    kube_linter: ["dangling-service"],
    kube_score: ["service-targets-pod"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    if ctx.workloads().is_empty() {
        return;
    }
    for svc in ctx.of_kind("Service") {
        let Some(sel_node) = svc.node.get("spec").and_then(|s| s.get("selector")) else {
            continue;
        };
        let selector = super::labels(Some(sel_node));
        if selector.is_empty() {
            continue;
        }
        if ctx.selected(&svc.namespace, &selector).is_empty() {
            let shown: Vec<String> = selector.iter().map(|(k, v)| format!("{k}={v}")).collect();
            out.push(
                RULE.finding(
                    sel_node.span,
                    format!(
                        "{} selects {} but no pod template in these manifests has those labels",
                        svc.label(),
                        shown.join(",")
                    ),
                )
                .with_help(
                    "make the selector equal to the workload's `spec.template.metadata.labels`",
                ),
            );
        }
    }
}
