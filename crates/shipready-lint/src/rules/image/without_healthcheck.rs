use crate::ImageContext;
use shipready_diagnostics::{ConfigKey, Finding, ImagePlace};

crate::declare_rule! {
    /// ## What it does
    /// Reports an image whose config has no `Healthcheck`, or one whose
    /// test is `NONE` (`HEALTHCHECK NONE` switches off the base image's).
    ///
    /// ## Why is this bad?
    /// Without a health check, Docker and Compose report a hung process as
    /// `running`; `depends_on: condition: service_healthy` cannot wait for
    /// it and restarts never happen. (Kubernetes ignores the image's health
    /// check: give the pod probes too.)
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM gcr.io/distroless/static
    /// COPY server /server
    /// CMD ["/server"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM gcr.io/distroless/static
    /// COPY server /server
    /// HEALTHCHECK --interval=30s --timeout=3s CMD ["/server", "healthcheck"]
    /// CMD ["/server"]
    /// ```
    id: "SR-I002",
    name: "image-without-healthcheck",
    summary: "The image has no health check",
    severity: Warning,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
    dockle: ["CIS-DI-0006"],
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    let disabled = match ctx.image.config.healthcheck.as_deref() {
        None | Some([]) => Some("has no health check"),
        Some([first, ..]) if first == "NONE" => Some("switches its health check off (`NONE`)"),
        Some(_) => None,
    };
    if let Some(what) = disabled {
        out.push(
            RULE.finding(
                ImagePlace::config(ConfigKey::Healthcheck),
                format!("the image {what}: a hung process still counts as running"),
            )
            .with_help("add `HEALTHCHECK CMD <a command that fails when the service cannot serve>` to the final stage"),
        );
    }
}
