use super::util::{has_cache_mount, insert_after, is_pip_install};
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports `pip install` without `--no-cache-dir`, unless the stage
    /// sets `PIP_NO_CACHE_DIR` or mounts a cache on `/root/.cache/pip`.
    ///
    /// ## Why is this bad?
    /// pip keeps every downloaded wheel in `~/.cache/pip`; in an image that
    /// is dead weight, often larger than the installed packages.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN pip install -r requirements.txt
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN pip install --no-cache-dir -r requirements.txt
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the flag only disables the download cache.
    id: "SR-D013",
    name: "pip-cache-in-layer",
    summary: "pip install without --no-cache-dir",
    severity: Info,
    category: Size,
    fix: Safe,
    default_enabled: true,
    hadolint: ["DL3042"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (run, c) in ctx.commands() {
        if !is_pip_install(c)
            || c.has_flag(None, &["--no-cache-dir"])
            || has_cache_mount(run.inst, "/root/.cache")
        {
            continue;
        }
        let stage = &ctx.stages[run.stage];
        let env_set = ctx.df.instructions[stage.from..run.index].iter().any(|i| {
            i.keyword == Keyword::Env
                && matches!(&i.args, Args::KeyValues(kvs) if kvs.iter().any(|kv| kv.key.value == "PIP_NO_CACHE_DIR"))
        });
        if env_set
            || c.words
                .iter()
                .any(|w| w.text.starts_with("PIP_NO_CACHE_DIR="))
        {
            continue;
        }
        let mut f = RULE
            .finding(
                c.program_span(),
                "`pip install` leaves its download cache in the layer",
            )
            .with_help("add `--no-cache-dir` (or set `ENV PIP_NO_CACHE_DIR=1`)");
        let install = c.args().iter().find(|w| w.text == "install");
        if let Some(edit) = install.and_then(|w| insert_after(ctx, w, "--no-cache-dir")) {
            f = f.with_fix("add --no-cache-dir", vec![edit]);
        }
        out.push(f);
    }
}
