use super::util::{shell_nodes, word_span};
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::ast::{raw, Node};

crate::declare_rule! {
    /// ## What it does
    /// Reports `==` inside `[ … ]` in a `RUN` that `/bin/sh` (dash, ash)
    /// runs. ShellCheck's SC3014, which hadolint reports.
    ///
    /// ## Why is this bad?
    /// POSIX `test` knows only `=`. dash, the `/bin/sh` of Debian and
    /// Ubuntu images, fails with `[: unexpected operator`, so the condition
    /// is false whatever the values: `[ "$TARGETARCH" == amd64 ] && …`
    /// silently skips the step on every architecture.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN if [ "$TARGETARCH" == "amd64" ]; then ./install-x86.sh; fi
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN if [ "$TARGETARCH" = "amd64" ]; then ./install-x86.sh; fi
    /// ```
    id: "SR-D081",
    name: "double-equals-in-test",
    summary: "`==` in `[ ]` under /bin/sh: dash rejects it and the test is false",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["SC3014"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    shell_nodes(ctx, |run, syntax, node| {
        let Node::Simple(s, _) = node else { return };
        if !run.is_plain_sh() || s.name().is_none_or(|w| w.quoted || w.text != "[") {
            return;
        }
        for w in s.args() {
            if raw(syntax.text, w) == "==" {
                out.push(
                    RULE.finding(word_span(syntax, w), "`==` in `[ ]`: /bin/sh (dash) knows only `=`, fails with `unexpected operator`, and the test is false")
                        .with_help("use `=`, or SHELL [\"/bin/bash\", \"-c\"] if the script is bash"),
                );
            }
        }
    });
}
