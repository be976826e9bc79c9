use crate::rules::common::users::names_root;
use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports services that set no `user` (then the image's USER applies,
    /// root unless the Dockerfile says otherwise) or set `root`/`0`. The
    /// Dockerfile side is SR-D001, and `shipready lint` on a directory
    /// compares the two.
    ///
    /// ## Why is this bad?
    /// Most images from Docker Hub run as root. A process that is root in
    /// the container is root on every file it can reach through a mount
    /// and one runtime bug away from the host.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   worker:
    ///     image: shop/worker:1.4.2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   worker:
    ///     image: shop/worker:1.4.2
    ///     user: "10001:10001"
    /// ```
    id: "SR-C018",
    name: "compose-no-user",
    summary: "A service sets no non-root user",
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
        match svc.entry("user") {
            None => out.push(
                RULE.finding(svc.key.span, format!("service `{}` sets no `user`: it runs as the image's user, root for most images", svc.name))
                    .with_help("set `user: \"<uid>:<gid>\"` with a non-zero UID (and make its files readable by it)"),
            ),
            Some((key, v)) => {
                let user = v.key_text().unwrap_or_default();
                if names_root(&user) {
                    out.push(
                        RULE.finding(key.span, format!("service `{}` runs as `{user}`", svc.name))
                            .with_help("use a non-zero UID: `user: \"10001:10001\"`"),
                    );
                }
            }
        }
    }
}
