use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Value;

crate::declare_rule! {
    /// ## What it does
    /// Reports services without `read_only: true`.
    ///
    /// ## Why is this bad?
    /// A writable root filesystem lets an attacker drop tools and change
    /// the service's code in place, and hides state that a restart then
    /// loses. With `read_only: true` plus `tmpfs` or volumes for the
    /// paths that must be written, that state is explicit.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   api:
    ///     image: shop/api:1.4.2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   api:
    ///     image: shop/api:1.4.2
    ///     read_only: true
    ///     tmpfs: [/tmp]
    /// ```
    id: "SR-C017",
    name: "compose-no-read-only",
    summary: "A service's root filesystem is writable",
    severity: Info,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for svc in ctx.services() {
        if svc
            .get("read_only")
            .is_some_and(|v| v.value == Value::Bool(true))
        {
            continue;
        }
        out.push(
            RULE.finding(svc.key.span, format!("service `{}` can write to its root filesystem", svc.name))
                .with_help("add `read_only: true`, with `tmpfs: [/tmp]` or a volume for each path it must write"),
        );
    }
}
