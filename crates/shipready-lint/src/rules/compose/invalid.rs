use crate::ComposeContext;
use shipready_compose::WarningKind;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports what the Compose Specification's JSON Schema refuses (an
    /// unknown attribute, a wrong type) and short syntax compose cannot
    /// parse (`:/data` after an unset variable), at the offending key or
    /// value.
    ///
    /// ## Why is this bad?
    /// `docker compose up` refuses the whole project; a typo such as
    /// `restart_policy:` at the service level, or `healtcheck:`, is
    /// silently dropped by older tools and the setting never applies.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     healtcheck:
    ///       test: ["CMD", "curl", "-f", "http://localhost"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     image: nginx:1.27
    ///     healthcheck:
    ///       test: ["CMD", "curl", "-f", "http://localhost"]
    /// ```
    id: "SR-C001",
    name: "compose-invalid",
    summary: "The Compose file breaks the Compose Specification",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx
        .project
        .invalid
        .iter()
        .filter(|w| w.kind == WarningKind::Invalid)
    {
        let Some(span) = w.span else { continue };
        out.push(
            RULE.finding(span, w.message.clone())
                .with_help("see https://docs.docker.com/reference/compose-file/ for the attribute's name and forms"),
        );
    }
}
