use crate::ImageContext;
use shipready_diagnostics::{ConfigKey, Finding, ImagePlace};
use shipready_image::inspect;
use time::macros::date;
use time::Date;

crate::declare_rule! {
    /// ## What it does
    /// Reads the base OS from `/etc/os-release` and reports a release past
    /// the end of its free security support: Debian (including Debian
    /// LTS), Ubuntu (standard support; ESM is paid), Alpine, CentOS and
    /// Amazon Linux. Releases missing from the table are not judged, except
    /// those older than every listed release of their distribution.
    ///
    /// The table is in `base_os_eol.rs` with the date of each entry and is
    /// updated with shipready; dates come from each project's release
    /// pages.
    ///
    /// ## Why is this bad?
    /// After that date nobody publishes fixes for the OS packages: every
    /// new CVE in OpenSSL or glibc stays open in the image for good, and
    /// scanners report a growing list nobody can fix by rebuilding.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:10-slim
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:12-slim
    /// ```
    id: "SR-I015",
    name: "image-base-os-eol",
    summary: "The base OS release no longer gets security fixes",
    severity: Warning,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
}

/// (os-release ID, VERSION_ID up to major.minor, end of free security
/// support). Checked 2026-11.
const EOL: &[(&str, &str, Date)] = &[
    ("debian", "7", date!(2018 - 05 - 31)),
    ("debian", "8", date!(2020 - 06 - 30)),
    ("debian", "9", date!(2022 - 06 - 30)),
    ("debian", "10", date!(2024 - 06 - 30)),
    ("debian", "11", date!(2026 - 08 - 31)),
    ("debian", "12", date!(2028 - 06 - 30)),
    ("debian", "13", date!(2030 - 06 - 30)),
    ("ubuntu", "14.04", date!(2019 - 04 - 30)),
    ("ubuntu", "16.04", date!(2021 - 04 - 30)),
    ("ubuntu", "18.04", date!(2023 - 05 - 31)),
    ("ubuntu", "20.04", date!(2025 - 05 - 29)),
    ("ubuntu", "22.04", date!(2027 - 06 - 01)),
    ("ubuntu", "22.10", date!(2023 - 07 - 20)),
    ("ubuntu", "23.04", date!(2024 - 01 - 25)),
    ("ubuntu", "23.10", date!(2024 - 07 - 11)),
    ("ubuntu", "24.04", date!(2029 - 05 - 31)),
    ("ubuntu", "24.10", date!(2025 - 07 - 10)),
    ("ubuntu", "25.04", date!(2026 - 01 - 15)),
    ("ubuntu", "25.10", date!(2026 - 07 - 09)),
    ("alpine", "3.12", date!(2022 - 05 - 01)),
    ("alpine", "3.13", date!(2022 - 11 - 01)),
    ("alpine", "3.14", date!(2023 - 05 - 01)),
    ("alpine", "3.15", date!(2023 - 11 - 01)),
    ("alpine", "3.16", date!(2024 - 05 - 23)),
    ("alpine", "3.17", date!(2024 - 11 - 22)),
    ("alpine", "3.18", date!(2025 - 05 - 09)),
    ("alpine", "3.19", date!(2025 - 11 - 01)),
    ("alpine", "3.20", date!(2026 - 04 - 01)),
    ("alpine", "3.21", date!(2026 - 11 - 01)),
    ("alpine", "3.22", date!(2027 - 05 - 01)),
    ("alpine", "3.23", date!(2027 - 11 - 01)),
    ("centos", "6", date!(2020 - 11 - 30)),
    ("centos", "7", date!(2024 - 06 - 30)),
    ("centos", "8", date!(2021 - 12 - 31)),
    ("amzn", "2", date!(2026 - 06 - 30)),
    ("amzn", "2023", date!(2029 - 06 - 30)),
];

fn numbers(v: &str) -> Vec<u32> {
    v.split('.').map_while(|p| p.parse().ok()).collect()
}

/// The end-of-support date of `id` `version`, if known.
fn end_of_support(id: &str, version: &str) -> Option<Date> {
    let known: Vec<_> = EOL.iter().filter(|(d, _, _)| *d == id).collect();
    let wanted = numbers(version);
    if wanted.is_empty() {
        return None;
    }
    if let Some((_, _, end)) = known.iter().find(|(_, v, _)| {
        let listed = numbers(v);
        wanted.len() >= listed.len() && wanted[..listed.len()] == listed[..]
    }) {
        return Some(*end);
    }
    let oldest = known.iter().min_by_key(|(_, v, _)| numbers(v))?;
    (wanted < numbers(oldest.1)).then_some(oldest.2)
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    let Some(os) = inspect::os_release(ctx.image, ctx.analysis) else {
        return;
    };
    let Some(end) = end_of_support(&os.id, &os.version_id) else {
        return;
    };
    let today = time::OffsetDateTime::now_utc().date();
    if end >= today {
        return;
    }
    let name = if os.pretty_name.is_empty() {
        format!("{} {}", os.id, os.version_id)
    } else {
        os.pretty_name.clone()
    };
    let layer = ctx
        .layer_of("etc/os-release")
        .or_else(|| ctx.layer_of("usr/lib/os-release"));
    out.push(
        RULE.finding(
            ImagePlace {
                layer,
                path: Some("/etc/os-release".to_string()),
                config: Some(ConfigKey::Base),
            },
            format!("the base is {name}, out of security support since {end}: new CVEs in its packages are never fixed"),
        )
        .with_help("move the FROM to a supported release (e.g. debian:12-slim, alpine:3.22, ubuntu:24.04) or a distroless base")
    );
}

#[cfg(test)]
mod tests {
    use super::end_of_support;
    use time::macros::date;

    #[test]
    fn versions() {
        assert_eq!(
            end_of_support("alpine", "3.19.4"),
            Some(date!(2025 - 11 - 01))
        );
        assert_eq!(end_of_support("debian", "12"), Some(date!(2028 - 06 - 30)));
        assert_eq!(end_of_support("debian", "5"), Some(date!(2018 - 05 - 31)));
        assert_eq!(end_of_support("alpine", "3.99.0"), None);
        assert_eq!(end_of_support("fedora", "40"), None);
        assert_eq!(end_of_support("debian", ""), None);
    }
}
