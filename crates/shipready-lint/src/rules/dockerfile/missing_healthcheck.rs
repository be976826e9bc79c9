use crate::Context;
use shipready_diagnostics::{Finding, Severity, Span};
use shipready_dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Reports an image with no HEALTHCHECK in its final stage or the
    /// stages it is built from, as hadolint (DL3057) and Trivy (DS026) do.
    /// `HEALTHCHECK NONE` counts as a deliberate choice. A service image
    /// (CMD, ENTRYPOINT or EXPOSE in that chain) gets a warning; any other
    /// image, a build or tool image, a note, since it may never run as a
    /// long-lived container.
    ///
    /// ## Why is this bad?
    /// Without a health check Docker and Compose consider a hung process
    /// healthy: `depends_on: condition: service_healthy` cannot work and
    /// restarts never happen. (Kubernetes ignores HEALTHCHECK; define
    /// probes there, which `shipready convert` derives from it.)
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27-alpine
    /// EXPOSE 80
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27-alpine
    /// EXPOSE 80
    /// HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost/ || exit 1
    /// ```
    id: "SR-D002",
    name: "missing-healthcheck",
    summary: "The image has no HEALTHCHECK",
    severity: Warning,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3057"],
    trivy: ["DS026"],
    checkov: ["CKV_DOCKER_2"],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let chain = ctx.final_chain();
    let Some(&last) = chain.first() else { return };
    let has = |k: Keyword| {
        chain.iter().any(|&s| {
            ctx.df
                .stage_instructions(&ctx.stages[s])
                .iter()
                .any(|i| i.keyword == k)
        })
    };
    if has(Keyword::Healthcheck) {
        return;
    }
    let from = &ctx.df.instructions[ctx.stages[last].from];
    // Instructions with no FROM at all make no image.
    if from.keyword != Keyword::From {
        return;
    }
    let help = "add `HEALTHCHECK CMD <probe> || exit 1` (or `HEALTHCHECK NONE` if health is checked elsewhere)";
    if has(Keyword::Cmd) || has(Keyword::Entrypoint) || has(Keyword::Expose) {
        out.push(
            RULE.finding(
                from.keyword_span,
                "the final stage defines a service but no HEALTHCHECK",
            )
            .with_help(help),
        );
    } else {
        let mut f = RULE.finding(
            from.keyword_span,
            "the final stage has no HEALTHCHECK: if this image runs as a service, nothing checks it is healthy",
        );
        f.severity = Severity::Info;
        out.push(f.with_help(help));
    }
}
