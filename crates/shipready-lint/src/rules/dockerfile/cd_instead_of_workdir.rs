use crate::Context;
use shipready_diagnostics::Finding;

crate::declare_rule! {
    /// ## What it does
    /// Reports `cd` in RUN used to change directory for later commands.
    ///
    /// ## Why is this bad?
    /// `cd` lasts only for that RUN; readers (and later instructions)
    /// expect WORKDIR to say where work happens.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN cd /usr/src/app && git clone https://example.com/repo.git
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// WORKDIR /usr/src/app
    /// RUN git clone https://example.com/repo.git
    /// ```
    id: "SR-D022",
    name: "cd-instead-of-workdir",
    summary: "cd used where WORKDIR fits",
    severity: Warning,
    category: Style,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3003"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, c) in ctx.commands() {
        // `cd` in a pipeline or subshell fragment is local by design.
        if c.is("cd") && !c.pipe_in && !c.pipe_out {
            out.push(
                RULE.finding(c.program_span(), "`cd` only lasts for this RUN")
                    .with_help("use WORKDIR to set the directory"),
            );
        }
    }
}
