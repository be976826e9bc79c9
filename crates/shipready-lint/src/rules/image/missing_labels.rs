use crate::ImageContext;
use shipready_diagnostics::{Finding, ImagePlace};

crate::declare_rule! {
    /// ## What it does
    /// Checks that the image carries the labels that trace it back to its
    /// source: by default the OCI annotations
    /// `org.opencontainers.image.source`, `.version` and `.revision`.
    /// The list is `[image] required-labels` in `shipready.toml`.
    ///
    /// ## Why is this bad?
    /// When an incident starts from a running container, these labels
    /// answer "which commit is this?" without guesswork; registries,
    /// Renovate and scanners link back to the repository through them.
    ///
    /// ## Example
    /// ```sh
    /// docker build -t shop/api:1.4.2 .
    /// ```
    ///
    /// ## Use instead
    /// ```sh
    /// docker build -t shop/api:1.4.2 \
    ///   --label org.opencontainers.image.source=https://github.com/shop/api \
    ///   --label org.opencontainers.image.version=1.4.2 \
    ///   --label org.opencontainers.image.revision=$(git rev-parse HEAD) .
    /// ```
    id: "SR-I006",
    name: "image-missing-labels",
    summary: "The image lacks the labels that trace it to its source",
    severity: Info,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    let labels = &ctx.image.config.labels;
    let missing: Vec<&str> = ctx
        .settings
        .image
        .required_labels
        .iter()
        .filter(|l| labels.get(l.as_str()).is_none_or(|v| v.trim().is_empty()))
        .map(String::as_str)
        .collect();
    if missing.is_empty() {
        return;
    }
    let flags: Vec<String> = missing.iter().map(|l| format!("--label {l}=…")).collect();
    out.push(
        RULE.finding(
            ImagePlace::image(),
            format!(
                "the image has no {}: nothing ties a running container to its commit",
                missing.join(", ")
            ),
        )
        .with_help(format!(
            "set them at build time: `docker build {} .`",
            flags.join(" ")
        )),
    );
}
