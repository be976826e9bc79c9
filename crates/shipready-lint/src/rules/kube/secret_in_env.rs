use crate::rules::common::secrets::secret_pair;
use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports container `env` entries with a literal `value` that is a
    /// credential by its name (`*_PASSWORD`, `*_TOKEN`, …) or its form. A
    /// `valueFrom.secretKeyRef` is the way; the value is never printed.
    ///
    /// ## Why is this bad?
    /// The manifest is in git, in CI logs, and readable by everyone who can
    /// read the Deployment (a much wider group than those who can read
    /// Secrets).
    ///
    /// ## Example
    /// ```yaml
    /// env:
    ///   - name: DB_PASSWORD
    ///     value: hunter2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// env:
    ///   - name: DB_PASSWORD
    ///     valueFrom:
    ///       secretKeyRef: {name: db, key: password}
    /// ```
    id: "SR-K014",
    name: "kube-secret-in-env",
    summary: "A credential is written into a container's env",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: ["CKV_K8S_35"],
    kube_check: check,
    kube_linter: ["env-var-secret"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        for (c, _) in w.containers() {
            for e in c.get("env").and_then(Node::as_seq).unwrap_or(&[]) {
                let (Some(name), Some(value)) = (
                    e.get("name").and_then(Node::key_text),
                    e.get("value").and_then(Node::key_text),
                ) else {
                    continue;
                };
                if value.is_empty() || value.starts_with("$(") {
                    continue;
                }
                let Some(what) = secret_pair(&name, &value, "manifest") else {
                    continue;
                };
                let at = e.get("name").unwrap_or(e);
                out.push(
                    RULE.finding(at.span, format!("env `{name}` of {} {what}", w.label()))
                        .with_help("store it in a Secret and use `valueFrom.secretKeyRef` (or mount the Secret as a file)"),
                );
            }
        }
    }
}
