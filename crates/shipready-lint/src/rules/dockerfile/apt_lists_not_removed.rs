use super::util::{has_cache_mount, is_apt_install};
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports a RUN that runs `apt-get install` in a stage that ends up
    /// in the image without removing `/var/lib/apt/lists/*` in the same
    /// RUN (a cache mount on that path also counts).
    ///
    /// ## Why is this bad?
    /// The package lists are 20–50 MB that the running container never
    /// needs; deleting them in a later RUN does not shrink the image
    /// because the earlier layer still holds them.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///  && rm -rf /var/lib/apt/lists/*
    /// ```
    id: "SR-D011",
    name: "apt-lists-not-removed",
    summary: "apt package lists left in the layer",
    severity: Info,
    category: Size,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3009"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let chain = ctx.final_chain();
    for run in ctx.runs.iter().filter(|r| chain.contains(&r.stage)) {
        let Some(install) = run.script.commands.iter().find(|c| is_apt_install(c)) else {
            continue;
        };
        if has_cache_mount(run.inst, "/var/lib/apt") {
            continue;
        }
        // `apt-get dist-clean` (apt ≥ 2.7.8) removes the lists too.
        let cleaned = run.script.commands.iter().any(|c| {
            (c.is("rm")
                && c.args()
                    .iter()
                    .any(|w| w.text.starts_with("/var/lib/apt/lists")))
                || ((c.is("apt-get") || c.is("apt"))
                    && c.subcommand().is_some_and(|w| w.text == "dist-clean"))
        });
        if !cleaned {
            out.push(
                RULE.finding(
                    install.program_span(),
                    "apt lists stay in this layer (20–50 MB) after `apt-get install`",
                )
                .with_help("end the same RUN with `&& rm -rf /var/lib/apt/lists/*`"),
            );
        }
    }
}
