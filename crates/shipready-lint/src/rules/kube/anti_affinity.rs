use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Value;

crate::declare_rule! {
    /// ## What it does
    /// Reports Deployments and StatefulSets with 2 replicas or more and
    /// neither a pod anti-affinity nor `topologySpreadConstraints`.
    ///
    /// ## Why is this bad?
    /// The scheduler may put every replica on one node (or one zone): the
    /// replicas are there, the redundancy is not, and one node failure is
    /// an outage.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   replicas: 3
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   replicas: 3
    ///   template:
    ///     spec:
    ///       topologySpreadConstraints:
    ///         - maxSkew: 1
    ///           topologyKey: kubernetes.io/hostname
    ///           whenUnsatisfiable: ScheduleAnyway
    ///           labelSelector: {matchLabels: {app: api}}
    /// ```
    id: "SR-K021",
    name: "kube-no-spread",
    summary: "Replicas may all land on one node",
    severity: Info,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    kube_check: check,
    kube_linter: ["no-anti-affinity"],
    kube_score: ["deployment-pod-anti-affinity"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        if !matches!(w.object.kind.as_str(), "Deployment" | "StatefulSet") {
            continue;
        }
        let Some(replicas) = w.object.node.get("spec").and_then(|s| s.get("replicas")) else {
            continue;
        };
        let Value::Int(n) = replicas.value else {
            continue;
        };
        if n < 2 {
            continue;
        }
        let spread = w.pod.get("topologySpreadConstraints").is_some()
            || w.pod
                .get("affinity")
                .and_then(|a| a.get("podAntiAffinity"))
                .is_some();
        if !spread {
            out.push(
                RULE.finding(replicas.span, format!("{} runs {n} replicas with no anti-affinity or topology spread: they may share one node", w.label()))
                    .with_help("add `topologySpreadConstraints` over `kubernetes.io/hostname` (and the zone) selecting its pods"),
            );
        }
    }
}
