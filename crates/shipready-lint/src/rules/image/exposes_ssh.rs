use crate::ImageContext;
use shipready_diagnostics::{ConfigKey, Finding, ImagePlace};

crate::declare_rule! {
    /// ## What it does
    /// Reports port 22 among the image's exposed ports.
    ///
    /// ## Why is this bad?
    /// An SSH daemon in a container is a second way in, with its own keys
    /// and passwords to leak, and it defeats the immutable-image model:
    /// people change running containers instead of shipping new images.
    /// `docker exec` and `kubectl exec` already give a shell when needed.
    ///
    /// ## Example
    /// ```dockerfile
    /// EXPOSE 22 8080
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// EXPOSE 8080
    /// ```
    id: "SR-I003",
    name: "image-exposes-ssh",
    summary: "The image exposes port 22 (SSH)",
    severity: Warning,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["DS004"],
    checkov: [],
    image_check: check,
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    for port in &ctx.image.config.exposed_ports {
        let number = port.split('/').next().unwrap_or(port);
        if number == "22" {
            out.push(
                RULE.finding(
                    ImagePlace::config(ConfigKey::ExposedPort(22)),
                    format!("the image exposes {port}: an SSH server in a container is a second, unaudited way in"),
                )
                .with_help("remove the SSH server and `EXPOSE 22`; use `docker exec` or `kubectl exec` to debug"),
            );
        }
    }
}
