use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `sudo` in RUN.
    ///
    /// ## Why is this bad?
    /// sudo behaves unpredictably without a TTY and leaves a setuid binary
    /// and sudoers configuration in the image. Switch users with USER.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN sudo apt-get install -y curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// USER root
    /// RUN apt-get install -y curl
    /// USER app
    /// ```
    id: "SR-D023",
    name: "sudo-in-run",
    summary: "sudo used in RUN",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3004"],
    trivy: ["DS010"],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if c.uses_sudo() || c.is("sudo") {
            let w = c
                .words
                .iter()
                .find(|w| w.text == "sudo")
                .map_or(c.span(), |w| w.span);
            out.push(RULE.finding(w, "`sudo` in a build step: unpredictable without a TTY and leaves sudo in the image").with_help("use `USER root` before and `USER <app>` after the step"));
        }
    }
}
