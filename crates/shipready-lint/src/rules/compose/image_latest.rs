use crate::rules::common::images::ImageRef;
use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `image:` references with no tag or the `latest` tag (a
    /// digest, `@sha256:…`, pins the image and is fine).
    ///
    /// ## Why is this bad?
    /// `latest` moves: two hosts pulling a day apart run different code,
    /// and a rollback cannot name the previous version.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   cache:
    ///     image: redis
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   cache:
    ///     image: redis:7.4.1
    /// ```
    id: "SR-C008",
    name: "compose-image-latest",
    summary: "An image has no tag or uses `latest`",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for svc in ctx.services() {
        let Some(node) = svc.get("image") else {
            continue;
        };
        let Some(image) = node.key_text() else {
            continue;
        };
        if image.contains('@') || image.is_empty() {
            continue;
        }
        let problem = match ImageRef::new(&image).tag.as_deref() {
            None => "has no tag, so it means `latest`",
            Some("latest") => "uses `latest`",
            Some(_) => continue,
        };
        // A locally built image's tag is the build's name, not a pull.
        if svc.get("build").is_some() {
            continue;
        }
        out.push(
            RULE.finding(
                node.span,
                format!("image `{image}` {problem}: it changes under you on the next pull"),
            )
            .with_help("pin a version (`redis:7.4.1`) or a digest (`redis@sha256:…`)"),
        );
    }
}
