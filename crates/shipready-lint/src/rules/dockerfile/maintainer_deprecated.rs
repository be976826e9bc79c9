use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports the MAINTAINER instruction.
    ///
    /// ## Why is this bad?
    /// It has been deprecated since Docker 1.13; the OCI label carries the same information where tools look for it.
    ///
    /// ## Example
    /// ```dockerfile
    /// MAINTAINER ops@example.com
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// LABEL org.opencontainers.image.authors="ops@example.com"
    /// ```
    id: "SR-D040",
    name: "maintainer-deprecated",
    summary: "MAINTAINER is deprecated",
    severity: Error,
    category: Style,
    fix: None,
    default_enabled: true,
    hadolint: ["DL4000"],
    trivy: ["DS022"],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, inst) in ctx.instructions() {
        if inst.keyword == Keyword::Maintainer {
            out.push(
                RULE.finding(inst.keyword_span, "MAINTAINER is deprecated")
                    .with_help("use `LABEL org.opencontainers.image.authors=\"…\"`"),
            );
        }
    }
}
