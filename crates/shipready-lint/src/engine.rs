//! The engines: each runs the enabled rules of one kind on its units and
//! hands back located findings. Selection, suppressions, severity
//! overrides and order are the project's one finish step, not theirs.

use crate::DockerfileUnit;
use crate::{all_rules, Check, Context, Settings};
use shipready_diagnostics::Finding;

/// Runs the enabled rules whose check `pick` selects on `ctx`.
pub(crate) fn run_enabled<C, At>(
    settings: &Settings,
    ctx: &C,
    pick: impl Fn(Check) -> Option<fn(&C, &mut Vec<Finding<At>>)>,
) -> Vec<Finding<At>> {
    let mut findings = Vec::new();
    for rule in all_rules() {
        let Some(check) = pick(rule.check) else {
            continue;
        };
        if settings.is_enabled(rule.meta.id, rule.meta.default_enabled) {
            check(ctx, &mut findings);
        }
    }
    findings
}

/// The Dockerfile rules on one parsed Dockerfile.
pub fn lint_dockerfile(unit: &DockerfileUnit, settings: &Settings) -> Vec<Finding> {
    let ctx = Context::new(&unit.df, settings);
    run_enabled(settings, &ctx, |c| match c {
        Check::Dockerfile(f) => Some(f),
        _ => None,
    })
    .into_iter()
    .map(|f| f.locate(|span| unit.at(span)))
    .collect()
}
