use crate::{Report, RuleLookup};
use serde_json::{json, Value};
use shipready_diagnostics::Severity;

/// Version of the JSON contract; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

/// The `--format json` document. See `docs/json-format.md`.
pub fn render_json(report: &Report, lookup: RuleLookup<'_>) -> String {
    let findings: Vec<Value> = report
        .located()
        .iter()
        .map(|l| {
            let f = l.finding;
            let eq = lookup(f.rule).map(|m| m.equivalents).unwrap_or_default();
            let mut v = json!({
                "rule": f.rule,
                "name": lookup(f.rule).map(|m| m.name),
                "severity": f.severity,
                "file": l.file.path,
                "line": l.line,
                "column": l.column,
                "end_line": l.end_line,
                "end_column": l.end_column,
                "message": f.message,
                "help": f.help,
                "equivalents": {
                    "hadolint": eq.hadolint,
                    "trivy": eq.trivy,
                    "checkov": eq.checkov,
                },
            });
            if let Some(fix) = &f.fix {
                v["fix"] = json!({
                    "description": fix.description,
                    "edits": fix.edits.iter().map(|e| json!({
                        "start": e.span.start, "end": e.span.end, "replacement": e.replacement,
                    })).collect::<Vec<_>>(),
                });
            }
            v
        })
        .collect();
    let errors: Vec<Value> = report
        .errors
        .iter()
        .map(|e| json!({"file": e.file, "line": e.line, "column": e.column, "message": e.message}))
        .collect();
    let doc = json!({
        "version": JSON_VERSION,
        "findings": findings,
        "errors": errors,
        "summary": {
            "files": report.files_checked,
            "findings": report.total(),
            "errors": report.errors.len(),
            "by_severity": {
                "error": report.count(Severity::Error),
                "warning": report.count(Severity::Warning),
                "info": report.count(Severity::Info),
                "style": report.count(Severity::Style),
            },
        },
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
