use super::util::repeated_in_stage;
use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports a stage with several ENTRYPOINT instructions.
    ///
    /// ## Why is this bad?
    /// Only the last ENTRYPOINT takes effect.
    ///
    /// ## Example
    /// ```dockerfile
    /// ENTRYPOINT ["a"]
    /// ENTRYPOINT ["b"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ENTRYPOINT ["b"]
    /// ```
    id: "SR-D043",
    name: "multiple-entrypoint",
    summary: "More than one ENTRYPOINT in a stage",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL4004"],
    trivy: ["DS007"],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for extra in repeated_in_stage(ctx, Keyword::Entrypoint) {
        out.push(
            RULE.finding(
                extra.keyword_span,
                "only the last ENTRYPOINT of a stage takes effect",
            )
            .with_help("keep a single ENTRYPOINT"),
        );
    }
}
