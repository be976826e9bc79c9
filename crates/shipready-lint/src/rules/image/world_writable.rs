use crate::ImageContext;
use shipready_diagnostics::{Finding, ImagePlace};
use shipready_image::inspect;

crate::declare_rule! {
    /// ## What it does
    /// Lists files anyone may write, and directories anyone may write
    /// without the sticky bit (`/tmp` has it and is fine).
    ///
    /// ## Why is this bad?
    /// Any process in the container, whatever its user, can replace such a
    /// file: a script the service runs, a config it reads. A
    /// `chmod -R 777` to "fix permissions" makes the non-root user
    /// pointless.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN chmod -R 777 /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// COPY --chown=10001:10001 . /app
    /// ```
    id: "SR-I013",
    name: "image-world-writable",
    summary: "A world-writable file or directory is in the image",
    severity: Warning,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    let paths = inspect::world_writable(ctx.analysis);
    for (layer, paths) in super::by_layer(ctx, paths) {
        let from = layer.map_or(String::new(), |l| {
            format!(" from {}", super::origin(ctx, l))
        });
        let n = paths.len();
        let what = if n == 1 {
            "1 path".to_string()
        } else {
            format!("{n} paths")
        };
        out.push(
            RULE.finding(
                ImagePlace {
                    layer,
                    path: paths.first().filter(|_| n == 1).cloned(),
                    config: None,
                },
                format!("{what} writable by every user{from}: {}; any process can replace them", super::list(&paths)),
            )
            .with_help("give them to the service's user instead (`COPY --chown=<uid>`, `chmod 755`/`644`), or add the sticky bit to a shared directory")
        );
    }
}
