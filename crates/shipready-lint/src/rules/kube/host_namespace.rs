use super::is_true;
use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports pods with `hostNetwork`, `hostPID` or `hostIPC` set.
    ///
    /// ## Why is this bad?
    /// The pod shares the node's network (every port it opens is on the
    /// node, it reaches services bound to the node's localhost), its
    /// processes, or its shared memory.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   hostNetwork: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   containers:
    ///     - name: api
    ///       ports: [{containerPort: 8080}]
    /// ```
    id: "SR-K010",
    name: "kube-host-namespace",
    summary: "A pod shares the node's network, PID or IPC namespace",
    severity: Warning,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["KSV009", "KSV010", "KSV008"],
    checkov: ["CKV_K8S_19", "CKV_K8S_17", "CKV_K8S_18"],
    kube_check: check,
    kube_linter: ["host-network", "host-pid", "host-ipc"],
    polaris: ["hostNetworkSet", "hostPIDSet", "hostIPCSet"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        for field in ["hostNetwork", "hostPID", "hostIPC"] {
            let Some((k, v)) = w.pod.as_map().and_then(|m| m.entry(field)) else {
                continue;
            };
            if is_true(Some(v)) {
                out.push(
                    RULE.finding(
                        k.span,
                        format!(
                            "{} sets `{field}: true`: it shares the node's namespace",
                            w.label()
                        ),
                    )
                    .with_help("remove it; expose ports through a Service instead"),
                );
            }
        }
    }
}
