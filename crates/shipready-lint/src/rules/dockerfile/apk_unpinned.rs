#[allow(unused_imports)]
use super::util::*;
use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports packages in `apk add` without a version (`pkg=1.2-r0`).
    ///
    /// ## Why is this bad?
    /// Unpinned packages make the image depend on the day it was built.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN apk add --no-cache curl=8.9.0-r0
    /// ```
    id: "SR-D032",
    name: "apk-unpinned",
    summary: "apk add without package versions",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3018"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if !is_apk_add(c) {
            continue;
        }
        let unpinned: Vec<_> = c
            .operands(&["-t", "--virtual", "-X", "--repository", "--root", "-p"])
            .into_iter()
            .filter(|w| {
                let t = w.text.as_str();
                !(t.contains('=')
                    || t.contains('~')
                    || t.contains('>')
                    || t.contains('<')
                    || t.ends_with(".apk")
                    || t.starts_with('$')
                    || t.starts_with('.'))
            })
            .collect();
        out.extend(unpinned_packages(
            &RULE,
            &unpinned,
            "apk",
            "pin versions: `apk add <pkg>=<version>`",
        ));
    }
}
