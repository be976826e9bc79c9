use super::util::{has_cache_mount, insert_after, is_pip_install};
use crate::Context;
use shipready_diagnostics::{Finding, Span};

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
        // The nearest setting wins: a prefix assignment on the command,
        // then an `export` earlier in the RUN, then ENV (inherited too).
        let prefix = c.words[..c.words.len() - c.args().len()]
            .iter()
            .rev()
            .find_map(|w| w.text.strip_prefix(NO_CACHE));
        let exported = || {
            run.script
                .commands
                .iter()
                .take_while(|e| !std::ptr::eq(*e, c))
                .filter(|e| e.is("export") && !e.nested)
                .flat_map(|e| e.args())
                .filter_map(|w| w.text.strip_prefix(NO_CACHE))
                .last()
                .map(str::to_string)
        };
        let value = prefix
            .map(str::to_string)
            .or_else(exported)
            .or_else(|| ctx.env_value(run.stage, run.index, "PIP_NO_CACHE_DIR"));
        if value.is_some_and(|v| !is_false(&v)) {
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

const NO_CACHE: &str = "PIP_NO_CACHE_DIR=";

/// pip reads `PIP_NO_CACHE_DIR` as a boolean (`strtobool`): these values
/// turn the option off, so the cache stays. Anything else (`1`, `on`,
/// `yes`, `true`, or a `$VARIABLE` the build fills) is taken as set.
fn is_false(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "0" | "off" | "no" | "false" | "n" | "f"
    )
}
