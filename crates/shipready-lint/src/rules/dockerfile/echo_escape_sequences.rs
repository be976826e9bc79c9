use super::util::{shell_nodes, word_span};
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::ast::{raw, Node};
use shipready_dockerfile::shell::quoting::literal;

crate::declare_rule! {
    /// ## What it does
    /// Reports an `echo` argument holding a backslash escape (`\n`, `\t`,
    /// `\033`, `\x1b`, `\\`) in a `RUN` run by `sh` or bash, unless `-e`
    /// is given. ShellCheck's SC2028, which hadolint reports.
    ///
    /// ## Why is this bad?
    /// Whether `echo` expands escapes depends on the shell: Debian's and
    /// Ubuntu's `/bin/sh` (dash) does, bash does not. `echo 'a\nb' >
    /// /etc/app.conf` writes two lines on one base image and one literal
    /// `a\nb` on the next, and the service reads a broken config file.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN echo 'listen 8080;\nworker_processes 2;' > /etc/nginx/conf.d/app.conf
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN printf 'listen 8080;\nworker_processes 2;\n' > /etc/nginx/conf.d/app.conf
    /// ```
    id: "SR-D074",
    name: "echo-escape-sequences",
    summary: "`echo` with a backslash escape: whether it expands depends on the shell",
    severity: Info,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["SC2028"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    shell_nodes(ctx, |run, syntax, node| {
        // dash's echo always expands escapes: nothing differs there.
        if matches!(run.shell.as_str(), "dash" | "ash" | "zsh") {
            return;
        }
        let Node::Simple(s, _) = node else { return };
        if s.basename() != Some("echo") || s.short_flags().any(|c| c == 'e') {
            return;
        }
        for w in s.args() {
            if has_escape(&literal(raw(syntax.text, w))) {
                out.push(
                    RULE.finding(word_span(syntax, w), "`echo` with a backslash escape: dash expands it, bash prints it as written, so the output depends on the base image's shell")
                        .with_help("use `printf '…\\n'`, which expands escapes the same way everywhere"),
                );
            }
        }
    });
}

/// ShellCheck's pattern: `\` followed by one of `rntabefv\'`, an octal
/// digit, or `x` and a hex digit.
fn has_escape(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2).enumerate().any(|(i, w)| {
        w[0] == b'\\'
            && (b"rntabefv\\'".contains(&w[1])
                || (b'0'..=b'7').contains(&w[1])
                || (w[1] == b'x' && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit)))
    })
}
