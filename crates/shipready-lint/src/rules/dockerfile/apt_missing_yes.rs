use super::util::{insert_after, is_apt_install};
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `apt-get install` without `-y` / `--yes` / `--assume-yes`
    /// (or `-qq`, which implies it).
    ///
    /// ## Why is this bad?
    /// Without it apt asks for confirmation and the build fails on the
    /// missing terminal answer.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get install curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN apt-get install -y curl
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the build could not have succeeded without an answer.
    id: "SR-D026",
    name: "apt-missing-yes",
    summary: "apt-get install without -y",
    severity: Warning,
    category: Correctness,
    fix: Safe,
    default_enabled: true,
    hadolint: ["DL3014"],
    trivy: ["DS021"],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if !is_apt_install(c) {
            continue;
        }
        let yes = c.has_flag(Some('y'), &["--yes", "--assume-yes"]) || quiet_level(c) >= 2;
        if !yes {
            let mut f = RULE
                .finding(
                    c.program_span(),
                    "`apt-get install` will wait for a confirmation the build cannot give",
                )
                .with_help("add `-y`");
            if let Some(edit) = c.subcommand().and_then(|w| insert_after(ctx, w, "-y")) {
                f = f.with_fix("add -y", vec![edit]);
            }
            out.push(f);
        }
    }
}

/// apt-get's quiet level: every `q` of a short-flag cluster and every
/// `--quiet` adds one (`-q -q` is `-qq`), `-q=N` sets it. Level 2 implies
/// `-y`.
fn quiet_level(c: &shipready_dockerfile::shell::Command) -> usize {
    let mut level = 0;
    for w in c.args() {
        let t = w.text.as_str();
        if let Some(n) = t.strip_prefix("-q=").or_else(|| t.strip_prefix("--quiet=")) {
            level = n.parse().unwrap_or(level);
        } else if t == "--quiet" {
            level += 1;
        } else if let Some(cluster) = t.strip_prefix('-').filter(|c| !c.starts_with('-')) {
            level += cluster
                .bytes()
                .take_while(u8::is_ascii_alphabetic)
                .filter(|b| *b == b'q')
                .count();
        }
    }
    level
}
