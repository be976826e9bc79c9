use super::util::labels;
use crate::{Context, LabelType};
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::expand::expand;

crate::declare_rule! {
    /// ## What it does
    /// Checks the values of labels listed in `label-schema` against their
    /// type: not empty (every type), `url` (an RFC 3986 URI with a scheme),
    /// `rfc3339` (a timestamp such as `2026-11-28T10:00:00Z`), `semver`
    /// (`1.4.2`, no leading `v`), `hash` (a git commit: 7 to 40 lower-case
    /// hex digits, or 64 for SHA-256 repositories), `spdx` (an SPDX
    /// license expression such as `MIT OR Apache-2.0`) and `email`.
    ///
    /// Values that hold a `$VARIABLE` are filled in at build time
    /// (`--build-arg REVISION=…`) and are not checked; hadolint reports
    /// them, which forces every pipeline that stamps labels to suppress
    /// the rule.
    ///
    /// ## Why is this bad?
    /// Tools parse these labels: a registry links the source URL, a
    /// scanner reads the licence, a deploy dashboard shows the revision. A
    /// malformed value is dropped or breaks the tool.
    ///
    /// ## Example
    /// ```toml
    /// # shipready.toml
    /// [label-schema]
    /// "org.opencontainers.image.version" = "semver"
    /// ```
    /// ```dockerfile
    /// LABEL org.opencontainers.image.version="v1.2"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// LABEL org.opencontainers.image.version="1.2.0"
    /// ```
    id: "SR-D062",
    name: "label-value-invalid",
    summary: "label value does not match its label-schema type",
    severity: Warning,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"],
    trivy: [],
    checkov: [],
    check: check,
}

/// What is wrong with `value` for `ty`, if anything.
fn problem(ty: LabelType, value: &str) -> Option<&'static str> {
    if value.trim().is_empty() {
        return Some("it is empty");
    }
    let ok = match ty {
        LabelType::Text => true,
        LabelType::Url => fluent_uri::Uri::parse(value).is_ok(),
        LabelType::Rfc3339 => {
            time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339)
                .is_ok()
        }
        LabelType::Semver => semver::Version::parse(value).is_ok(),
        LabelType::Hash => {
            let len_ok = (7..=40).contains(&value.len()) || value.len() == 64;
            len_ok
                && value
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }
        LabelType::Spdx => spdx::Expression::parse(value).is_ok(),
        LabelType::Email => email_address::EmailAddress::is_valid(value),
    };
    (!ok).then_some(match ty {
        LabelType::Text => "it is empty",
        LabelType::Url => "it is not a URL with a scheme",
        LabelType::Rfc3339 => "it is not an RFC 3339 timestamp",
        LabelType::Semver => "it is not a semantic version",
        LabelType::Hash => "it is not a git commit hash",
        LabelType::Spdx => "it is not an SPDX license expression",
        LabelType::Email => "it is not an e-mail address",
    })
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let schema = &ctx.settings.label_schema;
    if schema.is_empty() {
        return;
    }
    for (_, kv, key) in labels(ctx) {
        let Some(&ty) = schema.get(&key) else {
            continue;
        };
        let expanded = expand(&kv.value.value, ctx.df.escape, &|_| None);
        if !expanded.unresolved.is_empty() {
            continue;
        }
        if let Some(why) = problem(ty, &expanded.value) {
            out.push(
                RULE.finding(kv.value.span, format!("label `{key}`: {why}"))
                    .with_help(format!("give `{key}` a valid {} value", type_name(ty))),
            );
        }
    }
}

fn type_name(ty: LabelType) -> &'static str {
    match ty {
        LabelType::Text => "non-empty",
        LabelType::Url => "URL",
        LabelType::Rfc3339 => "RFC 3339 timestamp",
        LabelType::Semver => "semver",
        LabelType::Hash => "git hash",
        LabelType::Spdx => "SPDX",
        LabelType::Email => "e-mail",
    }
}

#[cfg(test)]
mod tests {
    use super::problem;
    use crate::LabelType::*;

    #[test]
    fn each_type_accepts_and_rejects() {
        for (ty, good, bad) in [
            (Url, "https://github.com/acme/shop", "github.com/acme"),
            (Rfc3339, "2026-11-28T10:00:00Z", "2026-11-28 10:00"),
            (Semver, "1.4.2-rc.1", "v1.4"),
            (Hash, "0123abc", "0123ABC"),
            (Spdx, "MIT OR Apache-2.0", "Apache 2"),
            (Email, "ops@example.com", "ops at example"),
        ] {
            assert_eq!(problem(ty, good), None, "{ty:?} {good}");
            assert!(problem(ty, bad).is_some(), "{ty:?} {bad}");
            assert_eq!(problem(ty, " "), Some("it is empty"));
        }
    }
}
