use super::util::{insert_after, is_apt_install};
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `apt-get install` without `--no-install-recommends`.
    ///
    /// ## Why is this bad?
    /// Recommended packages are not needed to run the software and often
    /// double the installed size.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get install -y curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix safety
    /// Safe for the packages named; if the software relied on a
    /// recommended package, the build's tests will tell.
    id: "SR-D027",
    name: "apt-no-install-recommends",
    summary: "apt-get install without --no-install-recommends",
    severity: Info,
    category: Size,
    fix: Safe,
    default_enabled: true,
    hadolint: ["DL3015"],
    trivy: ["DS029"],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if !is_apt_install(c) || !c.is("apt-get") {
            continue;
        }
        let ok = c.has_flag(None, &["--no-install-recommends"])
            || c.args().iter().any(|w| {
                w.text.contains("APT::Install-Recommends=false")
                    || w.text.contains("APT::Install-Recommends=0")
            });
        if !ok {
            let mut f = RULE
                .finding(
                    c.program_span(),
                    "`apt-get install` also installs recommended packages the image does not need",
                )
                .with_help("add `--no-install-recommends`");
            if let Some(edit) = c
                .subcommand()
                .and_then(|w| insert_after(ctx, w, "--no-install-recommends"))
            {
                f = f.with_fix("add --no-install-recommends", vec![edit]);
            }
            out.push(f);
        }
    }
}
