use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports Deployments, StatefulSets, DaemonSets and ReplicaSets whose
    /// `spec.selector.matchLabels` is not satisfied by their own pod
    /// template's labels.
    ///
    /// ## Why is this bad?
    /// The API server refuses the object (`selector does not match
    /// template labels`); the deploy fails in the pipeline.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   selector: {matchLabels: {app: api}}
    ///   template:
    ///     metadata: {labels: {app: shop-api}}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   selector: {matchLabels: {app: api}}
    ///   template:
    ///     metadata: {labels: {app: api}}
    /// ```
    id: "SR-K019",
    name: "kube-selector-mismatch",
    summary: "A workload's selector does not match its pod template",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    kube_check: check,
    kube_linter: ["mismatching-selector"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        if !matches!(
            w.object.kind.as_str(),
            "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet"
        ) {
            continue;
        }
        let Some(ml) = w
            .object
            .node
            .get("spec")
            .and_then(|s| s.get("selector"))
            .and_then(|s| s.get("matchLabels"))
        else {
            continue;
        };
        let selector = super::labels(Some(ml));
        let labels = super::labels(w.labels);
        let missing: Vec<String> = selector
            .iter()
            .filter(|l| !labels.contains(l))
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if !missing.is_empty() {
            out.push(
                RULE.finding(ml.span, format!("{} selects {} which its pod template does not carry: the API server refuses it", w.label(), missing.join(",")))
                    .with_help("give `spec.template.metadata.labels` every label of `spec.selector.matchLabels`"),
            );
        }
    }
}
