use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports `apt` (the interactive front end) in RUN.
    ///
    /// ## Why is this bad?
    /// `apt` has no stable command-line interface and warns so in scripts; `apt-get` and `apt-cache` are meant for automation.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt install -y curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN apt-get install -y curl
    /// ```
    id: "SR-D038",
    name: "apt-instead-of-apt-get",
    summary: "apt used in a script",
    severity: Warning,
    category: Style,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3027"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if c.is("apt") {
            out.push(
                RULE.finding(
                    c.program_span(),
                    "`apt` is for interactive use; its CLI is not stable in scripts",
                )
                .with_help("use `apt-get` (or `apt-cache`)"),
            );
        }
    }
}
