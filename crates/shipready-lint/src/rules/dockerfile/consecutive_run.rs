use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports a RUN directly following another RUN in the same stage, when
    /// both are single commands and their flags are the same.
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

/// Like hadolint 2.15 (measured on the corpus: its source reads "> 2",
/// its binary behaves as "> 1"), a RUN that already chains commands is a
/// deliberate step of its own: merging it into its neighbour is not what
/// the author wants.
const DELIBERATE: usize = 1;

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let commands = |index: usize| {
        ctx.runs
            .iter()
            .find(|r| r.index == index)
            .map_or(usize::MAX, |r| r.script.commands.len())
    };
    for stage in &ctx.stages {
        let body = ctx.df.stage_instructions(stage);
        for (off, pair) in body.windows(2).enumerate() {
            let (a, b) = (&pair[0], &pair[1]);
            let (ia, ib) = (stage.body.start + off, stage.body.start + off + 1);
            if a.keyword == Keyword::Run
                && b.keyword == Keyword::Run
                && a.flags == b.flags
                && commands(ia) <= DELIBERATE
                && commands(ib) <= DELIBERATE
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
