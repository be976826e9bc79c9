use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports a Dockerfile that uses both `wget` and `curl`.
    ///
    /// ## Why is this bad?
    /// Two download tools where one suffices: more packages, more CVEs, and two sets of flags to get right.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN wget -q https://a/x && curl -fsSLO https://b/y
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN curl -fsSLO https://a/x && curl -fsSLO https://b/y
    /// ```
    id: "SR-D041",
    name: "wget-and-curl",
    summary: "Both wget and curl are used",
    severity: Warning,
    category: Size,
    fix: None,
    default_enabled: true,
    hadolint: ["DL4001"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let wget: Vec<_> = ctx.commands().filter(|(_, c)| c.is("wget")).collect();
    let curl = ctx.commands().any(|(_, c)| c.is("curl"));
    if curl {
        for (_, c) in wget {
            out.push(
                RULE.finding(c.program_span(), "this Dockerfile uses both wget and curl")
                    .with_help("pick one download tool (curl is usually already present)"),
            );
        }
    }
}
