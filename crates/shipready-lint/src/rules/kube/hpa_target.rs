use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports HorizontalPodAutoscalers whose `scaleTargetRef` names a
    /// workload that is not in the run, when the run holds workloads of
    /// that kind in the namespace.
    ///
    /// ## Why is this bad?
    /// The autoscaler does nothing (its status says `FailedGetScale`), and
    /// the load it was meant to absorb is not absorbed.
    ///
    /// ## Example
    /// ```yaml
    /// scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api-v1}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
    /// ```
    id: "SR-K023",
    name: "kube-hpa-target",
    summary: "An autoscaler targets a missing workload",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    kube_check: check,
    kube_score: ["horizontalpodautoscaler-has-target"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for hpa in ctx.of_kind("HorizontalPodAutoscaler") {
        let Some(target) = hpa.node.get("spec").and_then(|s| s.get("scaleTargetRef")) else {
            continue;
        };
        let kind = target
            .get("kind")
            .and_then(Node::key_text)
            .unwrap_or_default();
        let Some(name_node) = target.get("name") else {
            continue;
        };
        let name = name_node.key_text().unwrap_or_default();
        let same_kind: Vec<_> = ctx
            .objects
            .iter()
            .filter(|o| o.kind == kind && o.namespace == hpa.namespace)
            .collect();
        if same_kind.is_empty()
            || same_kind
                .iter()
                .any(|o| o.name.as_deref() == Some(name.as_str()))
        {
            continue;
        }
        out.push(
            RULE.finding(
                name_node.span,
                format!(
                    "{} scales {kind} `{name}`, which these manifests do not define",
                    hpa.label()
                ),
            )
            .with_help("name the workload exactly as its `metadata.name`"),
        );
    }
}
