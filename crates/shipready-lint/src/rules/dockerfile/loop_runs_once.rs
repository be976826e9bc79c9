use super::util::{shell_nodes, word_span};
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::ast::{raw, Node};
use shipready_dockerfile::shell::expansions;
use shipready_dockerfile::shell::quoting::{may_be_several, unquoted_literal};

crate::declare_rule! {
    /// ## What it does
    /// Reports a `for` loop over one word that cannot become several: no
    /// unquoted variable, command substitution, glob or brace expansion.
    /// ShellCheck's SC2043, which hadolint reports.
    ///
    /// ## Why is this bad?
    /// The loop runs exactly once, so it is either dead weight or a bug:
    /// usually a list that was quoted as one word (`for f in "a.conf b.conf"`) or
    /// a glob that lost its `*`, and a GPG key or a package silently never
    /// gets its turn. (A quoted expansion, `for k in "$KEYS"`, is
    /// ShellCheck's SC2066 and not reported here.)
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN for f in "app.conf log.conf"; do cp "/tmp/$f" /etc/app/; done
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN for f in app.conf log.conf; do cp "/tmp/$f" /etc/app/; done
    /// ```
    id: "SR-D075",
    name: "loop-runs-once",
    summary: "A `for` loop over one fixed word runs exactly once",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["SC2043"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    shell_nodes(ctx, |_, syntax, node| {
        let Node::For(f) = node else { return };
        let Some([w]) = f.words.as_deref() else {
            return;
        };
        let raw = raw(syntax.text, w);
        // ShellCheck has other codes for these: one single-quoted string
        // (SC2041), one double-quoted string that expands or globs
        // (SC2066), commas between items (SC2042).
        let whole = |q: char| {
            raw.len() >= 2
                && raw.starts_with(q)
                && raw.ends_with(q)
                && !raw[1..raw.len() - 1].contains(q)
        };
        if whole('\'') {
            return;
        }
        if whole('"') && (!expansions(raw).is_empty() || raw.contains(['*', '?', '['])) {
            return;
        }
        if unquoted_literal(raw).contains(',') || may_be_several(raw) {
            return;
        }
        out.push(
            RULE.finding(word_span(syntax, w), format!("this loop runs once, over `{raw}` alone"))
                .with_help("list the items as separate words, or loop over a glob or an unquoted expansion meant to split; drop the loop if one item is meant"),
        );
    });
}
