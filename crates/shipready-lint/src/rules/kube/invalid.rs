use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_kube::ProblemKind;

crate::declare_rule! {
    /// ## What it does
    /// Validates every object of a built-in kind offline against the
    /// Kubernetes 1.34 API, as `kubectl apply --validate=strict` does:
    /// fields the type does not have, wrong types, missing required
    /// fields, values outside an enum (`protocol: tcp`). Custom resources
    /// are not validated.
    ///
    /// ## Why is this bad?
    /// A misspelt field (`readinesProbe`) is silently dropped by a
    /// non-strict apply: the probe you wrote never runs. A wrong type is
    /// refused by the API server at deploy time, after review.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   containers:
    ///     - name: web
    ///       image: nginx:1.27
    ///       readinesProbe:
    ///         httpGet: {path: /, port: 80}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   containers:
    ///     - name: web
    ///       image: nginx:1.27
    ///       readinessProbe:
    ///         httpGet: {path: /, port: 80}
    /// ```
    id: "SR-K001",
    name: "kube-invalid",
    summary: "An object breaks the Kubernetes API schema",
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
        |k| matches!(k, ProblemKind::UnknownField | ProblemKind::Invalid),
        "check the field against `kubectl explain <kind>.<path>` for Kubernetes 1.34",
        out,
    );
}
