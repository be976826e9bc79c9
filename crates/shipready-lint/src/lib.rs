//! The rule catalogue and the engine that runs it.
//!
//! One file per rule under `rules/`, each declared with [`declare_rule!`]:
//! the doc comment *is* the rule's documentation (`shipready rules ID`,
//! `docs/rules.md`). The engine parses nothing itself: it gets a parsed
//! file, prepares what many rules share (stages, shell scripts of RUN) once
//! in a [`Context`], runs the enabled rules, then applies suppressions and
//! severity overrides.

mod context;
mod engine;
pub mod fix;
mod registry;
pub mod rules;
mod settings;
mod suppress;

pub use context::{Context, Run};
pub use engine::{lint_dockerfile, FileResult};
pub use registry::{all_rules, find_rule, Rule};
pub use settings::{ConfigError, LabelType, Settings};

/// Declares a rule's `RULE` static from its doc comment and metadata.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        id: $id:literal,
        name: $name:literal,
        summary: $summary:literal,
        severity: $sev:ident,
        category: $cat:ident,
        fix: $fix:ident,
        default_enabled: $enabled:literal,
        hadolint: [$($h:literal),*],
        trivy: [$($t:literal),*],
        checkov: [$($c:literal),*],
        check: $check:path $(,)?
    ) => {
        pub static RULE: $crate::Rule = $crate::Rule {
            meta: shipready_diagnostics::RuleMeta {
                id: $id,
                name: $name,
                summary: $summary,
                severity: shipready_diagnostics::Severity::$sev,
                category: shipready_diagnostics::Category::$cat,
                fix: shipready_diagnostics::FixKind::$fix,
                default_enabled: $enabled,
                equivalents: shipready_diagnostics::Equivalents {
                    hadolint: &[$($h),*],
                    trivy: &[$($t),*],
                    checkov: &[$($c),*],
                },
                doc: concat!($($doc, "\n"),*),
            },
            check: $check,
        };
    };
}
