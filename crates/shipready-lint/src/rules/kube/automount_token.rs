use super::is_false;
use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports pods that do not set `automountServiceAccountToken: false`
    /// (on the pod, or on the ServiceAccount it uses, when that is in the
    /// same run).
    ///
    /// ## Why is this bad?
    /// Every pod gets an API token by default. A service that never calls
    /// the Kubernetes API hands an intruder a credential for it.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   containers: [{name: api, image: shop/api:1.4.2}]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   automountServiceAccountToken: false
    ///   containers: [{name: api, image: shop/api:1.4.2}]
    /// ```
    id: "SR-K015",
    name: "kube-automount-token",
    summary: "A pod gets an API token it may not need",
    severity: Info,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["KSV036"],
    checkov: ["CKV_K8S_38"],
    kube_check: check,
    polaris: ["automountServiceAccountToken"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        if is_false(w.pod.get("automountServiceAccountToken")) {
            continue;
        }
        let sa_name = w
            .pod
            .get("serviceAccountName")
            .and_then(shipready_yaml::Node::key_text)
            .unwrap_or_else(|| "default".into());
        let sa_off = ctx.of_kind("ServiceAccount").any(|sa| {
            sa.name.as_deref() == Some(sa_name.as_str())
                && is_false(sa.node.get("automountServiceAccountToken"))
        });
        if sa_off {
            continue;
        }
        let at = w
            .object
            .node
            .get("metadata")
            .and_then(|m| m.get("name"))
            .unwrap_or(&w.object.node);
        out.push(
            RULE.finding(at.span, format!("{} mounts a Kubernetes API token into its pods", w.label()))
                .with_help("set `automountServiceAccountToken: false` unless the service calls the Kubernetes API"),
        );
    }
}
