//! Suppressions in every form a team writes them, applied in one place:
//! `# shipready ignore=…` (and hadolint's) comments in Dockerfiles,
//! `# shipready ignore=…` comments in Compose files and manifests,
//! Kubernetes annotations (`shipready.io/ignore`, kube-linter's
//! `ignore-check.kube-linter.io/…`) and `[per-file-ignores]` in
//! `shipready.toml`. Each is collected where it is written into a
//! [`Suppression`]; [`apply`] drops the findings they cover and reports the
//! codes that matched nothing (SR-X001), wherever they are written.

mod annotations;
mod config;
mod dockerfile;
mod pragma;
mod yaml;

pub use annotations::from_annotations;
pub use config::from_config;
pub use dockerfile::from_dockerfile;
pub(crate) use pragma::parse_pragma;
pub use yaml::from_yaml;

use crate::registry::find_rule;
use crate::rules::meta::UNUSED_SUPPRESSION;
use crate::Settings;
use shipready_diagnostics::{FileId, Finding, Location, Span};

/// What a suppression covers.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    /// Findings that start in this byte range of a file: the instruction
    /// after a comment, the YAML entry a comment sits on, an object.
    Range { file: FileId, span: Span },
    /// Every finding of these files (`global ignore=`, per-file ignores).
    Files(Vec<FileId>),
}

impl Scope {
    fn covers(&self, at: &Location) -> bool {
        match (self, at) {
            (Scope::Range { file, span }, Location::Text { file: f, span: s }) => {
                file == f && span.start <= s.start && s.start < span.end
            }
            (Scope::Range { .. }, Location::Image { .. }) => false,
            (Scope::Files(files), at) => files.contains(&at.file()),
        }
    }
}

/// One code of a suppression, as written, with the rules it stands for.
#[derive(Debug, Clone)]
pub struct Code {
    pub text: String,
    pub ids: Vec<&'static str>,
    used: bool,
}

impl Code {
    pub fn new(text: &str) -> Self {
        Code {
            text: text.to_string(),
            ids: find_rule(text).iter().map(|r| r.meta.id).collect(),
            used: false,
        }
    }

    /// A code standing for rules found some other way (kube-linter's
    /// check names).
    pub fn with_ids(text: &str, ids: Vec<&'static str>) -> Self {
        Code {
            text: text.to_string(),
            ids,
            used: false,
        }
    }
}

/// A suppression: where it is written, what it covers, which rules.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// The comment, annotation or config entry itself: where an unused
    /// code is reported.
    pub at: Location,
    pub scope: Scope,
    pub codes: Vec<Code>,
    /// Whether codes that match nothing are reported. kube-linter's
    /// annotations are kube-linter's business; ours and hadolint's are
    /// reported.
    pub report_unused: bool,
    /// "ignore comment", "annotation", "per-file ignore": for messages.
    pub what: &'static str,
}

/// Drops the findings a suppression covers, then adds an SR-X001 finding
/// for every code of a suppression that matched nothing (when the rules
/// it names ran: a suppression of a switched-off rule is not stale).
pub fn apply(findings: &mut Vec<Finding>, suppressions: &mut [Suppression], settings: &Settings) {
    if suppressions.is_empty() {
        return;
    }
    findings.retain(|f| {
        let mut keep = true;
        for s in suppressions.iter_mut() {
            if !s.scope.covers(&f.at) {
                continue;
            }
            for c in s.codes.iter_mut().filter(|c| c.ids.contains(&f.rule.id)) {
                c.used = true;
                keep = false;
            }
        }
        keep
    });
    if !settings.is_enabled(UNUSED_SUPPRESSION.meta.id, true) {
        return;
    }
    for s in suppressions.iter().filter(|s| s.report_unused) {
        for c in s.codes.iter().filter(|c| !c.used) {
            if c.ids.is_empty() {
                // ShellCheck codes (SC…) belong to hadolint's embedded
                // ShellCheck; we neither check nor complain about them.
                if c.text.starts_with("SC") {
                    continue;
                }
                findings.push(
                    UNUSED_SUPPRESSION
                        .finding(
                            s.at.clone(),
                            format!("`{}` in this {} is not a known rule", c.text, s.what),
                        )
                        .with_help("remove it, or use an ID from `shipready rules`"),
                );
                continue;
            }
            let ran = c.ids.iter().any(|id| {
                find_rule(id)
                    .first()
                    .is_some_and(|r| settings.is_enabled(r.meta.id, r.meta.default_enabled))
            });
            if ran {
                findings.push(
                    UNUSED_SUPPRESSION
                        .finding(
                            s.at.clone(),
                            format!("ignore for `{}` matches no finding", c.text),
                        )
                        .with_help(
                            "remove the stale suppression so it cannot hide a future problem",
                        ),
                );
            }
        }
    }
}
