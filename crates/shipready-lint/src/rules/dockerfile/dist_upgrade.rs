use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports distribution upgrades in a build: `apt-get dist-upgrade` /
    /// `full-upgrade` and `zypper dist-upgrade` / `dup`.
    ///
    /// Plain package upgrades (`apt-get upgrade`, `apk upgrade`,
    /// `dnf upgrade`, `yum update`) are not reported: they apply security
    /// fixes without changing the release, and hadolint dropped its rules
    /// for them (DL3017, DL3031, DL3039) for that reason.
    ///
    /// ## Why is this bad?
    /// A distribution upgrade can move the image to a new release of the
    /// OS, replacing the base the image was tested on; move to a newer
    /// base image tag instead, so the change is visible and reviewed.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get update && apt-get dist-upgrade -y
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12.8-slim
    /// ```
    id: "SR-D024",
    name: "dist-upgrade",
    summary: "distribution upgrade in a build",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3005", "DL3035"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        let sub = c.subcommand().map(|w| w.text.as_str());
        let upgrade = match c.program() {
            Some("apt-get" | "apt") => matches!(sub, Some("dist-upgrade" | "full-upgrade")),
            Some("zypper") => matches!(sub, Some("dist-upgrade" | "dup")),
            _ => false,
        };
        if upgrade {
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
