use super::{is_true, security};
use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Value;

crate::declare_rule! {
    /// ## What it does
    /// Reports containers that may run as root: `runAsUser: 0`, or neither
    /// `runAsNonRoot: true` nor a non-zero `runAsUser` (container or pod
    /// level).
    ///
    /// ## Why is this bad?
    /// Most images run as root unless told otherwise; root in a container
    /// is one kernel or runtime bug from root on the node. `runAsNonRoot`
    /// makes the kubelet refuse to start an image that would run as root.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   containers:
    ///     - name: api
    ///       image: shop/api:1.4.2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   securityContext:
    ///     runAsNonRoot: true
    ///     runAsUser: 10001
    ///   containers:
    ///     - name: api
    ///       image: shop/api:1.4.2
    /// ```
    id: "SR-K005",
    name: "kube-run-as-root",
    summary: "A container may run as root",
    severity: Warning,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["KSV012"],
    checkov: ["CKV_K8S_23"],
    kube_check: check,
    kube_linter: ["run-as-non-root"],
    kube_score: ["container-security-context-user-group-id"],
    polaris: ["runAsRootAllowed"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        for (c, _) in w.containers() {
            let user = security(w.pod, c, "runAsUser");
            let name = crate::Workload::container_name(c);
            if let Some(u) = user.filter(|u| u.value == Value::Int(0)) {
                out.push(
                    RULE.finding(
                        u.span,
                        format!(
                            "container `{name}` of {} runs as root (`runAsUser: 0`)",
                            w.label()
                        ),
                    )
                    .with_help("use a non-zero UID and `runAsNonRoot: true`"),
                );
                continue;
            }
            let non_root = is_true(security(w.pod, c, "runAsNonRoot"))
                || user.is_some_and(|u| matches!(u.value, Value::Int(n) if n > 0));
            if !non_root {
                out.push(
                    RULE.finding(super::at(c).span, format!("container `{name}` of {} may run as root: no `runAsNonRoot: true` or non-zero `runAsUser`", w.label()))
                        .with_help("set `securityContext.runAsNonRoot: true` (pod or container) and a numeric non-root `runAsUser`"),
                );
            }
        }
    }
}
