use super::util::{insert_after, is_apt_install};
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `apt-get install` without `-y` / `--yes` / `--assume-yes`
    /// (or `-qq`, which implies it).
    ///
    /// ## Why is this bad?
    /// Without it apt asks for confirmation and the build fails on the
    /// missing terminal answer.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get install curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN apt-get install -y curl
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the build could not have succeeded without an answer.
    id: "SR-D026",
    name: "apt-missing-yes",
    summary: "apt-get install without -y",
    severity: Warning,
    category: Correctness,
    fix: Safe,
    default_enabled: true,
    hadolint: ["DL3014"],
    trivy: ["DS021"],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if !is_apt_install(c) {
            continue;
        }
        let yes = c.has_flag(Some('y'), &["--yes", "--assume-yes"])
            || c.args().iter().any(|w| w.text == "-qq" || w.text == "-q=2");
        if !yes {
            let mut f = RULE
                .finding(
                    c.program_span(),
                    "`apt-get install` will wait for a confirmation the build cannot give",
                )
                .with_help("add `-y`");
            if let Some(edit) = c.subcommand().and_then(|w| insert_after(ctx, w, "-y")) {
                f = f.with_fix("add -y", vec![edit]);
            }
            out.push(f);
        }
    }
}
