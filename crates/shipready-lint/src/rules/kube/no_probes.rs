use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports containers of long-running workloads (not Jobs, CronJobs or
    /// init containers) with no `readinessProbe` or no `livenessProbe`.
    ///
    /// ## Why is this bad?
    /// Without a readiness probe a pod gets traffic before it can serve it,
    /// and during every rollout; without a liveness probe a deadlocked
    /// process is never restarted.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    ///   - name: api
    ///     image: shop/api:1.4.2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// containers:
    ///   - name: api
    ///     image: shop/api:1.4.2
    ///     readinessProbe:
    ///       httpGet: {path: /ready, port: 8080}
    ///     livenessProbe:
    ///       httpGet: {path: /health, port: 8080}
    /// ```
    id: "SR-K003",
    name: "kube-no-probes",
    summary: "A container has no readiness or liveness probe",
    severity: Warning,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: ["CKV_K8S_8", "CKV_K8S_9"],
    kube_check: check,
    kube_linter: ["no-liveness-probe", "no-readiness-probe"],
    kube_score: ["container-readiness-probe", "container-liveness-probe"],
    polaris: ["livenessProbeMissing", "readinessProbeMissing"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        if matches!(w.object.kind.as_str(), "Job" | "CronJob") {
            continue;
        }
        for (c, init) in w.containers() {
            if init {
                continue;
            }
            let missing: Vec<&str> = ["readinessProbe", "livenessProbe"]
                .into_iter()
                .filter(|p| c.get(p).is_none())
                .collect();
            if missing.is_empty() {
                continue;
            }
            let name = crate::Workload::container_name(c);
            out.push(
                RULE.finding(super::at(c).span, format!("container `{name}` of {} has no {}", w.label(), missing.join(" or ")))
                    .with_help("add a readinessProbe (traffic only when ready) and a livenessProbe (restart when stuck) on the service's health endpoint"),
            );
        }
    }
}
