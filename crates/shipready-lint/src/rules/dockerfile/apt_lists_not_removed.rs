use super::util::has_cache_mount;
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::Command;
use shipready_dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Reports a RUN that runs `apt-get update` (which downloads the
    /// package lists) in a stage that ends up in the image, or in an
    /// `ONBUILD` trigger (which runs in every image built on this one),
    /// without removing `/var/lib/apt/lists/*` or running
    /// `apt-get dist-clean` in the same RUN. A cache or tmpfs mount on
    /// `/var/lib/apt` or below also counts.
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
    let kept = |r: &&crate::Run<'_>| chain.contains(&r.stage) || r.inst.keyword == Keyword::Onbuild;
    for run in ctx.runs.iter().filter(kept) {
        let Some(update) = run.script.commands.iter().find(|c| is_apt_update(c)) else {
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
                    update.program_span(),
                    "apt lists stay in this layer (20–50 MB) after `apt-get update`",
                )
                .with_help("end the same RUN with `&& rm -rf /var/lib/apt/lists/*`"),
            );
        }
    }
}

/// `apt-get update` / `apt update`: the command that writes the lists.
/// An install without it reads lists an earlier layer holds, and removing
/// them there would not shrink that layer.
fn is_apt_update(c: &Command) -> bool {
    (c.is("apt-get") || c.is("apt")) && c.subcommand().is_some_and(|w| w.text == "update")
}
