use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports RUN, CMD, ENTRYPOINT and HEALTHCHECK arguments that look
    /// like an exec-form array but are not valid JSON, most often because
    /// of single quotes: `CMD ['node', 'server.js']`.
    ///
    /// ## Why is this bad?
    /// The builder silently treats them as shell form: the container runs
    /// `/bin/sh -c "['node', 'server.js']"`, which fails at start-up with
    /// "[node,: not found", or needs a shell the final image may not have.
    ///
    /// ## Example
    /// ```dockerfile
    /// CMD ['node', 'server.js']
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// CMD ["node", "server.js"]
    /// ```
    id: "SR-D069",
    name: "exec-form-invalid-json",
    summary: "exec form that is not valid JSON",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    check: check,
}

/// True when `text` looks like a JSON array that the builder did not
/// accept (it only reaches us as text when JSON parsing failed).
/// The shell's `[ test ]` command also starts with `[`, but always with a
/// blank after it and without `"a",` items.
pub(crate) fn looks_like_broken_exec(text: &str) -> bool {
    let t = text.trim();
    let Some(inner) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) else {
        return false;
    };
    let glued = !inner.starts_with(char::is_whitespace);
    let quoted_items = inner
        .split(',')
        .rev()
        .skip(1)
        .any(|item| item.trim_end().ends_with(['"', '\'']));
    glued || quoted_items
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, inst) in ctx.instructions() {
        let inst = inst.effective();
        let args = match (&inst.keyword, &inst.args) {
            (Keyword::Run | Keyword::Cmd | Keyword::Entrypoint, a) => a,
            (Keyword::Healthcheck, Args::Healthcheck { cmd, .. }) => cmd,
            _ => continue,
        };
        let Args::Text(t) = args else {
            continue;
        };
        if !looks_like_broken_exec(&t.value) {
            continue;
        }
        let why = if t.value.contains('\'') {
            "JSON needs double quotes"
        } else {
            "it is not a valid JSON array of strings"
        };
        out.push(
            RULE.finding(
                t.span,
                format!(
                    "this {} is run by /bin/sh as one string, not as an exec array: {why}",
                    inst.keyword.as_str()
                ),
            )
            .with_help("write a JSON array of double-quoted strings: `[\"executable\", \"arg\"]`"),
        );
    }
}
