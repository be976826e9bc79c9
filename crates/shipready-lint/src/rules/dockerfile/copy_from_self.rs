use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports `COPY --from` naming the stage the instruction is in.
    ///
    /// ## Why is this bad?
    /// A stage cannot copy from itself; the build fails with a cycle.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS app
    /// COPY --from=app /a /b
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// COPY --from=build /a /b
    /// ```
    id: "SR-D035",
    name: "copy-from-own-stage",
    summary: "COPY --from refers to its own stage",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3023"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (i, inst) in ctx.instructions() {
        if inst.keyword != Keyword::Copy {
            continue;
        }
        let (Some(flag), Some(s)) = (inst.flag("from"), ctx.stage_of(i)) else {
            continue;
        };
        let stage = &ctx.stages[s];
        let from = flag.value.as_deref().unwrap_or("");
        let own = stage
            .name
            .as_ref()
            .is_some_and(|n| n.value.eq_ignore_ascii_case(from))
            || from == s.to_string();
        if own {
            out.push(
                RULE.finding(
                    flag.span,
                    format!("`--from={from}` is the stage this COPY is in"),
                )
                .with_help("copy from an earlier stage"),
            );
        }
    }
}
