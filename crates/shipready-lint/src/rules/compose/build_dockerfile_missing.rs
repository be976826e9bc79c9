use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};
use std::path::Path;

crate::declare_rule! {
    /// ## What it does
    /// Reports `build:` sections whose context directory, or whose
    /// Dockerfile in it (`build.dockerfile`, default `Dockerfile`), does
    /// not exist. Remote contexts (git URLs) and inline
    /// `dockerfile_inline` are not checked.
    ///
    /// ## Why is this bad?
    /// `docker compose build` fails on the first service that needs it,
    /// usually after a directory was renamed in one place and not in the
    /// other.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     build: ./services/api   # the directory is ./api
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     build: ./api
    /// ```
    id: "SR-C022",
    name: "compose-build-dockerfile-missing",
    summary: "A build context or its Dockerfile does not exist",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for svc in ctx.services() {
        let Some(build) = ctx.unit.build(&svc.name) else {
            continue;
        };
        let Some(context) = svc.get("build").and_then(|b| b.get("context")) else {
            continue;
        };
        let shown = |p: &Path| {
            p.strip_prefix(&ctx.project.dir).map_or_else(
                |_| p.display().to_string(),
                |r| format!("./{}", r.display()),
            )
        };
        if !build.context_exists {
            out.push(
                RULE.finding(
                    context.span,
                    format!(
                        "service `{}` builds from {}, which does not exist",
                        svc.name,
                        shown(&build.context)
                    ),
                )
                .with_help("fix the path (it is relative to the first Compose file)"),
            );
            continue;
        }
        if !build.dockerfile_exists {
            let at = svc
                .get("build")
                .and_then(|b| b.get("dockerfile"))
                .unwrap_or(context);
            out.push(
                RULE.finding(
                    at.span,
                    format!(
                        "service `{}` builds with {}, which does not exist",
                        svc.name,
                        shown(&build.dockerfile)
                    ),
                )
                .with_help(
                    "fix `build.dockerfile` (relative to the context) or add the Dockerfile",
                ),
            );
        }
    }
}
