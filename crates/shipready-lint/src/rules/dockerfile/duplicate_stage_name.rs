use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports `FROM … AS name` reusing a stage name.
    ///
    /// ## Why is this bad?
    /// `COPY --from=name` and `--target name` become ambiguous; BuildKit rejects it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM a:1 AS build
    /// FROM b:1 AS build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM a:1 AS build
    /// FROM b:1 AS test
    /// ```
    id: "SR-D036",
    name: "duplicate-stage-name",
    summary: "Two stages share a name",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3024"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (i, s) in ctx.stages.iter().enumerate() {
        let Some(name) = &s.name else { continue };
        let dup = ctx.stages[..i].iter().any(|p| {
            p.name
                .as_ref()
                .is_some_and(|n| n.value.eq_ignore_ascii_case(&name.value))
        });
        if dup {
            out.push(
                RULE.finding(
                    name.span,
                    format!("stage name `{}` is already used", name.value),
                )
                .with_help("give every stage a unique name"),
            );
        }
    }
}
