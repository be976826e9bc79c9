use super::util::repeated_in_stage;
use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports a stage with several CMD instructions.
    ///
    /// ## Why is this bad?
    /// Only the last CMD takes effect; the others are dead code that misleads readers.
    ///
    /// ## Example
    /// ```dockerfile
    /// CMD ["a"]
    /// CMD ["b"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// CMD ["b"]
    /// ```
    id: "SR-D042",
    name: "multiple-cmd",
    summary: "More than one CMD in a stage",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL4003"],
    trivy: ["DS016"],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for extra in repeated_in_stage(ctx, Keyword::Cmd) {
        out.push(
            RULE.finding(
                extra.keyword_span,
                "only the last CMD of a stage takes effect",
            )
            .with_help("keep a single CMD"),
        );
    }
}
