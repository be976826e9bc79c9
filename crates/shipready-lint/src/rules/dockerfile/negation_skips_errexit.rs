use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `! command` in a `RUN` under `set -e` (or a `SHELL` with
    /// `-e`) where the negation is a statement of its own: not a condition
    /// (`if`, `while`, `&&`, `||`) and not the script's last command, whose
    /// status is the step's. ShellCheck's SC2251, which hadolint reports.
    ///
    /// ## Why is this bad?
    /// A negated command never triggers `set -e`: `! grep -q secret
    /// /app/config; cp …` carries on whether grep found the secret or not,
    /// so the check the author meant as a build guard guards nothing.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN set -e; ! grep -q DEBUG=1 /app/.env; make build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN set -e; if grep -q DEBUG=1 /app/.env; then exit 1; fi; make build
    /// ```
    id: "SR-D071",
    name: "negation-skips-errexit",
    summary: "A `!` on a command that is not a condition: a failure no longer stops the build",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["SC2251"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for run in &ctx.runs {
        // Without errexit nothing stops the build anyway (ShellCheck asks
        // for `set -e` too).
        if !run.syntax().iter().any(|s| s.errexit) {
            continue;
        }
        // The script's own list; commands of `$(…)` and `sh -c` come after
        // their enclosing command and are not statements of it.
        let cmds: Vec<_> = run.script.commands.iter().filter(|c| !c.nested).collect();
        for (i, c) in cmds.iter().enumerate() {
            let Some(bang) = c.negated else { continue };
            // A negated pipeline ends at its last command.
            let mut end = i;
            while cmds[end].pipe_out && end + 1 < cmds.len() {
                end += 1;
            }
            // Joined by `&&`/`||` (either side), or the script's last
            // status: the negation is read.
            let read = c.chained || c.pipe_in || cmds.get(end + 1).is_none_or(|n| n.chained);
            if read {
                continue;
            }
            out.push(
                RULE.finding(bang, "this `!` is a statement of its own: a negated command never stops the build under `set -e`, so the check guards nothing")
                    .with_help("fail explicitly: `if command; then exit 1; fi`, or `command && exit 1`"),
            );
        }
    }
}
