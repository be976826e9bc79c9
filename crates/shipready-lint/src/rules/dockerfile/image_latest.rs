use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `FROM image:latest`.
    ///
    /// ## Why is this bad?
    /// `latest` moves: rebuilding the same commit next month gives a
    /// different base, and a rollback does not roll the base back.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:latest
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20.17-slim
    /// ```
    id: "SR-D006",
    name: "image-latest-tag",
    summary: "Base image uses the latest tag",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3007"],
    trivy: ["DS001"],
    checkov: ["CKV_DOCKER_7"],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for s in &ctx.stages {
        if s.parent.is_none()
            && s.image.tag.as_deref() == Some("latest")
            && s.image.digest.is_none()
        {
            out.push(
                RULE.finding(
                    s.image_span,
                    format!("`{}` uses the moving `latest` tag", s.image.name),
                )
                .with_help("pin an explicit version tag"),
            );
        }
    }
}
