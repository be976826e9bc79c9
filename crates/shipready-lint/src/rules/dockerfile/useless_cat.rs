use super::util::{shell_nodes, word_span};
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::ast::{raw, Cmd, Node};
use shipready_dockerfile::shell::quoting::may_be_several;

crate::declare_rule! {
    /// ## What it does
    /// Reports `cat file | command` in a `RUN`, where `cat` reads one file
    /// only to pipe it on. ShellCheck's SC2002. Off by default: ShellCheck
    /// 0.10 made it optional too (and hadolint, built on it, no longer
    /// reports it); turn it on with `--select SR-D082`.
    ///
    /// ## Why is this bad?
    /// It costs a process and a pipe, and under `set -o pipefail` a second
    /// command that can fail. `command < file` or `command file` says the
    /// same thing.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN cat /tmp/packages.txt | xargs apt-get install -y --no-install-recommends
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN xargs apt-get install -y --no-install-recommends < /tmp/packages.txt
    /// ```
    id: "SR-D082",
    name: "useless-cat",
    summary: "`cat file |` only to pipe one file: redirect it instead",
    severity: Style,
    category: Style,
    fix: None,
    default_enabled: false,
    hadolint: ["SC2002"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    shell_nodes(ctx, |_, syntax, node| {
        let Node::Pipeline(p, _) = node else { return };
        let (Some(Cmd::Simple(s)), true) = (p.commands.first(), p.commands.len() > 1) else {
            return;
        };
        if s.basename() != Some("cat") {
            return;
        }
        let [file] = s.args() else { return };
        if file.text.starts_with('-') || may_be_several(raw(syntax.text, file)) {
            return;
        }
        out.push(
            RULE.finding(
                word_span(syntax, file),
                format!(
                    "`cat {}` only feeds the pipe: the next command can read the file itself",
                    file.text
                ),
            )
            .with_help(format!("redirect it: `command < {}`", file.text)),
        );
    });
}
