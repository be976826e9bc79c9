//! The rule catalogue, the engines that run it, and the finish step.
//!
//! One file per rule under `rules/`, each declared with [`declare_rule!`]:
//! the doc comment *is* the rule's documentation (`shipready rules ID`,
//! `docs/rules.md`). Engines parse nothing: each gets the parsed units of
//! its kind (the `units` module), prepares what many rules share once in a context,
//! runs the enabled rules, and turns what they found (a span in the
//! context's text, a place in an image) into located findings. The
//! project crate calls every engine, collects every form of suppression
//! ([`suppress`]) and applies [`finish`]: selection, suppressions and
//! stale ones, severity overrides, one order.

mod compose_context;
mod context;
pub mod cross_context;
mod engine;
mod finish;
pub mod fix;
mod image_context;
mod image_engine;
mod kube_context;
mod package_context;
mod provenance;
mod registry;
pub mod rules;
mod scan_settings;
mod settings;
pub mod suppress;
mod units;

pub use compose_context::{is_production_name, lint_compose, ComposeContext};
pub use context::{shell_texts, Context, Run, SpanMap, Syntax};
pub use cross_context::lint_cross;
pub use engine::lint_dockerfile;
pub use finish::{finish, order};
pub use image_context::ImageContext;
pub use image_engine::lint_image;
pub use kube_context::{lint_kube, workload, KubeContext, Workload};
pub use package_context::{lint_packages, PackagesContext};
pub use provenance::Provenance;
pub use registry::{all_rules, find_rule, Check, Rule};
pub use scan_settings::{parse_fail_on, ScanSettings, Source as UpdateSource};
pub use settings::{
    parse_ratio, parse_size, parse_size_gate, ConfigError, GateError, ImageGates, LabelType,
    PerFileIgnore, Settings,
};
pub use units::{
    Build, ComposeUnit, DockerfileUnit, FinalStage, ImageUnit, KubeUnit, Links, PackageUnit, Units,
};

/// Declares a rule's `RULE` static from its doc comment and metadata.
/// A Dockerfile rule ends with `check: f`, an image rule with
/// `image_check: f`, a Compose rule with `compose_check: f`, a Kubernetes
/// rule with `kube_check: f`; optionally followed by `dockle: [...]`,
/// `kube_linter: [...]`, `kube_score: [...]`, `polaris: [...]`.
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
        $kind:ident: $check:path
        $(, dockle: [$($d:literal),*])?
        $(, kube_linter: [$($kl:literal),*])?
        $(, kube_score: [$($ks:literal),*])?
        $(, polaris: [$($po:literal),*])? $(,)?
    ) => {
        pub static RULE: $crate::Rule = $crate::Rule {
            meta: shipready_diagnostics::RuleMeta {
                id: $id,
                name: $name,
                summary: $summary,
                severity: shipready_diagnostics::Severity::$sev,
                category: shipready_diagnostics::Category::$cat,
                target: $crate::__rule_target!($kind),
                fix: shipready_diagnostics::FixKind::$fix,
                default_enabled: $enabled,
                equivalents: shipready_diagnostics::Equivalents {
                    hadolint: &[$($h),*],
                    trivy: &[$($t),*],
                    checkov: &[$($c),*],
                    dockle: &[$($($d),*)?],
                    kube_linter: &[$($($kl),*)?],
                    kube_score: &[$($($ks),*)?],
                    polaris: &[$($($po),*)?],
                },
                doc: concat!($($doc, "\n"),*),
            },
            check: $crate::__rule_check!($kind, $check),
        };
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __rule_target {
    (check) => {
        shipready_diagnostics::Target::Dockerfile
    };
    (image_check) => {
        shipready_diagnostics::Target::Image
    };
    (compose_check) => {
        shipready_diagnostics::Target::Compose
    };
    (kube_check) => {
        shipready_diagnostics::Target::Kubernetes
    };
    (cross_check) => {
        shipready_diagnostics::Target::CrossFile
    };
    (package_check) => {
        shipready_diagnostics::Target::Packages
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __rule_check {
    (check, $check:path) => {
        $crate::Check::Dockerfile($check)
    };
    (image_check, $check:path) => {
        $crate::Check::Image($check)
    };
    (compose_check, $check:path) => {
        $crate::Check::Compose($check)
    };
    (kube_check, $check:path) => {
        $crate::Check::Kube($check)
    };
    (cross_check, $check:path) => {
        $crate::Check::Cross($check)
    };
    (package_check, $check:path) => {
        $crate::Check::Packages($check)
    };
}
