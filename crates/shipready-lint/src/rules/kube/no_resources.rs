use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports containers without CPU and memory requests or without a
    /// memory limit.
    ///
    /// ## Why is this bad?
    /// The scheduler places pods by their requests: without them a node
    /// is overcommitted and pods are evicted first under pressure. Without
    /// a memory limit one leak takes the node's memory.
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
    ///     resources:
    ///       requests: {cpu: 100m, memory: 256Mi}
    ///       limits: {memory: 256Mi}
    /// ```
    id: "SR-K004",
    name: "kube-no-resources",
    summary: "A container has no CPU/memory requests or memory limit",
    severity: Warning,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["KSV015", "KSV016", "KSV018"],
    checkov: ["CKV_K8S_10", "CKV_K8S_12", "CKV_K8S_13"],
    kube_check: check,
    kube_linter: ["unset-cpu-requirements", "unset-memory-requirements"],
    kube_score: ["container-resources"],
    polaris: ["cpuRequestsMissing", "memoryRequestsMissing", "memoryLimitsMissing"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        for (c, _) in w.containers() {
            let res = c.get("resources");
            let has = |part: &str, what: &str| {
                res.and_then(|r| r.get(part))
                    .and_then(|p| p.get(what))
                    .is_some_and(|v| !Node::is_null(v))
            };
            let missing: Vec<&str> = [
                ("requests", "cpu", "CPU request"),
                ("requests", "memory", "memory request"),
                ("limits", "memory", "memory limit"),
            ]
            .into_iter()
            .filter(|(p, w, _)| !has(p, w))
            .map(|(_, _, label)| label)
            .collect();
            if missing.is_empty() {
                continue;
            }
            let name = crate::Workload::container_name(c);
            out.push(
                RULE.finding(super::at(c).span, format!("container `{name}` of {} has no {}", w.label(), missing.join(" or ")))
                    .with_help("set `resources.requests` (cpu, memory) from observed use and `resources.limits.memory`"),
            );
        }
    }
}
