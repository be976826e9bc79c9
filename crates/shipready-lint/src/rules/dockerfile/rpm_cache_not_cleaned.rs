use super::util::{has_cache_mount, rpm_install};
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::Command;

crate::declare_rule! {
    /// ## What it does
    /// Reports a RUN that installs with `yum`, `dnf`, `microdnf` or `zypper`
    /// and does not clean the package cache in the same RUN
    /// (`yum clean all`, `dnf clean all`, `microdnf clean all`,
    /// `zypper clean --all`, or `rm -rf /var/cache/{yum,dnf,zypp}`), unless
    /// the cache directory is a `--mount=type=cache`.
    ///
    /// ## Why is this bad?
    /// Repository metadata and downloaded RPMs stay in the layer, often
    /// 50–200 MB, and a later `RUN … clean` cannot take them out of it.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN dnf install -y httpd-2.4.62
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    id: "SR-D048",
    name: "rpm-cache-not-cleaned",
    summary: "yum/dnf/zypper cache left in the layer",
    severity: Warning,
    category: Size,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3032", "DL3036", "DL3040"],
    trivy: [],
    checkov: [],
    check: check,
}

/// Where each manager keeps its cache. yum, dnf and microdnf share
/// /var/cache/yum on older releases; dnf5 moved to /var/cache/libdnf5.
fn cache_dirs(manager: &str) -> &'static [&'static str] {
    match manager {
        "zypper" => &["/var/cache/zypp"],
        "yum" => &["/var/cache/yum"],
        _ => &["/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/yum"],
    }
}

fn cleans(c: &Command, manager: &str) -> bool {
    if c.is("rm") {
        // yum and dnf share /var/cache/yum on older releases.
        return c
            .args()
            .iter()
            .any(|w| cache_dirs(manager).iter().any(|d| w.text.starts_with(d)));
    }
    let sub = c.subcommand().map(|w| w.text.as_str());
    match manager {
        "zypper" => c.is("zypper") && matches!(sub, Some("clean" | "cc")),
        // Each manager cleans its own cache: `microdnf clean all` after a
        // `dnf install` leaves dnf's.
        _ => {
            let same = match manager {
                "dnf" => c.is("dnf") || c.is("dnf5"),
                m => c.is(m),
            };
            same && sub == Some("clean")
                && c.args()
                    .iter()
                    .any(|w| w.text == "all" || w.text == "packages")
        }
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for run in &ctx.runs {
        let cmds = &run.script.commands;
        for (i, c) in cmds.iter().enumerate() {
            let Some(manager) = rpm_install(c) else {
                continue;
            };
            if cache_dirs(manager)
                .iter()
                .any(|d| has_cache_mount(run.inst, d))
                || cmds[i + 1..].iter().any(|later| cleans(later, manager))
            {
                continue;
            }
            let clean = match manager {
                "zypper" => "zypper clean --all".to_string(),
                m => format!("{m} clean all"),
            };
            out.push(
                RULE.finding(
                    c.program_span(),
                    format!("the {manager} cache stays in this layer after the install"),
                )
                .with_help(format!("end the same RUN with `&& {clean}`")),
            );
            // One finding per manager per RUN is enough.
            break;
        }
    }
}
