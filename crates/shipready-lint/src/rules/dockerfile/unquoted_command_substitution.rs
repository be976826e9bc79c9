use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::expansions;

crate::declare_rule! {
    /// ## What it does
    /// Reports a command substitution (`$(…)` or backquotes) outside
    /// double quotes in an argument of a `RUN` command, `[ … ]` tests and
    /// `export`/`local` values included; plain assignments, `for` lists
    /// and `case` words are not split and are not reported. ShellCheck's
    /// SC2046, which hadolint reports.
    ///
    /// ## Why is this bad?
    /// The output is split on whitespace and every piece is globbed:
    /// `cd $(dirname $file)` breaks on a path with a space, and
    /// `rm $(find . -name '*.tmp')` deletes the wrong files when a name
    /// holds a `*`.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN cd $(dirname /opt/app/bin/run) && ./run --check
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN cd "$(dirname /opt/app/bin/run)" && ./run --check
    /// ```
    id: "SR-D072",
    name: "unquoted-command-substitution",
    summary: "An unquoted command substitution is split into words and globbed",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["SC2046"],
    trivy: [],
    checkov: [],
    check: check,
}

/// Compound commands left out, as ShellCheck leaves them out of SC2046:
/// a `case` word is never split, and a `for`/`select` list is split on
/// purpose (ShellCheck has other codes for its pitfalls).
const NOT_SPLIT: &[&str] = &["for", "case", "select"];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if c.nested || c.program().is_some_and(|p| NOT_SPLIT.contains(&p)) {
            continue;
        }
        // The program and its arguments; leading `NAME=value` assignments
        // are not split, so they are not looked at.
        for w in c.program_word().into_iter().chain(c.args()) {
            let raw = ctx.df.text(w.span);
            let unquoted = expansions(raw)
                .into_iter()
                .filter(|e| e.is_command() && !e.quoted);
            for at in unquoted.map(|e| e.start) {
                let start = w.span.start + u32::try_from(at).unwrap_or(0);
                out.push(
                    RULE.finding(Span::new(start, w.span.end), "this command substitution is not quoted: its output is split on whitespace and every piece is globbed")
                        .with_help("quote it: \"$(…)\""),
                );
            }
        }
    }
}
