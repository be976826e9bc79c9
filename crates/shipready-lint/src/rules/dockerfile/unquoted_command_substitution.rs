use crate::Context;
use shipready_diagnostics::{Finding, Span};

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

/// Byte offsets of the command substitutions of `raw` (a word as written)
/// that no quote protects. Hand-written: the lexer keeps a word's text
/// with its quotes removed, and only this rule needs where they were.
fn unquoted_substitutions(raw: &str) -> Vec<usize> {
    let b = raw.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut double) = (0, false);
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'\'' if !double => match raw[i + 1..].find('\'') {
                Some(end) => i += end + 1,
                None => break,
            },
            b'"' => double = !double,
            b'$' if b.get(i + 1) == Some(&b'(') && b.get(i + 2) != Some(&b'(') => {
                if !double {
                    out.push(i);
                }
                i = skip_parens(b, i + 1);
                continue;
            }
            b'`' => {
                if !double {
                    out.push(i);
                }
                i += 1;
                while i < b.len() && b[i] != b'`' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The offset after the `)` closing the `(` at `open`.
fn skip_parens(b: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b'\'' => {
                if let Some(end) = b[i + 1..].iter().position(|c| *c == b'\'') {
                    i += end + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if c.nested || c.program().is_some_and(|p| NOT_SPLIT.contains(&p)) {
            continue;
        }
        // The program and its arguments; leading `NAME=value` assignments
        // are not split, so they are not looked at.
        for w in c.program_word().into_iter().chain(c.args()) {
            let raw = ctx.df.text(w.span);
            for at in unquoted_substitutions(raw) {
                let start = w.span.start + u32::try_from(at).unwrap_or(0);
                out.push(
                    RULE.finding(Span::new(start, w.span.end), "this command substitution is not quoted: its output is split on whitespace and every piece is globbed")
                        .with_help("quote it: \"$(…)\""),
                );
            }
        }
    }
}
