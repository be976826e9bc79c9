//! Applying the safe fixes of a set of findings to a file's text.

use shipready_diagnostics::{Edit, Finding, FixKind};

/// Applies every non-overlapping edit of findings whose rule has a safe fix.
/// Returns the new text and how many fixes were applied.
pub fn apply_safe_fixes(source: &str, findings: &[Finding]) -> (String, usize) {
    let mut edits: Vec<(&Edit, usize)> = Vec::new();
    for (n, f) in findings.iter().enumerate() {
        let safe = f.rule.fix == FixKind::Safe;
        if let (true, Some(fix)) = (safe, &f.fix) {
            edits.extend(fix.edits.iter().map(|e| (e, n)));
        }
    }
    edits.sort_by_key(|(e, _)| (e.span.start, e.span.end));
    let mut out = String::with_capacity(source.len() + 64);
    let mut pos = 0usize;
    let mut applied = std::collections::BTreeSet::new();
    let mut skipped = std::collections::BTreeSet::new();
    for (e, n) in &edits {
        let (s, t) = (e.span.start as usize, e.span.end as usize);
        // Overlapping edits wait for the next round (callers loop until no
        // fix applies); one finding's edits apply together or not at all.
        if s < pos || t > source.len() || skipped.contains(n) {
            skipped.insert(*n);
            continue;
        }
        out.push_str(&source[pos..s]);
        out.push_str(&e.replacement);
        pos = t;
        applied.insert(*n);
    }
    out.push_str(&source[pos.min(source.len())..]);
    (out, applied.len())
}
