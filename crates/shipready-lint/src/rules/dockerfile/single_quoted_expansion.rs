use super::util::shell_nodes;
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::ast::{is_assignment, raw, Node, Simple};
use shipready_dockerfile::shell::quoting::single_quoted;

crate::declare_rule! {
    /// ## What it does
    /// Reports `$name`, `${…}`, `$(…)` or backquotes inside single quotes
    /// in a `RUN`, where the shell expands nothing, except for the programs
    /// that are handed such text on purpose (`awk`, `perl`, `jq`, `sh -c`,
    /// `sudo`, `docker`, `trap`, `eval`, `find -exec sh`) and for `sed`'s
    /// own `$` addresses. ShellCheck's SC2016, which hadolint reports.
    ///
    /// ## Why is this bad?
    /// `echo 'export PATH=$HOME/bin:$PATH' >> /etc/profile` is usually what
    /// was meant, but `sed -i 's/$VERSION/1.2/'` or `curl -H 'Authorization:
    /// Bearer $TOKEN'` sends the name itself, and the build goes on with a
    /// value that was never filled in.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN curl -fsSL -H 'Authorization: Bearer $TOKEN' https://example.com/pkg.tgz -o pkg.tgz
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN curl -fsSL -H "Authorization: Bearer $TOKEN" https://example.com/pkg.tgz -o pkg.tgz
    /// ```
    id: "SR-D076",
    name: "single-quoted-expansion",
    summary: "A `$` expression in single quotes is passed on as written, not expanded",
    severity: Info,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["SC2016"],
    trivy: [],
    checkov: [],
    check: check,
}

/// Programs that take shell, awk, jq or similar code as an argument: the
/// quotes are what keeps it for them (ShellCheck's list).
const CODE_TAKERS: &[&str] = &[
    "trap",
    "sh",
    "bash",
    "ksh",
    "zsh",
    "ssh",
    "eval",
    "xprop",
    "alias",
    "sudo",
    "docker",
    "podman",
    "dpkg-query",
    "jq",
    "rename",
    "rg",
    "unset",
];

/// Variables whose values are meant to be expanded later.
const PROMPTS: &[&str] = &["PS1", "PS2", "PS3", "PS4", "PROMPT_COMMAND"];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    shell_nodes(ctx, |_, syntax, node| {
        let Node::Simple(s, _) = node else { return };
        let text = syntax.text;
        if !s.words.iter().any(|w| raw(text, w).contains('\'')) {
            return;
        }
        let name = program(s);
        if CODE_TAKERS.contains(&name.as_str())
            || name == "git filter-branch"
            || name.ends_with("awk")
            || name.starts_with("perl")
        {
            return;
        }
        for w in &s.words {
            let raw = raw(text, w);
            if !raw.contains('\'') {
                continue;
            }
            if is_assignment(raw) && PROMPTS.iter().any(|p| raw.split('=').next() == Some(p)) {
                continue;
            }
            for part in single_quoted(raw) {
                let inner = &raw[part.clone()];
                if !expands(inner) || (name == "sed" && sed_address(inner)) {
                    continue;
                }
                let at = w.span.start as usize;
                let span = (syntax.map)(
                    at + part.start - 1,
                    (at + part.end + 1).min(w.span.end as usize),
                );
                out.push(
                    RULE.finding(span, "this `$` expression is in single quotes: the shell passes it on as written, it is not expanded")
                        .with_help("use double quotes where the value is meant (\"…$NAME…\"); keep the single quotes if the text is for another program"),
                );
            }
        }
    });
}

/// The command's name as ShellCheck reads it: the base name, the program
/// after `find -exec`, or `git filter-branch`.
fn program(s: &Simple) -> String {
    let Some(base) = s.basename() else {
        return String::new();
    };
    let args = s.args();
    match base {
        "find" => {
            let exec = args
                .iter()
                .position(|w| matches!(w.text.as_str(), "-exec" | "-execdir"));
            match exec.and_then(|i| args.get(i + 1)) {
                Some(w) => w.text.clone(),
                None => "find".into(),
            }
        }
        "git" if args.first().is_some_and(|w| w.text == "filter-branch") => {
            "git filter-branch".into()
        }
        _ => base.to_string(),
    }
}

/// `$name`, `${`, `$(`, `$1` or a backquoted command.
fn expands(s: &str) -> bool {
    let b = s.as_bytes();
    let dollar = b.windows(2).any(|w| {
        w[0] == b'$' && (w[1].is_ascii_alphanumeric() || matches!(w[1], b'{' | b'(' | b'_'))
    });
    dollar
        || s.split('`')
            .nth(1)
            .is_some_and(|c| !c.is_empty() && s.matches('`').count() >= 2)
}

/// sed's `$` (the last line) before a command letter or `{`: `'$d'`,
/// `'$a text'`.
fn sed_address(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2).enumerate().any(|(i, w)| {
        w[0] == b'$'
            && matches!(w[1], b'{' | b'd' | b'p' | b's' | b'a' | b'i' | b'c')
            && b.get(i + 2).is_none_or(|c| !c.is_ascii_alphabetic())
    })
}
