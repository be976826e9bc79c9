use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_kube::ProblemKind;

crate::declare_rule! {
    /// ## What it does
    /// Reports objects whose `apiVersion` Kubernetes has removed
    /// (`extensions/v1beta1`, `apps/v1beta2`, `policy/v1beta1`, …), with
    /// the release that removed it and the version to use, and built-in
    /// kinds under a version that never had them.
    ///
    /// ## Why is this bad?
    /// The API server of any current cluster refuses the object: the
    /// deploy fails, or the cluster upgrade that removed the API is blocked
    /// by the manifests that still use it.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: extensions/v1beta1
    /// kind: Deployment
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// ```
    id: "SR-K002",
    name: "kube-removed-api",
    summary: "An object uses an API version Kubernetes has removed",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    kube_check: check,
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    super::report_problems(
        ctx,
        &RULE,
        |k| matches!(k, ProblemKind::Removed { .. } | ProblemKind::UnknownVersion),
        "change apiVersion (and any field the new version renamed); `kubectl convert` can help",
        out,
    );
}
