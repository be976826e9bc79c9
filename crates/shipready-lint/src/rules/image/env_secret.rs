use crate::rules::common::secrets::{
    is_reference_or_empty, looks_like_secret_name, looks_like_secret_value,
};
use crate::ImageContext;
use shipready_diagnostics::{ConfigKey, Finding, ImagePlace};

crate::declare_rule! {
    /// ## What it does
    /// Reads the image config's `Env` and reports variables whose value is
    /// a credential (AWS key IDs, private keys, GitHub/GitLab/Slack/Stripe
    /// tokens) or whose name says it holds one (`*_PASSWORD`, `*_TOKEN`,
    /// `*_SECRET`, `API_KEY`, …) with a non-empty value. The message names
    /// the variable and never prints the value.
    ///
    /// ## Why is this bad?
    /// Everyone who can pull the image reads its config: `docker inspect`
    /// prints every variable. The secret is in every registry, cache and
    /// laptop the image reached, and rotating it means rebuilding.
    ///
    /// ## Example
    /// ```dockerfile
    /// ENV DATABASE_PASSWORD=hunter2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// # compose.yaml: inject it at run time
    /// services:
    ///   api:
    ///     secrets: [db_password]
    /// ```
    id: "SR-I004",
    name: "image-env-secret",
    summary: "A secret is stored in the image's environment",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
    dockle: ["CIS-DI-0010"],
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    for var in &ctx.image.config.env {
        let (name, value) = var.split_once('=').unwrap_or((var, ""));
        let what = if let Some(what) = looks_like_secret_value(value) {
            format!("holds {what}")
        } else if looks_like_secret_name(name) && !is_reference_or_empty(value) {
            "is named like a secret and has a value".to_string()
        } else {
            continue;
        };
        out.push(
            RULE.finding(
                ImagePlace::config(ConfigKey::Env(name.to_string())),
                format!("environment variable `{name}` {what}; anyone who pulls the image can read it with `docker inspect`"),
            )
            .with_help("remove it from the image (ENV/ARG), rotate it, and inject it at run time from a secret store"),
        );
    }
}
