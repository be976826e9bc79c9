use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports instructions other than ARG (and parser directives or comments) before the first FROM.
    ///
    /// ## Why is this bad?
    /// Only ARG may precede FROM; anything else fails the build.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN echo hi
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo hi
    /// ```
    id: "SR-D046",
    name: "instruction-before-from",
    summary: "Instruction before the first FROM",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3061"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    if let Some(first) = ctx
        .df
        .instructions
        .iter()
        .find(|i| i.keyword != Keyword::Arg)
    {
        if first.keyword != Keyword::From {
            out.push(
                RULE.finding(
                    first.keyword_span,
                    format!("{} comes before the first FROM", first.keyword.as_str()),
                )
                .with_help("start the file with FROM (only ARG may precede it)"),
            );
        }
    }
}
