use super::util::word_span;
use crate::{Context, Syntax};
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::ast::{raw, Node, Simple};

crate::declare_rule! {
    /// ## What it does
    /// Reports `cd`, `pushd` or `popd` in a `RUN` whose failure nothing
    /// checks: not followed by `&&` or `||`, not an `if` or `while`
    /// condition, and no `set -e` in the script or `-e` in `SHELL`.
    /// ShellCheck's SC2164, which hadolint reports. `cd ..` is let be.
    ///
    /// ## Why is this bad?
    /// When the directory is missing (a renamed archive, a changed
    /// version), the script carries on where it was: `cd /src/app-1.2;
    /// make install; rm -rf /src` builds in `/` and deletes the wrong tree,
    /// or the step succeeds with nothing installed.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN cd /usr/src/app; make install
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// WORKDIR /usr/src/app
    /// RUN make install
    /// ```
    id: "SR-D077",
    name: "cd-without-exit",
    summary: "A `cd` whose failure is not checked: the script goes on in the wrong directory",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["SC2164"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for run in &ctx.runs {
        for syntax in run.syntax() {
            if syntax.errexit {
                continue;
            }
            syntax.ast.walk(&mut |node| {
                if let Node::Simple(s, place) = node {
                    if !place.condition {
                        unchecked(syntax, s, out);
                    }
                }
            });
        }
    }
}

fn unchecked(syntax: &Syntax<'_>, s: &Simple, out: &mut Vec<Finding<Span>>) {
    let Some(name) = s.name().filter(|w| !w.quoted) else {
        return;
    };
    let name = name.text.as_str();
    if !matches!(name, "cd" | "pushd" | "popd") {
        return;
    }
    let args = s.args();
    if name == "cd" && args.len() == 1 && raw(syntax.text, &args[0]) == ".." {
        return;
    }
    if name != "cd" && s.short_flags().any(|c| c == 'n') {
        return;
    }
    let last = s.words.last().unwrap_or(&s.words[0]);
    out.push(
        RULE.finding(word_span(syntax, &s.words[0]).cover(word_span(syntax, last)), format!("nothing checks this `{name}`: if the directory is missing, the script goes on in the wrong one"))
            .with_help(format!("use WORKDIR, or `{name} … && next-command`, `{name} … || exit 1`, or `set -e` first")),
    );
}
