use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports namespaced workloads and Services placed in `default`,
    /// explicitly or by naming no namespace (info: `kubectl apply -n` or a
    /// kustomization may set it at deploy time).
    ///
    /// ## Why is this bad?
    /// `default` mixes every team's objects, gets no resource quota or
    /// network policy of its own, and RBAC for it is all or nothing.
    ///
    /// ## Example
    /// ```yaml
    /// metadata:
    ///   name: api
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// metadata:
    ///   name: api
    ///   namespace: shop
    /// ```
    id: "SR-K017",
    name: "kube-default-namespace",
    summary: "An object goes to the `default` namespace",
    severity: Info,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["KSV110"],
    checkov: ["CKV_K8S_21"],
    kube_check: check,
}

const NAMESPACED: &[&str] = &[
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ReplicationController",
    "Job",
    "CronJob",
    "Pod",
    "Service",
    "ConfigMap",
    "Secret",
    "Ingress",
    "PersistentVolumeClaim",
];

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for o in ctx
        .objects
        .iter()
        .filter(|o| NAMESPACED.contains(&o.kind.as_str()))
    {
        if o.namespace.as_deref().is_some_and(|n| n != "default") {
            continue;
        }
        let meta = o.node.get("metadata");
        let at = meta
            .and_then(|m| m.get("namespace").or_else(|| m.get("name")))
            .unwrap_or(&o.node);
        out.push(
            RULE.finding(at.span, format!("{} goes to the `default` namespace", o.label()))
                .with_help("give the application its own namespace (`metadata.namespace`, or `namespace:` in a kustomization)"),
        );
    }
}
