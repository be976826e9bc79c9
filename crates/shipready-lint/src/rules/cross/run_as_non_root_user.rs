use crate::cross_context::CrossContext;
use crate::rules::common::security_context::security;
use crate::rules::common::users::is_root_user;
use shipready_diagnostics::Finding;
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

fn check(ctx: &CrossContext<'_>, out: &mut Vec<Finding>) {
    for c in ctx.kube_containers() {
        let field = |f: &str| security(c.pod, c.container, f);
        let Some(non_root) = field("runAsNonRoot").filter(|n| n.value == Value::Bool(true)) else {
            continue;
        };
        if field("runAsUser").is_some() {
            continue;
        }
        let Some(df) = ctx.dockerfile_for_image(&c.image) else {
            continue;
        };
        let Some(from) = df.final_stage.from else {
            continue;
        };
        let user = df.final_stage.user.as_ref();
        let place = user.map_or(from, |(_, s)| *s);
        let why = if is_root_user(user.map(|(u, _)| u.as_str())) {
            "runs as root"
        } else {
            let name = user.map_or("", |(u, _)| u.split(':').next().unwrap_or(""));
            if name.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            "names its user instead of giving a UID, which the kubelet cannot check"
        };
        let Some(at) = ctx.kube_at(non_root.span) else {
            continue;
        };
        out.push(
            RULE.finding(at, format!("{} requires runAsNonRoot, but `{}` {} ({}): the kubelet will refuse to start it", c.owner, c.image, why, ctx.line_of(df, place)))
                .with_help("give the Dockerfile a numeric non-root `USER 10001:10001`, or set `runAsUser` here")
                .with_related(df.at(place), if user.is_some() { "the USER" } else { "the final stage, with no USER" }),
        );
    }
}
