use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// In a production file (`compose.prod.yaml`,
    /// `docker-compose.production.yml`), reports services with `build:`
    /// and no `image:`.
    ///
    /// ## Why is this bad?
    /// Production then runs whatever the host built from its checkout: no
    /// tag to roll back to, no scan of the image that runs, and a build
    /// toolchain on the server. Build in CI, push a tagged image, and let
    /// production pull it.
    ///
    /// ## Example
    /// ```yaml
    /// # compose.prod.yaml
    /// services:
    ///   api:
    ///     build: .
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// # compose.prod.yaml
    /// services:
    ///   api:
    ///     image: registry.example.com/shop/api:1.4.2
    /// ```
    id: "SR-C009",
    name: "compose-build-without-image",
    summary: "A production service is built on the host instead of pulled",
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
    if !ctx.production {
        return;
    }
    for svc in ctx.services() {
        if svc.get("image").is_some() {
            continue;
        }
        let Some((key, _)) = svc.entry("build") else {
            continue;
        };
        out.push(
            RULE.finding(
                key.span,
                format!("service `{}` is built on the production host and has no `image:`: nothing to roll back to or scan", svc.name),
            )
            .with_help("build and push a tagged image in CI, and set `image: <registry>/<name>:<version>` here"),
        );
    }
}
