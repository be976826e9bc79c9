use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports `FROM --platform=linux/amd64` with a fixed platform (variables like `$BUILDPLATFORM` are fine).
    ///
    /// ## Why is this bad?
    /// A fixed platform makes multi-architecture builds impossible and runs under emulation on other hosts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 debian:12
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM debian:12
    /// ```
    id: "SR-D039",
    name: "from-platform-constant",
    summary: "FROM --platform with a constant value",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3029"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for s in &ctx.stages {
        let inst = &ctx.df.instructions[s.from];
        if let Some(f) = inst.flag("platform") {
            if !f.value.as_deref().unwrap_or("").contains('$') {
                out.push(
                    RULE.finding(
                        f.span,
                        "a fixed --platform pins this stage to one architecture",
                    )
                    .with_help("drop it, or use `--platform=$BUILDPLATFORM` / `$TARGETPLATFORM`"),
                );
            }
        }
    }
}
