use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports containers that do not drop `ALL` capabilities, and those
    /// that add `SYS_ADMIN`, `NET_RAW`'s dangerous peers or `ALL`.
    ///
    /// ## Why is this bad?
    /// The runtime's default set includes `NET_RAW` (spoofing on the pod
    /// network) and `CHOWN`, `SETUID`, `DAC_OVERRIDE`, … that a web service
    /// never needs. Drop everything, add back what is needed.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext: {}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// securityContext:
    ///   capabilities:
    ///     drop: [ALL]
    ///     add: [NET_BIND_SERVICE]
    /// ```
    id: "SR-K009",
    name: "kube-capabilities",
    summary: "A container keeps the default capabilities or adds dangerous ones",
    severity: Warning,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["KSV003"],
    checkov: ["CKV_K8S_28", "CKV_K8S_37", "CKV_K8S_39"],
    kube_check: check,
    kube_linter: ["drop-net-raw-capability"],
    polaris: ["insecureCapabilities", "dangerousCapabilities"],
}

const DANGEROUS: &[&str] = &["ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE"];

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        for (c, _) in w.containers() {
            let caps = c.get("securityContext").and_then(|s| s.get("capabilities"));
            let list = |k: &str| -> Vec<&Node> {
                caps.and_then(|c| c.get(k))
                    .and_then(Node::as_seq)
                    .map(|s| s.iter().collect())
                    .unwrap_or_default()
            };
            let name = crate::Workload::container_name(c);
            let drops_all = list("drop")
                .iter()
                .any(|d| d.key_text().as_deref() == Some("ALL"));
            if !drops_all {
                out.push(
                    RULE.finding(super::at(c).span, format!("container `{name}` of {} keeps the runtime's default capabilities", w.label()))
                        .with_help("set `securityContext.capabilities.drop: [ALL]` and add back only what it needs"),
                );
            }
            for add in list("add") {
                let cap = add.key_text().unwrap_or_default();
                if DANGEROUS.contains(&cap.trim_start_matches("CAP_")) {
                    out.push(
                        RULE.finding(add.span, format!("container `{name}` of {} adds `{cap}`", w.label()))
                            .with_help("find the narrower capability the process needs, or move the work out of the pod"),
                    );
                }
            }
        }
    }
}
