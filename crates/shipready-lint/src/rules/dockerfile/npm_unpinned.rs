#[allow(unused_imports)]
use super::util::*;
use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports packages named in `npm install` without a version (`pkg@1.2.3`).
    ///
    /// ## Why is this bad?
    /// Unversioned packages take whatever is newest on the day of the build.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN npm install -g typescript
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN npm install -g typescript@5.6.2
    /// ```
    id: "SR-D031",
    name: "npm-unpinned",
    summary: "npm install of packages without versions",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3016"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if !c.is("npm")
            || !matches!(
                c.subcommand().map(|w| w.text.as_str()),
                Some("install" | "i" | "add")
            )
        {
            continue;
        }
        let unpinned: Vec<_> = c
            .operands(&["--prefix", "--registry", "--cache"])
            .into_iter()
            .filter(|w| {
                let t = w.text.as_str();
                let name = t
                    .strip_prefix('@')
                    .map_or(t, |r| r.split_once('/').map_or(r, |(_, n)| n));
                !(name.contains('@')
                    || t.contains('/') && !t.starts_with('@')
                    || t.starts_with('.')
                    || t.starts_with('$')
                    || t.contains(':')
                    || t.ends_with(".tgz"))
            })
            .collect();
        out.extend(unpinned_packages(
            &RULE,
            &unpinned,
            "npm",
            "pin versions: `npm install <pkg>@<version>`",
        ));
    }
}
