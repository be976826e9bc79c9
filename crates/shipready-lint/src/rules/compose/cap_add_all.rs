use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports `cap_add: [ALL]` and `SYS_ADMIN`.
    ///
    /// ## Why is this bad?
    /// `ALL` is `privileged` minus the devices; `SYS_ADMIN` alone allows
    /// mounting filesystems and most known container escapes.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   vpn:
    ///     cap_add: [ALL]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   vpn:
    ///     cap_add: [NET_ADMIN]
    /// ```
    id: "SR-C011",
    name: "compose-cap-add-all",
    summary: "A service adds ALL or SYS_ADMIN capabilities",
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
        for cap in svc.get("cap_add").and_then(Node::as_seq).unwrap_or(&[]) {
            let Some(name) = cap.key_text() else { continue };
            let bare = name.trim_start_matches("CAP_").to_ascii_uppercase();
            if bare == "ALL" || bare == "SYS_ADMIN" {
                out.push(
                    RULE.finding(cap.span, format!("service `{}` adds `{name}`: enough to escape the container", svc.name))
                        .with_help("add only the capabilities the process needs (often NET_BIND_SERVICE or NET_ADMIN), and `cap_drop: [ALL]` first"),
                );
            }
        }
    }
}
