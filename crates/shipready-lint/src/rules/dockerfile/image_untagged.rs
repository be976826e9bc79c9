use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `FROM image` with neither a tag nor a digest (stage names,
    /// `scratch` and references built from ARGs without defaults excepted).
    ///
    /// ## Why is this bad?
    /// An untagged image means `latest`: the next build silently picks up a
    /// new major version, and two builds of one commit differ.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12.7-slim
    /// ```
    id: "SR-D005",
    name: "image-untagged",
    summary: "Base image has no tag",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3006"],
    trivy: ["DS001"],
    checkov: ["CKV_DOCKER_7"],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for s in &ctx.stages {
        let img = &s.image;
        if s.parent.is_some() || img.is_scratch() || img.tag.is_some() || img.digest.is_some() {
            continue;
        }
        if !img.unresolved.is_empty() || img.name.is_empty() {
            continue;
        }
        out.push(
            RULE.finding(
                s.image_span,
                format!(
                    "`{}` has no tag, so every build may get a different image",
                    img.name
                ),
            )
            .with_help(format!(
                "pin a version: `{}:<version>` (and ideally `@sha256:<digest>`)",
                img.name
            )),
        );
    }
}
