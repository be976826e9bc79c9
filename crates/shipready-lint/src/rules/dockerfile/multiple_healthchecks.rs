#[allow(unused_imports)]
use super::util::*;
use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports a stage with more than one HEALTHCHECK.
    ///
    /// ## Why is this bad?
    /// Only the last one takes effect; the others mislead readers about how health is checked.
    ///
    /// ## Example
    /// ```dockerfile
    /// HEALTHCHECK CMD a
    /// HEALTHCHECK CMD b
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// HEALTHCHECK CMD b
    /// ```
    id: "SR-D029",
    name: "multiple-healthchecks",
    summary: "More than one HEALTHCHECK in a stage",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3012"],
    trivy: ["DS023"],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for extra in repeated_in_stage(ctx, Keyword::Healthcheck) {
        out.push(
            RULE.finding(
                extra.keyword_span,
                "only the last HEALTHCHECK of a stage takes effect",
            )
            .with_help("keep a single HEALTHCHECK"),
        );
    }
}
