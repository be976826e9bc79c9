use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Notes base images referenced by tag only, without `@sha256:` digest.
    ///
    /// ## Why is this bad?
    /// Tags are mutable: a registry (or an attacker with push rights) can
    /// point `python:3.12-slim` at new content. A digest pins the exact
    /// bytes; tools like Renovate keep digests current.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim@sha256:<digest>
    /// ```
    id: "SR-D007",
    name: "image-without-digest",
    summary: "Base image is not pinned by digest",
    severity: Info,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for s in &ctx.stages {
        let img = &s.image;
        if s.parent.is_some()
            || img.is_scratch()
            || img.digest.is_some()
            || !img.unresolved.is_empty()
        {
            continue;
        }
        if img.tag.is_none() || img.tag.as_deref() == Some("latest") {
            continue; // image-untagged / image-latest-tag already say more
        }
        out.push(
            RULE.finding(
                s.image_span,
                format!("`{}` is pinned by tag only; tags can be moved", img.name),
            )
            .with_help("append `@sha256:<digest>` (`docker buildx imagetools inspect` prints it)"),
        );
    }
}
