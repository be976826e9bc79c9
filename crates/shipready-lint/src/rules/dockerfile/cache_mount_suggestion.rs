use super::util::{has_any_cache_mount, is_node_install, is_pip_install};
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// In build stages that do not end up in the image, suggests a BuildKit
    /// cache mount for language package managers (pip, npm/yarn/pnpm, go,
    /// cargo, maven, gradle) that download dependencies.
    ///
    /// ## Why is this bad?
    /// Without a cache mount every change to the dependency manifest
    /// downloads everything again. A cache mount keeps downloads between
    /// builds without putting them in any layer.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /app .
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN --mount=type=cache,target=/root/.cache/go-build \
    ///     --mount=type=cache,target=/go/pkg/mod go build -o /app .
    /// ```
    id: "SR-D017",
    name: "cache-mount-suggestion",
    summary: "Build-stage dependency download could use a cache mount",
    severity: Info,
    category: BuildCache,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    if ctx.stages.len() < 2 {
        return;
    }
    let chain = ctx.final_chain();
    for run in ctx.runs.iter().filter(|r| !chain.contains(&r.stage)) {
        if has_any_cache_mount(run.inst) {
            continue;
        }
        let hit = run.script.commands.iter().find_map(|c| {
            let sub = c.subcommand().map(|w| w.text.as_str());
            let target = if is_pip_install(c) {
                "--mount=type=cache,target=/root/.cache/pip"
            } else if is_node_install(c) {
                "--mount=type=cache,target=/root/.npm"
            } else {
                match (c.program(), sub) {
                    (Some("go"), Some("build" | "mod" | "install")) => "--mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod",
                    (Some("cargo"), Some("build" | "fetch" | "install")) => "--mount=type=cache,target=/usr/local/cargo/registry",
                    (Some("mvn" | "./mvnw"), Some(_)) => "--mount=type=cache,target=/root/.m2",
                    (Some("gradle" | "./gradlew"), Some(_)) => "--mount=type=cache,target=/root/.gradle",
                    _ => return None,
                }
            };
            Some((c, target))
        });
        if let Some((c, target)) = hit {
            out.push(
                RULE.finding(
                    c.program_span(),
                    format!(
                        "`{}` downloads dependencies on every rebuild of this stage",
                        c.program().unwrap_or_default()
                    ),
                )
                .with_help(format!("add `{target}` to this RUN")),
            );
        }
    }
}
