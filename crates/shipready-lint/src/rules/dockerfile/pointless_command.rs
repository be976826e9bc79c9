use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports interactive or system-management commands in RUN: `ssh`,
    /// `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`,
    /// `ifconfig`.
    ///
    /// ## Why is this bad?
    /// A build step has no terminal, no init system and no running
    /// services: these commands do nothing useful there, or hang the build.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN service nginx start
    /// ```
    ///
    /// ## Use instead
    /// Start services in CMD/ENTRYPOINT; inspect containers from outside.
    id: "SR-D021",
    name: "pointless-command",
    summary: "Command that makes no sense in a build step",
    severity: Info,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3001"],
    trivy: [],
    checkov: [],
    check: check,
}

const POINTLESS: &[&str] = &[
    "ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount", "ifconfig",
];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if let Some(p) = c.program().filter(|p| POINTLESS.contains(p)) {
            out.push(
                RULE.finding(
                    c.program_span(),
                    format!("`{p}` has no effect (or hangs) in a build step"),
                )
                .with_help("remove it; start services from CMD/ENTRYPOINT"),
            );
        }
    }
}
