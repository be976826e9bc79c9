use crate::suppress::parse_pragma;
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports inline suppressions (`# shipready ignore=…`,
    /// `# hadolint ignore=…`, and their `global` forms). Off by default;
    /// teams that want every exception in `shipready.toml`, where it is
    /// reviewed once, turn it on.
    ///
    /// ## Why is this bad?
    /// Inline suppressions spread exceptions over many files where no one
    /// reviews them again.
    ///
    /// ## Example
    /// ```dockerfile
    /// # hadolint ignore=DL3008
    /// RUN apt-get install -y curl
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// # shipready.toml
    /// ignore = ["SR-D025"]
    /// ```
    id: "SR-D068",
    name: "inline-ignore-pragma",
    summary: "inline ignore comment",
    severity: Style,
    category: Style,
    fix: None,
    default_enabled: false,
    hadolint: ["DL1001"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for c in &ctx.df.comments {
        if let Some((_, tool, _)) = parse_pragma(&c.text) {
            out.push(
                RULE.finding(c.span, format!("inline `{tool} ignore` comment"))
                    .with_help("move the exception to `ignore` in shipready.toml"),
            );
        }
    }
}
