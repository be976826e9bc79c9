use crate::PackagesContext;
use shipready_diagnostics::{Finding, Severity};
use shipready_vuln::Rating;

crate::declare_rule! {
    /// ## What it does
    /// Reports packages with a known vulnerability in the offline
    /// database (`shipready db update` or `shipready db import`): OS
    /// packages matched by their source package in their distribution's
    /// feed, language packages by name in OSV. The finding's severity
    /// follows the vulnerability's rating: CRITICAL and HIGH are errors,
    /// MEDIUM a warning, LOW and UNKNOWN information.
    ///
    /// ## Why is this bad?
    /// A published vulnerability in a shipped package is what attackers
    /// scan for first; the fix usually exists and is a version bump away.
    /// The guide's gate: automated CVE scanning that blocks deployments
    /// with HIGH or CRITICAL findings.
    ///
    /// ## Example
    /// ```text
    /// Django==3.2.1
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Django==3.2.25
    /// ```
    id: "SR-V001",
    name: "vulnerable-package",
    summary: "A package has a known vulnerability",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    package_check: check,
}

/// The finding severity of a rating: the gate's HIGH and CRITICAL are
/// errors.
pub fn severity(r: Rating) -> Severity {
    match r {
        Rating::Critical | Rating::High => Severity::Error,
        Rating::Medium => Severity::Warning,
        Rating::Low | Rating::Unknown => Severity::Info,
    }
}

fn check(ctx: &PackagesContext<'_>, out: &mut Vec<Finding>) {
    let Some(scan) = &ctx.unit.scan else { return };
    for m in &scan.matches {
        let Some(p) = ctx.packages().get(m.package) else {
            continue;
        };
        let Some((at, traced)) = ctx.at(p) else {
            continue;
        };
        let also = if m.aliases.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                m.aliases
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let title = if m.summary.is_empty() {
            String::new()
        } else {
            format!(": {}", m.summary)
        };
        let via = if m.matched_name != p.name.to_ascii_lowercase() && p.ecosystem.is_os() {
            format!(" (source package {} {})", m.matched_name, m.matched_version)
        } else {
            String::new()
        };
        let mut f = RULE.finding(
            at,
            format!(
                "{} {}{via} has {} {}{also}{title} [{}, {}]",
                p.name,
                p.version,
                m.rating.as_str(),
                m.id,
                m.feed,
                m.ecosystem
            ),
        );
        f.severity = severity(m.rating);
        f = f.with_help(if m.fixed.is_empty() {
            "no fixed version is published yet: remove the package if it is not needed, or watch the advisory".to_string()
        } else {
            format!("upgrade to {} or later", m.fixed.join(", "))
        });
        if let Some(t) = traced {
            f = f.with_related(t, "the instruction that installed it");
        }
        out.push(f);
    }
}
