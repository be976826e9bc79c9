use super::util::labels;
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports label keys that break Docker's key format: a key must start
    /// with a lower-case letter, end with a letter or digit, use only
    /// `a-z`, `0-9`, `.` and `-`, have no `..` or `--`, and stay out of the
    /// reserved `com.docker.`, `io.docker.` and `org.dockerproject.`
    /// namespaces. Keys built from a `$VARIABLE` are not checked.
    ///
    /// ## Why is this bad?
    /// Tools that read labels (registries, scanners, `docker inspect -f`
    /// templates, Kubernetes tooling) expect reverse-DNS keys such as
    /// `org.opencontainers.image.source`; others are silently ignored.
    ///
    /// ## Example
    /// ```dockerfile
    /// LABEL Maintainer="ops@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// LABEL org.opencontainers.image.authors="ops@example.com"
    /// ```
    id: "SR-D059",
    name: "label-key-invalid",
    summary: "label key outside Docker's key format",
    severity: Style,
    category: Style,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3048"],
    trivy: [],
    checkov: [],
    check: check,
}

/// Why `key` is not a valid label key, if it is not.
fn problem(key: &str) -> Option<&'static str> {
    if !key.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("it must start with a lower-case letter");
    }
    if !key.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        return Some("it must end with a letter or digit");
    }
    if key
        .contains(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-'))
    {
        return Some("only a-z, 0-9, `.` and `-` are allowed");
    }
    if key.contains("..") || key.contains("--") {
        return Some("separators must not repeat");
    }
    if ["com.docker.", "io.docker.", "org.dockerproject."]
        .iter()
        .any(|p| key.starts_with(p))
    {
        return Some("that namespace is reserved for Docker");
    }
    None
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, kv, key) in labels(ctx) {
        if kv.key.value.contains('$') {
            continue;
        }
        if let Some(why) = problem(&key) {
            out.push(
                RULE.finding(
                    kv.key.span,
                    format!("label key `{key}` is not valid: {why}"),
                )
                .with_help("use a reverse-DNS key such as `org.opencontainers.image.<name>`"),
            );
        }
    }
}
