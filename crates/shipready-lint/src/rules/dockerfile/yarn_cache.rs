use super::util::has_any_cache_mount;
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `yarn install` in a RUN that does not also run `yarn cache
    /// clean` (a cache mount on the yarn cache also counts).
    ///
    /// ## Why is this bad?
    /// Yarn's offline cache duplicates every package tarball inside the
    /// layer, often doubling the size of `node_modules`.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN yarn install --frozen-lockfile
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN yarn install --frozen-lockfile && yarn cache clean
    /// ```
    id: "SR-D014",
    name: "yarn-cache-in-layer",
    summary: "yarn install without yarn cache clean",
    severity: Info,
    category: Size,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3060"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for run in &ctx.runs {
        if has_any_cache_mount(run.inst) {
            continue;
        }
        let install = run.script.commands.iter().find(|c| {
            // Bare `yarn` installs; `yarn --version` does not.
            c.is("yarn")
                && match c.subcommand().map(|w| w.text.as_str()) {
                    None => {
                        !c.has_flag(Some('v'), &["--version", "--help"])
                            && !c.has_flag(Some('h'), &[])
                    }
                    Some(sub) => matches!(sub, "install" | "add"),
                }
        });
        let cleaned = run.script.commands.iter().any(|c| {
            c.is("yarn")
                && c.args()
                    .windows(2)
                    .any(|w| w[0].text == "cache" && w[1].text == "clean")
        });
        if let (Some(c), false) = (install, cleaned) {
            out.push(
                RULE.finding(
                    c.program_span(),
                    "`yarn install` leaves yarn's package cache in the layer",
                )
                .with_help("append `&& yarn cache clean` to the same RUN"),
            );
        }
    }
}
