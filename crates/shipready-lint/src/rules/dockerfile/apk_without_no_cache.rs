use super::util::{has_cache_mount, insert_after, is_apk_add};
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `apk add` without `--no-cache` (unless `/var/cache/apk` is a
    /// cache mount).
    ///
    /// ## Why is this bad?
    /// Without `--no-cache`, apk keeps its index in `/var/cache/apk` inside
    /// the layer: megabytes on an image whose point is to be small.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apk add curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// ## Fix safety
    /// Safe: `--no-cache` changes no installed file.
    id: "SR-D012",
    name: "apk-without-no-cache",
    summary: "apk add without --no-cache",
    severity: Info,
    category: Size,
    fix: Safe,
    default_enabled: true,
    hadolint: ["DL3019"],
    trivy: ["DS025"],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (run, c) in ctx.commands() {
        if !is_apk_add(c)
            || c.has_flag(None, &["--no-cache"])
            || has_cache_mount(run.inst, "/var/cache/apk")
        {
            continue;
        }
        let mut f = RULE
            .finding(
                c.program_span(),
                "`apk add` keeps its package index in the layer",
            )
            .with_help("use `apk add --no-cache`");
        if let Some(edit) = c
            .subcommand()
            .and_then(|w| insert_after(ctx, w, "--no-cache"))
        {
            f = f.with_fix("add --no-cache", vec![edit]);
        }
        out.push(f);
    }
}
