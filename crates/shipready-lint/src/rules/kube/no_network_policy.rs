use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use std::collections::BTreeMap;

crate::declare_rule! {
    /// ## What it does
    /// Reports namespaces that hold workloads in the run but no
    /// NetworkPolicy (info: policies may live elsewhere).
    ///
    /// ## Why is this bad?
    /// Without a policy every pod accepts traffic from every pod of the
    /// cluster: one compromised service reaches the database of another.
    ///
    /// ## Example
    /// ```yaml
    /// kind: Deployment
    /// metadata: {name: api, namespace: shop}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// kind: NetworkPolicy
    /// metadata: {name: default-deny, namespace: shop}
    /// spec:
    ///   podSelector: {}
    ///   policyTypes: [Ingress]
    /// ```
    id: "SR-K024",
    name: "kube-no-network-policy",
    summary: "A namespace with workloads has no NetworkPolicy",
    severity: Info,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    kube_check: check,
    kube_score: ["pod-networkpolicy"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    let mut first: BTreeMap<String, (Span, String)> = BTreeMap::new();
    for w in ctx.workloads() {
        let ns = w
            .object
            .namespace
            .clone()
            .unwrap_or_else(|| "default".into());
        let at = w
            .object
            .node
            .get("metadata")
            .and_then(|m| m.get("name"))
            .map_or(w.object.node.span, |n| n.span);
        first.entry(ns).or_insert((at, w.label()));
    }
    for (ns, (span, label)) in first {
        let covered = ctx
            .of_kind("NetworkPolicy")
            .any(|p| p.namespace.clone().unwrap_or_else(|| "default".into()) == ns);
        if !covered {
            out.push(
                RULE.finding(span, format!("namespace `{ns}` (first workload: {label}) has no NetworkPolicy in these manifests: every pod accepts traffic from the whole cluster"))
                    .with_help("add a default-deny NetworkPolicy for the namespace and allow what each service needs"),
            );
        }
    }
}
