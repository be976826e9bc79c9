use super::util::{is_apt_install, packages, unpinned_packages, APT_VALUE_FLAGS};
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports packages in `apt-get install` without a version (`pkg=1.2-3`).
    ///
    /// ## Why is this bad?
    /// Unpinned packages make the image depend on the day it was built;
    /// pinning makes builds reproducible and upgrades deliberate.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
    /// ```
    id: "SR-D025",
    name: "apt-unpinned",
    summary: "apt-get install without package versions",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3008"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if !is_apt_install(c) {
            continue;
        }
        let unpinned: Vec<_> = packages(c, APT_VALUE_FLAGS)
            .into_iter()
            .filter(|w| {
                !w.text.contains('=')
                    && !w.text.ends_with(".deb")
                    && !w.text.starts_with('/')
                    && !w.text.starts_with('$')
                    && !w.text.starts_with("./")
            })
            .collect();
        out.extend(unpinned_packages(
            &RULE,
            &unpinned,
            "apt",
            "pin versions: `apt-get install <pkg>=<version>`",
        ));
    }
}
