use crate::Severity;
use serde::Serialize;

/// What a rule is about; used for grouping in `shipready rules` and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// The file will not build, or builds something other than intended.
    Correctness,
    /// Root users, secrets, untrusted sources.
    Security,
    /// Image size, caches, layers.
    Size,
    /// Reproducible builds: pinned bases and packages.
    Reproducibility,
    /// Build speed and layer caching.
    BuildCache,
    /// Health checks, signals, operability in production.
    Operability,
    /// Deprecated or needlessly surprising constructs.
    Style,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Correctness => "correctness",
            Category::Security => "security",
            Category::Size => "size",
            Category::Reproducibility => "reproducibility",
            Category::BuildCache => "build-cache",
            Category::Operability => "operability",
            Category::Style => "style",
        }
    }
}

/// Whether a rule can repair what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    None,
    /// Applied by `--fix`: cannot change what the image does.
    Safe,
    /// Shown as a suggestion only.
    Suggested,
}

/// The IDs of the same check in the tools users come from, so they can map
/// their existing configuration and dashboards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Equivalents {
    pub hadolint: &'static [&'static str],
    pub trivy: &'static [&'static str],
    pub checkov: &'static [&'static str],
    /// dockle's image checks (CIS-DI-*, DKL-*), for the image rules.
    pub dockle: &'static [&'static str],
    /// kube-linter check names (also honoured in its
    /// `ignore-check.kube-linter.io/<name>` annotations).
    pub kube_linter: &'static [&'static str],
    /// kube-score test names.
    pub kube_score: &'static [&'static str],
    /// Polaris check IDs.
    pub polaris: &'static [&'static str],
}

impl Equivalents {
    pub const NONE: Equivalents = Equivalents {
        hadolint: &[],
        trivy: &[],
        checkov: &[],
        dockle: &[],
        kube_linter: &[],
        kube_score: &[],
        polaris: &[],
    };

    /// Every upstream ID, in the order the tools are listed.
    pub fn all(&self) -> impl Iterator<Item = &'static str> {
        self.hadolint
            .iter()
            .chain(self.trivy)
            .chain(self.checkov)
            .chain(self.dockle)
            .chain(self.kube_linter)
            .chain(self.kube_score)
            .chain(self.polaris)
            .copied()
    }
}

/// What a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    /// A Dockerfile's text (`shipready lint`).
    Dockerfile,
    /// A built image: its config, layers and file tree (`shipready image`).
    Image,
    /// A Compose project, loaded and merged (`shipready lint`).
    Compose,
    /// Kubernetes manifests (`shipready lint`).
    Kubernetes,
    /// A Dockerfile with the Compose service or Kubernetes containers of
    /// its image (`shipready lint` on a directory).
    CrossFile,
    /// The packages an image or a source tree holds, against the
    /// vulnerability database (`shipready scan`).
    Packages,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Dockerfile => "dockerfile",
            Target::Image => "image",
            Target::Compose => "compose",
            Target::Kubernetes => "kubernetes",
            Target::CrossFile => "cross-file",
            Target::Packages => "packages",
        }
    }
}

/// Static description of a rule. IDs never change once released.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleMeta {
    /// Stable identifier, e.g. `SR-D001`.
    pub id: &'static str,
    /// kebab-case name, e.g. `final-stage-runs-as-root`.
    pub name: &'static str,
    /// One line: what the rule checks.
    pub summary: &'static str,
    pub severity: Severity,
    pub category: Category,
    pub target: Target,
    pub fix: FixKind,
    /// Off unless selected in configuration (hadolint's opt-in rules).
    pub default_enabled: bool,
    pub equivalents: Equivalents,
    /// Markdown documentation, taken from the rule's doc comment.
    #[serde(skip)]
    pub doc: &'static str,
}

impl RuleMeta {
    /// The text of one `## Heading` section of the rule's documentation,
    /// without the heading: each line without the space a doc comment
    /// puts first, blank lines at either end dropped.
    pub fn section(&self, heading: &str) -> Option<String> {
        let mut lines = self.doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l));
        lines.find(|l| l.strip_prefix("## ").is_some_and(|h| h.trim() == heading))?;
        let body: Vec<&str> = lines.take_while(|l| !l.starts_with("## ")).collect();
        Some(body.join("\n").trim().to_string())
    }

    /// The documentation as Markdown: without the space a doc comment
    /// puts before each line.
    pub fn markdown(&self) -> String {
        let mut s: String = self
            .doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        s.push('\n');
        s
    }

    /// The "What it does" section: a rule's full description.
    pub fn description(&self) -> String {
        self.section("What it does")
            .unwrap_or_else(|| self.summary.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_read_from_the_doc() {
        let meta = RuleMeta {
            id: "SR-T001",
            name: "t",
            summary: "short",
            severity: Severity::Info,
            category: Category::Style,
            target: Target::Dockerfile,
            fix: FixKind::None,
            default_enabled: true,
            equivalents: Equivalents::NONE,
            doc: " ## What it does\n Reports\n things.\n\n ## Why is this bad?\n Because.\n",
        };
        assert_eq!(meta.description(), "Reports\nthings.");
        assert_eq!(
            meta.section("Why is this bad?").as_deref(),
            Some("Because.")
        );
        assert_eq!(meta.section("Example"), None);
    }
}
