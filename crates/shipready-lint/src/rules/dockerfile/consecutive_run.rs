use crate::Context;
use shipready_diagnostics::Finding;
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports a RUN directly following another RUN in the same stage (flags differ: not reported).
    ///
    /// ## Why is this bad?
    /// Each RUN is a layer; files created in one and removed in the next still cost space, and many small layers slow pulls.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get update
    /// RUN apt-get install -y curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    id: "SR-D045",
    name: "consecutive-run",
    summary: "Consecutive RUN instructions",
    severity: Info,
    category: Size,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3059"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for stage in &ctx.stages {
        let body = ctx.df.stage_instructions(stage);
        for pair in body.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.keyword == Keyword::Run
                && b.keyword == Keyword::Run
                && a.flags == b.flags
                && a.flags.is_empty()
                && b.heredocs.is_empty()
                && a.heredocs.is_empty()
            {
                out.push(
                    RULE.finding(
                        b.keyword_span,
                        "this RUN directly follows another; consider merging them",
                    )
                    .with_help("join the commands with `&&` in one RUN"),
                );
            }
        }
    }
}
