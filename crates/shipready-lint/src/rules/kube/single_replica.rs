use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Value;

crate::declare_rule! {
    /// ## What it does
    /// Reports Deployments and StatefulSets with fewer than 2 replicas and
    /// no PodDisruptionBudget selecting their pods in the same run.
    ///
    /// ## Why is this bad?
    /// One replica means downtime on every node drain, upgrade and
    /// eviction; a PodDisruptionBudget makes voluntary disruptions wait
    /// until another replica is ready.
    ///
    /// ## Example
    /// ```yaml
    /// kind: Deployment
    /// spec:
    ///   replicas: 1
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// kind: Deployment
    /// spec:
    ///   replicas: 2
    /// ---
    /// kind: PodDisruptionBudget
    /// spec:
    ///   minAvailable: 1
    ///   selector: {matchLabels: {app: api}}
    /// ```
    id: "SR-K016",
    name: "kube-single-replica",
    summary: "A workload has one replica and no PodDisruptionBudget",
    severity: Warning,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    kube_check: check,
    kube_linter: ["minimum-three-replicas"],
    kube_score: ["deployment-has-poddisruptionbudget"],
    polaris: ["missingPodDisruptionBudget"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    let pdbs: Vec<Vec<(String, String)>> = ctx
        .of_kind("PodDisruptionBudget")
        .map(|p| {
            super::labels(
                p.node
                    .get("spec")
                    .and_then(|s| s.get("selector"))
                    .and_then(|s| s.get("matchLabels")),
            )
        })
        .collect();
    for w in ctx.workloads() {
        if !matches!(w.object.kind.as_str(), "Deployment" | "StatefulSet") {
            continue;
        }
        let spec = w.object.node.get("spec");
        let replicas = spec.and_then(|s| s.get("replicas"));
        let n = match replicas.map(|r| &r.value) {
            Some(Value::Int(n)) => *n,
            None => 1,
            _ => continue,
        };
        if n >= 2 {
            continue;
        }
        let pod_labels = super::labels(w.labels);
        let covered = pdbs.iter().any(|sel| super::selects(sel, &pod_labels));
        if covered {
            continue;
        }
        let at = replicas.unwrap_or_else(|| w.object.node.get("kind").unwrap_or(&w.object.node));
        out.push(
            RULE.finding(at.span, format!("{} runs {n} replica and no PodDisruptionBudget: every node drain is an outage", w.label()))
                .with_help("run at least 2 replicas and add a PodDisruptionBudget (`minAvailable: 1`) selecting its pods"),
        );
    }
}
