use super::util::{shell_nodes, word_span};
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::ast::{is_assignment, raw, Cmd, Node};
use shipready_dockerfile::shell::Op;

crate::declare_rule! {
    /// ## What it does
    /// Reports `A && B || C` in a `RUN` where `C` is a command that can do
    /// something (not `echo`, `printf`, `exit`, `return`, `:`, `true` or
    /// an assignment), and the chain is not itself a condition. ShellCheck's
    /// SC2015, which hadolint reports.
    ///
    /// ## Why is this bad?
    /// It is not if-then-else: when `B` fails, `C` runs too. `[ -f
    /// /app/.env ] && cp /app/.env /etc/app || cp /defaults /etc/app`
    /// overwrites the real config with the defaults whenever the first copy
    /// fails, and the step succeeds.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN [ -f /tmp/app.conf ] && cp /tmp/app.conf /etc/app.conf || cp /etc/app.conf.dist /etc/app.conf
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN if [ -f /tmp/app.conf ]; then cp /tmp/app.conf /etc/app.conf; else cp /etc/app.conf.dist /etc/app.conf; fi
    /// ```
    id: "SR-D080",
    name: "and-or-not-if-else",
    summary: "`A && B || C` is not if-then-else: `C` also runs when `B` fails",
    severity: Info,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["SC2015"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    shell_nodes(ctx, |_, syntax, node| {
        let Node::AndOr(list, place) = node else {
            return;
        };
        let n = list.rest.len();
        // `A && B || C` as the last two operators of a chain that is not a
        // condition itself (in `… || C || D` the `A && B || C` part is).
        if place.condition || n < 2 || list.rest[n - 1].0 != Op::Or || list.rest[n - 2].0 != Op::And
        {
            return;
        }
        let last = &list.rest[n - 1].1;
        if let [Cmd::Simple(s)] = last.commands.as_slice() {
            let assigns = s.words.iter().all(|w| is_assignment(raw(syntax.text, w)));
            // `|| :` and `|| true` only ignore a failure (ShellCheck 0.10 and
            // hadolint let them be too; 0.9 does not).
            let harmless = matches!(
                s.basename(),
                Some("echo" | "printf" | "exit" | "return" | ":" | "true")
            );
            if assigns || harmless {
                return;
            }
        }
        let Some((first, _)) = list.ends() else {
            return;
        };
        let Some((_, b_end)) = list.rest[n - 2].1.ends() else {
            return;
        };
        out.push(
            RULE.finding(word_span(syntax, first).cover(word_span(syntax, b_end)), "`A && B || C` is not if-then-else: when the command after `&&` fails, the one after `||` runs too")
                .with_help("write `if A; then B; else C; fi`"),
        );
    });
}
