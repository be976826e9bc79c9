use crate::cross_context::CrossContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports Kubernetes containers that run an image whose Dockerfile
    /// has a HEALTHCHECK, but have neither a readiness nor a liveness
    /// probe. (The image is matched through the Compose service that
    /// builds it, or a Dockerfile in a directory named like the image.)
    ///
    /// ## Why is this bad?
    /// Kubernetes ignores the image's HEALTHCHECK. The health check that
    /// protected the service under Compose silently stops existing after
    /// the move: a hung pod keeps its traffic.
    ///
    /// ## Example
    /// ```dockerfile
    /// HEALTHCHECK CMD wget -qO- http://localhost:8080/health || exit 1
    /// ```
    /// ```yaml
    /// containers:
    ///   - name: api
    ///     image: shop/api:1.4.2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// containers:
    ///   - name: api
    ///     image: shop/api:1.4.2
    ///     livenessProbe:
    ///       httpGet: {path: /health, port: 8080}
    /// ```
    id: "SR-F001",
    name: "cross-healthcheck-not-probed",
    summary: "The image's HEALTHCHECK has no Kubernetes probe",
    severity: Warning,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    cross_check: check,
}

fn check(ctx: &CrossContext<'_>, out: &mut Vec<Finding>) {
    for c in ctx.kube_containers() {
        let Some(df) = ctx.dockerfile_for_image(&c.image) else {
            continue;
        };
        let Some(hc) = df.final_stage.healthcheck else {
            continue;
        };
        if c.container.get("readinessProbe").is_some() || c.container.get("livenessProbe").is_some()
        {
            continue;
        }
        let at: Span = c
            .container
            .get("image")
            .map_or(c.container.span, |n| n.span);
        let Some(at) = ctx.kube_at(at) else { continue };
        out.push(
            RULE.finding(at, format!("{} runs `{}`, whose Dockerfile has a HEALTHCHECK ({}) that Kubernetes ignores, and sets no probe", c.owner, c.image, ctx.line_of(df, hc)))
                .with_help("turn the HEALTHCHECK into a livenessProbe (and a readinessProbe) on the same endpoint")
                .with_related(df.at(hc), "the HEALTHCHECK"),
        );
    }
}
