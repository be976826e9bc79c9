use crate::{Report, RuleLookup};
use serde::Serialize;
use shipready_diagnostics::{Equivalents, Severity};

/// Version of the JSON contract; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

// Borrowing structs serialised straight to the output: building a
// `serde_json::Value` tree first cost more than linting the whole corpus.
#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    findings: Vec<FindingOut<'a>>,
    errors: Vec<ErrorOut<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'a str,
    name: Option<&'static str>,
    severity: Severity,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: &'a str,
    help: Option<&'a str>,
    equivalents: Equivalents,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<FixOut<'a>>,
}

#[derive(Serialize)]
struct FixOut<'a> {
    description: &'a str,
    edits: Vec<EditOut<'a>>,
}

#[derive(Serialize)]
struct EditOut<'a> {
    start: u32,
    end: u32,
    replacement: &'a str,
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    file: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    findings: usize,
    errors: usize,
    by_severity: BySeverity,
}

#[derive(Serialize)]
struct BySeverity {
    error: usize,
    warning: usize,
    info: usize,
    style: usize,
}

/// The `--format json` document. See `docs/json-format.md`.
pub fn render_json(report: &Report, lookup: RuleLookup<'_>) -> String {
    let located = report.located();
    let findings = located
        .iter()
        .map(|l| {
            let f = l.finding;
            let meta = lookup(f.rule);
            FindingOut {
                rule: f.rule,
                name: meta.map(|m| m.name),
                severity: f.severity,
                file: &l.file.path,
                line: l.line,
                column: l.column,
                end_line: l.end_line,
                end_column: l.end_column,
                message: &f.message,
                help: f.help.as_deref(),
                equivalents: meta.map(|m| m.equivalents).unwrap_or_default(),
                fix: f.fix.as_ref().map(|fix| FixOut {
                    description: &fix.description,
                    edits: fix
                        .edits
                        .iter()
                        .map(|e| EditOut {
                            start: e.span.start,
                            end: e.span.end,
                            replacement: &e.replacement,
                        })
                        .collect(),
                }),
            }
        })
        .collect();
    let errors = report
        .errors
        .iter()
        .map(|e| ErrorOut {
            file: &e.file,
            line: e.line,
            column: e.column,
            message: &e.message,
        })
        .collect();
    let doc = Doc {
        version: JSON_VERSION,
        findings,
        errors,
        summary: Summary {
            files: report.files_checked,
            findings: report.total(),
            errors: report.errors.len(),
            by_severity: BySeverity {
                error: report.count(Severity::Error),
                warning: report.count(Severity::Warning),
                info: report.count(Severity::Info),
                style: report.count(Severity::Style),
            },
        },
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
