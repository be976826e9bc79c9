use crate::ComposeContext;
use shipready_compose::WarningKind;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `${VAR}` references whose variable is set neither in the
    /// environment nor in `.env`: compose substitutes an empty string.
    ///
    /// ## Why is this bad?
    /// `image: shop/api:${TAG}` becomes `shop/api:` and a port mapping
    /// `${PORT}:80` becomes `:80`; the failure shows up at deploy time, far
    /// from its cause. Give a default (`${TAG:-1.4.2}`) or make it
    /// required (`${TAG:?set TAG}`).
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: shop/api:${TAG}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: shop/api:${TAG:?set TAG to the release to deploy}
    /// ```
    id: "SR-C002",
    name: "compose-unset-variable",
    summary: "A `${VAR}` has no value and becomes an empty string",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in &ctx.project.warnings {
        let (WarningKind::UnsetVariable(name), Some(span)) = (&w.kind, w.span) else {
            continue;
        };
        out.push(
            RULE.finding(span, format!("`{name}` is not set in the environment or .env; compose uses an empty string"))
                .with_help(format!("set it in .env, or write `${{{name}:-default}}` or `${{{name}:?why it is needed}}`")),
        );
    }
}
