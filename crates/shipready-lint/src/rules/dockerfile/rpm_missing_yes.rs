use super::util::{insert_after, rpm_install, rpm_subcommand};
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `yum install`, `dnf install` and `zypper install` without
    /// their non-interactive switch (`-y` / `--assumeyes`; for zypper also
    /// `-n` / `--non-interactive` / `--no-confirm`).
    ///
    /// `microdnf` is not checked: it never asks for confirmation.
    ///
    /// ## Why is this bad?
    /// The package manager waits for a "yes" that a build cannot type, and
    /// the build fails (or hangs on older versions).
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN dnf install httpd
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN dnf install -y httpd && dnf clean all
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the build could not have succeeded without an answer.
    id: "SR-D047",
    name: "rpm-install-missing-yes",
    summary: "yum/dnf/zypper install without -y",
    severity: Warning,
    category: Correctness,
    fix: Safe,
    default_enabled: true,
    hadolint: ["DL3030", "DL3034", "DL3038"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        let Some(manager) = rpm_install(c) else {
            continue;
        };
        let yes = match manager {
            "microdnf" => true,
            "zypper" => {
                c.has_flag(Some('n'), &["--non-interactive", "--no-confirm"])
                    || c.has_flag(Some('y'), &[])
            }
            _ => c.has_flag(Some('y'), &["--assumeyes"]),
        };
        if yes {
            continue;
        }
        let mut f = RULE
            .finding(
                c.program_span(),
                format!("`{manager} install` will wait for a confirmation the build cannot give"),
            )
            .with_help(format!("add `-y`: `{manager} install -y <package>`"));
        if let Some(edit) = rpm_subcommand(c).and_then(|w| insert_after(ctx, w, "-y")) {
            f = f.with_fix("add -y", vec![edit]);
        }
        out.push(f);
    }
}
