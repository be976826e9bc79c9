use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`.
    ///
    /// ## Why is this bad?
    /// The builder accepts the line, but every image built `FROM` this one
    /// fails: these instructions are not allowed as triggers.
    ///
    /// ## Example
    /// ```dockerfile
    /// ONBUILD FROM alpine:3.20
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ONBUILD COPY . /app
    /// ```
    id: "SR-D054",
    name: "onbuild-forbidden-trigger",
    summary: "ONBUILD with ONBUILD, FROM or MAINTAINER",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3043"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, inst) in ctx.instructions() {
        let Args::Onbuild(inner) = &inst.args else {
            continue;
        };
        if matches!(
            inner.keyword,
            Keyword::Onbuild | Keyword::From | Keyword::Maintainer
        ) {
            out.push(
                RULE.finding(
                    inner.keyword_span,
                    format!(
                        "`ONBUILD {}` breaks every image built FROM this one",
                        inner.keyword.as_str()
                    ),
                )
                .with_help(
                    "remove it; a trigger cannot start a stage, set a maintainer or nest ONBUILD",
                ),
            );
        }
    }
}
