//! Inline suppressions: `# shipready ignore=SR-D012,DL3008 reason` and
//! hadolint's `# hadolint ignore=DL3008` on the line(s) before an
//! instruction, and `# … global ignore=…` for the whole file.

use crate::registry::find_rule;
use crate::rules::meta::UNUSED_SUPPRESSION;
use crate::Settings;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::Dockerfile;

struct Entry {
    /// The code as written (`DL3008`), for messages.
    code: String,
    /// Our rule IDs it stands for.
    ids: Vec<&'static str>,
    /// Lines covered (1-based, inclusive); `None` = whole file.
    lines: Option<(u32, u32)>,
    span: Span,
    used: bool,
}

pub(crate) fn parse_pragma(text: &str) -> Option<(bool, &str, &str)> {
    let (tool, rest) = text.split_once(char::is_whitespace)?;
    if tool != "shipready" && tool != "hadolint" {
        return None;
    }
    let rest = rest.trim_start();
    let (global, rest) = match rest.strip_prefix("global") {
        Some(r) => (true, r.trim_start()),
        None => (false, rest),
    };
    let list = rest.strip_prefix("ignore=")?;
    Some((global, tool, list))
}

pub(crate) fn apply(df: &Dockerfile, settings: &Settings, findings: &mut Vec<Finding>) {
    let mut entries = Vec::new();
    for c in &df.comments {
        let Some((global, tool, list)) = parse_pragma(&c.text) else {
            continue;
        };
        if tool == "hadolint" && !settings.ignore_pragmas {
            continue;
        }
        let list = list.split_whitespace().next().unwrap_or("");
        let lines = if global {
            None
        } else {
            // The next instruction after the comment.
            df.instructions
                .iter()
                .find(|i| i.start_line > c.line)
                .map(|i| (i.start_line, i.end_line))
                .or(Some((0, 0)))
        };
        for code in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let ids: Vec<_> = find_rule(code).iter().map(|r| r.meta.id).collect();
            entries.push(Entry {
                code: code.to_string(),
                ids,
                lines,
                span: c.span,
                used: false,
            });
        }
    }
    if entries.is_empty() {
        return;
    }
    let index = shipready_diagnostics::LineIndex::new(&df.source);
    findings.retain(|f| {
        let line = u32::try_from(index.line_of(f.span.start) + 1).unwrap_or(u32::MAX);
        let mut keep = true;
        for e in entries.iter_mut() {
            let covers = match e.lines {
                None => true,
                Some((a, b)) => a <= line && line <= b,
            };
            if covers && e.ids.contains(&f.rule) {
                e.used = true;
                keep = false;
            }
        }
        keep
    });
    if !settings.is_enabled(UNUSED_SUPPRESSION.meta.id, true) {
        return;
    }
    for e in entries {
        if e.used {
            continue;
        }
        if e.ids.is_empty() {
            // ShellCheck codes (SC…) belong to hadolint's embedded
            // ShellCheck; we neither check nor complain about them.
            if e.code.starts_with("SC") {
                continue;
            }
            findings.push(
                UNUSED_SUPPRESSION
                    .finding(
                        e.span,
                        format!("`{}` in this ignore comment is not a known rule", e.code),
                    )
                    .with_help("remove it, or use an ID from `shipready rules`"),
            );
            continue;
        }
        if !e.ids.iter().any(|id| {
            find_rule(id)
                .first()
                .is_some_and(|r| settings.is_enabled(r.meta.id, r.meta.default_enabled))
        }) {
            continue;
        }
        findings.push(
            UNUSED_SUPPRESSION
                .finding(
                    e.span,
                    format!("ignore for `{}` matches no finding", e.code),
                )
                .with_help("remove the stale suppression so it cannot hide a future problem"),
        );
    }
}
