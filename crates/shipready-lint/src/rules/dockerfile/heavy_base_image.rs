use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports a final stage built on a full distribution image where a
    /// slim, Alpine or distroless variant exists: `node:20`, `python:3.12`,
    /// `ruby`, `openjdk`, `golang`, `ubuntu`, `debian:bookworm`, `centos`.
    ///
    /// ## Why is this bad?
    /// The full images carry compilers, documentation and hundreds of
    /// packages the application never uses: `node:20` is about 1.1 GB
    /// against 200 MB for `node:20-slim` and 135 MB for `node:20-alpine`.
    /// Every extra package is pull time, storage and CVEs to triage.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ```
    id: "SR-D004",
    name: "heavy-base-image",
    summary: "Final stage uses a full image where a slim variant exists",
    severity: Warning,
    category: Size,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    check: check,
}

/// (image, typical size of the full image, suggestion).
const HEAVY: &[(&str, &str, &str)] = &[
    (
        "node",
        "~1.1 GB",
        "node:<v>-slim (~200 MB), node:<v>-alpine (~135 MB) or gcr.io/distroless/nodejs",
    ),
    (
        "python",
        "~1.0 GB",
        "python:<v>-slim (~130 MB) or python:<v>-alpine (~50 MB)",
    ),
    (
        "ruby",
        "~900 MB",
        "ruby:<v>-slim (~200 MB) or ruby:<v>-alpine",
    ),
    (
        "golang",
        "~800 MB",
        "a build stage plus gcr.io/distroless/static (~2 MB) or scratch",
    ),
    (
        "rust",
        "~1.4 GB",
        "a build stage plus debian:bookworm-slim or distroless/cc",
    ),
    (
        "openjdk",
        "~470 MB",
        "eclipse-temurin:<v>-jre (~270 MB) or distroless/java",
    ),
    (
        "maven",
        "~500 MB",
        "a build stage plus eclipse-temurin:<v>-jre",
    ),
    (
        "gradle",
        "~700 MB",
        "a build stage plus eclipse-temurin:<v>-jre",
    ),
    ("buildpack-deps", "~800 MB", "debian:bookworm-slim"),
    (
        "ubuntu",
        "~78 MB",
        "debian:bookworm-slim (~75 MB), alpine (~8 MB) or distroless",
    ),
    ("debian", "~120 MB", "debian:<release>-slim (~75 MB)"),
    (
        "centos",
        "~230 MB",
        "a minimal image such as rockylinux:9-minimal or ubi-minimal",
    ),
    ("fedora", "~180 MB", "a minimal image such as ubi-minimal"),
];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let Some(stage) = ctx.final_stage() else {
        return;
    };
    if stage.parent.is_some() || stage.image.registry.is_some() {
        return;
    }
    let name = stage.image.short_name();
    let tag = stage.image.tag.as_deref().unwrap_or("latest");
    let Some((_, size, instead)) = HEAVY.iter().find(|(n, ..)| *n == name) else {
        return;
    };
    let light = [
        "slim",
        "alpine",
        "minimal",
        "distroless",
        "jre",
        "nanoserver",
        "windowsservercore",
    ];
    if light.iter().any(|l| tag.contains(l)) || !stage.image.unresolved.is_empty() {
        return;
    }
    out.push(
        RULE.finding(
            stage.image_span,
            format!(
                "`{}` is a full image ({size}); the final image inherits all of it",
                stage.image.name
            ),
        )
        .with_help(format!("use {instead}")),
    );
}
