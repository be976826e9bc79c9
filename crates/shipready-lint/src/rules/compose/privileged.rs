use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Value;

crate::declare_rule! {
    /// ## What it does
    /// Reports `privileged: true`.
    ///
    /// ## Why is this bad?
    /// A privileged container has every capability and every device of the
    /// host: root in it is root on the host, with one `mount` away from the
    /// host's disks.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   agent:
    ///     privileged: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   agent:
    ///     cap_add: [NET_ADMIN]
    /// ```
    id: "SR-C010",
    name: "compose-privileged",
    summary: "A service runs privileged",
    severity: Error,
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
        let Some((key, v)) = svc.entry("privileged") else {
            continue;
        };
        if v.value == Value::Bool(true) {
            out.push(
                RULE.finding(key.span, format!("service `{}` is privileged: root in it is root on the host", svc.name))
                    .with_help("remove it and grant only the capabilities or devices the service needs (`cap_add`, `devices`)"),
            );
        }
    }
}
