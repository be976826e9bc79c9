use crate::PackagesContext;
use shipready_diagnostics::{FileId, Finding, Location, Span};
use shipready_vuln::filter::IgnoreEntry;

crate::declare_rule! {
    /// ## What it does
    /// Reports entries of `.shipready-ignore.toml` that matched no
    /// vulnerability of the packages scanned, and entries past their
    /// `expires` date (which no longer apply: the vulnerability is
    /// reported again).
    ///
    /// ## Why is this bad?
    /// An ignore that matches nothing is left over from a package that was
    /// upgraded or removed; kept, it will silently hide the vulnerability
    /// when the package comes back. An expired one was a promise to look
    /// again.
    ///
    /// ## Example
    /// ```toml
    /// [[ignore]]
    /// id = "CVE-2023-0001"
    /// reason = "not reachable: we never parse untrusted XML"
    /// expires = 2025-01-31
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [[ignore]]
    /// id = "CVE-2023-0001"
    /// reason = "not reachable: we never parse untrusted XML (re-checked 2026-11)"
    /// expires = 2027-05-31
    /// ```
    id: "SR-V002",
    name: "stale-vulnerability-ignore",
    summary: "An ignore-file entry matches nothing or has expired",
    severity: Warning,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    package_check: no_check,
}

/// Reported by the project from the filter step; nothing to do per
/// target (an entry is unused only when no target used it).
fn no_check(_: &PackagesContext<'_>, _: &mut Vec<Finding>) {}

/// The findings for an ignore file's unused and expired entries.
pub fn findings(
    file: FileId,
    entries: &[IgnoreEntry],
    unused: &[usize],
    expired: &[usize],
) -> Vec<Finding> {
    let at = |e: &IgnoreEntry| Location::text(file, Span::from_usize(e.span.0, e.span.1));
    let mut out = Vec::new();
    for e in unused.iter().filter_map(|i| entries.get(*i)) {
        let what = match (&e.package, &e.path) {
            (Some(p), _) => format!(" for {p}"),
            (None, Some(p)) => format!(" under {p}"),
            (None, None) => String::new(),
        };
        out.push(
            RULE.finding(
                at(e),
                format!("`{}`{what} matches no vulnerability found", e.id),
            )
            .with_help("remove the entry: the package was upgraded or removed"),
        );
    }
    for e in expired.iter().filter_map(|i| entries.get(*i)) {
        let when = e.expires.map(|d| d.to_string()).unwrap_or_default();
        out.push(
            RULE.finding(
                at(e),
                format!("`{}` expired on {when}: it is reported again", e.id),
            )
            .with_help("fix the vulnerability, or re-assess it and set a new `expires`"),
        );
    }
    out
}
