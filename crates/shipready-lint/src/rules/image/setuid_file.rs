use crate::ImageContext;
use shipready_diagnostics::{Finding, ImagePlace};
use shipready_image::inspect;

crate::declare_rule! {
    /// ## What it does
    /// Lists files in the final image with the setuid or setgid bit.
    ///
    /// ## Why is this bad?
    /// A setuid binary runs with its owner's rights whatever the caller's:
    /// `su`, `mount`, `passwd` are how a process that got in as a user
    /// becomes root. A service image rarely needs any. (Kubernetes
    /// `allowPrivilegeEscalation: false` blunts them; removing them is
    /// better.)
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true
    /// ```
    id: "SR-I012",
    name: "image-setuid-file",
    summary: "A setuid or setgid file is in the image",
    severity: Info,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
    dockle: ["CIS-DI-0008"],
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    let files = inspect::setuid_files(ctx.analysis);
    for (layer, paths) in super::by_layer(ctx, files) {
        let marked: Vec<String> = paths
            .iter()
            .map(|p| {
                let mode = ctx
                    .analysis
                    .files
                    .get(p.trim_start_matches('/'))
                    .map_or(0, |f| f.mode);
                let bits = match (mode & 0o4000 != 0, mode & 0o2000 != 0) {
                    (true, true) => "setuid+setgid",
                    (true, false) => "setuid",
                    _ => "setgid",
                };
                format!("{p} ({bits})")
            })
            .collect();
        let from = layer.map_or(String::new(), |l| {
            format!(" from {}", super::origin(ctx, l))
        });
        let (n, s) = (paths.len(), if paths.len() == 1 { "" } else { "s" });
        out.push(
            RULE.finding(
                ImagePlace {
                    layer,
                    path: paths.first().filter(|_| n == 1).cloned(),
                    config: None,
                },
                format!("{n} setuid/setgid file{s}{from}: {}; each is a way from any user to its owner's rights", super::list(&marked)),
            )
            .with_help("remove the bits in the final stage (`find / -xdev -perm /6000 -type f -exec chmod a-s {} +`) or use a distroless base")
        );
    }
}
