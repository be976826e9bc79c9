use super::is_false;
use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports containers that do not set
    /// `securityContext.allowPrivilegeEscalation: false`.
    ///
    /// ## Why is this bad?
    /// The default allows a process to gain more privileges than its
    /// parent (setuid binaries, file capabilities): a way from the
    /// service's user to root inside the container.
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
    ///       allowPrivilegeEscalation: false
    /// ```
    id: "SR-K007",
    name: "kube-privilege-escalation",
    summary: "A container allows privilege escalation",
    severity: Warning,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["KSV001"],
    checkov: ["CKV_K8S_20"],
    kube_check: check,
    kube_linter: ["privilege-escalation-container"],
    polaris: ["privilegeEscalationAllowed"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        for (c, _) in w.containers() {
            let v = c
                .get("securityContext")
                .and_then(|s| s.get("allowPrivilegeEscalation"));
            if !is_false(v) {
                let name = crate::Workload::container_name(c);
                out.push(
                    RULE.finding(
                        v.map_or(super::at(c).span, |n| n.span),
                        format!(
                            "container `{name}` of {} allows privilege escalation",
                            w.label()
                        ),
                    )
                    .with_help("set `securityContext.allowPrivilegeEscalation: false`"),
                );
            }
        }
    }
}
