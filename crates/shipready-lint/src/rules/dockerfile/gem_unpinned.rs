use super::util::{packages, unpinned_packages};
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports gems in `gem install` without a version (`rails:7.2.1`, or a
    /// `-v` / `--version` flag for the command).
    ///
    /// ## Why is this bad?
    /// An unpinned gem is whatever rubygems.org serves on the day of the
    /// build, including a new major version.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN gem install bundler
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN gem install bundler:2.5.22
    /// ```
    id: "SR-D050",
    name: "gem-unpinned",
    summary: "gem install without versions",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3028"],
    trivy: [],
    checkov: [],
    check: check,
}

const GEM_VALUE_FLAGS: &[&str] = &[
    "-i",
    "--install-dir",
    "-n",
    "--bindir",
    "-s",
    "--source",
    "-P",
    "--trust-policy",
    "--platform",
    "-g",
    "--file",
];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        let installs = c.is("gem")
            && c.subcommand()
                .is_some_and(|w| w.text == "install" || w.text == "i");
        if !installs || c.has_flag(Some('v'), &["--version"]) {
            continue;
        }
        // Words after `--` are build options for the gem's extension.
        let end = c
            .args()
            .iter()
            .position(|w| w.text == "--")
            .map(|i| c.args()[i].span.start);
        let unpinned: Vec<_> = packages(c, GEM_VALUE_FLAGS)
            .into_iter()
            .filter(|w| end.is_none_or(|end| w.span.start < end))
            .filter(|w| {
                let t = w.text.as_str();
                !(t.contains(':') || t.ends_with(".gem") || t.starts_with('$') || t == "--")
            })
            .collect();
        out.extend(unpinned_packages(
            &RULE,
            &unpinned,
            "gem",
            "pin versions: `gem install <gem>:<version>`",
        ));
    }
}
