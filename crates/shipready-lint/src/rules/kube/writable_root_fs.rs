use super::is_true;
use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports containers without `securityContext.readOnlyRootFilesystem:
    /// true`.
    ///
    /// ## Why is this bad?
    /// A writable root filesystem lets an intruder drop tools and change
    /// code in place. Mount an `emptyDir` where the service must write.
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
    ///     securityContext:
    ///       readOnlyRootFilesystem: true
    ///     volumeMounts: [{name: tmp, mountPath: /tmp}]
    /// ```
    id: "SR-K008",
    name: "kube-writable-root-fs",
    summary: "A container's root filesystem is writable",
    severity: Info,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["KSV014"],
    checkov: ["CKV_K8S_22"],
    kube_check: check,
    kube_linter: ["no-read-only-root-fs"],
    kube_score: ["container-security-context-readonlyrootfilesystem"],
    polaris: ["notReadOnlyRootFilesystem"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        for (c, _) in w.containers() {
            let v = c
                .get("securityContext")
                .and_then(|s| s.get("readOnlyRootFilesystem"));
            if !is_true(v) {
                let name = crate::Workload::container_name(c);
                out.push(
                    RULE.finding(v.map_or(super::at(c).span, |n| n.span), format!("container `{name}` of {} can write to its root filesystem", w.label()))
                        .with_help("set `readOnlyRootFilesystem: true` and mount an emptyDir where it must write"),
                );
            }
        }
    }
}
