use crate::rules::common::images::ImageRef;
use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports container images with no tag or the `latest` tag (a digest
    /// pins the image and is fine).
    ///
    /// ## Why is this bad?
    /// Each node pulls whatever `latest` is when the pod lands there:
    /// replicas of one Deployment run different code, and a rollback does
    /// not roll anything back.
    ///
    /// ## Example
    /// ```yaml
    /// image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// image: nginx:1.27.2
    /// ```
    id: "SR-K013",
    name: "kube-image-latest",
    summary: "A container image has no tag or uses `latest`",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["KSV013"],
    checkov: ["CKV_K8S_14"],
    kube_check: check,
    kube_linter: ["latest-tag"],
    kube_score: ["container-image-tag"],
    polaris: ["tagNotSpecified"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        for (c, _) in w.containers() {
            let Some(node) = c.get("image") else { continue };
            let Some(image) = node.key_text() else {
                continue;
            };
            if image.contains('@') {
                continue;
            }
            let problem = match ImageRef::new(&image).tag.as_deref() {
                None => "has no tag, so it means `latest`",
                Some("latest") => "uses `latest`",
                Some(_) => continue,
            };
            out.push(
                RULE.finding(
                    node.span,
                    format!("image `{image}` of {} {problem}", w.label()),
                )
                .with_help("pin a version tag or a digest"),
            );
        }
    }
}
