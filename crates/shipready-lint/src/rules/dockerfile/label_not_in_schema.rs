use super::util::labels;
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// With `strict-labels = true` and a `label-schema`, reports every
    /// label the schema does not list.
    ///
    /// ## Why is this bad?
    /// Teams that enforce a label schema want one vocabulary across
    /// images; an extra key is usually a typo of a schema key.
    ///
    /// ## Example
    /// ```toml
    /// # shipready.toml
    /// strict-labels = true
    /// [label-schema]
    /// "org.opencontainers.image.source" = "url"
    /// ```
    /// ```dockerfile
    /// LABEL org.opencontainers.image.sources="https://github.com/acme/shop"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// LABEL org.opencontainers.image.source="https://github.com/acme/shop"
    /// ```
    id: "SR-D061",
    name: "label-not-in-schema",
    summary: "label not listed in the strict label-schema",
    severity: Style,
    category: Style,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3050"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let schema = &ctx.settings.label_schema;
    if !ctx.settings.strict_labels || schema.is_empty() {
        return;
    }
    for (_, kv, key) in labels(ctx) {
        if !schema.contains_key(&key) {
            out.push(
                RULE.finding(
                    kv.key.span,
                    format!("label `{key}` is not in the label schema"),
                )
                .with_help("use a key from `label-schema`, or add this one to it"),
            );
        }
    }
}
