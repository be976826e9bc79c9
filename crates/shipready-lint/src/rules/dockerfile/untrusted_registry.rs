use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// When `trusted-registries` is set in `shipready.toml` (or
    /// `trustedRegistries` in `.hadolint.yaml`), reports a `FROM` whose
    /// image comes from any other registry. Images without a registry come
    /// from `docker.io`. Entries may start with `*.` to allow every
    /// sub-domain. Images built from an earlier stage, `scratch`, and
    /// references still holding an unresolved `$VARIABLE` are not checked.
    ///
    /// With no `trusted-registries` configured the rule reports nothing.
    ///
    /// ## Why is this bad?
    /// A base image from an unvetted registry is code you run in
    /// production without review; many organisations allow only their
    /// mirror.
    ///
    /// ## Example
    /// ```toml
    /// # shipready.toml
    /// trusted-registries = ["registry.example.com"]
    /// ```
    /// ```dockerfile
    /// FROM quay.io/someone/base:1.0
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM registry.example.com/mirror/base:1.0
    /// ```
    id: "SR-D053",
    name: "untrusted-registry",
    summary: "base image from a registry not in trusted-registries",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3026"],
    trivy: [],
    checkov: [],
    check: check,
}

fn trusted(registry: &str, allowed: &[String]) -> bool {
    let registry = registry.to_ascii_lowercase();
    let docker_hub =
        |r: &str| matches!(r, "docker.io" | "index.docker.io" | "registry-1.docker.io");
    allowed.iter().any(|a| {
        let a = a.to_ascii_lowercase();
        if let Some(suffix) = a.strip_prefix("*.") {
            registry.ends_with(&format!(".{suffix}"))
        } else {
            a == registry || (docker_hub(&a) && docker_hub(&registry))
        }
    })
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let allowed = &ctx.settings.trusted_registries;
    if allowed.is_empty() {
        return;
    }
    for s in &ctx.stages {
        if s.parent.is_some() || s.image.is_scratch() || !s.image.unresolved.is_empty() {
            continue;
        }
        let registry = s.image.registry.as_deref().unwrap_or("docker.io");
        if !trusted(registry, allowed) {
            out.push(
                RULE.finding(
                    s.image_span,
                    format!(
                        "`{}` comes from `{registry}`, which is not a trusted registry",
                        s.image.raw
                    ),
                )
                .with_help(format!("use an image from {}", allowed.join(", "))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::trusted;

    #[test]
    fn wildcards_and_docker_hub_aliases() {
        let allowed = vec!["*.example.com".to_string(), "docker.io".to_string()];
        assert!(trusted("registry.example.com", &allowed));
        assert!(!trusted("example.com.evil.io", &allowed));
        assert!(trusted("index.docker.io", &allowed));
        assert!(!trusted("quay.io", &allowed));
    }
}
