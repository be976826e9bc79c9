use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `ln` that replaces `/bin/sh` (e.g. `ln -sf /bin/bash /bin/sh`).
    ///
    /// ## Why is this bad?
    /// Every script and package hook in the image that expects the
    /// distribution's `/bin/sh` now runs under another shell, at build time
    /// and in production. `SHELL` changes the shell for the Dockerfile's
    /// own RUN lines only.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN ln -sf /bin/bash /bin/sh
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// ```
    id: "SR-D066",
    name: "ln-bin-sh",
    summary: "/bin/sh replaced with ln instead of SHELL",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL4005"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if c.is("ln") && c.args().iter().any(|w| w.text == "/bin/sh") {
            out.push(
                RULE.finding(
                    c.program_span(),
                    "replacing /bin/sh changes the shell of every script in the image",
                )
                .with_help("use `SHELL [\"/bin/bash\", \"-c\"]` for the Dockerfile's RUN lines"),
            );
        }
    }
}
