use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Reports a service image (its final stage has CMD, ENTRYPOINT or
    /// EXPOSE) with no HEALTHCHECK in the final stage or the stages it is
    /// built from. `HEALTHCHECK NONE` counts as a deliberate choice.
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
    summary: "A service image has no HEALTHCHECK",
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
    if !(has(Keyword::Cmd) || has(Keyword::Entrypoint) || has(Keyword::Expose)) {
        return;
    }
    let from = &ctx.df.instructions[ctx.stages[last].from];
    out.push(
        RULE.finding(from.keyword_span, "the final stage defines a service but no HEALTHCHECK")
            .with_help("add `HEALTHCHECK CMD <probe> || exit 1` (or `HEALTHCHECK NONE` if health is checked elsewhere)"),
    );
}
