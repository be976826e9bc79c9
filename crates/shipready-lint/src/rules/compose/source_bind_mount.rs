use super::binds;
use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// In a production file (`compose.prod.yaml`,
    /// `docker-compose.production.yml`), reports bind mounts of the
    /// project's own directory or a directory below it over the
    /// container's code (`./:/app`, `./src:/app/src`). Mounts of single
    /// configuration files are left alone.
    ///
    /// ## Why is this bad?
    /// Production then runs the checkout on the host, not the image that
    /// was built, tested and scanned: a `git pull` changes the running
    /// code, and two hosts drift apart.
    ///
    /// ## Example
    /// ```yaml
    /// # compose.prod.yaml
    /// services:
    ///   api:
    ///     image: shop/api:1.4.2
    ///     volumes: ["./:/app"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// # compose.prod.yaml
    /// services:
    ///   api:
    ///     image: shop/api:1.4.2
    /// ```
    id: "SR-C021",
    name: "compose-source-bind-mount",
    summary: "A production service mounts the source tree over its code",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    if !ctx.production {
        return;
    }
    let project = ctx.project.dir.display().to_string();
    for svc in ctx.services() {
        for b in binds(&svc) {
            let inside = b.source == project
                || b.source
                    .strip_prefix(&project)
                    .is_some_and(|r| r.starts_with('/'));
            let is_file = std::path::Path::new(&b.source).is_file();
            if inside && !is_file {
                let shown = match b.source.strip_prefix(&project) {
                    Some("") => ".".to_string(),
                    Some(rest) => format!(".{rest}"),
                    None => b.source.clone(),
                };
                out.push(
                    RULE.finding(b.node.span, format!("service `{}` mounts the source tree ({shown}) over {}: production runs the checkout, not the image", svc.name, b.target))
                        .with_help("remove the mount in the production file; ship the code in the image"),
                );
            }
        }
    }
}
