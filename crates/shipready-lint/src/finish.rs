//! The one finish step every run goes through, whatever produced the
//! findings: selection, every suppression form and its stale codes,
//! severity overrides, then one order.

use crate::suppress::{self, Suppression};
use crate::Settings;
use shipready_diagnostics::{Finding, Location};
use std::cmp::Ordering;

/// Turns the engines' findings into the run's: findings of rules that are
/// not selected are dropped (the engines skip them already; this holds
/// for any engine), suppressed findings are dropped and stale
/// suppressions reported, `[severity]` overrides applied, and findings
/// put in file order (the file table's), then position, then rule; the
/// same finding twice (a Compose file shared by two projects) is one.
pub fn finish(
    mut findings: Vec<Finding>,
    suppressions: &mut [Suppression],
    settings: &Settings,
) -> Vec<Finding> {
    findings.retain(|f| settings.is_enabled(f.rule.id, f.rule.default_enabled));
    suppress::apply(&mut findings, suppressions, settings);
    for f in &mut findings {
        if let Some(sev) = settings.severity.get(f.rule.id) {
            f.severity = *sev;
        }
    }
    findings.sort_by(order);
    findings.dedup_by(|a, b| a.rule.id == b.rule.id && a.at == b.at && a.message == b.message);
    findings
}

/// File, then place in it, then rule ID.
pub fn order(a: &Finding, b: &Finding) -> Ordering {
    a.at.file()
        .cmp(&b.at.file())
        .then_with(|| place(&a.at).cmp(&place(&b.at)))
        .then_with(|| a.rule.id.cmp(b.rule.id))
        .then_with(|| a.message.cmp(&b.message))
}

/// A sort key within a file: text by offset; in an image, the image as a
/// whole and its config first, then layer by layer, path by path.
fn place(at: &Location) -> (u32, usize, String) {
    match at {
        Location::Text { span, .. } => (span.start, 0, String::new()),
        Location::Image { place, .. } => (
            0,
            place.layer.map_or(0, |l| l + 1),
            place.path.clone().unwrap_or_default(),
        ),
    }
}
