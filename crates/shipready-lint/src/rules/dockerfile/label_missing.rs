use super::util::labels;
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// When a `label-schema` is configured, reports every schema label that
    /// the final image does not set (in the final stage or a stage it is
    /// built `FROM`). Without a schema the rule reports nothing.
    ///
    /// ## Why is this bad?
    /// Labels such as the source repository and revision are how a running
    /// container is traced back to its code; scanners and registries show
    /// them.
    ///
    /// ## Example
    /// ```toml
    /// # shipready.toml
    /// [label-schema]
    /// "org.opencontainers.image.source" = "url"
    /// ```
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source="https://github.com/acme/shop"
    /// ```
    id: "SR-D060",
    name: "label-missing",
    summary: "label required by label-schema is missing",
    severity: Warning,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3049"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let schema = &ctx.settings.label_schema;
    let Some(last) = ctx.final_stage() else {
        return;
    };
    if schema.is_empty() {
        return;
    }
    let chain = ctx.final_chain();
    let set: Vec<String> = labels(ctx)
        .filter(|(index, _, _)| ctx.stage_of(*index).is_some_and(|s| chain.contains(&s)))
        .map(|(_, _, key)| key)
        .collect();
    let from = &ctx.df.instructions[last.from];
    for name in schema.keys().filter(|k| !set.contains(k)) {
        out.push(
            RULE.finding(
                from.keyword_span,
                format!("the image has no `{name}` label, which the label schema requires"),
            )
            .with_help(format!("add `LABEL {name}=\"…\"` to the final stage")),
        );
    }
}
