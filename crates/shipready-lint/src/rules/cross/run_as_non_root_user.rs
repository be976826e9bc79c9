use crate::cross_context::{is_root_user, CrossContext, CrossFinding};
use shipready_yaml::Value;

crate::declare_rule! {
    /// ## What it does
    /// Reports Kubernetes containers with `runAsNonRoot: true` and no
    /// `runAsUser`, whose image's Dockerfile leaves the user as root (no
    /// USER, `root`, `0`) or names it (`USER node`).
    ///
    /// ## Why is this bad?
    /// The kubelet refuses to start the container: with a root user
    /// (`container has runAsNonRoot and image will run as root`), and with
    /// a named user because it cannot verify a name is not root
    /// (`image has non-numeric user`). The pod sits in
    /// `CreateContainerConfigError` after the rollout began.
    ///
    /// ## Example
    /// ```dockerfile
    /// USER node
    /// ```
    /// ```yaml
    /// securityContext:
    ///   runAsNonRoot: true
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// USER 1000:1000
    /// ```
    id: "SR-F003",
    name: "cross-run-as-non-root-user",
    summary: "runAsNonRoot meets an image the kubelet will refuse",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    cross_check: check,
}

fn check(ctx: &CrossContext<'_>, out: &mut Vec<CrossFinding>) {
    for c in ctx.kube_containers() {
        let field = |f: &str| {
            c.container
                .get("securityContext")
                .and_then(|s| s.get(f))
                .or_else(|| c.pod.get("securityContext").and_then(|s| s.get(f)))
        };
        let Some(non_root) = field("runAsNonRoot").filter(|n| n.value == Value::Bool(true)) else {
            continue;
        };
        if field("runAsUser").is_some() {
            continue;
        }
        let Some(df) = ctx.dockerfile_for_image(&c.image) else {
            continue;
        };
        let user = df.user.as_ref().map(|(u, _)| u.as_str());
        let (why, place) = if is_root_user(user) {
            (
                "runs as root",
                df.user.as_ref().map_or(df.from, |(_, s)| *s),
            )
        } else {
            let name = user.unwrap_or("").split(':').next().unwrap_or("");
            if name.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            (
                "names its user instead of giving a UID, which the kubelet cannot check",
                df.user.as_ref().map_or(df.from, |(_, s)| *s),
            )
        };
        out.push(CrossFinding {
            file: c.file.to_string(),
            finding: RULE
                .finding(non_root.span, format!("{} requires runAsNonRoot, but `{}` {} ({}): the kubelet will refuse to start it", c.owner, c.image, why, df.at(place)))
                .with_help("give the Dockerfile a numeric non-root `USER 10001:10001`, or set `runAsUser` here"),
        });
    }
}
