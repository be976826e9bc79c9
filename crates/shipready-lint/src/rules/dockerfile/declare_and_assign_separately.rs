use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `export`, `local`, `declare`, `readonly` and `typeset` in a
    /// `RUN` whose assigned value comes from a command substitution
    /// (`$(…)` or backquotes). ShellCheck's SC2155, which hadolint reports.
    ///
    /// ## Why is this bad?
    /// The status of `export VERSION=$(curl -fsS …)` is `export`'s, which
    /// always succeeds: when the command fails, `&&` and `set -e` carry on
    /// with an empty value, and the build ships an image made with it.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN export VERSION=$(cat /src/VERSION) && make VERSION=$VERSION
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN VERSION=$(cat /src/VERSION) && export VERSION && make VERSION=$VERSION
    /// ```
    id: "SR-D070",
    name: "declare-and-assign-separately",
    summary: "A declaration's value comes from a command substitution, which hides the command's failure",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["SC2155"],
    trivy: [],
    checkov: [],
    check: check,
}

/// The builtins whose own status replaces the assigned command's.
const DECLARATIONS: &[&str] = &["export", "local", "declare", "readonly", "typeset"];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        let Some(builtin) = DECLARATIONS.iter().find(|d| c.is(d)) else {
            continue;
        };
        for w in c.args() {
            let Some((name, value)) = w.text.split_once('=') else {
                continue;
            };
            if !(value.contains("$(") || value.contains('`')) {
                continue;
            }
            out.push(
                RULE.finding(w.span, format!("`{builtin} {name}=$(…)` returns {builtin}'s status, not the command's: when the command fails, `&&` and `set -e` go on with an empty {name}"))
                    .with_help(format!("assign first, then declare: `{name}=$(…) && {builtin} {name}`")),
            );
        }
    }
}
