use super::util::{packages, rpm_install, rpm_subcommand, unpinned_packages, RPM_VALUE_FLAGS};
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports packages in `yum`/`dnf`/`microdnf install` without a version
    /// (`httpd-2.4.62`), in `dnf module install` without a stream
    /// (`nodejs:20`), and in `zypper install` without a version constraint
    /// (`curl=8.6.0`, `curl>=8`). RPM files, paths, URLs, `@groups` and
    /// variables are not checked.
    ///
    /// ## Why is this bad?
    /// Unpinned packages make the image depend on the day it was built:
    /// two builds of the same commit can ship different software.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN dnf install -y httpd && dnf clean all
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    id: "SR-D049",
    name: "rpm-unpinned",
    summary: "yum/dnf/zypper install without package versions",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3033", "DL3037", "DL3041"],
    trivy: [],
    checkov: [],
    check: check,
}

/// `name-version[-release]`: some part after a dash starts with a digit and
/// every part after the first dash is made of version characters.
fn rpm_versioned(pkg: &str) -> bool {
    let mut parts = pkg.split('-');
    parts.next();
    let rest: Vec<_> = parts.collect();
    !rest.is_empty()
        && rest
            .iter()
            .any(|p| p.starts_with(|c: char| c.is_ascii_digit() || c == '$'))
        && rest.iter().all(|p| {
            p.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".~^_:+*${}".contains(c))
        })
}

fn skipped(t: &str) -> bool {
    t.ends_with(".rpm")
        || t.starts_with('/')
        || t.starts_with("./")
        || t.starts_with('$')
        || t.starts_with('@')
        || t.contains("://")
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        let Some(manager) = rpm_install(c) else {
            continue;
        };
        let module = rpm_subcommand(c).is_some_and(|w| w.text == "module");
        let mut pkgs = packages(c, RPM_VALUE_FLAGS);
        if module {
            // `dnf module install`: the first operand is `install`.
            pkgs.remove(0);
        }
        let unpinned: Vec<_> = pkgs
            .into_iter()
            .filter(|w| {
                let t = w.text.as_str();
                if skipped(t) {
                    return false;
                }
                if module {
                    return !t.contains(':');
                }
                match manager {
                    "zypper" => !t.contains(['=', '<', '>']),
                    _ => !rpm_versioned(t),
                }
            })
            .collect();
        let help = match (manager, module) {
            (_, true) => "pin a stream: `dnf module install <module>:<stream>`".to_string(),
            ("zypper", _) => "pin versions: `zypper install -y <pkg>=<version>`".to_string(),
            (m, _) => format!("pin versions: `{m} install -y <pkg>-<version>`"),
        };
        out.extend(unpinned_packages(&RULE, &unpinned, manager, &help));
    }
}

#[cfg(test)]
mod tests {
    use super::rpm_versioned;

    #[test]
    fn rpm_version_forms() {
        assert!(rpm_versioned("httpd-2.4.62"));
        assert!(rpm_versioned("httpd-2.4.62-1.el9"));
        assert!(rpm_versioned("python3-pip-21.2.3"));
        assert!(!rpm_versioned("httpd"));
        assert!(!rpm_versioned("epel-release"));
        assert!(!rpm_versioned("python3-pip"));
        assert!(rpm_versioned("mysql-shell-$MYSQL_SHELL_VERSION"));
    }
}
