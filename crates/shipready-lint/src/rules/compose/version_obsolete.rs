use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports the top-level `version:` attribute.
    ///
    /// ## Why is this bad?
    /// Compose v2 ignores it and prints a warning on every command; it
    /// suggests file-format limits that no longer exist (`3.8` files use
    /// attributes introduced later just fine).
    ///
    /// ## Example
    /// ```yaml
    /// version: "3.8"
    /// services:
    ///   web:
    ///     image: nginx:1.27
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    /// ```
    id: "SR-C003",
    name: "compose-version-obsolete",
    summary: "The top-level `version` is obsolete",
    severity: Info,
    category: Style,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    let Some((key, value)) = ctx.project.model.as_map().and_then(|m| m.entry("version")) else {
        return;
    };
    out.push(
        RULE.finding(
            Span::new(key.span.start, value.span.end.max(key.span.end)),
            "`version` is obsolete: Compose v2 ignores it and warns on every command",
        )
        .with_help("delete the line"),
    );
}
