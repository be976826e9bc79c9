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
    sort_in_place(&mut findings);
    findings.dedup_by(|a, b| a.rule.id == b.rule.id && a.at == b.at && a.message == b.message);
    findings
}

/// Sorts by [`order`], equal findings keeping their first-found order,
/// without the buffer of half the findings a stable sort allocates (at
/// the peak of a large run): a permutation of indices is sorted, then
/// applied by following its cycles. std has no in-place stable sort.
fn sort_in_place(findings: &mut [Finding]) {
    let mut perm: Vec<usize> = (0..findings.len()).collect();
    perm.sort_unstable_by(|&i, &j| order(&findings[i], &findings[j]).then(i.cmp(&j)));
    // perm[k] is the finding that belongs at k; a placed slot is marked
    // by pointing at itself.
    for start in 0..perm.len() {
        let mut at = start;
        while perm[at] != start && perm[at] != at {
            let from = perm[at];
            findings.swap(at, from);
            perm[at] = at;
            at = from;
        }
        perm[at] = at;
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use shipready_diagnostics::{FileKind, FileTable, SourceFile, Span};

    #[test]
    fn the_in_place_sort_orders_as_the_stable_sort() {
        let mut table = FileTable::default();
        let ids: Vec<_> = (0..3)
            .map(|i| {
                table.add(SourceFile::new(
                    format!("f{i}"),
                    None,
                    FileKind::Dockerfile,
                    "",
                ))
            })
            .collect();
        let rules = crate::rules::all();
        // Many ties (3 files × 7 offsets × 3 rules over 500 findings),
        // told apart only by the order they were found in (`help`).
        let mut x = 12345u64;
        let mut findings = Vec::new();
        for n in 0..500 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let file = ids[(x >> 33) as usize % 3];
            let start = ((x >> 40) % 7) as u32;
            let rule = rules[((x >> 50) % 3) as usize];
            findings.push(
                rule.finding(Location::text(file, Span::new(start, start + 1)), "m")
                    .with_help(n.to_string()),
            );
        }
        let mut stable = findings.clone();
        stable.sort_by(order);
        sort_in_place(&mut findings);
        let seen = |v: &[Finding]| {
            v.iter()
                .map(|f| (f.rule.id, f.help.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(seen(&findings), seen(&stable));
    }
}
