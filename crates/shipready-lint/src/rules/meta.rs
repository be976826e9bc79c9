//! Rules about shipready's own suppressions.

use crate::Context;
use shipready_diagnostics::{Finding, Span};

/// Reported by the engine itself; the check function has nothing to do.
fn no_check(_: &Context<'_>, _: &mut Vec<Finding<Span>>) {}

pub mod unused_suppression {
    crate::declare_rule! {
        /// ## What it does
        /// Reports `# shipready ignore=…` and `# hadolint ignore=…` comments
        /// whose rule produced no finding on the instruction they cover, and
        /// codes that name no known rule.
        ///
        /// ## Why is this bad?
        /// A stale suppression silently hides the next real problem on that
        /// line. Keeping suppressions honest keeps the gate meaningful.
        ///
        /// ## Example
        /// ```dockerfile
        /// # hadolint ignore=DL3008
        /// RUN apt-get install -y curl=7.88.1-10
        /// ```
        ///
        /// ## Use instead
        /// ```dockerfile
        /// RUN apt-get install -y curl=7.88.1-10
        /// ```
        id: "SR-X001",
        name: "unused-suppression",
        summary: "An ignore comment matches no finding",
        severity: Info,
        category: Style,
        fix: None,
        default_enabled: true,
        hadolint: [],
        trivy: [],
        checkov: [],
        check: super::no_check,
    }
}

pub use unused_suppression::RULE as UNUSED_SUPPRESSION;
