use super::util::shell_nodes;
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::ast::{raw, Node};
use shipready_dockerfile::shell::{expansions, Word};

crate::declare_rule! {
    /// ## What it does
    /// Reports a command substitution written with backquotes
    /// (`` `cmd` ``) in a `RUN`. ShellCheck's SC2006, which hadolint
    /// reports.
    ///
    /// ## Why is this bad?
    /// Backquotes do not nest without escaping, treat backslashes inside
    /// differently from the rest of the script, and are easy to misread as
    /// quotes in a long `RUN`. `$(…)` does the same thing without the traps.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN echo "built on `date -u +%F`" > /etc/build-date
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN echo "built on $(date -u +%F)" > /etc/build-date
    /// ```
    id: "SR-D078",
    name: "legacy-backticks",
    summary: "Command substitution in backquotes; `$(…)` nests and reads better",
    severity: Style,
    category: Style,
    fix: None,
    default_enabled: true,
    hadolint: ["SC2006"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    shell_nodes(ctx, |_, syntax, node| {
        let words: &[Word] = match node {
            Node::Simple(s, _) => &s.words,
            Node::For(f) => f.words.as_deref().unwrap_or(&[]),
            _ => return,
        };
        for w in words {
            let raw = raw(syntax.text, w);
            if !raw.contains('`') {
                continue;
            }
            let at = w.span.start as usize;
            for e in expansions(raw) {
                if raw.as_bytes().get(e.start) != Some(&b'`') {
                    continue;
                }
                out.push(
                    RULE.finding((syntax.map)(at + e.start, at + e.end), "a command substitution in backquotes: they do not nest and treat backslashes their own way")
                        .with_help(format!("write it as $({})", &raw[e.inner.clone()])),
                );
            }
        }
    });
}
