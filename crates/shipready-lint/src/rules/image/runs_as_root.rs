use crate::rules::common::users::names_root;
use crate::ImageContext;
use shipready_diagnostics::{ConfigKey, Finding, ImagePlace};

crate::declare_rule! {
    /// ## What it does
    /// Reads the image config's `User`: empty (the default), `root` or `0`
    /// means the main process runs as root.
    ///
    /// ## Why is this bad?
    /// Root in the container is root on its filesystem and one kernel or
    /// runtime bug away from root on the node. Kubernetes pods with
    /// `runAsNonRoot: true` refuse to start such an image. The image is
    /// what runs, whatever the Dockerfile in the repository says today.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-slim
    /// COPY . /app
    /// CMD ["node", "/app/server.js"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-slim
    /// COPY --chown=10001:10001 . /app
    /// USER 10001:10001
    /// CMD ["node", "/app/server.js"]
    /// ```
    id: "SR-I001",
    name: "image-runs-as-root",
    summary: "The image's user is root",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
    dockle: ["CIS-DI-0001"],
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    let user = ctx.image.config.user.trim();
    let name = user.split(':').next().unwrap_or("");
    let shown = if user.is_empty() {
        "sets no user, so it runs as root".to_string()
    } else {
        format!("runs as user `{user}`")
    };
    if name.is_empty() || names_root(user) {
        out.push(
            RULE.finding(
                ImagePlace::config(ConfigKey::User),
                format!("the image {shown}: a container escape starts as root, and `runAsNonRoot` pods refuse it"),
            )
            .with_help("add `USER <uid>:<gid>` with a numeric non-zero UID to the final stage and rebuild"),
        );
    }
}
