use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports services logging with the `json-file` driver (Docker's
    /// default when no `logging` is set) without `max-size`.
    ///
    /// ## Why is this bad?
    /// `json-file` keeps every line forever: a chatty service fills the
    /// host's disk and takes the other services with it. (Daemon-wide
    /// defaults in `/etc/docker/daemon.json` may set a limit; the file
    /// cannot know, so set it here.)
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
    ///     logging:
    ///       driver: json-file
    ///       options: {max-size: 10m, max-file: "3"}
    /// ```
    id: "SR-C020",
    name: "compose-log-rotation",
    summary: "Logs grow without limit (json-file without max-size)",
    severity: Warning,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for svc in ctx.services() {
        let logging = svc.get("logging");
        let driver = logging
            .and_then(|l| l.get("driver"))
            .and_then(Node::key_text)
            .unwrap_or_else(|| "json-file".into());
        if driver != "json-file" {
            continue;
        }
        let capped = logging
            .and_then(|l| l.get("options"))
            .and_then(|o| o.get("max-size"))
            .is_some();
        if capped {
            continue;
        }
        let at = super::at(&svc, "logging");
        out.push(
            RULE.finding(at.span, format!("service `{}` logs to json-file with no `max-size`: its logs grow until the disk is full", svc.name))
                .with_help("add `logging: {driver: json-file, options: {max-size: 10m, max-file: \"3\"}}` (or `driver: local`)"),
        );
    }
}
