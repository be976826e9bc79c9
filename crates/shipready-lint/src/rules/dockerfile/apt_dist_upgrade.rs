use crate::Context;
use shipready_diagnostics::Finding;

crate::declare_rule! {
    /// ## What it does
    /// Reports `apt-get dist-upgrade` / `apt-get upgrade` style full
    /// upgrades (`dist-upgrade`, `full-upgrade`).
    ///
    /// ## Why is this bad?
    /// A distribution upgrade inside an image replaces the base the image
    /// was tested on; update the base image tag instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get update && apt-get dist-upgrade -y
    /// ```
    ///
    /// ## Use instead
    /// Rebuild on a newer base image tag.
    id: "SR-D024",
    name: "apt-dist-upgrade",
    summary: "apt-get dist-upgrade in a build",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3005"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, c) in ctx.commands() {
        if (c.is("apt-get") || c.is("apt"))
            && c.subcommand()
                .is_some_and(|w| matches!(w.text.as_str(), "dist-upgrade" | "full-upgrade"))
        {
            out.push(
                RULE.finding(
                    c.program_span(),
                    "a distribution upgrade replaces the base you tested",
                )
                .with_help("move to a newer base image tag instead"),
            );
        }
    }
}
