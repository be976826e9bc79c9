use super::util::{shell_nodes, word_span};
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::ast::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports `read` without `-r` in a `RUN`. ShellCheck's SC2162, which
    /// hadolint reports.
    ///
    /// ## Why is this bad?
    /// Without `-r`, `read` takes backslashes as escapes and drops them:
    /// a Windows path, a regular expression or a checksum list read line by
    /// line comes out altered, and what the loop installs or verifies is
    /// not what the file says.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN while read line; do echo "$line" >> /etc/app.conf; done < /tmp/app.conf.in
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN while IFS= read -r line; do echo "$line" >> /etc/app.conf; done < /tmp/app.conf.in
    /// ```
    id: "SR-D079",
    name: "read-without-r",
    summary: "`read` without `-r` removes the backslashes from what it reads",
    severity: Info,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["SC2162"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    shell_nodes(ctx, |_, syntax, node| {
        let Node::Simple(s, _) = node else { return };
        let Some(name) = s.name().filter(|w| !w.quoted && w.text == "read") else {
            return;
        };
        if s.short_flags().any(|c| c == 'r') {
            return;
        }
        out.push(
            RULE.finding(
                word_span(syntax, name),
                "`read` without `-r` takes backslashes as escapes and drops them from the line",
            )
            .with_help("use `IFS= read -r line`"),
        );
    });
}
