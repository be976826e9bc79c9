use crate::Context;
use shipready_diagnostics::{Finding, Span};

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
    trivy: ["DS013"],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for run in &ctx.runs {
        // `cd` in a pipeline fragment is local by design. One finding per
        // RUN: the fix (a WORKDIR) is per instruction.
        let mut cds = run
            .script
            .commands
            .iter()
            .filter(|c| c.is("cd") && !c.pipe_in && !c.pipe_out);
        let Some(first) = cds.next() else {
            continue;
        };
        let more = cds.count();
        let message = match more {
            0 => "`cd` only lasts for this RUN".to_string(),
            n => format!("`cd` only lasts for this RUN ({} more `cd` in it)", n),
        };
        out.push(
            RULE.finding(first.program_span(), message)
                .with_help("use WORKDIR to set the directory"),
        );
    }
}
